"""Local search on a feasible plan: moves and one-for-one exchanges that raise the objective.

Why: on the binding-caps instances HiGHS spends seconds in its root cut loop before its own
heuristics run, and the LP dive lands a few per cent below the optimum; the proven bound is
only as useful as the plan it is compared with. This is a first-improvement search over the
eligible columns, best value first, with these moves:

* **insert** a free unit into a requirement with room;
* **move** an assigned unit to a better column (another requirement, or a better one of its own);
* **exchange**: the same, after taking out one assigned column ``k`` that blocks it (same
  requirement, same contributor or same category), when the gain exceeds ``k``'s value;
* **chain**: insert a free unit into a full requirement and push one of its units on to another
  requirement, and so on, ending in a requirement with room or by dropping a unit (moving a
  used unit between requirements leaves every cap unchanged);
* **exchange and refill**: take out a blocking column at a loss and refill the room it frees.

Measured at 500 x 100 (seed 1, bench/sourcing.py): the 1 s plan rose from 3,099,982 to
3,161,200 points (gap 3.8 % -> 1.9 %); the plans HiGHS finds after several seconds
(3,208,136) differ in which units fill the caps, beyond the reach of these moves.

Every move keeps the plan feasible (unit rows, covers including mandatory lower bounds, caps,
ceilings), so the result is a plan at least as good as the input; it proves nothing.
"""

from __future__ import annotations

import time

import numpy as np

from .model import SourcingModel

_REFILL_TRIES = 3  # blocking columns tried per exchange-and-refill


class _Plan:
    """Mutable plan with each row's room and the plan's columns on each row."""

    def __init__(self, model: SourcingModel, cols: np.ndarray) -> None:
        self.m = model
        self.pu, self.pr = model.pair_u.tolist(), model.pair_r.tolist()
        self.pers = model.personnel.tolist()
        self.cap_p, self.cap_u = model.unit_cap_p_row.tolist(), model.unit_cap_u_row.tolist()
        self.ceil = model.req_ceiling_row.tolist()
        self.lower = model.row_lower.tolist()
        self.room = model.row_upper.tolist()
        self.count = [0.0] * len(self.room)
        self.on_row: list[set[int]] = [set() for _ in self.room]
        self.at = [-1] * model.n_units
        # Columns by falling value on each cover and cap row: what may refill freed room.
        by_value = np.argsort(-model.value, kind="stable")
        self.by_row: dict[int, list[int]] = {}
        for j in by_value.tolist():
            for row in (model.n_units + self.pr[j], self.cap_p[self.pu[j]]):
                if row >= 0:
                    self.by_row.setdefault(row, []).append(j)
        self.rank = np.empty(model.n_pairs, np.int64)
        self.rank[by_value] = np.arange(model.n_pairs)
        self.rank = self.rank.tolist()
        for j in cols.tolist():
            self.add(j)

    def entries(self, j: int) -> list[tuple[int, float]]:
        u, r = self.pu[j], self.pr[j]
        p = self.pers[u]
        out = [(self.m.n_units + r, 1.0)]
        for row, amount in ((self.cap_p[u], p), (self.cap_u[u], 1.0), (self.ceil[r], p)):
            if row >= 0:
                out.append((row, amount))
        return out

    def add(self, j: int) -> None:
        self.at[self.pu[j]] = j
        for row, amount in self.entries(j):
            self.room[row] -= amount
            self.count[row] += amount
            self.on_row[row].add(j)

    def remove(self, j: int) -> None:
        self.at[self.pu[j]] = -1
        for row, amount in self.entries(j):
            self.room[row] += amount
            self.count[row] -= amount
            self.on_row[row].discard(j)

    def total(self, value: list[float]) -> float:
        return sum(value[j] for j in self.at if j >= 0)

    def refill_candidates(self, k: int) -> list[int]:
        u = self.pu[k]
        rows = [self.m.n_units + self.pr[k]] + ([self.cap_p[u]] if self.cap_p[u] >= 0 else [])
        if len(rows) == 1:
            return self.by_row[rows[0]]
        return sorted({*self.by_row[rows[0]], *self.by_row[rows[1]]}, key=self.rank.__getitem__)

    def blocked(self, j: int, out: tuple[int, ...]) -> list[int]:
        """Rows where ``j`` does not fit after removing the columns ``out``."""
        freed: dict[int, float] = {}
        for k in out:
            for row, amount in self.entries(k):
                freed[row] = freed.get(row, 0.0) + amount
        return [
            row
            for row, amount in self.entries(j)
            if self.room[row] + freed.get(row, 0.0) < amount - 1e-9
        ]

    def can_leave(self, k: int, j: int) -> bool:
        """Removing ``k`` keeps its cover row at its lower bound (``j`` may refill it)."""
        row = self.m.n_units + self.pr[k]
        refill = 1.0 if self.pr[j] == self.pr[k] else 0.0
        return self.count[row] - 1.0 + refill >= self.lower[row] - 1e-9


