"""The deconfliction engine: bulk mode for a whole plan and single checks against a loaded index.

Rules (each conflict names both object versions, the exact distance in metres in the area's
metric CRS — UTM 36N for Gaza — and the time they share):

1. ``route_crosses_zone`` / ``route_crosses_operation`` — a movement's route comes within
   ``route_buffer_m + zone.buffer_m`` of an exclusion zone or planned operation (0 when it
   crosses) while their windows overlap.
2. ``operation_near_site`` — a planned operation comes within ``site.buffer_m + op.buffer_m`` of a
   protected site (its footprint when given, else its point) at or after the site's
   ``validity.start``. Protection does not lapse when a notification expires or is withdrawn
   (access.md §0.1, §1.6): such sites are checked alike and the conflict says so in ``detail``.
3. ``corridor_closed`` — a movement's route comes within ``route_buffer_m + width_m / 2`` of a
   corridor and its window is not covered by the corridor's open windows; ``overlap`` is the first
   uncovered part.
4. ``checkpoint_convergence`` (informational) — two different movements pass the same checkpoint
   id within ``Plan.checkpoint_interval_s``; one conflict per movement pair and checkpoint, for the
   closest pair of passages. ``a`` is the movement with the smaller (id, version).

Windows are half-open, zero-length windows are instants (:mod:`.windows`). A movement's window
covers its whole route (the engine does not know where the convoy is inside the window).
:mod:`.bruteforce` answers the same questions with obviously-correct loops for the tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from contingent.core.access.geometry import GAZA_UTM_EPSG
from contingent.core.access.layers import (
    Layer,
    Progress,
    area_layer,
    corridor_layer,
    movement_layer,
    site_layer,
    spatio_temporal_join,
)
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
from contingent.core.access.windows import (
    TimeWindow,
    first_uncovered_us,
    from_us,
    merge_windows_us,
    to_us,
)

_KIND_OF_LAYER = {
    "zone": ConflictKind.ROUTE_CROSSES_ZONE,
    "operation": ConflictKind.ROUTE_CROSSES_OPERATION,
}


@dataclass(slots=True)
class DeconflictionIndex:
    """A plan loaded for checking: layers in metres plus checkpoint passages by id."""

    plan: Plan
    epsg: int
    movements: Layer
    sites: Layer
    zones: Layer
    operations: Layer
    corridors: Layer
    checkpoints: dict[str, tuple[np.ndarray, np.ndarray]]  # id -> (sorted times µs, movement idx)


def _checkpoint_table(
    movements: tuple[MovementNotification, ...],
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    by_id: dict[str, tuple[list[int], list[int]]] = {}
    for i, m in enumerate(movements):
        for p in m.checkpoints:
            times, owners = by_id.setdefault(p.checkpoint_id, ([], []))
            times.append(to_us(p.at))
            owners.append(i)
    table = {}
    for cid, (times, owners) in by_id.items():
        t, o = np.array(times, np.int64), np.array(owners, np.int64)
        order = np.argsort(t, kind="stable")
        table[cid] = (t[order], o[order])
    return table


def build_index(
    plan: Plan, *, epsg: int = GAZA_UTM_EPSG, progress: Progress | None = None
) -> DeconflictionIndex:
    """Project and flatten every object of ``plan`` once (the slow part of a single check)."""
    steps = (
        ("movements", lambda: movement_layer(plan.movements, epsg)),
        ("sites", lambda: site_layer(plan.sites, epsg)),
        ("zones", lambda: area_layer("zone", plan.zones, epsg)),
        ("operations", lambda: area_layer("operation", plan.operations, epsg)),
        ("corridors", lambda: corridor_layer(plan.corridors, epsg)),
    )
    built = {}
    for k, (name, make) in enumerate(steps):
        built[name] = make()
        if progress:
            progress("loading", (k + 1) / len(steps))
    return DeconflictionIndex(plan, epsg, checkpoints=_checkpoint_table(plan.movements), **built)


def _ref(layer: Layer, i: int) -> ObjectRef:
    return layer.refs[i]


def _overlap(a: Layer, i: int, b: Layer, j: int) -> TimeWindow:
    wa, wb = a.windows[i], b.windows[j]
    assert wa is not None and wb is not None
    # Aware datetimes compare exactly like their microsecond counts, and cheaper than numpy scalars.
    start = wa.start if wa.start >= wb.start else wb.start
    end = wa.end if wa.end <= wb.end else wb.end
    return TimeWindow.trusted(start, end)


def _site_detail(site: SiteNotification, window: TimeWindow) -> str:
    if site.status is not SiteStatus.ACTIVE:
        return f"site {site.status}: still protected"
    if site.validity.end <= window.start and not site.validity.is_instant:
        return "site notification expired: still protected"
    return ""


def route_conflicts(moves: Layer, areas: Layer, progress: Progress | None = None) -> list[Conflict]:
    i, j, d = spatio_temporal_join(
        moves, areas, progress=progress, label=f"movements × {areas.kind}s"
    )
    kind = _KIND_OF_LAYER[areas.kind]
    return [
        Conflict(
            kind,
            Severity.WARNING,
            _ref(moves, a),
            _ref(areas, b),
            float(dist),
            _overlap(moves, a, areas, b),
        )
        for a, b, dist in zip(i.tolist(), j.tolist(), d.tolist(), strict=True)
    ]


def operation_site_conflicts(
    ops: Layer, sites: Layer, progress: Progress | None = None
) -> list[Conflict]:
    i, j, d = spatio_temporal_join(ops, sites, progress=progress, label="operations × sites")
    out = []
    for a, b, dist in zip(i.tolist(), j.tolist(), d.tolist(), strict=True):
        overlap = _overlap(ops, a, sites, b)
        detail = _site_detail(sites.objects[b], overlap)  # type: ignore[arg-type]
        out.append(
            Conflict(
                ConflictKind.OPERATION_NEAR_SITE,
                Severity.WARNING,
                _ref(ops, a),
                _ref(sites, b),
                float(dist),
                overlap,
                detail,
            )
        )
    return out


def corridor_conflicts(
    moves: Layer, corridors: Layer, progress: Progress | None = None
) -> list[Conflict]:
    i, j, d = spatio_temporal_join(
        moves, corridors, use_time=False, progress=progress, label="movements × corridors"
    )
    out = []
    for cj in np.unique(j).tolist():
        sel = np.flatnonzero(j == cj)
        c: Corridor = corridors.objects[cj]  # type: ignore[assignment]
        ms, me = merge_windows_us(c.open_windows)
        s, e = moves.start_us[i[sel]], moves.end_us[i[sel]]
        open_gap, gs, ge = first_uncovered_us(s, e, ms, me)
        instant = s == e  # rare: the scalar rule decides
        # A gap's ends are ends of the movement window or of an open window: reuse those objects.
        known = {to_us(t): t for w in c.open_windows for t in (w.start, w.end)}
        ref_c = _ref(corridors, cj)
        for k in np.flatnonzero(open_gap | instant).tolist():
            a = int(i[sel[k]])
            w: TimeWindow = moves.windows[a]  # type: ignore[assignment]
            if instant[k]:
                gap = w.first_uncovered(c.open_windows)
            else:
                g0, g1 = int(gs[k]), int(ge[k])
                gap = TimeWindow.trusted(
                    w.start if g0 == s[k] else known[g0], w.end if g1 == e[k] else known[g1]
                )
            if gap is not None:
                out.append(
                    Conflict(
                        ConflictKind.CORRIDOR_CLOSED,
                        Severity.WARNING,
                        _ref(moves, a),
                        ref_c,
                        float(d[sel[k]]),
                        gap,
                    )
                )
    return out


def convergence_conflict(
    cid: str, m1: MovementNotification, t1: int, m2: MovementNotification, t2: int
) -> Conflict:
    """The informational conflict of two movements at checkpoint ``cid`` at times ``t1``/``t2``
    (µs); shared by the engine, the single check and the brute-force reference."""
    a, b = sorted(((m1.id, m1.version), (m2.id, m2.version)))
    span = TimeWindow(from_us(min(t1, t2)), from_us(max(t1, t2)))
    return Conflict(
        ConflictKind.CHECKPOINT_CONVERGENCE,
        Severity.INFORMATIONAL,
        ObjectRef("movement", *a),
        ObjectRef("movement", *b),
        0.0,
        span,
        detail=f"checkpoint {cid}",
        checkpoint_id=cid,
    )


def checkpoint_conflicts(index: DeconflictionIndex) -> list[Conflict]:
    interval_us = int(index.plan.checkpoint_interval_s * 1_000_000)
    moves = index.plan.movements
    out = []
    for cid, (t, owner) in index.checkpoints.items():
        hi = np.searchsorted(t, t + interval_us, side="right")
        counts = hi - np.arange(len(t)) - 1
        p = np.repeat(np.arange(len(t)), counts)
        q = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts) + p + 1
        mp, mq = owner[p], owner[q]
        lo_m, hi_m = np.minimum(mp, mq), np.maximum(mp, mq)
        # Closest passages first (then earliest), keep the first row of each movement pair.
        order = np.lexsort((t[q], t[p], t[q] - t[p], hi_m, lo_m))
        lo_m, hi_m, p, q = lo_m[order], hi_m[order], p[order], q[order]
        first = (
            np.r_[True, (lo_m[1:] != lo_m[:-1]) | (hi_m[1:] != hi_m[:-1])]
            if len(p)
            else np.empty(0, bool)
        )
        for a, b, tp, tq in zip(
            lo_m[first].tolist(),
            hi_m[first].tolist(),
            t[p[first]].tolist(),
            t[q[first]].tolist(),
            strict=True,
        ):
            if moves[a].id != moves[b].id:
                out.append(convergence_conflict(cid, moves[a], tp, moves[b], tq))
    return out


def deconflict_index(index: DeconflictionIndex, progress: Progress | None = None) -> list[Conflict]:
    """Every conflict in the loaded plan, sorted by :meth:`Conflict.key`."""
    out = route_conflicts(index.movements, index.zones, progress)
    out += route_conflicts(index.movements, index.operations, progress)
    out += operation_site_conflicts(index.operations, index.sites, progress)
    out += corridor_conflicts(index.movements, index.corridors, progress)
    out += checkpoint_conflicts(index)
    if progress:
        progress("checkpoints", 1.0)
    return sorted(out, key=Conflict.key)


def deconflict(
    plan: Plan, *, epsg: int = GAZA_UTM_EPSG, progress: Progress | None = None
) -> list[Conflict]:
    """Bulk mode: load ``plan`` and return all its conflicts."""
    return deconflict_index(build_index(plan, epsg=epsg, progress=progress), progress)
