"""Brute-force reference for the deconfliction engine: every pair, one at a time.

Obviously correct and slow on purpose: shapely's ``distance`` on each projected pair and
:meth:`TimeWindow.overlaps`, no index, no vectorisation. Tests and the benchmark compare
:func:`contingent.core.access.engine.deconflict` against it; the rules are those in the engine's
module docstring, with the same :data:`~.kernels.TOLERANCE_M`.
"""

from __future__ import annotations

import shapely

from contingent.core.access.engine import convergence_conflict
from contingent.core.access.geometry import GAZA_UTM_EPSG, project
from contingent.core.access.kernels import TOLERANCE_M
from contingent.core.access.layers import site_protection_window
from contingent.core.access.model import (
    Conflict,
    ConflictKind,
    Corridor,
    MovementNotification,
    ObjectRef,
    Plan,
    Severity,
    SiteNotification,
    SiteStatus,
)
from contingent.core.access.windows import to_us


def _ref(kind: str, obj: object) -> ObjectRef:
    return ObjectRef(kind, obj.id, obj.version)  # type: ignore[attr-defined]


def movement_area_conflicts(
    m: MovementNotification, plan: Plan, epsg: int = GAZA_UTM_EPSG
) -> list[Conflict]:
    out = []
    route = project(m.route_wgs84, epsg)
    for kind, objs, ck in (
        ("zone", plan.zones, ConflictKind.ROUTE_CROSSES_ZONE),
        ("operation", plan.operations, ConflictKind.ROUTE_CROSSES_OPERATION),
    ):
        for z in objs:
            overlap = m.window.intersection(z.window)
            if overlap is None:
                continue
            d = shapely.distance(route, project(z.area_wgs84, epsg))
            if d <= m.route_buffer_m + z.buffer_m + TOLERANCE_M:
                out.append(
                    Conflict(ck, Severity.WARNING, _ref("movement", m), _ref(kind, z), d, overlap)
                )
    return out


def _site_shape(s: SiteNotification) -> shapely.Geometry:
    return s.footprint_wgs84 if s.footprint_wgs84 is not None else s.point_wgs84


def operation_site_conflicts(plan: Plan, epsg: int = GAZA_UTM_EPSG) -> list[Conflict]:
    out = []
    for op in plan.operations:
        for s in plan.sites:
            overlap = op.window.intersection(site_protection_window(s))
            if overlap is None:
                continue
            d = shapely.distance(project(op.area_wgs84, epsg), project(_site_shape(s), epsg))
            if d <= s.buffer_m + op.buffer_m + TOLERANCE_M:
                detail = ""
                if s.status is not SiteStatus.ACTIVE:
                    detail = f"site {s.status}: still protected"
                elif s.validity.end <= overlap.start and not s.validity.is_instant:
                    detail = "site notification expired: still protected"
                out.append(
                    Conflict(
                        ConflictKind.OPERATION_NEAR_SITE,
                        Severity.WARNING,
                        _ref("operation", op),
                        _ref("site", s),
                        d,
                        overlap,
                        detail,
                    )
                )
    return out


def corridor_conflicts(
    m: MovementNotification, corridors: tuple[Corridor, ...], epsg: int = GAZA_UTM_EPSG
) -> list[Conflict]:
    out = []
    for c in corridors:
        d = shapely.distance(project(m.route_wgs84, epsg), project(c.geom_wgs84, epsg))
        if d > m.route_buffer_m + c.width_m / 2 + TOLERANCE_M:
            continue
        gap = m.window.first_uncovered(c.open_windows)
        if gap is not None:
            out.append(
                Conflict(
                    ConflictKind.CORRIDOR_CLOSED,
                    Severity.WARNING,
                    _ref("movement", m),
                    _ref("corridor", c),
                    d,
                    gap,
                )
            )
    return out


def checkpoint_conflicts(plan: Plan) -> list[Conflict]:
    best: dict[tuple[int, int, str], tuple[int, int, int, int, int]] = {}
    moves = plan.movements
    for i, m1 in enumerate(moves):
        for j, m2 in enumerate(moves):
            if j <= i or m1.id == m2.id:
                continue
            for p in m1.checkpoints:
                for q in m2.checkpoints:
                    if p.checkpoint_id != q.checkpoint_id:
                        continue
                    tp, tq = to_us(p.at), to_us(q.at)
                    if abs(tp - tq) > plan.checkpoint_interval_s * 1_000_000:
                        continue
                    cand = (abs(tp - tq), min(tp, tq), max(tp, tq), i, j)
                    key = (i, j, p.checkpoint_id)
                    if key not in best or cand < best[key]:
                        best[key] = cand
    return [
        convergence_conflict(cid, moves[i], lo, moves[j], hi)
        for (i, j, cid), (_, lo, hi, _, _) in best.items()
    ]


def deconflict_bruteforce(plan: Plan, *, epsg: int = GAZA_UTM_EPSG) -> list[Conflict]:
    out: list[Conflict] = []
    for m in plan.movements:
        out += movement_area_conflicts(m, plan, epsg)
        out += corridor_conflicts(m, plan.corridors, epsg)
    out += operation_site_conflicts(plan, epsg)
    out += checkpoint_conflicts(plan)
    return sorted(out, key=Conflict.key)