def _try_column(plan: _Plan, value: list[float], j: int, refill: bool) -> bool:
    """Apply the best-first improving move or exchange that brings ``j`` in; True if applied."""
    cur = plan.at[plan.pu[j]]
    if cur == j:
        return False
    gain = value[j] - (value[cur] if cur >= 0 else 0.0)
    if gain <= 0.5 or (cur >= 0 and not plan.can_leave(cur, j)):
        return False
    out = () if cur < 0 else (cur,)
    rows = plan.blocked(j, out)
    if not rows:
        for k in out:
            plan.remove(k)
        plan.add(j)
        return True
    # One more column must leave and free every blocked row: look on the smallest row.
    row = min(rows, key=lambda i: len(plan.on_row[i]))
    for k in sorted(plan.on_row[row], key=value.__getitem__):
        if value[k] >= gain - 0.5:
            break
        if k == cur or not plan.can_leave(k, j) or plan.blocked(j, (*out, k)):
            continue
        for gone in (*out, k):
            plan.remove(gone)
        plan.add(j)
        return True
    return refill and _exchange_and_refill(plan, value, j, out, row, gain)


def _exchange_and_refill(plan, value, j, out, row, gain) -> bool:
    """Take out one blocking column even at a loss, bring ``j`` in, refill the room it left
    with the best columns that fit; keep the result only if the total rises."""
    for k in sorted(plan.on_row[row], key=value.__getitem__)[:_REFILL_TRIES]:
        if k == cur_of(plan, j) or not plan.can_leave(k, j) or plan.blocked(j, (*out, k)):
            continue
        for gone in (*out, k):
            plan.remove(gone)
        plan.add(j)
        added = []
        net = gain - value[k]
        for c in plan.refill_candidates(k):
            if plan.at[plan.pu[c]] < 0 and not plan.blocked(c, ()):
                plan.add(c)
                added.append(c)
                net += value[c]
        if net > 0.5:
            return True
        for c in added:
            plan.remove(c)
        plan.remove(j)
        for gone in (*out, k):
            plan.add(gone)
    return False


def cur_of(plan: _Plan, j: int) -> int:
    return plan.at[plan.pu[j]]


def _make_room(plan: _Plan, value: list[float], j: int) -> bool:
    """Bring the free unit of ``j`` in by dropping units of its contributor (lowest value per
    person first) and, if its requirement is full, that requirement's weakest column; refill
    each requirement a dropped unit leaves with the best free unit that fits. Kept only if the
    total rises."""
    u, r = plan.pu[j], plan.pr[j]
    if plan.at[u] >= 0:
        return False
    done: list[tuple[bool, int]] = []
    net = value[j]
    cover = plan.m.n_units + r
    if plan.room[cover] < 1.0 - 1e-9:
        k = min(plan.on_row[cover], key=value.__getitem__, default=-1)
        if k < 0 or value[k] >= value[j] - 0.5 or not plan.can_leave(k, j):
            return False
        plan.remove(k)
        done.append((False, k))
        net -= value[k]
    cap = plan.cap_p[u]
    if cap >= 0 and plan.room[cap] < plan.pers[u] - 1e-9:
        for k in sorted(plan.on_row[cap], key=lambda c: value[c] / max(1.0, plan.pers[plan.pu[c]])):
            if plan.room[cap] >= plan.pers[u] - 1e-9:
                break
            if plan.can_leave(k, j):
                plan.remove(k)
                done.append((False, k))
                net -= value[k]
    if plan.blocked(j, ()):
        _undo(plan, done)
        return False
    plan.add(j)
    done.append((True, j))
    for added, k in list(done):
        if added:
            continue
        for c in plan.by_row[plan.m.n_units + plan.pr[k]]:
            if plan.at[plan.pu[c]] < 0 and plan.pu[c] != plan.pu[k] and not plan.blocked(c, ()):
                plan.add(c)
                done.append((True, c))
                net += value[c]
                break
    if net > 0.5:
        return True
    _undo(plan, done)
    return False


def _local_pass(plan: _Plan, value: list[float], order: list[int], refill: bool, deadline) -> bool:
    """One pass over the columns, best value first; True if the plan improved."""
    improved = False
    for i, j in enumerate(order):
        if i % 16 == 0 and time.perf_counter() > deadline:
            break
        if _try_column(plan, value, j, refill) or (refill and _make_room(plan, value, j)):
            improved = True
    return improved


def improve_plan(model: SourcingModel, cols: np.ndarray, deadline: float) -> np.ndarray:
    """A feasible plan at least as good as ``cols`` (feasible), by local search until ``deadline``.

    Rounds of the cheap moves and exchanges, then chains (``improve_by_chains``), then the
    costlier exchange-and-refill, until a round changes nothing or time is up.
    """
    if model.n_pairs == 0:
        return cols
    plan = _Plan(model, cols)
    value = model.value.tolist()
    order = np.argsort(-model.value, kind="stable").tolist()
    unit_cols = _unit_columns(plan, model)
    while time.perf_counter() < deadline:
        while _local_pass(plan, value, order, False, deadline):
            pass
        chained = _chains(plan, value, unit_cols, deadline)
        if not _local_pass(plan, value, order, True, deadline) and not chained:
            break
    return np.array(sorted(j for j in plan.at if j >= 0), np.int64)


