"""Sourcing plan: assign pledged units to requirements optimally, explain every gap, run
what-if scenarios and forecast full operating capability.

Public API (everything framework-free; results have ``as_dict()`` for JSON)::

    solve_plan(problem, *, method="auto", time_limit_s=10.0, target_gap=0.0, progress=None)
    format_plan_table(result) -> str
    check_plan(problem, pairs) -> list[str]
    run_what_if(problem, changes, *, baseline=None, **solve_options) -> WhatIfResult
    apply_changes(problem, changes) -> SourcingProblem
    compare_plans(before, after) -> PlanDiff
    forecast_foc(problem, plan, *, parameters=None, runs=2000, seed=0, progress=...)
    validate_problem(problem)
    example_problem(), generate_problem(n_units, n_requirements, seed=0)
    default_parameters(), parameters_from_dict(raw)

Module map: types (inputs), validate, eligibility (the rulebook of a pair), model (arrays and
the objective's weighting), solver (interface, HiGHS MIP, greedy), decomposition (column
generation with a proven bound), plan, explain, checker, result, table, whatif, forecast,
params (versioned sourced figures in data/), example, generate.
"""

from .checker import check_plan
from .eligibility import BlockCode
from .example import example_problem
from .forecast import CoveragePoint, ForecastResult, forecast_foc
from .generate import generate_problem
from .params import ForecastParameters, SourcingParameters, default_parameters, parameters_from_dict
from .plan import SOLVERS, solve_plan
from .result import Assignment, BindingConstraint, Gap, GapReason, PlanResult, RequirementCoverage
from .solver import SolveStatus
from .table import format_plan_table
from .types import (
    DEFAULT_COMPATIBILITY,
    DEFAULT_UNIT_TYPES,
    ContributorCap,
    DeployTimes,
    ObjectiveWeights,
    PledgedUnit,
    Readiness,
    Requirement,
    SourcingProblem,
)
from .validate import validate_problem
from .whatif import (
    ChangeCap,
    CommitMore,
    DropRequirement,
    PlanDiff,
    RaiseReadiness,
    WhatIfResult,
    apply_changes,
    compare_plans,
    run_what_if,
)

__all__ = [
    "DEFAULT_COMPATIBILITY",
    "DEFAULT_UNIT_TYPES",
    "SOLVERS",
    "Assignment",
    "BindingConstraint",
    "BlockCode",
    "ChangeCap",
    "CommitMore",
    "ContributorCap",
    "CoveragePoint",
    "DeployTimes",
    "DropRequirement",
    "ForecastParameters",
    "ForecastResult",
    "Gap",
    "GapReason",
    "ObjectiveWeights",
    "PlanDiff",
    "PlanResult",
    "PledgedUnit",
    "RaiseReadiness",
    "Readiness",
    "Requirement",
    "RequirementCoverage",
    "SolveStatus",
    "SourcingParameters",
    "SourcingProblem",
    "WhatIfResult",
    "apply_changes",
    "check_plan",
    "compare_plans",
    "default_parameters",
    "example_problem",
    "forecast_foc",
    "format_plan_table",
    "generate_problem",
    "parameters_from_dict",
    "run_what_if",
    "solve_plan",
    "validate_problem",
]
