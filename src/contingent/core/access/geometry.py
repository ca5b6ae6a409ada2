"""GeoJSON parsing and validation at the edge, the area of operations, and the metric projection.

Every refusal is a :class:`~contingent.core.errors.GeometryError` (or ``ValidationError``) with a
stable code and ``fields`` naming the place (``"geometry"``, ``"geometry.coordinates[3]"``):

* ``invalid_geometry``  — not JSON, not GeoJSON, wrong type, empty, non-finite or non-numeric
  coordinates, or an invalid polygon for a reason other than self-intersection;
* ``self_intersection`` — a polygon ring crosses itself (shapely's validity reason says so);
* ``outside_area``      — a coordinate outside the area of operations;
* ``swapped_coordinates`` — a coordinate outside the area whose lat/lon swap lands inside it
  (GeoJSON is lon,lat; RFC 7946, access.md §7.6): a likely data-entry error, never silently fixed;
* ``route_too_short``   — a route with fewer than two distinct points;
* ``upload_too_large``  — the raw upload is over ``max_bytes`` (checked before parsing).

Projection: distances and buffers are computed in a metric CRS chosen per area; for Gaza UTM zone
36N (EPSG:32636) as DESIGN.md says. Hazard: ``always_xy=True`` is required, otherwise pyproj
follows EPSG axis order (lat, lon) for EPSG:4326 and every point lands in the wrong place.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon, box, shape

from contingent.core.errors import ErrorCode, GeometryError

DEFAULT_MAX_UPLOAD_BYTES = 5_000_000
GAZA_UTM_EPSG = 32636
# Rough Gaza Strip bounds (lon 34.2–34.6, lat 31.2–31.6) for tests and demos without the COD-AB
# files; real deployments pass the admin-1 polygon (PS02) from ../shared/data/pse-cod-ab.
GAZA_BOUNDS_WGS84 = (34.2, 31.2, 34.6, 31.6)


@dataclass(frozen=True, slots=True)
class AreaOfOperations:
    """The polygon inside which every coordinate must lie, and its metric CRS."""

    name: str
    polygon_wgs84: Polygon
    metric_epsg: int = GAZA_UTM_EPSG

    @classmethod
    def from_bounds(
        cls, name: str, bounds: tuple[float, float, float, float], metric_epsg: int = GAZA_UTM_EPSG
    ) -> AreaOfOperations:
        return cls(name, box(*bounds), metric_epsg)

    def __post_init__(self) -> None:
        shapely.prepare(self.polygon_wgs84)


def gaza_bounds_area() -> AreaOfOperations:
    return AreaOfOperations.from_bounds("Gaza Strip (bounds)", GAZA_BOUNDS_WGS84)


@lru_cache(maxsize=8)
def _transformer(epsg: int) -> Transformer:
    return Transformer.from_crs(4326, epsg, always_xy=True)


def project_xy(
    lon: np.ndarray, lat: np.ndarray, epsg: int = GAZA_UTM_EPSG
) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 lon/lat arrays to metric x/y (vectorised)."""
    x, y = _transformer(epsg).transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


