"""Import protected sites from GeoJSON or CSV: all or nothing, with a row-level report.

Parsing, validation and P-codes are the core's (``core.access.sites_import``); here the valid
sites are stored, each as a notification version with its receipt and ledger entry, in one
transaction. Rows outside the area of operations are skipped and counted (a country-wide file
such as the HOT OSM health facilities holds West Bank rows that are not in this area); any other
bad row refuses the whole file (``ImportRejected`` names every row) and nothing is stored.

A site whose id (OSM ``osm-nodes-…``, or the file's ``id``) is already a notification of the
same organisation gets a new version: re-importing a file reconfirms, it does not duplicate.
Data: © OpenStreetMap contributors, ODbL 1.0, when the file is the HOT OSM export.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from contingent.core.access import sites_import as core_import
from contingent.core.access.model import SiteCategory, SiteNotification
from contingent.core.access.windows import FAR_FUTURE, TimeWindow
from contingent.core.errors import ErrorCode, NotFound

from .. import models as db
from ..boundaries import load_boundaries
from .notify import do_notify

MAX_IMPORT_BYTES = 20_000_000
_NOT_FIELDS = {"id", "version", "organisation_id"}


@dataclass
class ImportReport:
    boundaries: str
    imported: list[str] = field(default_factory=list)  # notification keys
    new_versions: int = 0
    skipped_rows: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "boundaries": self.boundaries,
            "imported": len(self.imported),
            "new_versions_of_existing": self.new_versions,
            "skipped_outside_area": list(self.skipped_rows),
        }


def check_import_sites(
    raw: bytes,
    filename: str,
    organisation: Any,
    *,
    actor: str,
    boundaries: str | None = None,
    illustrative: bool = False,
    default_category: SiteCategory | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate every row (raises ``core_import.ImportRejected`` naming each bad row), then store
    all of them in one transaction."""
    if organisation is None:
        raise NotFound(
            "no such organisation",
            code=ErrorCode.UNKNOWN_REFERENCE,
            fields={"organisation": "unknown"},
        )
    bounds = load_boundaries(boundaries)
    fmt = "csv" if filename.lower().endswith(".csv") else "geojson"
    result = core_import.import_sites(
        raw,
        fmt,  # type: ignore[arg-type]
        organisation_id=organisation.key,
        area=bounds.area,
        admin=bounds.admin,
        validity=TimeWindow(timezone.now(), FAR_FUTURE),
        outside_area="skip",
        default_category=default_category,
        max_bytes=MAX_IMPORT_BYTES,
    )
    report = ImportReport(bounds.path, skipped_rows=result.skipped_outside_area)
    _store_sites(result.sites, organisation, report, actor, illustrative, progress)
    return report


@transaction.atomic
def _store_sites(
    sites: Sequence[SiteNotification],
    organisation: Any,
    report: ImportReport,
    actor: str,
    illustrative: bool,
    progress: Callable[[int, int], None] | None,
) -> None:
    """Each valid site as a notification version (a new version where the organisation has
    notified it before), all in one transaction."""
    ours = set(
        db.Notification.objects.filter(organisation=organisation, kind="site").values_list(
            "key", flat=True
        )
    )
    for n, site in enumerate(sites, start=1):
        fields = {
            f.name: getattr(site, f.name)
            for f in dataclasses.fields(site)
            if f.name not in _NOT_FIELDS
        }
        key = site.id
        if key not in ours and db.Notification.objects.filter(key=key).exists():
            key = f"{organisation.key}-{site.id}"  # another organisation notified the same place
        again = key in ours
        do_notify(
            "site",
            organisation,
            fields,
            actor=actor,
            key=key if again else None,
            new_key=None if again else key,
            illustrative=illustrative,
            check=False,
        )
        ours.add(key)
        report.imported.append(key)
        report.new_versions += again
        if progress:
            progress(n, len(sites))
