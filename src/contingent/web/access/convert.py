"""ORM rows and stored payloads ⇄ core access types. No rules here: only the shape changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from shapely.geometry import shape

from contingent.core.access import model as m
from contingent.core.access import payload as payloads
from contingent.core.access.leadtime import LeadTimeRule
from contingent.core.access.windows import TimeWindow
from contingent.core.canonical import iso_utc

from . import models as db
from .validate import moment_in


def _dt(value: str) -> datetime:
    return moment_in(value, "time")


def _window(w: dict[str, str]) -> TimeWindow:
    return TimeWindow(_dt(w["start"]), _dt(w["end"]))


def site_from_payload(p: dict[str, Any]) -> m.SiteNotification:
    """The inverse of ``core.access.payload.site_payload``."""
    return m.SiteNotification(
        id=p["id"],
        version=p["version"],
        organisation_id=p["organisation_id"],
        name=p["name"],
        category=m.SiteCategory(p["category"]),
        legal_basis=m.LegalBasis(p["legal_basis"]),
        humanitarian_function=p["humanitarian_function"],
        relation=m.SiteRelation(p["relation"]),
        point_wgs84=shape(p["point"]),
        validity=_window(p["validity"]),
        status=m.SiteStatus(p["status"]),
        footprint_wgs84=shape(p["footprint"]) if p.get("footprint") else None,
        buffer_m=float(p["buffer_m"]),
        adm1_pcode=p.get("adm1_pcode"),
        adm2_pcode=p.get("adm2_pcode"),
        last_reconfirmed_at=_dt(p["last_reconfirmed_at"]) if p.get("last_reconfirmed_at") else None,
        withdrawal_reason=p.get("withdrawal_reason"),
        name_ar=p.get("name_ar"),
        source_ref=p.get("source_ref"),
    )


def movement_from_payload(p: dict[str, Any]) -> m.MovementNotification:
    """The inverse of ``core.access.payload.movement_payload``."""
    return m.MovementNotification(
        id=p["id"],
        version=p["version"],
        organisation_id=p["organisation_id"],
        purpose=m.MovementPurpose(p["purpose"]),
        is_emergency=bool(p["is_emergency"]),
        origin_wgs84=shape(p["origin"]),
        destination_wgs84=shape(p["destination"]),
        route_wgs84=shape(p["route"]),
        window=_window(p["window"]),
        vehicles=tuple(p.get("vehicles", ())),
        personnel_count=int(p.get("personnel_count", 0)),
        waypoints_wgs84=tuple(shape(w) for w in p.get("waypoints", ())),
        checkpoints=tuple(
            m.CheckpointPassage(c["checkpoint_id"], shape(c["point"]), _dt(c["at"]))
            for c in p.get("checkpoints", ())
        ),
        route_buffer_m=float(p.get("route_buffer_m", 0.0)),
    )


def core_payload(obj: m.SiteNotification | m.MovementNotification) -> dict[str, Any]:
    if isinstance(obj, m.SiteNotification):
        return payloads.site_payload(obj)
    return payloads.movement_payload(obj)


def version_to_core(v: db.NotificationVersion) -> m.SiteNotification | m.MovementNotification:
    p = v.payload
    return site_from_payload(p) if p["schema"] == payloads.SITE_SCHEMA else movement_from_payload(p)


def corridor_to_core(c: db.Corridor) -> m.Corridor:
    return m.Corridor(
        id=c.key,
        version=c.version,
        name=c.name,
        geom_wgs84=shape(c.geom_wgs84),
        open_windows=tuple(TimeWindow(_dt(s), _dt(e)) for s, e in c.open_windows),
        width_m=c.width_m,
    )


def area_to_core(a: db.ForceArea) -> m.ExclusionZone | m.PlannedOperation:
    cls = m.ExclusionZone if a.kind == db.ForceArea.ZONE else m.PlannedOperation
    return cls(
        id=a.key,
        version=a.version,
        area_wgs84=shape(a.area_wgs84),
        window=TimeWindow(a.window_start, a.window_end),
        buffer_m=a.buffer_m,
        classification=a.classification,
    )


def lead_time_rule(row: db.LeadTimeRule | None) -> LeadTimeRule:
    if row is None:
        return LeadTimeRule()
    return LeadTimeRule(row.operation.key, row.standard_h, row.emergency_h, row.source)


def conflict_fields(c: m.Conflict) -> dict[str, Any]:
    return {
        "kind": str(c.kind),
        "severity": str(c.severity),
        "a_kind": c.a.kind,
        "a_key": c.a.id,
        "a_version": c.a.version,
        "b_kind": c.b.kind,
        "b_key": c.b.id,
        "b_version": c.b.version,
        "distance_m": round(c.distance_m, 3),
        "overlap_start": c.overlap.start,
        "overlap_end": c.overlap.end,
        "detail": c.detail,
        "checkpoint_id": c.checkpoint_id,
    }


def conflict_json(c: m.Conflict) -> dict[str, Any]:
    f = conflict_fields(c)
    f["overlap_start"], f["overlap_end"] = iso_utc(c.overlap.start), iso_utc(c.overlap.end)
    return f


def latest_versions(qs: Iterable[db.NotificationVersion]) -> list[db.NotificationVersion]:
    """The highest version of each notification among ``qs`` (ordered by notification, version)."""
    best: dict[int, db.NotificationVersion] = {}
    for v in qs:
        if v.notification_id not in best or v.version > best[v.notification_id].version:
            best[v.notification_id] = v
    return list(best.values())
