"""The sourcing plan: validate, build the model, solve, explain. The function the integrator calls.

``solve_plan`` raises ``ValidationError`` (coded) only for bad input. Everything else, including
an empty problem, nothing assignable or an infeasible mandatory requirement, comes back as a
``PlanResult`` with a status and a message in words, never an exception.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace

import numpy as np

from contingent.core.errors import ErrorCode, ValidationError

from .decomposition import DecompositionSolver
from .eligibility import BlockCode, arrival_date
from .explain import PlanState, explain_gaps
from .model import SourcingModel, build_model
from .result import Assignment, BindingConstraint, Gap, GapReason, PlanResult, RequirementCoverage
from .solver import (
    GreedySolver,
    HighsMipSolver,
    Progress,
    SolveOutcome,
    SolveStatus,
    SourcingSolver,
    no_progress,
)
from .types import SourcingProblem
from .validate import validate_problem

SOLVERS: dict[str, SourcingSolver] = {
    "auto": DecompositionSolver(),
    "colgen": DecompositionSolver(),
    "highs-mip": HighsMipSolver(),
    "greedy": GreedySolver(),
}


def _assignments(model: SourcingModel, cols: np.ndarray) -> tuple[Assignment, ...]:
    p = model.problem
    out = []
    for j in sorted(cols.tolist(), key=lambda j: (int(model.pair_r[j]), int(model.pair_u[j]))):
        u, r = p.units[int(model.pair_u[j])], p.requirements[int(model.pair_r[j])]
        out.append(
            Assignment(
                u.id,
                r.id,
                u.contributor,
                u.unit_type,
                u.personnel,
                u.women,
                arrival_date(p, u),
                r.needed_by,
                int(model.secondary[j]),
            )
        )
    return tuple(out)


def _state(problem: SourcingProblem, assignments: tuple[Assignment, ...]) -> PlanState:
    cat = {r.id: r.category for r in problem.requirements}
    pers: Counter[str] = Counter()
    units: Counter[str] = Counter()
    by_cat: Counter[str] = Counter()
    for a in assignments:
        pers[a.contributor] += a.personnel
        units[a.contributor] += 1
        by_cat[cat[a.requirement_id]] += a.personnel
    return PlanState(
        assigned={a.unit_id: a.requirement_id for a in assignments},
        filled=Counter(a.requirement_id for a in assignments),
        cap_room_personnel={
            c.contributor: c.max_personnel - pers[c.contributor]
            for c in problem.caps
            if c.max_personnel is not None
        },
        cap_room_units={
            c.contributor: c.max_units - units[c.contributor]
            for c in problem.caps
            if c.max_units is not None
        },
        ceiling_room={k: v - by_cat[k] for k, v in problem.ceilings.items()},
    )


def _coverage(problem: SourcingProblem, assignments) -> tuple[tuple, float]:
    by_req: dict[str, list[str]] = {r.id: [] for r in problem.requirements}
    for a in assignments:
        by_req[a.requirement_id].append(a.unit_id)
    rows = tuple(
        RequirementCoverage(
            r.id, r.unit_type, r.priority, r.quantity, len(by_req[r.id]), tuple(by_req[r.id])
        )
        for r in problem.requirements
    )
    asked = sum(r.priority * r.quantity for r in problem.requirements)
    got = sum(c.priority * c.filled for c in rows)
    return rows, (got / asked if asked else 1.0)


def _binding(model: SourcingModel, outcome: SolveOutcome, gaps: tuple[Gap, ...]):
    """Caps and ceilings at their limit that a gap cites, or with a positive LP shadow price;
    covers with a positive shadow price (one more unit there would raise the objective)."""
    cols = outcome.columns
    used = np.zeros(len(model.row_names))
    if cols.size:
        np.add.at(used, model.n_units + model.pair_r[cols], 1.0)
        for rows, amount in (
            (model.unit_cap_p_row[model.pair_u[cols]], model.personnel[model.pair_u[cols]]),
            (model.unit_cap_u_row[model.pair_u[cols]], np.ones(cols.size)),
            (model.req_ceiling_row[model.pair_r[cols]], model.personnel[model.pair_u[cols]]),
        ):
            ok = rows >= 0
            np.add.at(used, rows[ok], amount[ok])
    cited = {
        str(r.fields.get("key"))
        for g in gaps
        for r in g.reasons
        if r.code in (BlockCode.CAP_REACHED, BlockCode.CEILING_REACHED)
    }
    duals = outcome.row_duals
    out = []
    for i in range(model.n_units, len(model.row_names)):
        name = model.row_names[i]
        price = None if duals is None else float(duals[i])
        if name in cited or (price is not None and price > 1e-6):
            family, key = name[:-1].split("[", 1)
            out.append(
                BindingConstraint(
                    name, family, key, float(model.row_upper[i]), float(used[i]), price
                )
            )
    order = {"cap": 0, "cap_units": 1, "ceiling": 2, "cover": 3}
    return tuple(sorted(out, key=lambda b: order.get(b.family, 9)))


def _message(status: SolveStatus, outcome: SolveOutcome, share: float, n_gaps: int) -> str:
    words = {
        SolveStatus.OPTIMAL: "proven optimal",
        SolveStatus.FEASIBLE_WITHIN_GAP: f"within {outcome.gap:.4%} of a proven bound",
        SolveStatus.TIME_LIMIT: f"time limit reached, {outcome.gap:.4%} from the proven bound",
        SolveStatus.FEASIBLE_NO_BOUND: "heuristic plan, no bound proven",
    }
    return (
        f"{words.get(status, str(status))}: {share:.1%} of priority-weighted requirements "
        f"covered, {n_gaps} requirement(s) with a gap"
    )


def _empty_result(problem: SourcingProblem, method: str) -> PlanResult:
    state = _state(problem, ())
    gaps = explain_gaps(problem, state) if problem.requirements else ()
    what = "no pledged units" if not problem.units else "no requirements to fill"
    if problem.units and problem.requirements:
        what = "every requirement asks for zero units"
    coverage, share = _coverage(problem, ())
    return PlanResult(
        SolveStatus.EMPTY,
        method,
        f"nothing to plan: {what}",
        (),
        coverage,
        gaps,
        (),
        0.0,
        0.0,
        0.0,
        share,
        0.0,
    )


def _infeasible_result(problem, method, time_limit_s, progress) -> PlanResult:
    """Explain an infeasible mandatory requirement with the best-effort plan's gaps."""
    relaxed = replace(
        problem, requirements=tuple(replace(r, mandatory=False) for r in problem.requirements)
    )
    best_effort = solve_plan(relaxed, method=method, time_limit_s=time_limit_s, progress=progress)
    mandatory = {r.id for r in problem.requirements if r.mandatory}
    gaps = tuple(
        replace(
            g,
            reasons=(
                GapReason(
                    BlockCode.INFEASIBLE_MANDATORY,
                    f"{g.requirement_id} is mandatory and cannot be filled",
                    {"requirement_id": g.requirement_id},
                ),
            )
            + g.reasons,
        )
        if g.requirement_id in mandatory
        else g
        for g in best_effort.gaps
    )
    names = ", ".join(g.requirement_id for g in gaps if g.requirement_id in mandatory)
    return replace(
        best_effort,
        status=SolveStatus.INFEASIBLE,
        message=f"infeasible: mandatory requirement(s) {names or '(jointly)'} cannot all be "
        "filled; the assignment shown is the best effort without the mandatory rule",
        gaps=gaps,
    )


