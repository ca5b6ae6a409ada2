"""Public event datasets: humanitarian access outcomes and incidents, counted per governorate
P-code and ISO week, only after the operation's publication delay, small groups suppressed
(DESIGN.md: "the public sees aggregates by governorate (P-code) and after a delay").

Records of every classification are counted; nothing of a record leaves but its week, its
governorate and its category. The governorate layers add the published governorate outlines
(static/contingent/geo/gaza-governorates.geojson, with its own source) to the counts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings

from contingent.core.opendata import (
    ACCESS_SUMMARY_HXL_TAGS,
    INCIDENT_SUMMARY_HXL_TAGS,
    PublicTable,
    weekly_summary_table,
    write_geojson,
)
from contingent.web.forcegen.models import Operation

from .. import models as db
from .dataset import PublicDataset, public_rows

GOVERNORATES = (
    Path(settings.BASE_DIR) / "static" / "contingent" / "geo" / "gaza-governorates.geojson"
)
GAZA_BOX_WGS84 = (34.15, 31.15, 34.65, 31.65)  # lon/lat bounds around the Gaza Strip
LAYER_TAGS = {"adm2_pcode": "#adm2+code", "adm2_name": "#adm2+name", "count": "#indicator+num"}

# access-web's Outcome values → the spelling of the public access-summary HXL schema.
_OUTCOME = {
    "facilitated": "FACILITATED",
    "partially_facilitated": "PARTIALLY_FACILITATED",
    "facilitated_then_impeded": "FACILITATED_THEN_IMPEDED",
    "impeded": "IMPEDED",
    "denied": "DENIED",
    "postponed_by_organisation": "POSTPONED",
    "cancelled_by_organisation": "CANCELLED_BY_ORGANISATION",
}


def _window(day: date, start: date | None) -> bool:
    return start is None or day >= start


def incidents(
    op: Operation, as_of: date, delay_days: int, min_count: int, start: date | None = None
) -> PublicDataset:
    records = [
        (i.occurred_at.date(), i.adm2_pcode, i.category)
        for i in db.Incident.objects.filter(operation=op).only(
            "occurred_at", "adm2_pcode", "category"
        )
        if _window(i.occurred_at.date(), start)
    ]
    table = _weekly("incidents", records, "category", as_of, delay_days, min_count)
    return PublicDataset(
        "incidents",
        "Incidents by governorate and week",
        table,
        INCIDENT_SUMMARY_HXL_TAGS,
        notes=_delay_notes(delay_days, min_count, table),
    )


def access_records(op: Operation) -> list[tuple[date, str, str]] | None:
    """(outcome day, P-code, outcome) of coordination requests with an outcome; None when the
    access app is not installed (the portal then says there is no data)."""
    if not apps.is_installed("contingent.web.access"):
        return None
    model = apps.get_model("access", "CoordinationRequest")
    rows = (
        model.objects.filter(movement__operation=op)
        .exclude(outcome="")
        .exclude(outcome_at=None)
        .select_related("movement")
    )
    out = []
    for r in rows:
        version = r.movement.current()
        pcode = getattr(version, "adm2_pcode", "") if version else ""
        if pcode and r.outcome in _OUTCOME:
            out.append((r.outcome_at.date(), pcode, _OUTCOME[r.outcome]))
    return out


def access_outcomes(
    op: Operation, as_of: date, delay_days: int, min_count: int, start: date | None = None
) -> PublicDataset:
    records = access_records(op)
    chosen = [r for r in records or [] if _window(r[0], start)]
    table = _weekly("access-outcomes", chosen, "outcome", as_of, delay_days, min_count)
    notes = _delay_notes(delay_days, min_count, table)
    if records is None:
        notes = ("No data: humanitarian access coordination is not recorded here yet.", *notes)
    return PublicDataset(
        "access-outcomes",
        "Humanitarian access: coordination outcomes by governorate and week",
        table,
        ACCESS_SUMMARY_HXL_TAGS,
        notes=notes,
    )


def _weekly(
    name: str,
    records: list[tuple[date, str, str]],
    category: str,
    as_of: date,
    delay_days: int,
    min_count: int,
) -> PublicTable:
    return weekly_summary_table(
        name,
        [{"day": d, "pcode": p, "category": c} for d, p, c in records],
        category_column=category,
        pcode_of=lambda r: r["pcode"],
        day_of=lambda r: r["day"],
        category_of=lambda r: r["category"],
        as_of=as_of,
        delay_days=delay_days,
        min_count=min_count,
    )


def _delay_notes(delay_days: int, min_count: int, table: PublicTable) -> tuple[str, ...]:
    notes = [
        f"Counted only {delay_days} days after the event; groups of fewer than {min_count} "
        "are not published."
    ]
    if table.suppressed_groups:
        notes.append(f"{table.suppressed_groups} small group(s) suppressed.")
    return tuple(notes)


@lru_cache(maxsize=1)
def _outlines() -> dict[str, tuple[str, dict[str, Any]]]:
    document = json.loads(GOVERNORATES.read_text(encoding="utf-8"))
    return {
        f["properties"]["pcode"]: (f["properties"].get("name_en", ""), f["geometry"])
        for f in document["features"]
    }


def governorate_layer(weekly: PublicDataset) -> PublicDataset:
    """Totals of a published weekly table per governorate, with its outline as GeoJSON."""
    totals: dict[str, int] = defaultdict(int)
    for row in weekly.table.as_dicts():
        totals[row["adm2_pcode"]] += row["count"]
    outlines = _outlines()
    rows = [
        {"adm2_pcode": p, "adm2_name": outlines.get(p, ("", None))[0], "count": n}
        for p, n in sorted(totals.items())
    ]
    name = f"{weekly.name}-by-governorate"
    table = public_rows(name, rows, list(LAYER_TAGS))
    with_geometry = public_rows(
        name,
        [{**r, "geometry": outlines.get(r["adm2_pcode"], ("", None))[1]} for r in rows],
        [*LAYER_TAGS, "geometry"],
    )
    return PublicDataset(
        name,
        f"{weekly.title}: totals per governorate",
        table,
        LAYER_TAGS,
        notes=weekly.notes,
        geojson=write_geojson(with_geometry, id_column="adm2_pcode", area_wgs84=GAZA_BOX_WGS84),
    )