def project(geom: shapely.Geometry, epsg: int = GAZA_UTM_EPSG) -> shapely.Geometry:
    """One shapely geometry to the metric CRS (vertex by vertex: edges stay straight in metres)."""
    t = _transformer(epsg)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def check_upload_size(raw: bytes | str, max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> None:
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > max_bytes:
        raise GeometryError(
            f"upload of {size} bytes is over the limit of {max_bytes}",
            code=ErrorCode.UPLOAD_TOO_LARGE,
            fields={"upload": f"{size} > {max_bytes} bytes"},
        )


def load_geojson(raw: bytes | str, max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> Any:
    """Size check, then JSON decode (NaN/Infinity refused)."""
    check_upload_size(raw, max_bytes)

    def _no_constants(name: str) -> None:
        raise ValueError(name)

    try:
        return json.loads(raw, parse_constant=_no_constants)
    except (ValueError, UnicodeDecodeError) as exc:
        raise GeometryError("not valid JSON", fields={"upload": str(exc)[:200]}) from exc


_ALLOWED = {"Point": Point, "LineString": LineString, "Polygon": Polygon}


def _check_numbers(coords: Any, where: str) -> None:
    if isinstance(coords, list) and coords and not isinstance(coords[0], list):
        if len(coords) not in (2, 3) or not all(
            isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
            for c in coords
        ):
            raise GeometryError(
                "a position must be 2 or 3 finite numbers", fields={where: repr(coords)[:80]}
            )
        return
    if not isinstance(coords, list) or not coords:
        raise GeometryError("empty or malformed coordinates", fields={where: repr(coords)[:80]})
    for i, c in enumerate(coords):
        _check_numbers(c, f"{where}[{i}]")


def parse_geometry(
    obj: Any, expected: str | tuple[str, ...], field: str = "geometry"
) -> shapely.Geometry:
    """A GeoJSON geometry object (already decoded) to shapely, structure and validity checked.

    Area membership is a separate step (:func:`check_in_area`) because imports may skip, rather
    than refuse, points that are plainly elsewhere.
    """
    kinds = (expected,) if isinstance(expected, str) else expected
    if not isinstance(obj, dict) or obj.get("type") not in _ALLOWED or "coordinates" not in obj:
        raise GeometryError("not a GeoJSON Point, LineString or Polygon", fields={field: "type"})
    if obj["type"] not in kinds:
        raise GeometryError(
            f"expected {' or '.join(kinds)}, got {obj['type']}",
            fields={f"{field}.type": obj["type"]},
        )
    _check_numbers(obj["coordinates"], f"{field}.coordinates")
    if obj["type"] == "LineString" and len(obj["coordinates"]) < 2:
        raise GeometryError(
            "a route needs at least two points",
            code=ErrorCode.ROUTE_TOO_SHORT,
            fields={field: "one point"},
        )
    try:
        geom = shape(obj)
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        raise GeometryError("malformed GeoJSON geometry", fields={field: str(exc)[:200]}) from exc
    if geom.is_empty:
        raise GeometryError("empty geometry", fields={field: "empty"})
    if isinstance(geom, LineString) and len(set(geom.coords)) < 2:
        raise GeometryError(
            "a route needs at least two distinct points",
            code=ErrorCode.ROUTE_TOO_SHORT,
            fields={field: "one point"},
        )
    if isinstance(geom, Polygon) and not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        code = (
            ErrorCode.SELF_INTERSECTION
            if "Self-intersection" in reason
            else ErrorCode.INVALID_GEOMETRY
        )
        raise GeometryError(f"invalid polygon: {reason}", code=code, fields={field: reason})
    return geom


def check_in_area(geom: shapely.Geometry, area: AreaOfOperations, field: str = "geometry") -> None:
    """Every vertex inside the area (boundary counts as inside); swapped lat/lon named as such."""
    coords = shapely.get_coordinates(geom)
    inside = shapely.intersects_xy(area.polygon_wgs84, coords[:, 0], coords[:, 1])
    if inside.all():
        return
    bad = int(np.flatnonzero(~inside)[0])
    lon, lat = coords[bad]
    where = f"{field}.coordinates[{bad}]"
    if shapely.intersects_xy(area.polygon_wgs84, lat, lon):
        raise GeometryError(
            f"({lon}, {lat}) looks like latitude and longitude swapped; GeoJSON is [lon, lat]",
            code=ErrorCode.SWAPPED_COORDINATES,
            fields={where: "swapped"},
        )
    raise GeometryError(
        f"({lon}, {lat}) is outside {area.name}",
        code=ErrorCode.OUTSIDE_AREA,
        fields={where: "outside area"},
    )


def parse_geojson(
    raw: bytes | str,
    expected: str | tuple[str, ...],
    area: AreaOfOperations,
    max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
) -> shapely.Geometry:
    """Raw upload → validated geometry inside ``area``. Accepts a bare geometry or a Feature."""
    obj = load_geojson(raw, max_bytes)
    if isinstance(obj, dict) and obj.get("type") == "Feature":
        obj = obj.get("geometry")
    geom = parse_geometry(obj, expected)
    check_in_area(geom, area)
    return geom


def to_geojson(geom: shapely.Geometry) -> dict[str, Any]:
    """Shapely → GeoJSON dict (RFC 7946 lon,lat order; coordinates unchanged)."""
    return dict(json.loads(shapely.to_geojson(geom)))
