"""Canned humanitarian-access inputs (Rafah / Khan Younis, GeoJSON lon,lat) and helpers to count
what is stored, for the access integration tests."""

from __future__ import annotations

import copy
from typing import Any

RAFAH = [34.2485, 31.2870]
KHAN_YOUNIS = [34.3030, 31.3460]
DEIR = [34.3500, 31.4170]


def site(**over: Any) -> dict[str, Any]:
    body = {
        "name": "Field clinic (test)",
        "category": "hospital_clinic",
        "humanitarian_function": "primary health care",
        "point": {"type": "Point", "coordinates": RAFAH},
        "valid_from": "2026-11-01T00:00:00Z",
    }
    body.update(over)
    return copy.deepcopy(body)


def movement(**over: Any) -> dict[str, Any]:
    body = {
        "purpose": "food",
        "route": {"type": "LineString", "coordinates": [RAFAH, KHAN_YOUNIS, DEIR]},
        "window_start": "2026-12-10T06:00:00Z",
        "window_end": "2026-12-10T14:00:00Z",
        "vehicles": ["truck-1", "truck-2"],
        "personnel_count": 6,
    }
    body.update(over)
    return copy.deepcopy(body)


SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[34.29, 31.33], [34.32, 31.33], [34.32, 31.36], [34.29, 31.36], [34.29, 31.33]]
    ],
}
BOWTIE = {
    "type": "Polygon",
    "coordinates": [
        [[34.29, 31.33], [34.32, 31.36], [34.32, 31.33], [34.29, 31.36], [34.29, 31.33]]
    ],
}


def oversized_route() -> dict[str, Any]:
    """A LineString over the 1 MB limit for one geometry (about 60,000 vertices)."""
    coords = [[34.25 + (i % 1000) * 1e-5, 31.29 + (i // 1000) * 1e-5] for i in range(60_000)]
    return {"type": "LineString", "coordinates": coords}


# (case name, kind, override, expected status, expected code)
BAD_INPUTS = [
    (
        "invalid GeoJSON",
        "site",
        {"point": {"type": "Pointy", "coordinates": RAFAH}},
        422,
        "invalid_geometry",
    ),
    ("self-intersecting polygon", "site", {"footprint": BOWTIE}, 422, "self_intersection"),
    (
        "outside the area",
        "site",
        {"point": {"type": "Point", "coordinates": [35.2, 31.9]}},
        422,
        "outside_area",
    ),
    (
        "latitude and longitude swapped",
        "site",
        {"point": {"type": "Point", "coordinates": [31.287, 34.2485]}},
        422,
        "swapped_coordinates",
    ),
    (
        "end before start",
        "movement",
        {"window_start": "2026-12-10T14:00:00Z", "window_end": "2026-12-10T06:00:00Z"},
        422,
        "end_before_start",
    ),
    (
        "route with one point",
        "movement",
        {"route": {"type": "LineString", "coordinates": [RAFAH]}},
        422,
        "route_too_short",
    ),
    ("oversized upload", "movement", {"route": None}, 413, "upload_too_large"),
]


def stored_counts() -> tuple[int, int, int, int]:
    from contingent.web.access import models as db
    from contingent.web.core.models import LedgerEntry

    return (
        db.Notification.objects.count(),
        db.NotificationVersion.objects.count(),
        db.ConflictRecord.objects.count(),
        LedgerEntry.objects.count(),
    )
