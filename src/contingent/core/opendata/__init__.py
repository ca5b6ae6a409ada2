"""Open data: the publication gate and the writers (CSV, HXL CSV, JSON, GeoJSON, IATI 2.03).

Everything public goes through ``publication``: writers accept only a ``PublicTable``, built by
``publish_records`` (public records, allow-listed fields) or ``publish_aggregate`` (counts per
public group, small groups suppressed). The IATI export filters contributions with the same
``public_only``. Validators return ``Problem`` lists; they never fetch anything.
"""

from contingent.core.opendata.exports import (
    ACCESS_SUMMARY_HXL_TAGS,
    COST_ESTIMATE_HXL_TAGS,
    FUNDING_HXL_TAGS,
    INCIDENT_SUMMARY_HXL_TAGS,
    cost_estimate_table,
    funding_table,
    weekly_summary_table,
)
from contingent.core.opendata.geojson import write_geojson
from contingent.core.opendata.geojson_check import check_geojson
from contingent.core.opendata.problems import Problem, Severity, errors
from contingent.core.opendata.publication import (
    Classification,
    PublicTable,
    classification_of,
    public_only,
    publish_aggregate,
    publish_records,
)
from contingent.core.opendata.tables import check_hxl_tags, write_csv, write_hxl_csv, write_json

__all__ = [
    "ACCESS_SUMMARY_HXL_TAGS",
    "COST_ESTIMATE_HXL_TAGS",
    "FUNDING_HXL_TAGS",
    "INCIDENT_SUMMARY_HXL_TAGS",
    "Classification",
    "Problem",
    "PublicTable",
    "Severity",
    "check_geojson",
    "check_hxl_tags",
    "classification_of",
    "cost_estimate_table",
    "errors",
    "funding_table",
    "public_only",
    "publish_aggregate",
    "publish_records",
    "weekly_summary_table",
    "write_csv",
    "write_geojson",
    "write_hxl_csv",
    "write_json",
]
