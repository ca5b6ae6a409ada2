"""GeoJSON per RFC 7946: lon/lat, no crs, ≤ 7 decimals, right-hand rule; mistakes refused."""

import json

import pytest

from contingent.core.errors import ErrorCode, GeometryError, ValidationError
from contingent.core.opendata import check_geojson, publish_records, write_geojson

GAZA_WGS84 = (34.2, 31.2, 34.6, 31.6)  # lon/lat bounding box of the Gaza Strip, approximate
# a clockwise square around Gaza city (wrong winding for an exterior ring)
CLOCKWISE = [[34.40, 31.48], [34.40, 31.54], [34.48, 31.54], [34.48, 31.48], [34.40, 31.48]]
HOLE_CCW = [[34.42, 31.50], [34.46, 31.50], [34.46, 31.52], [34.42, 31.52], [34.42, 31.50]]


def _table(geometry, **props):
    record = {"classification": "public", "geometry": geometry, "adm2": "PS0260", **props}
    return publish_records("layer", [record], [k for k in record if k != "classification"])


def _geometry(text):
    return json.loads(text)["features"][0]["geometry"]


def test_a_point_is_written_lon_lat_with_no_crs_and_passes_the_checker():
    text = write_geojson(_table({"type": "Point", "coordinates": [34.4669, 31.5017]}))
    document = json.loads(text)
    assert "crs" not in document
    assert document["features"][0]["properties"] == {"adm2": "PS0260"}
    assert _geometry(text)["coordinates"] == [34.4669, 31.5017]
    assert check_geojson(text) == []


def test_polygons_are_rewound_to_the_right_hand_rule():
    polygon = {"type": "Polygon", "coordinates": [CLOCKWISE, HOLE_CCW]}
    assert any(
        p.code == "rfc7946.winding"
        for p in check_geojson(
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [{"type": "Feature", "geometry": polygon, "properties": {}}],
                }
            )
        )
    )
    text = write_geojson(_table(polygon))
    exterior, hole = _geometry(text)["coordinates"]
    assert exterior == CLOCKWISE[::-1]
    assert hole == HOLE_CCW[::-1]
    assert check_geojson(text) == []


def test_coordinates_are_rounded_to_at_most_seven_decimals():
    text = write_geojson(
        _table({"type": "Point", "coordinates": [34.123456789, 31.987654321]}), precision_decimals=7
    )
    assert _geometry(text)["coordinates"] == [34.1234568, 31.9876543]
    with pytest.raises(ValidationError):
        write_geojson(_table({"type": "Point", "coordinates": [34.1, 31.5]}), precision_decimals=8)


def test_swapped_lat_lon_is_refused_when_the_area_is_known():
    with pytest.raises(GeometryError) as refused:
        write_geojson(
            _table({"type": "Point", "coordinates": [31.5017, 34.4669]}), area_wgs84=GAZA_WGS84
        )
    assert refused.value.code is ErrorCode.SWAPPED_COORDINATES


def test_a_position_far_outside_the_area_is_refused():
    with pytest.raises(GeometryError) as refused:
        write_geojson(
            _table({"type": "Point", "coordinates": [2.35, 48.85]}), area_wgs84=GAZA_WGS84
        )
    assert refused.value.code is ErrorCode.OUTSIDE_AREA


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [200.0, 10.0]},
        {"type": "Point", "coordinates": [34.4]},
        {"type": "Polygon", "coordinates": [[[34.4, 31.4], [34.5, 31.4], [34.4, 31.4]]]},
        {
            "type": "Polygon",
            "coordinates": [[[34.4, 31.4], [34.5, 31.4], [34.5, 31.5], [34.4, 31.5]]],
        },
        {
            "type": "Polygon",
            "coordinates": [[[179.0, 0.0], [-179.0, 0.0], [-179.0, 1.0], [179.0, 0.0]]],
        },
        {"type": "Point", "coordinates": [34.4, 31.5], "crs": {"type": "name"}},
        {"type": "Circle", "coordinates": [34.4, 31.5]},
    ],
    ids=[
        "out-of-range",
        "short-position",
        "three-position-ring",
        "unclosed-ring",
        "antimeridian",
        "crs",
        "unknown-type",
    ],
)
def test_geometries_rfc_7946_forbids_are_refused(geometry):
    with pytest.raises(GeometryError):
        write_geojson(_table(geometry))


def test_multipolygons_and_collections_are_normalised_too():
    geometry = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "MultiPolygon", "coordinates": [[CLOCKWISE]]},
            {"type": "LineString", "coordinates": [[34.4, 31.4], [34.5, 31.5]]},
        ],
    }
    text = write_geojson(_table(geometry))
    assert _geometry(text)["geometries"][0]["coordinates"][0][0] == CLOCKWISE[::-1]
    assert check_geojson(text) == []


def test_a_null_geometry_is_allowed():
    assert _geometry(write_geojson(_table(None))) is None


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ({"type": "FeatureCollection", "crs": {}, "features": []}, "rfc7946.crs"),
        ({"type": "Feature"}, "rfc7946.not_feature_collection"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Point", "coordinates": [34.12345678, 31.5]},
                    }
                ],
            },
            "rfc7946.precision",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Point", "coordinates": [34.1, 95.0]},
                    }
                ],
            },
            "rfc7946.range",
        ),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]},
                    }
                ],
            },
            "rfc7946.ring",
        ),
    ],
)
def test_the_checker_names_each_rfc_7946_violation(document, code):
    assert code in {p.code for p in check_geojson(json.dumps(document))}


def test_the_checker_reads_decimals_from_the_text_not_from_floats():
    text = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[34.1000000000,31.5]}}]}'
    assert [p.code for p in check_geojson(text)] == ["rfc7946.precision"]
