"""The naive-loop baseline for bench/deconflict.py: a plain double loop on a sample.

Pre-projected shapely geometries and one `shapely.distance` per time-overlapping pair; no index,
no vectorised kernels. Checkpoint convergence is not looped (it is a self-join of movements), so
it is left out of the comparison on both sides.
"""

from __future__ import annotations

import time

import numpy as np
import shapely

# Imported here, not in the loops: a first import inside the timed region would be multiplied
# by 1/fraction in the extrapolation.
from contingent.core.access.bruteforce import corridor_conflicts
from contingent.core.access.kernels import TOLERANCE_M
from contingent.core.access.layers import project_many, site_protection_window
from contingent.core.access.model import MovementNotification, Plan, PlannedOperation


def conflict_ids(conflicts) -> set[tuple]:  # type: ignore[no-untyped-def]
    """The comparable answer of a conflict list: (kind, a id, b id, checkpoint id)."""
    return {(str(c.kind), c.a.id, c.b.id, c.checkpoint_id) for c in conflicts}


def _sample(rng: np.random.Generator, objs: tuple, fraction: float) -> list:
    """A sorted random subset of at least one object (the draw order is part of the sample)."""
    picked = rng.choice(len(objs), max(1, int(len(objs) * fraction)), replace=False)
    return [objs[i] for i in sorted(picked)]


def _movement_loop(plan: Plan, moves: list[MovementNotification]) -> set[tuple]:
    areas = [("route_crosses_zone", z) for z in plan.zones] + [
        ("route_crosses_operation", o) for o in plan.operations
    ]
    area_m = project_many([a.area_wgs84 for _, a in areas])
    found = set()
    for m, route in zip(moves, project_many([m.route_wgs84 for m in moves]), strict=True):
        for (kind, a), geom in zip(areas, area_m, strict=True):
            if (
                m.window.overlaps(a.window)
                and shapely.distance(route, geom) <= m.route_buffer_m + a.buffer_m + TOLERANCE_M
            ):
                found.add((kind, m.id, a.id, ""))
        found |= conflict_ids(corridor_conflicts(m, plan.corridors))
    return found


def _operation_loop(plan: Plan, ops: list[PlannedOperation]) -> set[tuple]:
    sites_m = project_many(
        [s.footprint_wgs84 if s.footprint_wgs84 is not None else s.point_wgs84 for s in plan.sites]
    )
    found = set()
    for op, geom in zip(ops, project_many([o.area_wgs84 for o in ops]), strict=True):
        for s, sg in zip(plan.sites, sites_m, strict=True):
            near = shapely.distance(geom, sg) <= s.buffer_m + op.buffer_m + TOLERANCE_M
            if near and op.window.overlaps(site_protection_window(s)):
                found.add(("operation_near_site", op.id, s.id, ""))
    return found


def run_naive(plan: Plan, conflicts: list, fraction: float, seed: int) -> tuple[float, bool, int]:
    """A plain double loop (shapely distance per pair, pre-projected) on a sample of movements
    and operations; returns (extrapolated seconds, same answers on the sample, sample size)."""
    rng = np.random.default_rng(seed + 1)
    moves = _sample(rng, plan.movements, fraction)
    ops = _sample(rng, plan.operations, fraction)
    t = time.perf_counter()
    found = _movement_loop(plan, moves) | _operation_loop(plan, ops)
    elapsed = (time.perf_counter() - t) / fraction
    mids, oids = {m.id for m in moves}, {o.id for o in ops}
    expected = {
        k
        for k in conflict_ids(conflicts)
        if k[0] != "checkpoint_convergence"
        and (k[1] in mids or (k[1] in oids and k[0] == "operation_near_site"))
    }
    return elapsed, found == expected, len(moves) + len(ops)
