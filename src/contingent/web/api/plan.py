"""The sourcing plan: today's plan with every gap explained and the FOC forecast, and what-ifs.

Both are computations: nothing is written, so no Idempotency-Key is needed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field, StringConstraints

from contingent.core.forcegen.whatif_spec import change_from_dict
from contingent.web.forcegen import access
from contingent.web.forcegen.planning import plan_operation

from .operations import ERRORS

router = Router(tags=["sourcing plan"])
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")]
Day = Annotated[date, Field(ge=date(1945, 1, 1), le=date(2100, 12, 31))]


class PlanQuery(Schema):
    method: Literal["auto", "colgen", "highs-mip", "greedy"] = "auto"
    forecast_runs: int = Field(default=1000, ge=0, le=5000)


class ChangeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["commit_more", "raise_readiness", "drop_requirement"]
    contributor: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    unit_type: Key | None = None
    personnel: int | None = Field(default=None, ge=0, le=1_000_000)
    units: int | None = Field(default=None, ge=1, le=1000)
    readiness: Literal["L1", "L2", "L3", "RDL"] | None = None
    earliest_deployment: Day | None = None
    pledge: Key | None = None
    by: Day | None = None
    requirement: Key | None = None


class WhatIfIn(Schema):
    model_config = ConfigDict(extra="forbid")

    changes: list[ChangeIn] = Field(min_length=1, max_length=20)
    forecast_runs: int = Field(default=0, ge=0, le=5000)


class PlanOut(Schema):
    as_of: date
    plan: dict[str, Any]
    forecast: dict[str, Any] | None
    deploy_parameters: dict[str, Any]
    whatif: dict[str, Any] | None
    illustrative: bool


@router.get("/{key}/plan", response={200: PlanOut, **ERRORS}, operation_id="get_sourcing_plan")
def get_sourcing_plan(request: HttpRequest, key: str, q: Query[PlanQuery]) -> dict:
    """Today's sourcing plan: assignment, proven gap, binding constraints by name, every gap
    explained with codes, and the forecast of full operating capability (P50, P90)."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_plan_by_operation(user, access.access_operation_by_key(user, key))
    return plan_operation(op, method=q.method, forecast_runs=q.forecast_runs).as_dict()


@router.post(
    "/{key}/plan/what-if", response={200: PlanOut, **ERRORS}, operation_id="what_if_sourcing_plan"
)
def what_if_sourcing_plan(request: HttpRequest, key: str, body: WhatIfIn) -> dict:
    """Overlay changes on today's problem; the answer holds today's plan, the new plan and
    their difference. Unknown contributors, pledges or requirements get a coded 422."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_plan_by_operation(user, access.access_operation_by_key(user, key))
    changes = [
        change_from_dict(c.model_dump(exclude_none=True), f"changes[{i}]")
        for i, c in enumerate(body.changes)
    ]
    return plan_operation(op, changes=changes, forecast_runs=body.forecast_runs).as_dict()
