"""Import protected sites from GeoJSON or CSV, with governorate P-codes from admin boundaries.

All-or-nothing (DESIGN.md, Errors): every row is checked first; if any row is bad, nothing is
returned and :class:`ImportRejected` carries one coded entry per bad row (its ``code`` is the
first row's code, ``fields`` maps ``rows[N]...`` to the problem). Points plainly outside the area
of operations are refused by default; with ``outside_area="skip"`` they are left out and counted
(for a whole-country file such as the OSM export, where the West Bank is not our area).
Swapped latitude/longitude is always refused: it is a data error, not another place.

P-codes: point-in-polygon against OCHA COD-AB admin-2 polygons ([S] ../shared/data/pse-cod-ab,
valid 2023-10-19); a point on a shared border goes to the lowest P-code. A point inside the area
but in no admin-2 polygon (coastline generalisation) takes the nearest governorate within
``PCODE_SNAP_M``; farther than that it is refused, since public aggregates are by governorate.

Categories: a ``category`` property/column with a :class:`SiteCategory` value, else OSM tags
(``amenity`` hospital, clinic, doctors, dentist, pharmacy, or any ``healthcare=*`` value but
``no`` → hospital_clinic), else ``default_category``; the legal basis follows
:data:`DEFAULT_LEGAL_BASIS`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
from shapely.geometry import Point

from contingent.core.access import geometry as geo
from contingent.core.access.admin import AdminIndex, assign_pcodes
from contingent.core.access.model import (
    DEFAULT_LEGAL_BASIS,
    SiteCategory,
    SiteNotification,
    SiteRelation,
)
from contingent.core.access.windows import TimeWindow
from contingent.core.errors import ContingentError, ErrorCode, ValidationError

OSM_HEALTH = {"hospital", "clinic", "doctors", "dentist", "pharmacy", "health_post", "healthcare"}


def _healthcare_tagged(props: dict[str, Any]) -> bool:
    """OSM's ``healthcare=*`` key marks a facility whose main purpose is health care, whatever
    its value (laboratory, rehabilitation, birthing_centre, centre, yes, …) [OSM wiki, Key:
    healthcare, https://wiki.openstreetmap.org/wiki/Key:healthcare]. All of them are medical
    units, protected under customary IHL Rule 28 (access.md §1.4). ``no`` means none."""
    value = str(props.get("healthcare") or "").strip().lower()
    return value not in ("", "no")


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    code: ErrorCode
    field: str
    message: str


class ImportRejected(ValidationError):
    """Nothing was imported; ``rows`` lists every bad row."""

    def __init__(self, rows: list[RowError]) -> None:
        super().__init__(
            f"{len(rows)} row(s) refused; nothing imported",
            code=rows[0].code,
            fields={f"rows[{r.row}].{r.field}": f"{r.code}: {r.message}" for r in rows[:200]},
        )
        self.rows = rows


@dataclass(frozen=True, slots=True)
class ImportResult:
    sites: tuple[SiteNotification, ...]
    skipped_outside_area: tuple[int, ...]  # row numbers left out with outside_area="skip"


@dataclass(frozen=True, slots=True)
class _Row:
    row: int
    geometry: Any  # GeoJSON geometry object
    props: dict[str, Any]


def _category(props: dict[str, Any], default: SiteCategory | None) -> SiteCategory:
    given = props.get("category")
    if given:
        try:
            return SiteCategory(str(given).strip().lower())
        except ValueError:
            raise ValidationError(
                f"unknown category {given!r}", fields={"category": str(given)}
            ) from None
    if str(props.get("amenity") or "") in OSM_HEALTH or _healthcare_tagged(props):
        return SiteCategory.HOSPITAL_CLINIC
    if default is None:
        raise ValidationError("no category and no default category", fields={"category": "missing"})
    return default


def _site_id(props: dict[str, Any], row: int, id_prefix: str) -> str:
    if props.get("id"):
        return str(props["id"])
    if props.get("osm_id"):
        return f"osm-{props.get('osm_type') or 'node'}-{props['osm_id']}"
    return f"{id_prefix}{row}"


def _source_ref(props: dict[str, Any]) -> str | None:
    if props.get("source_ref"):
        return str(props["source_ref"])
    if props.get("osm_id"):
        kind = {"nodes": "node", "ways": "way", "relations": "relation"}.get(
            str(props.get("osm_type")), "node"
        )
        return f"https://www.openstreetmap.org/{kind}/{props['osm_id']} (ODbL, © OpenStreetMap contributors)"
    return None


def _check_row(r: _Row, area: geo.AreaOfOperations, outside: str) -> Point | None:
    """The validated point, or None to skip; raises ContingentError for a bad row."""
    point = geo.parse_geometry(r.geometry, "Point")
    try:
        geo.check_in_area(point, area)
    except ContingentError as exc:
        if exc.code is ErrorCode.OUTSIDE_AREA and outside == "skip":
            return None
        raise
    return point  # type: ignore[no-any-return]


def _checked_rows(
    rows: Iterable[_Row],
    area: geo.AreaOfOperations,
    default_category: SiteCategory | None,
    outside_area: str,
) -> tuple[list[tuple[_Row, Point, SiteCategory]], list[int], list[RowError]]:
    """Every row checked (none stops the others): (kept, skipped row numbers, errors)."""
    errors: list[RowError] = []
    kept: list[tuple[_Row, Point, SiteCategory]] = []
    skipped: list[int] = []
    for r in rows:
        try:
            point = _check_row(r, area, outside_area)
            if point is None:
                skipped.append(r.row)
                continue
            kept.append((r, point, _category(r.props, default_category)))
        except ContingentError as exc:
            field = next(iter(exc.fields), "row")
            errors.append(RowError(r.row, exc.code, field, exc.message))
    return kept, skipped, errors


def sites_from_rows(
    rows: Iterable[_Row],
    *,
    organisation_id: str,
    area: geo.AreaOfOperations,
    admin: AdminIndex,
    validity: TimeWindow,
    default_category: SiteCategory | None = None,
    humanitarian_function: str = "",
    relation: SiteRelation = SiteRelation.SUPPORTS,
    buffer_m: float = 100.0,
    outside_area: Literal["reject", "skip"] = "reject",
    id_prefix: str = "site-",
) -> ImportResult:
    """Version-1 site notifications for every row, or :class:`ImportRejected` naming every bad
    row (all-or-nothing, see the module docstring)."""
    kept, skipped, errors = _checked_rows(rows, area, default_category, outside_area)
    pcodes = (
        assign_pcodes(admin, np.array([p for _, p, _ in kept], dtype=object), area.metric_epsg)
        if kept
        else []
    )
    for (r, _, _), pc in zip(kept, pcodes, strict=True):
        if pc is None:
            errors.append(
                RowError(
                    r.row, ErrorCode.OUTSIDE_AREA, "geometry", "in no governorate (admin-2) polygon"
                )
            )
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: e.row))
    sites = []
    for (r, point, category), (adm1, adm2) in zip(kept, pcodes, strict=True):  # type: ignore[misc]
        p = r.props
        name = str(p.get("name:en") or p.get("name_en") or p.get("name") or "unnamed")
        sites.append(
            SiteNotification(
                id=_site_id(p, r.row, id_prefix),
                version=1,
                organisation_id=organisation_id,
                name=name,
                category=category,
                legal_basis=DEFAULT_LEGAL_BASIS[category],
                humanitarian_function=str(
                    p.get("humanitarian_function") or humanitarian_function or category.value
                ),
                relation=relation,
                point_wgs84=point,
                validity=validity,
                buffer_m=buffer_m,
                adm1_pcode=adm1,
                adm2_pcode=adm2,
                name_ar=p.get("name:ar") or p.get("name_ar"),
                source_ref=_source_ref(p),
            )
        )
    return ImportResult(tuple(sites), tuple(skipped))


def geojson_rows(raw: bytes | str, max_bytes: int = geo.DEFAULT_MAX_UPLOAD_BYTES) -> list[_Row]:
    """A FeatureCollection of Point features → rows (structure checked, geometry not yet)."""
    doc = geo.load_geojson(raw, max_bytes)
    if (
        not isinstance(doc, dict)
        or doc.get("type") != "FeatureCollection"
        or not isinstance(doc.get("features"), list)
    ):
        raise geo.GeometryError("expected a GeoJSON FeatureCollection", fields={"upload": "type"})
    rows = []
    for i, f in enumerate(doc["features"]):
        if not isinstance(f, dict) or f.get("type") != "Feature":
            raise geo.GeometryError("not a GeoJSON Feature", fields={f"features[{i}]": "type"})
        rows.append(_Row(i, f.get("geometry"), dict(f.get("properties") or {})))
    return rows


_CSV_ALIASES = {
    "lat": ("lat", "latitude", "#geo+lat"),
    "lon": ("lon", "lng", "long", "longitude", "#geo+lon"),
    "name": ("name", "#loc+name"),
    "name_ar": ("name_ar", "name:ar", "#loc+name+i_ar"),
    "category": ("category", "#loc+type"),
    "id": ("id", "#meta+id"),
    "humanitarian_function": ("humanitarian_function", "#sector+cluster"),
}


def csv_rows(raw: bytes | str, max_bytes: int = geo.DEFAULT_MAX_UPLOAD_BYTES) -> list[_Row]:
    """CSV with plain headers, HXL hashtags as the header, or headers plus an HXL row
    (access.md §4.1); latitude and longitude in decimal degrees."""
    geo.check_upload_size(raw, max_bytes)
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    table = list(csv.reader(io.StringIO(text)))
    if not table:
        raise ValidationError("empty CSV", fields={"upload": "empty"})
    headers = [h.strip().lower().replace(" ", "") for h in table[0]]
    body = table[1:]
    if body and all(c.strip().startswith("#") or not c.strip() for c in body[0]) and any(body[0]):
        hxl = [c.strip().lower().replace(" ", "") for c in body[0]]
        headers = [x or h for h, x in zip(headers, hxl, strict=False)]
        body = body[1:]
    col = {
        key: next((headers.index(a) for a in names if a in headers), None)
        for key, names in _CSV_ALIASES.items()
    }
    if col["lat"] is None or col["lon"] is None:
        raise ValidationError(
            "the CSV needs latitude and longitude columns", fields={"header": "lat/lon"}
        )
    rows = []
    for i, cells in enumerate(body):
        props = {
            k: cells[c].strip()
            for k, c in col.items()
            if c is not None and c < len(cells) and cells[c].strip()
        }
        try:
            coords: Any = [float(props.pop("lon")), float(props.pop("lat"))]
        except (KeyError, ValueError):
            coords = None
        rows.append(_Row(i, {"type": "Point", "coordinates": coords}, props))
    return rows


def import_sites(raw: bytes | str, fmt: Literal["geojson", "csv"], **kwargs: Any) -> ImportResult:
    """Parse then validate; see :func:`sites_from_rows` for the keyword arguments (plus
    ``max_bytes``). Raises ``ValidationError``/``ImportRejected`` and returns nothing on bad input."""
    max_bytes = kwargs.pop("max_bytes", geo.DEFAULT_MAX_UPLOAD_BYTES)
    rows = geojson_rows(raw, max_bytes) if fmt == "geojson" else csv_rows(raw, max_bytes)
    return sites_from_rows(rows, **kwargs)


def with_buffer(result: ImportResult, buffer_m: float) -> ImportResult:
    return replace(result, sites=tuple(replace(s, buffer_m=buffer_m) for s in result.sites))