def _run_solver(model, method, time_limit_s, target_gap, progress) -> SolveOutcome:
    if model.n_pairs == 0:  # nothing assignable: the empty plan is optimal (or infeasible)
        status = SolveStatus.INFEASIBLE if model.req_lower.any() else SolveStatus.OPTIMAL
        return SolveOutcome(status, np.zeros(0, np.int64), 0.0, 0.0, method, 0.0)
    return SOLVERS[method].solve(
        model, time_limit_s=time_limit_s, target_gap=target_gap, progress=progress
    )


def _mandatory_short(problem: SourcingProblem, assignments: tuple[Assignment, ...]) -> bool:
    filled = Counter(a.requirement_id for a in assignments)
    return any(r.mandatory and filled[r.id] < r.quantity for r in problem.requirements)


def _result(model: SourcingModel, outcome: SolveOutcome, assignments) -> PlanResult:
    problem = model.problem
    t0 = time.perf_counter()
    gaps = explain_gaps(problem, _state(problem, assignments))
    coverage, share = _coverage(problem, assignments)
    stats = dict(outcome.stats, pairs=float(model.n_pairs), explain_s=time.perf_counter() - t0)
    return PlanResult(
        outcome.status,
        outcome.method,
        _message(outcome.status, outcome, share, len(gaps)),
        assignments,
        coverage,
        gaps,
        _binding(model, outcome, gaps),
        outcome.objective,
        outcome.bound,
        outcome.gap,
        share,
        outcome.seconds,
        stats,
    )


def solve_plan(
    problem: SourcingProblem,
    *,
    method: str = "auto",
    time_limit_s: float = 10.0,
    target_gap: float = 0.0,
    progress: Progress | None = None,
) -> PlanResult:
    """Solve the sourcing plan.

    ``method``: "auto" (= "colgen", the decomposition), "highs-mip" or "greedy".
    ``target_gap``: relative gap at which the solver may stop (0: prove optimality).
    ``time_limit_s`` bounds the solver; explaining the gaps comes on top (~0.5 s at 5,000 x 1,000).
    ``progress(stage, fraction)`` is called as the work advances (fraction in [0, 1]).
    Raises ``ValidationError`` for bad input or an unknown method.
    """
    progress = progress or no_progress
    if method not in SOLVERS:
        raise ValidationError(
            f"unknown solver method {method!r}",
            code=ErrorCode.INVALID_INPUT,
            fields={"method": f"one of {', '.join(SOLVERS)}"},
        )
    validate_problem(problem)
    if not problem.units or not any(r.quantity > 0 for r in problem.requirements):
        return _empty_result(problem, method)
    progress("building the model", 0.0)
    model = build_model(problem)
    outcome = _run_solver(model, method, time_limit_s, target_gap, progress)
    assignments = _assignments(model, outcome.columns)
    if outcome.status is SolveStatus.INFEASIBLE or _mandatory_short(problem, assignments):
        return _infeasible_result(problem, method, time_limit_s, progress)
    progress("explaining gaps", 0.9)
    result = _result(model, outcome, assignments)
    progress("done", 1.0)
    return result
