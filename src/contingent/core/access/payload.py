"""Canonical payloads of notification versions: the exact value that is hashed (SHA-256 of its
canonical JSON), entered in the ledger and echoed in a signed receipt.

Geometry is GeoJSON in WGS84 (RFC 7946 lon,lat), datetimes ISO 8601 UTC with ``Z``, enums by
value. Canonical JSON sorts the keys, so their order here does not matter; but adding, removing
or renaming a field changes the hash of every version, so it needs a new ``schema`` value (the
member that names the layout) with the old layout kept, or old receipts could not be re-hashed.
"""

from __future__ import annotations

from typing import Any

from contingent.core.access.geometry import to_geojson
from contingent.core.access.model import MovementNotification, SiteNotification
from contingent.core.access.windows import TimeWindow
from contingent.core.canonical import iso_utc, payload_hash

SITE_SCHEMA = "site-notification/1"
MOVEMENT_SCHEMA = "movement-notification/1"


def _window(w: TimeWindow) -> dict[str, str]:
    return {"start": iso_utc(w.start), "end": iso_utc(w.end)}


def site_payload(site: SiteNotification) -> dict[str, Any]:
    return {
        "schema": SITE_SCHEMA,
        "id": site.id,
        "version": site.version,
        "organisation_id": site.organisation_id,
        "name": site.name,
        "name_ar": site.name_ar,
        "category": site.category.value,
        "legal_basis": site.legal_basis.value,
        "humanitarian_function": site.humanitarian_function,
        "relation": site.relation.value,
        "point": to_geojson(site.point_wgs84),
        "footprint": to_geojson(site.footprint_wgs84) if site.footprint_wgs84 is not None else None,
        "buffer_m": site.buffer_m,
        "adm1_pcode": site.adm1_pcode,
        "adm2_pcode": site.adm2_pcode,
        "validity": _window(site.validity),
        "last_reconfirmed_at": iso_utc(site.last_reconfirmed_at)
        if site.last_reconfirmed_at
        else None,
        "status": site.status.value,
        "withdrawal_reason": site.withdrawal_reason,
        "source_ref": site.source_ref,
    }


def movement_payload(m: MovementNotification) -> dict[str, Any]:
    return {
        "schema": MOVEMENT_SCHEMA,
        "id": m.id,
        "version": m.version,
        "organisation_id": m.organisation_id,
        "purpose": m.purpose.value,
        "is_emergency": m.is_emergency,
        "origin": to_geojson(m.origin_wgs84),
        "destination": to_geojson(m.destination_wgs84),
        "route": to_geojson(m.route_wgs84),
        "route_buffer_m": m.route_buffer_m,
        "waypoints": [to_geojson(p) for p in m.waypoints_wgs84],
        "checkpoints": [
            {
                "checkpoint_id": c.checkpoint_id,
                "point": to_geojson(c.point_wgs84),
                "at": iso_utc(c.at),
            }
            for c in m.checkpoints
        ],
        "window": _window(m.window),
        "vehicles": list(m.vehicles),
        "personnel_count": m.personnel_count,
    }


def version_hash(obj: SiteNotification | MovementNotification) -> str:
    """SHA-256 (hex) of the canonical payload of this version."""
    payload = site_payload(obj) if isinstance(obj, SiteNotification) else movement_payload(obj)
    return payload_hash(payload)
