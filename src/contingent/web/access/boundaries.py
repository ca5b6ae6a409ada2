"""Governorate boundaries: the area of operations and P-code assignment.

Which boundaries: ``CONTINGENT_BOUNDARIES`` (an admin-2 GeoJSON with ``adm2_pcode`` or ``pcode``
properties) when set; else the OCHA COD-AB admin-2 file in ``../shared/data/pse-cod-ab`` when
present (exact shapes, OCHA oPt / PAMoP 2023-10-19, CC BY-IGO); else the app's own simplified
display copy (``static/contingent/geo/gaza-governorates.geojson``, about 150 m simplification).
With the simplified copy a point near a border can get the neighbouring P-code; the import
report names which boundaries were used.

The area of operations is the union of those governorates (see ``AREA_MARGIN_DEG``); P-codes
are assigned by the core (``core.access.sites_import.assign_pcodes``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from contingent.core.access.geometry import AreaOfOperations
from contingent.core.access.sites_import import AdminIndex, assign_pcodes
from contingent.core.errors import ErrorCode, ValidationError

_REPO = Path(__file__).resolve().parents[4]
SHARED_ADMIN2 = (
    _REPO.parent / "shared" / "data" / "pse-cod-ab" / "pse_admin2_cod-ab_2023-10-19.geojson"
)
DISPLAY_ADMIN2 = (
    Path(__file__).resolve().parents[1] / "static/contingent/geo/gaza-governorates.geojson"
)
GAZA_ADM1 = "PS02"
# The union of the governorates grown by about 50 m, so a point on the generalised coastline is
# not refused; the core then snaps it to the nearest governorate within PCODE_SNAP_M (200 m).
AREA_MARGIN_DEG = 0.0005


@dataclass(frozen=True)
class Boundaries:
    path: str
    admin: AdminIndex
    area: AreaOfOperations

    def pcodes_of(self, point: Point) -> tuple[str, str] | None:
        """(adm1, adm2) P-codes of a point, or None when it is in no governorate."""
        return assign_pcodes(self.admin, np.array([point], dtype=object), self.area.metric_epsg)[0]


def default_path() -> Path:
    if env := os.environ.get("CONTINGENT_BOUNDARIES"):
        return Path(env)
    return SHARED_ADMIN2 if SHARED_ADMIN2.exists() else DISPLAY_ADMIN2


@lru_cache(maxsize=4)
def load_boundaries(path: str | None = None) -> Boundaries:
    """Gaza governorates (admin-2 P-codes starting ``PS02``) from an admin-2 GeoJSON file."""
    p = Path(path) if path else default_path()
    try:
        doc = json.loads(p.read_bytes())
    except (OSError, ValueError) as exc:
        raise ValidationError(
            f"cannot read boundaries {p}",
            code=ErrorCode.INVALID_INPUT,
            fields={"boundaries": str(exc)[:200]},
        ) from exc
    rows = []
    for f in doc.get("features", []) if isinstance(doc, dict) else []:
        props = f.get("properties") or {}
        pcode = str(props.get("adm2_pcode") or props.get("pcode") or "")
        if pcode.startswith(GAZA_ADM1):
            rows.append((pcode, GAZA_ADM1, shape(f["geometry"])))
    if not rows:
        raise ValidationError(
            f"no Gaza governorates (P-codes {GAZA_ADM1}xx) in {p}",
            code=ErrorCode.INVALID_INPUT,
            fields={"boundaries": "no PS02 admin-2 features"},
        )
    rows.sort(key=lambda r: r[0])
    polys = np.array([r[2] for r in rows], dtype=object)
    admin = AdminIndex(
        tuple(r[0] for r in rows), tuple(r[1] for r in rows), polys, shapely.STRtree(polys)
    )
    area = unary_union(list(polys)).buffer(AREA_MARGIN_DEG)
    return Boundaries(str(p), admin, AreaOfOperations("the Gaza Strip", area))
