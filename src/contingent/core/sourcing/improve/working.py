"""The plan under local search: each row's room and the plan's columns on each row."""

from __future__ import annotations

import numpy as np

from ..model import SourcingModel


class WorkingPlan:
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
        rank = np.empty(model.n_pairs, np.int64)
        rank[by_value] = np.arange(model.n_pairs)
        self.rank: list[int] = rank.tolist()
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


def undo(plan: WorkingPlan, done: list[tuple[bool, int]]) -> None:
    """Reverse ``done`` steps, given as (added, column), last first."""
    for added, c in reversed(done):
        (plan.remove if added else plan.add)(c)
