"""One small interface for every way of solving the sourcing model, and the HiGHS adapter.

A solver takes a ``SourcingModel`` and returns a ``SolveOutcome``: a status, the chosen columns,
the objective (maximised), a proven upper bound and, where the method has them, the row duals of
the LP relaxation (used to name the binding constraints). Adapters:

* ``HighsMipSolver`` - the whole model as one MIP through highspy (the plain approach);
* ``DecompositionSolver`` (decomposition.py) - column generation plus reduced-cost fixing;
* ``GreedySolver`` - the baseline, no bound.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import highspy
import numpy as np

from .greedy import greedy_columns
from .model import SourcingModel, column_entries

Progress = Callable[[str, float], None]


def no_progress(stage: str, fraction: float) -> None:
    """The default progress callback: says nothing."""


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE_WITHIN_GAP = "feasible_within_gap"
    TIME_LIMIT = "time_limit"
    INFEASIBLE = "infeasible"
    EMPTY = "empty"
    FEASIBLE_NO_BOUND = "feasible_no_bound"
    ERROR = "error"


def integral_bound(bound: float) -> float:
    """Round a proven bound down to whole points (the objective is integral, model.py).

    The slack absorbs LP round-off: a true bound of 100 computed as 99.9999999 stays 100.
    """
    if not np.isfinite(bound):
        return bound
    return float(np.floor(bound + 1e-6 + 1e-12 * abs(bound)))


@dataclass(frozen=True)
class SolveOutcome:
    status: SolveStatus
    columns: np.ndarray
    objective: float
    bound: float
    method: str
    seconds: float
    row_duals: np.ndarray | None = None
    stats: dict[str, float] = field(default_factory=dict)

    @property
    def gap(self) -> float:
        """Relative gap ``(bound - objective) / max(1, |bound|)``; inf without a bound."""
        if not np.isfinite(self.bound):
            return float("inf")
        return max(0.0, self.bound - self.objective) / max(1.0, abs(self.bound))


class SourcingSolver(Protocol):
    name: str

    def solve(
        self,
        model: SourcingModel,
        *,
        time_limit_s: float,
        target_gap: float,
        progress: Progress = no_progress,
    ) -> SolveOutcome: ...


def status_for_gap(
    objective: float, bound: float, target_gap: float, out_of_time: bool
) -> SolveStatus:
    """OPTIMAL when less than one whole point separates the plan from its proven bound."""
    if bound - objective < 0.5:
        return SolveStatus.OPTIMAL
    gap = max(0.0, bound - objective) / max(1.0, abs(bound))
    if gap <= target_gap:
        return SolveStatus.FEASIBLE_WITHIN_GAP
    return SolveStatus.TIME_LIMIT if out_of_time else SolveStatus.FEASIBLE_WITHIN_GAP


_banner_silenced = False


def _quiet_highs() -> highspy.Highs:
    """A Highs instance without its copyright banner on standard output.

    Hazard: HiGHS prints the banner from C++ the first time an instance is made in a process,
    before any option can be set, straight to file descriptor 1 — which would corrupt
    ``contingent plan --json`` on a pipe. Only that first construction runs with descriptor 1
    pointed at /dev/null; Python's own buffers are flushed first so nothing of ours is lost.
    """
    global _banner_silenced
    if _banner_silenced:
        return highspy.Highs()
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            h = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _banner_silenced = True
    return h


def new_highs(time_limit_s: float) -> highspy.Highs:
    # Hazard: HiGHS keeps one global thread scheduler per process; setting "threads" to a
    # different value in a later instance makes run() fail, so the option is never touched.
    h = _quiet_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(0.01, float(time_limit_s)))
    h.setOptionValue("random_seed", 0)
    return h


def pass_columns(
    h: highspy.Highs,
    model: SourcingModel,
    cols: np.ndarray,
    integer: bool,
    fixed: np.ndarray | None = None,
) -> None:
    """Load the model restricted to ``cols`` into ``h`` (minimising the negated value).

    ``fixed`` (a mask over ``cols``) gives those columns a lower bound of 1.
    """
    lp = highspy.HighsLp()
    lp.num_col_ = int(cols.size)
    lp.num_row_ = len(model.row_names)
    lp.col_cost_ = -model.value[cols]
    lp.col_lower_ = np.zeros(cols.size) if fixed is None else fixed.astype(float)
    lp.col_upper_ = np.ones(cols.size)
    inf = highspy.kHighsInf
    lp.row_lower_ = np.where(np.isfinite(model.row_lower), model.row_lower, -inf)
    lp.row_upper_ = model.row_upper.copy()
    starts, index, values = column_entries(model, cols)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.concatenate([starts, [index.size]]).astype(np.int32)
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = values
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * int(cols.size)
    h.passModel(lp)


def set_mip_gaps(h: highspy.Highs, target_gap: float) -> None:
    # The objective is integral: HiGHS may stop once less than one point is left.
    h.setOptionValue("mip_rel_gap", max(0.0, target_gap))
    h.setOptionValue("mip_abs_gap", 0.99)


def chosen_from(h: highspy.Highs, cols: np.ndarray) -> np.ndarray:
    x = np.asarray(h.getSolution().col_value)
    return cols[x > 0.5] if x.size else np.zeros(0, np.int64)


def plan_value(model: SourcingModel, columns: np.ndarray) -> float:
    return float(model.value[columns].sum())


class HighsMipSolver:
    """The whole model as one MIP in HiGHS; fine up to a few tens of thousands of pairs."""

    name = "highs-mip"

    def solve(
        self,
        model: SourcingModel,
        *,
        time_limit_s: float,
        target_gap: float,
        progress: Progress = no_progress,
    ) -> SolveOutcome:
        t0 = time.perf_counter()
        cols = np.arange(model.n_pairs)
        h = new_highs(time_limit_s)
        set_mip_gaps(h, target_gap)
        pass_columns(h, model, cols, integer=True)
        progress("solving MIP", 0.1)
        h.run()
        status = h.getModelStatus()
        seconds = time.perf_counter() - t0
        if status == highspy.HighsModelStatus.kInfeasible:
            return SolveOutcome(
                SolveStatus.INFEASIBLE, np.zeros(0, np.int64), 0.0, -np.inf, self.name, seconds
            )
        info = h.getInfo()
        if info.primal_solution_status == 0:
            return SolveOutcome(
                SolveStatus.TIME_LIMIT, np.zeros(0, np.int64), 0.0, np.inf, self.name, seconds
            )
        chosen = chosen_from(h, cols)
        objective = plan_value(model, chosen)
        bound = max(objective, integral_bound(-float(info.mip_dual_bound)))
        out_of_time = status == highspy.HighsModelStatus.kTimeLimit
        return SolveOutcome(
            status_for_gap(objective, bound, target_gap, out_of_time),
            chosen,
            objective,
            bound,
            self.name,
            seconds,
            stats={"nodes": float(info.mip_node_count)},
        )


class GreedySolver:
    """The greedy baseline behind the same interface; it proves nothing."""

    name = "greedy"

    def solve(
        self,
        model: SourcingModel,
        *,
        time_limit_s: float,
        target_gap: float,
        progress: Progress = no_progress,
    ) -> SolveOutcome:
        t0 = time.perf_counter()
        chosen = greedy_columns(model)
        return SolveOutcome(
            SolveStatus.FEASIBLE_NO_BOUND,
            chosen,
            plan_value(model, chosen),
            np.inf,
            self.name,
            time.perf_counter() - t0,
        )
