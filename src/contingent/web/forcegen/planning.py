"""The sourcing plan of a stored operation: snapshot, solve, explain, forecast, what-if.

Callers decide access first (``access.access_plan_by_operation``); this module only computes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from contingent.core.forcegen.sourcing_input import sourcing_problem
from contingent.core.sourcing import (
    ForecastResult,
    PlanResult,
    SourcingProblem,
    forecast_foc,
    run_what_if,
    solve_plan,
)
from contingent.core.sourcing.whatif import Change, PlanDiff

from .convert import scenario_from_db
from .models import Operation

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class PlanView:
    as_of: date
    problem: SourcingProblem
    plan: PlanResult
    forecast: ForecastResult | None
    parameters: dict[str, Any]
    whatif_plan: PlanResult | None = None
    diff: PlanDiff | None = None

    @property
    def illustrative(self) -> bool:
        """Always true for now: the forecast's stage parameters are partly illustrative
        (core/sourcing/data/sourcing_parameters.json flags them), and so is every plan built on
        the demo scenario's pledges and deploy days."""
        return True

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "plan": self.plan.as_dict(),
            "forecast": self.forecast.as_dict() if self.forecast else None,
            "deploy_parameters": self.parameters,
            "whatif": (
                {"plan": self.whatif_plan.as_dict(), "diff": self.diff.as_dict()}
                if self.whatif_plan and self.diff
                else None
            ),
            "illustrative": self.illustrative,
        }


def plan_operation(
    op: Operation,
    *,
    changes: Sequence[Change] = (),
    method: str = "auto",
    time_limit_s: float = 10.0,
    forecast_runs: int = 1000,
    progress: Progress | None = None,
) -> PlanView:
    """Today's plan for ``op`` (and, with ``changes``, the what-if plan and its difference).

    Raises the core's coded ``ValidationError`` for a bad what-if (unknown contributor, …)."""
    day = op.as_of or timezone.now().date()
    problem = sourcing_problem(scenario_from_db(op), day)
    options: dict[str, Any] = {"method": method, "time_limit_s": time_limit_s}
    if progress:
        options["progress"] = progress
    if changes:
        result = run_what_if(problem, list(changes), **options)
        plan, whatif, diff = result.baseline, result.scenario, result.diff
    else:
        plan, whatif, diff = solve_plan(problem, **options), None, None
    forecast = (
        forecast_foc(problem, plan, runs=forecast_runs, seed=0) if forecast_runs > 0 else None
    )
    params = dict(op.sourcing) or {
        "deploy_days": {k.value: v for k, v in problem.deploy_times.days_by_level.items()},
        "source": problem.deploy_times.source,
    }
    return PlanView(day, problem, plan, forecast, params, whatif, diff)
