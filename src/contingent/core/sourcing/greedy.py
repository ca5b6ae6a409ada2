"""Greedy assignment: the baseline of the benchmark and the first incumbent of the decomposition.

Takes eligible pairs by falling value (priority first, then the secondary score), keeping a pair
when its unit is free, its requirement not yet full and no cap or ceiling would be exceeded. It
ignores ``mandatory`` (a greedy plan can leave a mandatory requirement short; the caller checks).
"""

from __future__ import annotations

import numpy as np

from .model import SourcingModel


def greedy_columns(model: SourcingModel, preference: np.ndarray | None = None) -> np.ndarray:
    """Column indices of the greedy plan, in the order they were taken.

    ``preference`` (one number per column, larger first) overrides the value order; the
    decomposition passes the LP relaxation's values, which makes this an LP-rounding heuristic.
    """
    if model.n_pairs == 0:
        return np.zeros(0, np.int64)
    # Ties broken by fewer personnel (saves room under caps and ceilings), then by column.
    keys = (model.personnel[model.pair_u], -model.value)
    order = np.lexsort(keys if preference is None else (*keys, -preference))
    room = model.row_upper.copy()
    unit_used = np.zeros(model.n_units, bool)
    pu, pr = model.pair_u.tolist(), model.pair_r.tolist()
    pers = model.personnel.tolist()
    cap_p, cap_u = model.unit_cap_p_row.tolist(), model.unit_cap_u_row.tolist()
    ceil = model.req_ceiling_row.tolist()
    taken: list[int] = []
    n_units = model.n_units
    for j in order.tolist():
        u, r = pu[j], pr[j]
        if unit_used[u] or room[n_units + r] < 1:
            continue
        p = pers[u]
        if (cap_p[u] >= 0 and room[cap_p[u]] < p) or (ceil[r] >= 0 and room[ceil[r]] < p):
            continue
        if cap_u[u] >= 0 and room[cap_u[u]] < 1:
            continue
        unit_used[u] = True
        room[n_units + r] -= 1
        for row, amount in ((cap_p[u], p), (ceil[r], p), (cap_u[u], 1.0)):
            if row >= 0:
                room[row] -= amount
        taken.append(j)
    return np.array(taken, np.int64)
