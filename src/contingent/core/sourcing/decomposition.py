"""Column generation with a Lagrangian bound and reduced-cost fixing: the structure-exploiting solver.

Why: the model is a bipartite assignment (units x requirements) with a handful of coupling rows
(caps, ceilings). A dense 5,000 x 1,000 instance has ~500,000 columns; HiGHS needs ~20 s for the
LP relaxation alone (stack-notes.md), but only a few thousand columns are ever useful.

1. **Restricted master.** Start from the greedy plan's columns, the best few columns of each
   requirement and every column of a mandatory requirement (so the restricted LP is feasible
   exactly when the full one is: other columns only consume capacity).
2. **Pricing.** Solve the restricted LP (HiGHS simplex, warm started), take its row duals ``y``
   and price *all* columns at once with numpy. Columns with a negative reduced cost enter (each
   unit's best, then the most negative overall); stop when none is left.
3. **Proven bound at every round.** For any duals (clipped to the right sign) the Lagrangian
   bound keeps the unit rows and dualises the rest (minimisation form, ``d'`` = reduced cost
   without the unit rows' duals)::

       LB(y) = sum_i y_i * (U_i if y_i < 0 else L_i)  +  sum_u min(0, min_{j of u} d'_j)

   It is valid for every feasible x (c'x = d''x + y'Ax >= ...), equals the LP optimum at
   convergence and needs no LP solve of the full model.
4. **Integer plan.** The restricted model as a MIP in HiGHS, started from the greedy plan;
   then local search on the best plan (the improve package) with a share of the time left.
5. **Reduced-cost fixing.** A column j of unit u can appear in a plan better than the incumbent
   z only if ``LB + d'_j - min(0, min_{u} d') < z``. If the gap is open, those columns are added
   and the MIP is solved again; its optimum is then the global optimum and its bound is global
   (every excluded column can only appear in plans no better than z).
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from .greedy import greedy_columns
from .improve import improve_plan
from .knapsack import contributor_knapsacks
from .model import SourcingModel, column_entries
from .solver import (
    Progress,
    SolveOutcome,
    SolveStatus,
    chosen_from,
    integral_bound,
    new_highs,
    no_progress,
    pass_columns,
    plan_value,
    set_mip_gaps,
    status_for_gap,
)

_PRICE_TOL = 1e-7
_FIXING_LIMIT = 60_000  # columns; beyond this the second MIP is not attempted
_IMPROVE_SHARE = 0.15  # of the time left after the dive, for local search on the best plan
_POLISH_SHARE = 0.03  # of the time limit, kept for local search on the final MIP's plan
_ENTER_MIN = 2_000  # columns entering per pricing round, besides each unit's best


def _mandatory_met(model: SourcingModel, cols: np.ndarray) -> bool:
    filled = np.bincount(model.pair_r[cols], minlength=model.n_reqs)
    return bool(np.all(filled >= model.req_lower))


def _initial_columns(model: SourcingModel, greedy: np.ndarray) -> np.ndarray:
    keep = np.zeros(model.n_pairs, bool)
    keep[greedy] = True
    r_sorted = np.argsort(model.pair_r, kind="stable")
    bounds = np.searchsorted(model.pair_r[r_sorted], np.arange(model.n_reqs + 1))
    for r in range(model.n_reqs):
        seg = r_sorted[bounds[r] : bounds[r + 1]]
        if model.req_lower[r] > 0:
            keep[seg] = True
            continue
        # Few columns to start: each pricing round is cheap and brings the right ones in
        # (at 5,000 x 1,000, quantity + 1 per requirement converged twice as fast as 3q + 5).
        k = int(model.req_qty[r]) + 1
        if seg.size > k:
            seg = seg[np.argpartition(-model.value[seg], k)[:k]]
        keep[seg] = True
    return np.flatnonzero(keep)


def _coupling_duals(model: SourcingModel, y: np.ndarray) -> np.ndarray:
    """Duals with the sign every row's bounds allow (min form); unit rows zeroed."""
    y = y.copy()
    y[: model.n_units] = 0.0
    y[(y > 0) & ~np.isfinite(model.row_lower)] = 0.0
    y[(y < 0) & ~np.isfinite(model.row_upper)] = 0.0
    return y


