"""GeoJSON (RFC 7946) writer and checker for public layers.

What the writer guarantees (RFC 7946, access.md §4.5):
- a ``FeatureCollection`` with no ``crs`` member: coordinates are WGS84 ``[lon, lat]`` (§4);
- positions rounded to ``precision_decimals`` (≤ 7, §11.2: ~1 cm; default 6, ~10 cm);
- polygon rings closed, at least four positions, exteriors counter-clockwise and holes
  clockwise (the right-hand rule, §3.1.6) — rings are *reoriented*, not refused;
- longitudes in [-180, 180] and latitudes in [-90, 90]; a ring spanning more than 180° of
  longitude is refused: it almost certainly crosses the antimeridian and must be split (§3.1.9),
  which never happens in our areas of operation;
- optional ``area_wgs84`` bounding box (min_lon, min_lat, max_lon, max_lat): a position outside it
  whose swapped ``[lat, lon]`` falls inside is refused as SWAPPED_COORDINATES (the commonest
  GeoJSON mistake); one outside either way is refused as OUTSIDE_AREA.
Properties come from the ``PublicTable`` columns other than the geometry column.
``check_geojson`` reports the same rules as ``Problem``s for any document (tests, imports).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from contingent.core.errors import ErrorCode, GeometryError, ValidationError
from contingent.core.opendata.publication import PublicTable
from contingent.core.opendata.tables import _json_value

MAX_DECIMALS = 7
Box = tuple[float, float, float, float]
_RING_TYPES = {"Polygon": 1, "MultiPolygon": 2}
_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def write_geojson(
    table: PublicTable,
    *,
    geometry_column: str = "geometry",
    id_column: str | None = None,
    precision_decimals: int = 6,
    area_wgs84: Box | None = None,
) -> str:
    """A FeatureCollection, one Feature per row; geometry values are GeoJSON geometry mappings."""
    if not 0 <= precision_decimals <= MAX_DECIMALS:
        raise ValidationError(
            "RFC 7946 precision is at most 7 decimals", fields={"precision_decimals": "0..7"}
        )
    if geometry_column not in table.columns:
        raise ValidationError("no geometry column", fields={geometry_column: "missing"})
    features = []
    for index, record in enumerate(table.as_dicts()):
        geometry = record.pop(geometry_column)
        where = f"rows[{index}].{geometry_column}"
        feature: dict[str, Any] = {
            "type": "Feature",
            "geometry": None
            if geometry is None
            else normalise_geometry(geometry, precision_decimals, area_wgs84, where),
            "properties": {k: _json_value(v) for k, v in record.items()},
        }
        if id_column is not None:
            feature["id"] = _json_value(record[id_column])
        features.append(feature)
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def normalise_geometry(
    geometry: Mapping[str, Any], precision_decimals: int, area_wgs84: Box | None, where: str
) -> dict[str, Any]:
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return {
            "type": kind,
            "geometries": [
                normalise_geometry(g, precision_decimals, area_wgs84, f"{where}.geometries[{i}]")
                for i, g in enumerate(geometry.get("geometries", []))
            ],
        }
    if kind not in _DEPTH or "crs" in geometry:
        raise GeometryError("not an RFC 7946 geometry", fields={where: f"type {kind!r} or crs"})
    coordinates = _round(geometry.get("coordinates"), _DEPTH[kind], precision_decimals, where)
    _check_positions(coordinates, _DEPTH[kind], area_wgs84, where)
    if kind in _RING_TYPES:
        polygons = [coordinates] if kind == "Polygon" else coordinates
        polygons = [_orient_polygon(p, f"{where}.coordinates") for p in polygons]
        coordinates = polygons[0] if kind == "Polygon" else polygons
    return {"type": kind, "coordinates": coordinates}


def _round(value: Any, depth: int, decimals: int, where: str) -> Any:
    if not isinstance(value, list | tuple):
        raise GeometryError("coordinates must be arrays", fields={where: "not an array"})
    if depth == 0:
        if len(value) not in (2, 3) or not all(_is_number(v) for v in value):
            raise GeometryError(
                "a position is [lon, lat] or [lon, lat, elevation]", fields={where: repr(value)}
            )
        return [_round_number(v, decimals) for v in value]
    return [_round(v, depth - 1, decimals, f"{where}[{i}]") for i, v in enumerate(value)]


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float | Decimal) and not isinstance(v, bool)


def _round_number(v: Any, decimals: int) -> float:
    exact = Decimal(str(v)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    return float(exact)


def _positions(coordinates: Any, depth: int) -> list[list[float]]:
    if depth == 0:
        return [coordinates]
    return [p for part in coordinates for p in _positions(part, depth - 1)]


def _check_positions(coordinates: Any, depth: int, area: Box | None, where: str) -> None:
    for lon, lat, *_ in _positions(coordinates, depth):
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise GeometryError("position out of WGS84 range", fields={where: f"[{lon}, {lat}]"})
        if area is not None and not _inside(area, lon, lat):
            code = (
                ErrorCode.SWAPPED_COORDINATES if _inside(area, lat, lon) else ErrorCode.OUTSIDE_AREA
            )
            raise GeometryError(
                "position outside the area", code=code, fields={where: f"[{lon}, {lat}]"}
            )


def _inside(area: Box, lon: float, lat: float) -> bool:
    return area[0] <= lon <= area[2] and area[1] <= lat <= area[3]


def ring_area2(ring: list[list[float]]) -> float:
    """Twice the signed area (shoelace); positive for counter-clockwise rings."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))


def _orient_polygon(rings: list[list[list[float]]], where: str) -> list[list[list[float]]]:
    oriented = []
    for index, ring in enumerate(rings):
        if len(ring) < 4 or ring[0] != ring[-1]:
            raise GeometryError(
                "a linear ring is closed and has at least four positions",
                fields={
                    f"{where}[{index}]": f"{len(ring)} positions, closed={ring[0] == ring[-1]}"
                },
            )
        lons = [p[0] for p in ring]
        if max(lons) - min(lons) > 180:
            raise GeometryError(
                "ring crosses the antimeridian: split it (RFC 7946 §3.1.9)",
                fields={f"{where}[{index}]": "longitude span > 180"},
            )
        want_ccw = index == 0
        if (ring_area2(ring) > 0) != want_ccw:
            ring = ring[::-1]
        oriented.append(ring)
    return oriented
