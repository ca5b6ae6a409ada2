"""Bad geometry gets a stable code and a field; good geometry passes and projects to metres."""

from __future__ import annotations

import json

import pytest
import shapely

from contingent.core.access.geometry import gaza_bounds_area, parse_geojson, project
from contingent.core.errors import ErrorCode, GeometryError

AREA = gaza_bounds_area()


def refused(raw: str | bytes, expected: str = "Polygon", **kw) -> ErrorCode:  # type: ignore[no-untyped-def]
    with pytest.raises(GeometryError) as exc:
        parse_geojson(raw, expected, AREA, **kw)
    assert exc.value.fields, "a refusal must say where the problem is"
    return exc.value.code


def gj(kind: str, coords: object) -> str:
    return json.dumps({"type": kind, "coordinates": coords})


SQUARE = [[34.40, 31.40], [34.41, 31.40], [34.41, 31.41], [34.40, 31.41], [34.40, 31.40]]


def test_a_valid_polygon_point_and_route_inside_gaza_pass():
    assert parse_geojson(gj("Polygon", [SQUARE]), "Polygon", AREA).area > 0
    assert parse_geojson(gj("Point", [34.45, 31.5]), "Point", AREA).x == 34.45
    feature = json.dumps(
        {"type": "Feature", "geometry": json.loads(gj("LineString", [[34.4, 31.4], [34.5, 31.5]]))}
    )
    assert parse_geojson(feature, "LineString", AREA).length > 0


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", ErrorCode.INVALID_GEOMETRY),
        ('{"type": "Circle", "coordinates": [1, 2]}', ErrorCode.INVALID_GEOMETRY),
        ('{"type": "Polygon"}', ErrorCode.INVALID_GEOMETRY),
        (
            '{"type": "Polygon", "coordinates": [[[34.4, NaN], [34.41, 31.4], [34.41, 31.41], [34.4, 31.4]]]}',
            ErrorCode.INVALID_GEOMETRY,
        ),
        (
            gj("Polygon", [[[34.4, "31.4"], [34.41, 31.4], [34.41, 31.41], [34.4, 31.4]]]),
            ErrorCode.INVALID_GEOMETRY,
        ),
        (gj("Polygon", []), ErrorCode.INVALID_GEOMETRY),
        (gj("Polygon", [[[34.4, 31.4], [34.41, 31.4], [34.4, 31.4]]]), ErrorCode.INVALID_GEOMETRY),
    ],
)
def test_invalid_geojson_is_refused_as_invalid_geometry(raw, code):  # type: ignore[no-untyped-def]
    assert refused(raw) is code


def test_a_self_intersecting_polygon_is_refused():
    bowtie = [[34.40, 31.40], [34.41, 31.41], [34.41, 31.40], [34.40, 31.41], [34.40, 31.40]]
    assert refused(gj("Polygon", [bowtie])) is ErrorCode.SELF_INTERSECTION


def test_coordinates_outside_the_area_are_refused():
    assert refused(gj("Point", [35.2, 31.9]), "Point") is ErrorCode.OUTSIDE_AREA  # Jerusalem
    route = gj("LineString", [[34.45, 31.5], [34.9, 31.5]])
    with pytest.raises(GeometryError) as exc:
        parse_geojson(route, "LineString", AREA)
    assert exc.value.code is ErrorCode.OUTSIDE_AREA
    assert "geometry.coordinates[1]" in exc.value.fields


def test_latitude_and_longitude_swapped_is_named_as_such():
    assert refused(gj("Point", [31.5, 34.45]), "Point") is ErrorCode.SWAPPED_COORDINATES


def test_a_route_with_one_point_is_refused():
    assert refused(gj("LineString", [[34.45, 31.5]]), "LineString") is ErrorCode.ROUTE_TOO_SHORT
    assert (
        refused(gj("LineString", [[34.45, 31.5], [34.45, 31.5]]), "LineString")
        is ErrorCode.ROUTE_TOO_SHORT
    )


def test_an_oversized_upload_is_refused_before_parsing():
    raw = gj("Polygon", [SQUARE]) + " " * 2000
    assert refused(raw, max_bytes=1000) is ErrorCode.UPLOAD_TOO_LARGE
    assert refused(b"x" * 1001, max_bytes=1000) is ErrorCode.UPLOAD_TOO_LARGE


def test_the_wrong_geometry_type_is_refused():
    assert refused(gj("Point", [34.45, 31.5]), "Polygon") is ErrorCode.INVALID_GEOMETRY


def test_projection_to_utm_36n_gives_metres():
    a, b = shapely.Point(34.45, 31.50), shapely.Point(34.45, 31.51)
    d = shapely.distance(project(a), project(b))
    assert 1105 < d < 1112  # 0.01° of latitude ≈ 1,109 m


def test_an_empty_or_antimeridian_geometry_is_refused():
    assert refused(gj("Point", []), "Point") is ErrorCode.INVALID_GEOMETRY
    assert (
        refused(gj("LineString", [[179.9, 0.0], [-179.9, 0.0]]), "LineString")
        is ErrorCode.OUTSIDE_AREA
    )
