"""Single checks: one new notification (or zone, or operation) against a loaded index.

Each builds a one-object layer and runs the same joins as the bulk mode, so a single check and
the bulk answer cannot disagree. An older version of the same object id in the index is ignored
(the new version replaces it). p99 target: 10 ms (DESIGN.md), measured by bench/deconflict.py.
"""

from __future__ import annotations

import numpy as np

from contingent.core.access.engine import (
    DeconflictionIndex,
    area_layer,
    convergence_conflict,
    corridor_conflicts,
    movement_layer,
    operation_site_conflicts,
    route_conflicts,
    site_layer,
)
from contingent.core.access.layers import Layer
from contingent.core.access.model import (
    Conflict,
    ExclusionZone,
    MovementNotification,
    PlannedOperation,
    SiteNotification,
)
from contingent.core.access.windows import to_us


def _checkpoints_of(index: DeconflictionIndex, m: MovementNotification) -> list[Conflict]:
    interval_us = int(index.plan.checkpoint_interval_s * 1_000_000)
    best: dict[tuple[int, str], tuple[int, int, int, int]] = {}
    for p in m.checkpoints:
        t0 = to_us(p.at)
        times, owner = index.checkpoints.get(
            p.checkpoint_id, (np.empty(0, np.int64), np.empty(0, np.int64))
        )
        lo = np.searchsorted(times, t0 - interval_us, side="left")
        hi = np.searchsorted(times, t0 + interval_us, side="right")
        for k in range(lo, hi):
            other = index.plan.movements[int(owner[k])]
            if other.id == m.id:
                continue
            tk = int(times[k])
            cand = (abs(tk - t0), min(tk, t0), max(tk, t0), int(owner[k]))
            key = (int(owner[k]), p.checkpoint_id)
            if key not in best or cand < best[key]:
                best[key] = cand
    out = []
    for (_, cid), (_, t_lo, t_hi, k) in best.items():
        out.append(convergence_conflict(cid, m, t_lo, index.plan.movements[k], t_hi))
    return out


def check_movement(index: DeconflictionIndex, m: MovementNotification) -> list[Conflict]:
    one = movement_layer((m,), index.epsg)
    out = route_conflicts(one, index.zones) + route_conflicts(one, index.operations)
    out += corridor_conflicts(one, index.corridors)
    out += _checkpoints_of(index, m)
    return sorted(out, key=Conflict.key)


def check_operation(index: DeconflictionIndex, op: PlannedOperation) -> list[Conflict]:
    one = area_layer("operation", (op,), index.epsg)
    out = operation_site_conflicts(one, index.sites)
    out += route_conflicts(index.movements, one)
    return sorted(out, key=Conflict.key)


def check_site(index: DeconflictionIndex, site: SiteNotification) -> list[Conflict]:
    one = site_layer((site,), index.epsg)
    return sorted(operation_site_conflicts(index.operations, one), key=Conflict.key)


def check_zone(index: DeconflictionIndex, zone: ExclusionZone) -> list[Conflict]:
    one = area_layer("zone", (zone,), index.epsg)
    return sorted(route_conflicts(index.movements, one), key=Conflict.key)


def check_notification(
    index: DeconflictionIndex,
    obj: MovementNotification | SiteNotification | PlannedOperation | ExclusionZone,
) -> list[Conflict]:
    """Dispatch on the object's type."""
    if isinstance(obj, MovementNotification):
        return check_movement(index, obj)
    if isinstance(obj, SiteNotification):
        return check_site(index, obj)
    if isinstance(obj, PlannedOperation):
        return check_operation(index, obj)
    return check_zone(index, obj)


__all__ = [
    "Layer",
    "check_movement",
    "check_notification",
    "check_operation",
    "check_site",
    "check_zone",
]
