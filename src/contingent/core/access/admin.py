"""Admin boundaries with P-codes (OCHA COD-AB): the area of operations and P-code assignment.

Sources: ../shared/data/pse-cod-ab (COD-AB PSE, valid 2023-10-19; Gaza Strip PS02, governorates
PS0255–PS0275, access.md §4.4). A point on a shared border goes to the lowest P-code; a point in
the area but in no admin-2 polygon (coastline generalisation) takes the nearest governorate within
``PCODE_SNAP_M``, else None.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import shape

from contingent.core.access import geometry as geo
from contingent.core.errors import ErrorCode, ValidationError

PCODE_SNAP_M = 200.0


@dataclass(frozen=True, slots=True)
class AdminIndex:
    """Admin-2 polygons and their P-codes (WGS84), sorted by P-code."""

    adm2_pcodes: tuple[str, ...]
    adm1_pcodes: tuple[str, ...]
    polygons: np.ndarray
    tree: shapely.STRtree


def load_admin2(path: Path | str, adm1_pcode: str | None = None) -> AdminIndex:
    """Read a COD-AB admin-2 GeoJSON (``adm2_pcode``, ``adm1_pcode`` properties)."""
    feats = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    rows = sorted(
        (f["properties"]["adm2_pcode"], f["properties"]["adm1_pcode"], shape(f["geometry"]))
        for f in feats
        if adm1_pcode is None or f["properties"]["adm1_pcode"] == adm1_pcode
    )
    polys = np.array([r[2] for r in rows], dtype=object)
    return AdminIndex(
        tuple(r[0] for r in rows), tuple(r[1] for r in rows), polys, shapely.STRtree(polys)
    )


def load_area(
    admin1_path: Path | str, pcode: str = "PS02", metric_epsg: int = geo.GAZA_UTM_EPSG
) -> geo.AreaOfOperations:
    """The area of operations from a COD-AB admin-1 GeoJSON (PS02 = Gaza Strip, access.md §4.4)."""
    for f in json.loads(Path(admin1_path).read_text(encoding="utf-8"))["features"]:
        if f["properties"].get("adm1_pcode") == pcode:
            return geo.AreaOfOperations(
                f["properties"].get("adm1_name", pcode), shape(f["geometry"]), metric_epsg
            )
    raise ValidationError(
        f"no admin-1 feature {pcode}", code=ErrorCode.UNKNOWN_REFERENCE, fields={"pcode": pcode}
    )


def assign_pcodes(
    admin: AdminIndex, points: np.ndarray, epsg: int = geo.GAZA_UTM_EPSG
) -> list[tuple[str, str] | None]:
    """(adm1, adm2) P-code per point (shapely Points, WGS84), or None beyond the snap distance."""
    pt_idx, poly_idx = admin.tree.query(points, predicate="intersects")
    out: list[tuple[str, str] | None] = [None] * len(points)
    for p, k in sorted(zip(pt_idx.tolist(), poly_idx.tolist(), strict=True), reverse=True):
        out[p] = (admin.adm1_pcodes[k], admin.adm2_pcodes[k])  # reverse order: lowest P-code wins
    missing = [i for i, v in enumerate(out) if v is None]
    if missing:
        polys_m = [geo.project(g, epsg) for g in admin.polygons]
        for i in missing:
            pm = geo.project(points[i], epsg)
            d = [shapely.distance(pm, g) for g in polys_m]
            k = int(np.argmin(d))
            if d[k] <= PCODE_SNAP_M:
                out[i] = (admin.adm1_pcodes[k], admin.adm2_pcodes[k])
    return out