def _reduced_costs(model: SourcingModel, y: np.ndarray) -> np.ndarray:
    """``d'`` for every column: cost minus the coupling rows' duals (unit rows excluded)."""
    u, r = model.pair_u, model.pair_r
    y_ext = np.append(y, 0.0)  # index -1 (no such row) reads the trailing zero
    p = model.personnel[u]
    a_y = y_ext[model.n_units + r] + p * y_ext[model.unit_cap_p_row[u]]
    a_y += y_ext[model.unit_cap_u_row[u]] + p * y_ext[model.req_ceiling_row[r]]
    return -model.value - a_y


def _unit_minima(model: SourcingModel, d: np.ndarray) -> np.ndarray:
    m = np.zeros(model.n_units)
    np.minimum.at(m, model.pair_u, d)
    return m


def _row_term(model: SourcingModel, y: np.ndarray) -> float:
    rows = np.where(y < 0, model.row_upper, model.row_lower)
    return float(np.sum(np.where(y != 0, y * np.where(np.isfinite(rows), rows, 0.0), 0.0)))


def lagrangian_bound(model: SourcingModel, y_raw: np.ndarray) -> tuple[float, np.ndarray]:
    """Proven upper bound on the maximised objective from any row duals; also returns ``d'``."""
    y = _coupling_duals(model, y_raw)
    d = _reduced_costs(model, y)
    lb = _row_term(model, y) + float(_unit_minima(model, d).sum())
    return -lb, d


def knapsack_bound(model: SourcingModel, y_raw: np.ndarray) -> float:
    """Proven upper bound that keeps the personnel caps as exact knapsacks (knapsack.py).

    Same as ``lagrangian_bound`` with the cap rows' duals dropped and each contributor's units
    chosen by a 0-1 knapsack instead; +inf when the knapsacks are too large to solve.
    """
    y = _coupling_duals(model, y_raw)
    caps = model.unit_cap_p_row[model.unit_cap_p_row >= 0]
    y[caps] = 0.0
    packed = contributor_knapsacks(model, _reduced_costs(model, y))
    return np.inf if packed is None else packed - _row_term(model, y)


def _entering(model: SourcingModel, d_full: np.ndarray, in_set: np.ndarray) -> np.ndarray:
    neg = (d_full < -_PRICE_TOL) & ~in_set
    if not neg.any():
        return np.zeros(0, np.int64)
    cand = np.flatnonzero(neg)
    order = cand[np.lexsort((d_full[cand], model.pair_u[cand]))]
    first = np.ones(order.size, bool)
    first[1:] = model.pair_u[order][1:] != model.pair_u[order][:-1]
    best_per_unit = order[first]
    limit = max(_ENTER_MIN, 2 * model.n_reqs)
    overall = cand if cand.size <= limit else cand[np.argpartition(d_full[cand], limit)[:limit]]
    return np.union1d(best_per_unit, overall)


def _add_columns(h: highspy.Highs, model: SourcingModel, cols: np.ndarray) -> None:
    starts, index, values = column_entries(model, cols)
    h.addCols(
        int(cols.size),
        -model.value[cols],
        np.zeros(cols.size),
        np.ones(cols.size),
        int(index.size),
        starts,
        index,
        values,
    )


