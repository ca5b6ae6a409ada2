"""The force side: exclusion zones and planned operations (restricted), corridors with open
windows, and lead-time rules. Declaring a zone or an operation runs the single check against
the movements (and, for an operation, the protected sites) and stores the conflicts."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from contingent.core.access import geometry as g
from contingent.core.access.engine import build_index, corridor_conflicts
from contingent.core.access.model import Plan
from contingent.core.access.single import check_notification
from contingent.core.canonical import iso_utc
from contingent.core.errors import ErrorCode, ValidationError
from contingent.web.core import ledger

from .. import convert, plan
from .. import models as db
from ..boundaries import load_boundaries
from ..validate import geometry_in, moment_in, number_in, open_windows_in, text_in, window_in
from .notify import store_conflicts


def _slug(value: Any, field: str) -> str:
    key = text_in(value, field, max_len=80)
    if not all(ch.isalnum() or ch in "-_" for ch in key):
        raise ValidationError(
            "letters, digits, - and _ only", code=ErrorCode.INVALID_INPUT, fields={field: key}
        )
    return key


def _next_version(model: Any, **by: Any) -> int:
    return (model.objects.filter(**by).aggregate(n=Max("version"))["n"] or 0) + 1


@transaction.atomic
def do_declare_area(
    fields: dict[str, Any], *, actor: str, check: bool = True
) -> tuple[db.ForceArea, list[Any]]:
    version = _next_version(db.ForceArea, kind=fields["kind"], key=fields["key"])
    row = db.ForceArea.objects.create(
        version=version, created_at=timezone.now(), created_by=actor, **fields
    )
    payload = {k: v for k, v in fields.items() if k != "operation"} | {
        "version": version,
        "window_start": iso_utc(row.window_start),
        "window_end": iso_utc(row.window_end),
    }
    ledger.append(
        actor=actor,
        action=f"{row.kind}.declared",
        object_type=row.kind,
        object_id=f"{row.key}/v{version}",
        payload=payload,
    )
    conflicts: list[Any] = []
    if check:
        core = convert.area_to_core(row)
        conflicts = check_notification(plan.index_for(core), core)
        store_conflicts(conflicts, f"declare {row.kind} {row.key}/v{version}")
    return row, conflicts


def check_declare_area(
    kind: str, data: dict[str, Any], *, actor: str, illustrative: bool = False
) -> tuple[db.ForceArea, list[Any]]:
    if kind not in (db.ForceArea.ZONE, db.ForceArea.OPERATION):
        raise ValidationError(
            "zone or operation", code=ErrorCode.INVALID_INPUT, fields={"kind": kind}
        )
    area = geometry_in(data.get("area"), "Polygon", "area", load_boundaries().area)
    window = window_in(data.get("window_start"), data.get("window_end"))
    fields = {
        "kind": kind,
        "key": _slug(data.get("key"), "key"),
        "name": text_in(data.get("name"), "name", max_len=200),
        "area_wgs84": g.to_geojson(area),
        "buffer_m": number_in(data.get("buffer_m"), "buffer_m", default=0.0, hi=20_000.0),
        "window_start": window.start,
        "window_end": window.end,
        "classification": "restricted",
        "illustrative": illustrative,
    }
    return do_declare_area(fields, actor=actor)


@transaction.atomic
def do_declare_corridor(fields: dict[str, Any], *, actor: str, check: bool = True) -> db.Corridor:
    version = _next_version(db.Corridor, key=fields["key"])
    row = db.Corridor.objects.create(
        version=version, created_at=timezone.now(), created_by=actor, **fields
    )
    ledger.append(
        actor=actor,
        action="corridor.declared",
        object_type="corridor",
        object_id=f"{row.key}/v{version}",
        payload=fields | {"version": version},
    )
    if check:
        # No single check for corridors in the core: the bulk join on this one corridor against
        # the current movements names the same conflicts the bulk mode would.
        index = build_index(
            Plan(movements=plan.movements(), corridors=(convert.corridor_to_core(row),))
        )
        store_conflicts(
            corridor_conflicts(index.movements, index.corridors),
            f"declare corridor {row.key}/v{version}",
        )
    return row


def check_declare_corridor(
    data: dict[str, Any], *, actor: str, illustrative: bool = False
) -> db.Corridor:
    geom = geometry_in(data.get("geom"), ("LineString", "Polygon"), "geom", load_boundaries().area)
    windows = open_windows_in(data.get("open_windows") or [])
    width = number_in(data.get("width_m"), "width_m", default=100.0, hi=10_000.0)
    if geom.geom_type == "LineString" and width <= 0:
        raise ValidationError(
            "a route corridor needs a width",
            code=ErrorCode.INVALID_INPUT,
            fields={"width_m": "must be > 0"},
        )
    fields = {
        "key": _slug(data.get("key"), "key"),
        "name": text_in(data.get("name"), "name", max_len=200),
        "geom_wgs84": g.to_geojson(geom),
        "width_m": width,
        "open_windows": [[iso_utc(w.start), iso_utc(w.end)] for w in windows],
        "classification": "restricted",
        "illustrative": illustrative,
    }
    return do_declare_corridor(fields, actor=actor)


@transaction.atomic
def check_set_lead_time_rule(
    operation: Any, data: dict[str, Any], *, actor: str
) -> db.LeadTimeRule:
    """A new rule for ``operation`` from ``effective_from``; the rule in force until then ends there."""
    start = (
        moment_in(data.get("effective_from"), "effective_from")
        if data.get("effective_from")
        else timezone.now()
    )
    fields = {
        "standard_h": number_in(data.get("standard_h"), "standard_h", default=48.0, hi=24 * 30),
        "emergency_h": number_in(data.get("emergency_h"), "emergency_h", default=24.0, hi=24 * 30),
        "source": text_in(data.get("source"), "source"),
    }
    db.LeadTimeRule.objects.filter(
        operation=operation, effective_to__isnull=True, effective_from__lt=start
    ).update(effective_to=start)
    row = db.LeadTimeRule.objects.create(operation=operation, effective_from=start, **fields)
    ledger.append(
        actor=actor,
        action="lead_time_rule.set",
        object_type="lead_time_rule",
        object_id=f"{operation.key}/{row.pk}",
        payload=fields | {"operation": operation.key, "effective_from": iso_utc(start)},
        classification="public",
    )
    return row