_CHAIN_DEPTH = 6  # requirements a chain may pass through


def _chain_ends(plan: _Plan, value: list[float], unit_cols: list[list[int]]):
    """Best gain of placing one more unit on each requirement, by chains of moves.

    ``end[r]`` is the most the plan can gain when a unit arrives on ``r``: 0 if ``r`` has room;
    else move one of its units to another requirement (``value`` difference plus that
    requirement's ``end``), or drop one of its units (minus its value). Bounded-depth dynamic
    programme over requirements; ``step[r]`` is the chosen (leaving column, entering column or
    -1 for a drop).
    """
    m = plan.m
    n_u = m.n_units
    end = [-np.inf] * m.n_reqs
    step: list[tuple[int, int] | None] = [None] * m.n_reqs
    for r in range(m.n_reqs):
        row = n_u + r
        if plan.room[row] >= 1.0 - 1e-9:
            end[r] = 0.0
            continue
        if plan.count[row] - 1.0 >= plan.lower[row] - 1e-9 and plan.on_row[row]:
            k = min(plan.on_row[row], key=value.__getitem__)
            end[r], step[r] = -value[k], (k, -1)
    for _ in range(_CHAIN_DEPTH):
        new_end, new_step, changed = list(end), list(step), False
        for r in range(m.n_reqs):
            if end[r] == 0.0 and step[r] is None:
                continue
            for k in plan.on_row[n_u + r]:
                for c in unit_cols[plan.pu[k]]:
                    r2 = plan.pr[c]
                    if r2 == r or end[r2] == -np.inf:
                        continue
                    g = value[c] - value[k] + end[r2]
                    if g > new_end[r] + 1e-9:
                        new_end[r], new_step[r], changed = g, (k, c), True
        end, step = new_end, new_step
        if not changed:
            break
    return end, step


def _undo(plan: _Plan, done: list[tuple[bool, int]]) -> None:
    for added, c in reversed(done):
        (plan.remove if added else plan.add)(c)


def _apply_chain(plan: _Plan, j: int, step) -> list[tuple[bool, int]] | None:
    """Bring ``j`` in and follow the chain; None (plan unchanged) if a step does not fit.

    Returns the steps done as (added, column) so that the caller can undo them.
    """
    done: list[tuple[bool, int]] = []
    seen_units = {plan.pu[j]}
    arriving, r = j, plan.pr[j]
    for _ in range(_CHAIN_DEPTH + 2):
        if step[r] is None:
            break
        k, c = step[r]
        if plan.at[plan.pu[k]] != k or (c >= 0 and plan.pu[c] in seen_units):
            _undo(plan, done)
            return None
        plan.remove(k)
        done.append((False, k))
        if plan.blocked(arriving, ()):
            _undo(plan, done)
            return None
        plan.add(arriving)
        done.append((True, arriving))
        if c < 0:
            return done
        seen_units.add(plan.pu[c])
        arriving, r = c, plan.pr[c]
    if step[r] is not None or plan.blocked(arriving, ()) or plan.at[plan.pu[arriving]] >= 0:
        _undo(plan, done)
        return None
    plan.add(arriving)
    done.append((True, arriving))
    return done


def _unit_columns(plan: _Plan, model: SourcingModel) -> list[list[int]]:
    unit_cols: list[list[int]] = [[] for _ in range(model.n_units)]
    for j in range(model.n_pairs):
        unit_cols[plan.pu[j]].append(j)
    return unit_cols


def _chains(plan: _Plan, value: list[float], unit_cols, deadline: float) -> bool:
    """Insert free units through chains of moves (see ``_chain_ends``); True if improved."""
    m = plan.m
    any_gain, improved = False, True
    while improved and time.perf_counter() < deadline:
        improved = False
        end, step = _chain_ends(plan, value, unit_cols)
        cand = [
            (value[j] + end[plan.pr[j]], j)
            for j in range(m.n_pairs)
            if plan.at[plan.pu[j]] < 0 and end[plan.pr[j]] > -np.inf
        ]
        for gain, j in sorted(cand, reverse=True):
            if gain <= 0.5:
                break
            if plan.blocked(j, ()) not in ([], [m.n_units + plan.pr[j]]):
                continue  # the unit's own cap or ceiling has no room: no chain helps
            before = plan.total(value)
            done = _apply_chain(plan, j, step)
            if done is None:
                continue
            if plan.total(value) > before + 0.5:
                improved = any_gain = True
                break
            _undo(plan, done)
    return any_gain