def _column_generation(model, cols, deadline, progress):
    """Solve the LP over all columns by pricing.

    Returns (cols, best proven bound, last duals, (columns, values) of the last optimal
    restricted LP, rounds); duals are None when the LP is infeasible (bound -inf) or no round
    finished in time. The duals are LP-optimal for the full model only if pricing converged.
    """
    h = new_highs(max(0.05, deadline - time.perf_counter()))
    pass_columns(h, model, cols, integer=False)
    in_set = np.zeros(model.n_pairs, bool)
    in_set[cols] = True
    best_ub, y, x, rounds, converged = np.inf, None, None, 0, False
    while time.perf_counter() < deadline:
        rounds += 1
        # Hazard: HiGHS's time limit counts the object's total run time over all run() calls.
        left = max(0.05, deadline - time.perf_counter())
        h.setOptionValue("time_limit", h.getRunTime() + left)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            return cols, -np.inf, None, None, rounds, False
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            break
        y = np.asarray(h.getSolution().row_dual)
        x = (cols, np.asarray(h.getSolution().col_value))
        ub, _ = lagrangian_bound(model, y)
        best_ub = min(best_ub, integral_bound(ub))
        d_full = _reduced_costs(model, y) - np.append(y, 0.0)[model.pair_u]
        enter = _entering(model, d_full, in_set)
        progress("pricing columns", min(0.5, 0.1 + 0.04 * rounds))
        if enter.size == 0:
            best_ub = min(best_ub, integral_bound(-float(h.getInfo().objective_function_value)))
            converged = True
            break
        _add_columns(h, model, enter)
        in_set[enter] = True
        cols = np.concatenate([cols, enter])
    return cols, best_ub, y, x, rounds, converged


def _solve_mip(model, cols, start, time_limit_s, target_gap, fixed=None):
    """MIP over ``cols``; returns (chosen columns or None, dual bound in max form, proved)."""
    h = new_highs(time_limit_s)
    set_mip_gaps(h, target_gap)
    pass_columns(h, model, cols, integer=True, fixed=fixed)
    if start.size:
        sol = highspy.HighsSolution()
        sol.col_value = np.isin(cols, start).astype(float).tolist()
        sol.value_valid = True
        h.setSolution(sol)
    if h.run() == highspy.HighsStatus.kError:
        return None, np.inf, False
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None, -np.inf, True
    info = h.getInfo()
    chosen = chosen_from(h, cols) if info.primal_solution_status else None
    bound = integral_bound(-float(info.mip_dual_bound))
    return chosen, bound, status == highspy.HighsModelStatus.kOptimal


