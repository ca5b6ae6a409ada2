"""Input at the edge → the canonical payload of a notification version (a JSON-ready dict).

The same functions serve the API, the forms, the CLI import and the demo loader, so a bad input
is refused with the same code whichever door it came through. Geometry goes through
``core.access.geometry`` (codes: invalid_geometry, self_intersection, outside_area,
swapped_coordinates, route_too_short, upload_too_large); times through ``TimeWindow``
(end_before_start). Nothing here writes.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any

from contingent.core.access import geometry as g
from contingent.core.access.model import (
    DEFAULT_LEGAL_BASIS,
    CheckpointPassage,
    LegalBasis,
    MovementPurpose,
    SiteCategory,
    SiteRelation,
    SiteStatus,
)
from contingent.core.access.windows import FAR_FUTURE, TimeWindow, parse_utc, parse_window
from contingent.core.errors import ErrorCode, GeometryError, ValidationError

from .boundaries import Boundaries, load_boundaries
from .schemas import storable_text

MAX_TEXT = 2000
# One geometry (a route, a footprint) in a form or an API body; a whole-file import has its own.
MAX_GEOMETRY_BYTES = 1_000_000


def _bad(field: str, message: str, code: ErrorCode = ErrorCode.INVALID_INPUT) -> ValidationError:
    return ValidationError(message, code=code, fields={field: message})


def geometry_in(
    value: Any, expected: str | tuple[str, ...], field: str, area: g.AreaOfOperations
) -> Any:
    """A GeoJSON geometry (dict, Feature, or JSON text) → validated shapely geometry."""
    if isinstance(value, str | bytes):
        value = g.load_geojson(value, MAX_GEOMETRY_BYTES)
    elif isinstance(value, dict | list):
        g.check_upload_size(json.dumps(value), MAX_GEOMETRY_BYTES)
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    if value is None:
        raise GeometryError("a geometry is required", fields={field: "missing"})
    geom = g.parse_geometry(value, expected, field)
    g.check_in_area(geom, area, field)
    return geom


def _iso_text(value: Any, field: str) -> str:
    """A datetime (from the API schema) or a string (forms, files) as ISO text for the core's
    parser, which refuses a time without a zone rather than guessing one."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value
    raise _bad(field, "a date-time is required", ErrorCode.MALFORMED_DATE)


def moment_in(value: Any, field: str) -> datetime:
    return parse_utc(_iso_text(value, field), field)


def window_in(start: Any, end: Any, field: str = "window") -> TimeWindow:
    return parse_window(_iso_text(start, f"{field}.start"), _iso_text(end, f"{field}.end"), field)


def enum_in(enum: type[StrEnum], value: Any, field: str) -> StrEnum:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]
        raise _bad(field, f"one of: {allowed}") from None


def text_in(value: Any, field: str, *, required: bool = True, max_len: int = MAX_TEXT) -> str:
    text = "" if value is None else str(value).strip()
    if not storable_text(text):
        raise _bad(field, "NUL characters and unpaired surrogates are not allowed")
    if required and not text:
        raise _bad(field, "required")
    if len(text) > max_len:
        raise _bad(field, f"at most {max_len} characters")
    return text


def number_in(
    value: Any, field: str, *, default: float, lo: float = 0.0, hi: float = 100_000.0
) -> float:
    if value in (None, ""):
        return default
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise _bad(field, "a number") from None
    if not lo <= x <= hi:
        raise _bad(
            field,
            f"between {lo:g} and {hi:g}",
            ErrorCode.NEGATIVE_COUNT if x < 0 else ErrorCode.INVALID_INPUT,
        )
    return x


