"""Rows → JSON-ready dicts, shared by the API and the map's GeoJSON feed."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from . import models as db

NOTICE = (
    "A notification informs; it is not a request for permission. "
    "An acknowledgement is not an approval."
)


def receipt_url(v: db.NotificationVersion) -> str:
    return reverse("api:get_receipt", kwargs={"key": v.notification.key, "version": v.version})


def version_out(v: db.NotificationVersion, *, with_payload: bool = True) -> dict[str, Any]:
    out = {
        "key": v.notification.key,
        "kind": v.notification.kind,
        "organisation": v.notification.organisation.key,
        "version": v.version,
        "sha256": v.payload_sha256,
        "received_at": v.received_at,
        "late": v.late,
        "lead_required_h": v.lead_required_h,
        "lead_actual_h": v.lead_actual_h,
        "illustrative": v.notification.illustrative,
        "receipt_url": receipt_url(v),
    }
    if with_payload:
        out["payload"] = v.payload
    return out


def deliveries_out(v: db.NotificationVersion) -> list[dict[str, Any]]:
    return [
        {
            "recipient": e.recipient.key,
            "event": e.event,
            "at": e.at,
            "channel": e.channel,
            "reference": e.reference,
        }
        for e in v.deliveries.select_related("recipient").order_by("at", "id")
    ]


def notification_out(n: db.Notification, *, deliveries: bool = True) -> dict[str, Any]:
    versions = list(n.versions.order_by("version"))
    out = {
        "key": n.key,
        "kind": n.kind,
        "organisation": n.organisation.key,
        "illustrative": n.illustrative,
        "notice": NOTICE,
        "versions": [version_out(v, with_payload=False) for v in versions],
        "current": version_out(versions[-1]) if versions else None,
    }
    if deliveries:
        out["deliveries"] = {v.version: deliveries_out(v) for v in versions}
    return out


def coordination_out(r: db.CoordinationRequest) -> dict[str, Any]:
    return {
        "key": r.key,
        "organisation": r.organisation.key,
        "movement": r.movement.key,
        "requested_at": r.requested_at,
        "outcome": r.outcome or None,
        "outcome_at": r.outcome_at,
        "hours_waiting": r.hours_waiting,
        "reason": r.reason,
        "illustrative": r.illustrative,
    }


def corridor_out(c: db.Corridor) -> dict[str, Any]:
    return {
        "key": c.key,
        "version": c.version,
        "name": c.name,
        "geom": c.geom_wgs84,
        "width_m": c.width_m,
        "open_windows": c.open_windows,
        "illustrative": c.illustrative,
    }


def area_out(a: db.ForceArea) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "key": a.key,
        "version": a.version,
        "name": a.name,
        "area": a.area_wgs84,
        "buffer_m": a.buffer_m,
        "window_start": a.window_start,
        "window_end": a.window_end,
        "classification": a.classification,
        "illustrative": a.illustrative,
    }