def _better(model: SourcingModel, a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None or (b is not None and plan_value(model, b) > plan_value(model, a)):
        return b
    return a


def _good_enough(z: float, ub: float, target_gap: float) -> bool:
    """Proven optimal (less than one point left), or within a positive target gap."""
    gap = max(0.0, ub - z) / max(1.0, abs(ub))
    return ub - z < 0.5 or (target_gap > 0 and gap <= target_gap)


class DecompositionSolver:
    """Column generation + Lagrangian bound + LP dive + reduced-cost fixing (see module doc)."""

    name = "colgen"

    def solve(
        self,
        model: SourcingModel,
        *,
        time_limit_s: float,
        target_gap: float,
        progress: Progress = no_progress,
    ) -> SolveOutcome:
        t0 = time.perf_counter()
        deadline = t0 + time_limit_s
        greedy = greedy_columns(model)
        progress("greedy start", 0.05)
        cols, ub, y, x, rounds, converged = _column_generation(
            model, _initial_columns(model, greedy), t0 + 0.75 * time_limit_s, progress
        )
        stats = {
            "rounds": float(rounds),
            "columns": float(cols.size),
            "converged": float(converged),
            "lp_s": time.perf_counter() - t0,
        }
        if y is None and ub == -np.inf:
            return SolveOutcome(
                SolveStatus.INFEASIBLE,
                greedy[:0],
                0.0,
                -np.inf,
                self.name,
                time.perf_counter() - t0,
            )
        if y is not None:
            ub = min(ub, integral_bound(knapsack_bound(model, y)))
            stats["knapsack_s"] = time.perf_counter() - t0 - stats["lp_s"]
        best = greedy if _mandatory_met(model, greedy) else None
        if x is not None:
            progress("rounding the LP plan", 0.55)
            lp_values = np.zeros(model.n_pairs)
            lp_values[x[0]] = np.round(x[1], 6)
            rounded = greedy_columns(model, lp_values)
            if _mandatory_met(model, rounded):
                best = _better(model, best, rounded)
            dive, _, _ = _solve_mip(
                model,
                x[0],
                best if best is not None else greedy[:0],
                0.3 * max(0.1, deadline - time.perf_counter()),
                target_gap / 10,  # its own bound is weaker than ours: aim lower
                fixed=x[1] > 1 - 1e-6,
            )
            best = _better(model, best, dive)
            stats["dive_s"] = time.perf_counter() - t0 - stats["lp_s"]
        if best is not None and not _good_enough(plan_value(model, best), ub, target_gap):
            progress("improving the plan", 0.6)
            budget = _IMPROVE_SHARE * max(0.0, deadline - time.perf_counter())
            best = improve_plan(model, best, time.perf_counter() + budget)
            stats["improved_to"] = plan_value(model, best)
        if best is None or not _good_enough(plan_value(model, best), ub, target_gap):
            progress("closing the gap", 0.7)
            polish_s = _POLISH_SHARE * time_limit_s
            best, ub = self._close_gap(
                model, cols, best, ub, y, deadline - polish_s, target_gap, stats
            )
            if best is not None and not _good_enough(plan_value(model, best), ub, target_gap):
                best = improve_plan(model, best, deadline)
        return self._finish(model, best, ub, y, t0, stats, target_gap)

    def _close_gap(self, model, cols, best, ub, y, deadline, target_gap, stats):
        """Reduced-cost fixing when the duals are LP-optimal, else the restricted MIP."""
        z = -np.inf if best is None else plan_value(model, best)
        start = best if best is not None else np.zeros(0, np.int64)
        if y is None or not np.isfinite(z) or stats["converged"] == 0.0:
            chosen, _, _ = _solve_mip(
                model, cols, start, max(0.1, deadline - time.perf_counter()), target_gap
            )
            return _better(model, best, chosen), ub
        lp_ub, d = lagrangian_bound(model, y)
        slack = d - _unit_minima(model, d)[model.pair_u]
        # A plan using column j is worth at most lp_ub - slack_j; to beat z it needs z + 1.
        promising = np.union1d(np.flatnonzero(lp_ub - slack >= z + 1 - 1e-6), start)
        stats["fixing_columns"] = float(promising.size)
        if promising.size > _FIXING_LIMIT:  # no proof possible in time: improve the plan only
            chosen, _, _ = _solve_mip(
                model, cols, start, max(0.1, deadline - time.perf_counter()), target_gap
            )
            return _better(model, best, chosen), ub
        chosen, mip_bound, proved = _solve_mip(
            model, promising, start, max(0.1, deadline - time.perf_counter()), target_gap
        )
        stats["fixing_proved"] = float(proved)
        best = _better(model, best, chosen)
        # Plans using an excluded column are worth at most z; the others at most mip_bound.
        return best, min(ub, max(z, mip_bound, plan_value(model, best)))

    def _finish(self, model, best, ub, y, t0, stats, target_gap) -> SolveOutcome:
        seconds = time.perf_counter() - t0
        if best is None:
            return SolveOutcome(
                SolveStatus.TIME_LIMIT, np.zeros(0, np.int64), 0.0, ub, self.name, seconds
            )
        z = plan_value(model, best)
        ub = max(ub, z)
        duals = None if y is None else -np.asarray(y)
        # A gap above target here means time ran out or the fixing set was too large.
        status = status_for_gap(z, ub, target_gap, out_of_time=True)
        return SolveOutcome(status, best, z, ub, self.name, seconds, duals, stats)