def site_fields(data: dict[str, Any], bounds: Boundaries | None = None) -> dict[str, Any]:
    """Validate a static-site notification → ``SiteNotification`` keyword arguments (all but id,
    version and organisation). P-codes come from the boundaries, never from the client."""
    bounds = bounds or load_boundaries()
    area = bounds.area
    point = geometry_in(data.get("point"), "Point", "point", area)
    footprint = data.get("footprint")
    foot = (
        geometry_in(footprint, "Polygon", "footprint", area)
        if footprint not in (None, "", {})
        else None
    )
    category = SiteCategory(enum_in(SiteCategory, data.get("category"), "category"))
    basis = data.get("legal_basis") or DEFAULT_LEGAL_BASIS[category].value
    valid_from = moment_in(data.get("valid_from"), "valid_from")
    valid_to = data.get("valid_to")
    validity = (
        window_in(valid_from, valid_to, "validity")
        if valid_to not in (None, "")
        else TimeWindow(valid_from, FAR_FUTURE)
    )
    status = SiteStatus(enum_in(SiteStatus, data.get("status") or "active", "status"))
    pcodes = bounds.pcodes_of(point)
    if pcodes is None:
        raise GeometryError(
            "the point is in no governorate",
            code=ErrorCode.OUTSIDE_AREA,
            fields={"point": "no governorate"},
        )
    reconfirmed = data.get("last_reconfirmed_at")
    return {
        "name": text_in(data.get("name"), "name", max_len=300),
        "name_ar": text_in(data.get("name_ar"), "name_ar", required=False, max_len=300) or None,
        "category": category,
        "legal_basis": LegalBasis(enum_in(LegalBasis, basis, "legal_basis")),
        "humanitarian_function": text_in(
            data.get("humanitarian_function"), "humanitarian_function"
        ),
        "relation": SiteRelation(
            enum_in(SiteRelation, data.get("relation") or "operates", "relation")
        ),
        "point_wgs84": point,
        "footprint_wgs84": foot,
        "buffer_m": number_in(data.get("buffer_m"), "buffer_m", default=100.0, hi=5000.0),
        "adm1_pcode": pcodes[0],
        "adm2_pcode": pcodes[1],
        "validity": validity,
        "last_reconfirmed_at": moment_in(reconfirmed, "last_reconfirmed_at")
        if reconfirmed not in (None, "")
        else None,
        "status": status,
        "withdrawal_reason": text_in(
            data.get("withdrawal_reason"),
            "withdrawal_reason",
            required=status == SiteStatus.WITHDRAWN,
        )
        or None,
        "source_ref": text_in(data.get("source_ref"), "source_ref", required=False, max_len=300)
        or None,
    }


def _checkpoints(
    items: Any, area: g.AreaOfOperations, window: TimeWindow
) -> tuple[CheckpointPassage, ...]:
    if not isinstance(items, list | tuple):
        raise _bad("checkpoints", "a list")
    out = []
    for i, cp in enumerate(items):
        where = f"checkpoints[{i}]"
        if not isinstance(cp, dict):
            raise _bad(where, "an object with id, point and at")
        at = moment_in(cp.get("at"), f"{where}.at")
        if not (window.start <= at <= window.end):
            raise _bad(f"{where}.at", "outside the movement window")
        cid = cp.get("checkpoint_id") or cp.get("id")
        point = geometry_in(cp.get("point"), "Point", f"{where}.point", area)
        out.append(CheckpointPassage(text_in(cid, f"{where}.checkpoint_id", max_len=80), point, at))
    return tuple(out)


def movement_fields(data: dict[str, Any], bounds: Boundaries | None = None) -> dict[str, Any]:
    """Validate a movement notification → ``MovementNotification`` keyword arguments."""
    area = (bounds or load_boundaries()).area
    route = geometry_in(data.get("route"), "LineString", "route", area)
    window = window_in(data.get("window_start"), data.get("window_end"))
    coords = list(route.coords)
    origin = data.get("origin") or {"type": "Point", "coordinates": list(coords[0])}
    destination = data.get("destination") or {"type": "Point", "coordinates": list(coords[-1])}
    vehicles = data.get("vehicles") or []
    if isinstance(vehicles, str):
        vehicles = [v.strip() for v in vehicles.split(",") if v.strip()]
    waypoints = data.get("waypoints") or []
    return {
        "purpose": MovementPurpose(enum_in(MovementPurpose, data.get("purpose"), "purpose")),
        "is_emergency": bool(data.get("is_emergency")),
        "origin_wgs84": geometry_in(origin, "Point", "origin", area),
        "destination_wgs84": geometry_in(destination, "Point", "destination", area),
        "route_wgs84": route,
        "window": window,
        "vehicles": tuple(
            text_in(v, f"vehicles[{i}]", max_len=120) for i, v in enumerate(vehicles)
        ),
        "personnel_count": int(
            number_in(data.get("personnel_count"), "personnel_count", default=0, hi=10_000)
        ),
        "waypoints_wgs84": tuple(
            geometry_in(w, "Point", f"waypoints[{i}]", area) for i, w in enumerate(waypoints)
        ),
        "checkpoints": _checkpoints(data.get("checkpoints") or [], area, window),
        "route_buffer_m": number_in(
            data.get("route_buffer_m"), "route_buffer_m", default=50.0, hi=5000.0
        ),
    }


def open_windows_in(items: Any, field: str = "open_windows") -> list[TimeWindow]:
    if not isinstance(items, list):
        raise _bad(field, "a list of [start, end] pairs")
    out = []
    for i, w in enumerate(items):
        if isinstance(w, dict):
            w = [w.get("start"), w.get("end")]
        if not isinstance(w, list | tuple) or len(w) != 2:
            raise _bad(f"{field}[{i}]", "a [start, end] pair")
        out.append(window_in(w[0], w[1], f"{field}[{i}]"))
    return out
