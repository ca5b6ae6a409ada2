"""``check_geojson``: RFC 7946 rules as ``Problem``s, for our own output and for imports.

Checked: FeatureCollection of Features; no ``crs`` member anywhere (§4); known geometry types
with the right nesting; positions of 2 or 3 numbers within WGS84 ranges; at most 7 decimals
(§11.2, read from the JSON text exactly, not from floats); polygon rings closed with ≥ 4
positions; right-hand rule (§3.1.6: exterior counter-clockwise, holes clockwise). RFC 7946 tells
*parsers* not to reject wrongly wound polygons, so winding is reported as a warning.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from contingent.core.opendata.geojson import _DEPTH, MAX_DECIMALS, ring_area2
from contingent.core.opendata.problems import Problem, Severity


def check_geojson(text: str) -> list[Problem]:
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        return [Problem("geojson", "json.invalid", str(error), line=error.lineno)]
    problems: list[Problem] = []
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        return [
            Problem("geojson", "rfc7946.not_feature_collection", "root is not a FeatureCollection")
        ]
    if "crs" in document:
        problems.append(Problem("geojson", "rfc7946.crs", "crs member is not allowed", "/crs"))
    features = document.get("features")
    if not isinstance(features, list):
        return [*problems, Problem("geojson", "rfc7946.features", "features is not an array")]
    for i, feature in enumerate(features):
        problems.extend(_check_feature(feature, f"/features/{i}"))
    return problems


def _check_feature(feature: Any, where: str) -> list[Problem]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return [Problem("geojson", "rfc7946.not_feature", "not a Feature", where)]
    problems = []
    if "geometry" not in feature or "properties" not in feature:
        problems.append(
            Problem("geojson", "rfc7946.members", "geometry and properties required", where)
        )
    if feature.get("geometry") is not None:
        problems.extend(_check_geometry(feature["geometry"], f"{where}/geometry"))
    return problems


def _check_geometry(geometry: Any, where: str) -> list[Problem]:
    if not isinstance(geometry, dict):
        return [Problem("geojson", "rfc7946.geometry", "geometry is not an object", where)]
    problems = []
    if "crs" in geometry:
        problems.append(Problem("geojson", "rfc7946.crs", "crs member is not allowed", where))
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        for i, g in enumerate(geometry.get("geometries", [])):
            problems.extend(_check_geometry(g, f"{where}/geometries/{i}"))
        return problems
    if kind not in _DEPTH:
        return [*problems, Problem("geojson", "rfc7946.type", f"unknown type {kind!r}", where)]
    coordinates: Any = geometry.get("coordinates")
    shape = _check_shape(coordinates, _DEPTH[kind], f"{where}/coordinates")
    if shape:
        return problems + shape
    if kind == "Polygon":
        problems.extend(_check_rings(coordinates, f"{where}/coordinates"))
    if kind == "MultiPolygon":
        for i, polygon in enumerate(coordinates):
            problems.extend(_check_rings(polygon, f"{where}/coordinates/{i}"))
    return problems


def _check_shape(value: Any, depth: int, where: str) -> list[Problem]:
    if not isinstance(value, list):
        return [Problem("geojson", "rfc7946.coordinates", "coordinates must be arrays", where)]
    if depth > 0:
        return [p for i, v in enumerate(value) for p in _check_shape(v, depth - 1, f"{where}/{i}")]
    if len(value) not in (2, 3) or not all(
        isinstance(v, int | Decimal) and not isinstance(v, bool) for v in value
    ):
        return [Problem("geojson", "rfc7946.position", "a position is 2 or 3 numbers", where)]
    problems = []
    lon, lat = value[0], value[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        problems.append(Problem("geojson", "rfc7946.range", f"[{lon}, {lat}] out of range", where))
    for v in value:
        exponent = Decimal(v).as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
            problems.append(Problem("geojson", "rfc7946.precision", f"{v} has > 7 decimals", where))
    return problems


def _check_rings(rings: list[Any], where: str) -> list[Problem]:
    problems = []
    for index, ring in enumerate(rings):
        at = f"{where}/{index}"
        if len(ring) < 4 or ring[0] != ring[-1]:
            problems.append(
                Problem("geojson", "rfc7946.ring", "ring not closed or < 4 positions", at)
            )
            continue
        floats = [[float(x) for x in p] for p in ring]
        counter_clockwise = ring_area2(floats) > 0
        if counter_clockwise != (index == 0):
            problems.append(
                Problem(
                    "geojson",
                    "rfc7946.winding",
                    "exterior rings counter-clockwise, holes clockwise (right-hand rule)",
                    at,
                    severity=Severity.WARNING,
                )
            )
    return problems
