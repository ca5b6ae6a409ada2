"""Site import: the 604 Gaza health facilities with P-codes; bad input stores nothing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from contingent.core.access.admin import load_admin2, load_area
from contingent.core.access.geometry import gaza_bounds_area
from contingent.core.access.model import LegalBasis, SiteCategory
from contingent.core.access.sites_import import ImportRejected, import_sites
from contingent.core.access.windows import TimeWindow
from contingent.core.errors import ErrorCode, ValidationError

from .strategies import T0

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
ADMIN1 = DATA / "pse-cod-ab" / "pse_admin1_cod-ab_2023-10-19.geojson"
ADMIN2 = DATA / "pse-cod-ab" / "pse_admin2_cod-ab_2023-10-19.geojson"
OSM = DATA / "pse-osm-hotosm" / "hotosm_pse_health_facilities_points.geojson"
needs_data = pytest.mark.skipif(
    not (ADMIN1.exists() and OSM.exists()),
    reason=f"shared data not found at {DATA} (../shared/data beside the repo)",
)


@pytest.fixture(scope="module")
def gaza():  # type: ignore[no-untyped-def]
    if not ADMIN1.exists():
        pytest.skip(f"COD-AB boundaries not found at {ADMIN1}")
    return {"area": load_area(ADMIN1, "PS02"), "admin": load_admin2(ADMIN2, "PS02")}


def _kw(gaza, **extra):  # type: ignore[no-untyped-def]
    return {"organisation_id": "org", "validity": TimeWindow.open_ended(T0), **gaza, **extra}


@needs_data
def test_importing_the_gaza_health_facilities_yields_604_sites_each_with_a_governorate_pcode(gaza):  # type: ignore[no-untyped-def]
    # No default category: every row is a health facility by its amenity or healthcare tag.
    result = import_sites(OSM.read_bytes(), "geojson", **_kw(gaza, outside_area="skip"))
    assert len(result.sites) == 604
    assert len(result.skipped_outside_area) == 1544 - 604  # the West Bank facilities
    assert all(s.adm1_pcode == "PS02" for s in result.sites)
    # SOURCE.md's own point-in-polygon count per governorate:
    assert Counter(s.adm2_pcode for s in result.sites) == {
        "PS0260": 327,
        "PS0255": 115,
        "PS0270": 66,
        "PS0265": 62,
        "PS0275": 34,
    }
    assert {s.legal_basis for s in result.sites} == {LegalBasis.MEDICAL_UNIT}
    assert len({s.id for s in result.sites}) == 604
    assert all(s.source_ref and "openstreetmap.org" in s.source_ref for s in result.sites)


@needs_data
def test_the_whole_country_file_is_refused_when_outside_points_are_not_skipped(gaza):  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRejected) as exc:
        import_sites(
            OSM.read_bytes(), "geojson", **_kw(gaza, default_category=SiteCategory.HOSPITAL_CLINIC)
        )
    assert exc.value.code is ErrorCode.OUTSIDE_AREA
    assert len(exc.value.rows) == 940


def _collection(*coords: list[float]) -> bytes:
    feats = [
        {
            "type": "Feature",
            "properties": {"name": f"s{i}"},
            "geometry": {"type": "Point", "coordinates": c},
        }
        for i, c in enumerate(coords)
    ]
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode()


@needs_data
def test_one_bad_row_refuses_the_whole_import_and_names_every_bad_row(gaza):  # type: ignore[no-untyped-def]
    raw = _collection([34.45, 31.50], [31.50, 34.45], [34.45, 31.52], [35.2, 31.9])
    with pytest.raises(ImportRejected) as exc:
        import_sites(raw, "geojson", **_kw(gaza, default_category=SiteCategory.SHELTER))
    assert [(r.row, r.code) for r in exc.value.rows] == [
        (1, ErrorCode.SWAPPED_COORDINATES),
        (3, ErrorCode.OUTSIDE_AREA),
    ]
    assert exc.value.code is ErrorCode.SWAPPED_COORDINATES
    assert "rows[1].geometry.coordinates[0]" in exc.value.fields


def test_csv_with_an_hxl_row_imports_with_pcodes(gaza):  # type: ignore[no-untyped-def]
    raw = (
        b"Name,Latitude,Longitude,Type\n#loc+name,#geo+lat,#geo+lon,#loc+type\n"
        b"UNRWA school,31.5016,34.4676,school\nBakery,31.30,34.25,bakery_distribution\n"
    )
    sites = import_sites(raw, "csv", **_kw(gaza)).sites
    assert [(s.name, s.category, s.adm2_pcode) for s in sites] == [
        ("UNRWA school", SiteCategory.SCHOOL, "PS0260"),
        ("Bakery", SiteCategory.BAKERY_DISTRIBUTION, "PS0275"),
    ]


def test_csv_rows_with_bad_numbers_or_unknown_categories_are_refused(gaza):  # type: ignore[no-untyped-def]
    raw = (
        b"name,lat,lon,category\na,31.50,34.46,school\nb,north,34.46,school\nc,31.50,34.46,palace\n"
    )
    with pytest.raises(ImportRejected) as exc:
        import_sites(raw, "csv", **_kw(gaza))
    assert [(r.row, r.code) for r in exc.value.rows] == [
        (1, ErrorCode.INVALID_GEOMETRY),
        (2, ErrorCode.INVALID_INPUT),
    ]


def test_an_oversized_or_malformed_upload_is_refused_with_a_code():
    kw = {
        "organisation_id": "o",
        "validity": TimeWindow.open_ended(T0),
        "area": gaza_bounds_area(),
        "admin": None,
    }
    with pytest.raises(ValidationError) as exc:
        import_sites(_collection([34.45, 31.5]), "geojson", max_bytes=50, **kw)
    assert exc.value.code is ErrorCode.UPLOAD_TOO_LARGE
    with pytest.raises(ValidationError) as exc:
        import_sites(b'{"type": "Feature"}', "geojson", **kw)
    assert exc.value.code is ErrorCode.INVALID_GEOMETRY
    with pytest.raises(ValidationError) as exc:
        import_sites(b"name,x,y\na,1,2\n", "csv", **kw)
    assert exc.value.fields == {"header": "lat/lon"}


@needs_data
@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"healthcare": "laboratory"}, SiteCategory.HOSPITAL_CLINIC),
        ({"healthcare": "rehabilitation"}, SiteCategory.HOSPITAL_CLINIC),
        ({"healthcare": "yes"}, SiteCategory.HOSPITAL_CLINIC),
        ({"amenity": "pharmacy"}, SiteCategory.HOSPITAL_CLINIC),
        ({"category": "school", "healthcare": "clinic"}, SiteCategory.SCHOOL),  # stated wins
    ],
)
def test_osm_health_tags_give_the_medical_category(gaza, props, expected):  # type: ignore[no-untyped-def]
    feature = {
        "type": "Feature",
        "properties": {"name": "x", **props},
        "geometry": {"type": "Point", "coordinates": [34.45, 31.50]},
    }
    raw = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    (site,) = import_sites(raw, "geojson", **_kw(gaza)).sites
    assert site.category is expected


@needs_data
@pytest.mark.parametrize("props", [{"healthcare": "no"}, {"amenity": "bench"}, {}])
def test_a_row_that_is_no_health_facility_needs_a_category_or_default(gaza, props):  # type: ignore[no-untyped-def]
    feature = {
        "type": "Feature",
        "properties": {"name": "x", **props},
        "geometry": {"type": "Point", "coordinates": [34.45, 31.50]},
    }
    raw = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    with pytest.raises(ImportRejected) as exc:
        import_sites(raw, "geojson", **_kw(gaza))
    assert "rows[0].category" in exc.value.fields
