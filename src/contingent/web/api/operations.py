"""Operations, contributors, stance statements and requirements."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Query, Router, Status

from contingent.core.errors import Forbidden
from contingent.core.forcegen.summary import latest_stances
from contingent.web.forcegen import access, actions
from contingent.web.forcegen.convert import scenario_from_db
from contingent.web.forcegen.summary_seen import summary_seen

from . import convert
from .auth import PUBLIC
from .idempotency import run_once
from .paging import PageQuery, paginate
from .schemas import (
    ContributorOut,
    ErrorOut,
    OperationListOut,
    OperationOut,
    RequirementOut,
    StatementIn,
    StatementOut,
    page_of,
)

router = Router(tags=["force generation"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def actor(request: HttpRequest) -> str:
    return f"user:{request.auth.get_username()}"  # type: ignore[attr-defined]


@router.get("", response={200: list[OperationListOut]}, auth=PUBLIC, operation_id="list_operations")
def list_operations(request: HttpRequest) -> list[dict]:
    return [
        {"key": o.key, "name": o.name, "framework": o.framework, "resolution": o.resolution_symbol}
        for o in access.access_operations(request.auth)  # type: ignore[attr-defined]
    ]


@router.get(
    "/{key}", response={200: OperationOut, **ERRORS}, auth=PUBLIC, operation_id="get_operation"
)
def get_operation(request: HttpRequest, key: str) -> dict:
    """The operation with its mission-level gates (met and unmet) and force composition against
    requirements: aggregates only (no unit-level record, no caveat text), over the pledges the
    caller may see."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    day = op.as_of or timezone.now().date()
    return convert.operation_out(op, summary_seen(user, op, scenario_from_db(op), day))


@router.get(
    "/{key}/contributors",
    response={200: list[ContributorOut], **ERRORS},
    auth=PUBLIC,
    operation_id="list_contributors",
)
def list_contributors(request: HttpRequest, key: str) -> list[dict]:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    latest = latest_stances(scenario_from_db(op))
    out = []
    for c in access.access_contributors_by_operation(user, op):
        st = latest.get(c.code)
        out.append(
            {
                "code": c.code,
                "name": c.name,
                "m49": c.m49,
                "parliament_approval_required": c.parliament_approval_required,
                "stance": st.level.value if st else None,
                "stated_on": st.stated_on if st else None,
            }
        )
    return out


class StatementQuery(PageQuery):
    contributor: str | None = None
    level: str | None = None


@router.get(
    "/{key}/statements",
    response={200: page_of(StatementOut), **ERRORS},
    auth=PUBLIC,
    operation_id="list_statements",
)
def list_statements(request: HttpRequest, key: str, q: Query[StatementQuery]) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    qs = access.access_statements_by_operation(user, op, q.contributor)
    if q.level:
        qs = qs.filter(level=q.level)
    return paginate(qs, q, convert.statement_out)


@router.post(
    "/{key}/statements", response={201: StatementOut, **ERRORS}, operation_id="create_statement"
)
def create_statement(
    request: HttpRequest, key: str, payload: StatementIn, idempotency_key: IdempotencyKey = None
) -> Status:
    """Record a stance statement. Moving to *offered* or *committed* must pass the rulebook's
    gates; a refusal is 409 with one reason per unmet condition, and nothing is written."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    contributor = access.access_contributor_by_code(user, payload.contributor)
    if not access.can_record_statement(user, contributor):
        raise Forbidden(
            "you may record statements only for your own contributor",
            fields={"contributor": "not yours"},
        )

    def create() -> tuple[int, dict]:
        row = actions.check_record_statement(
            op, convert.statement_in(payload), actor=actor(request)
        )
        return 201, StatementOut.model_validate(convert.statement_out(row)).model_dump(mode="json")

    return Status(*run_once(request, idempotency_key, create))


@router.get(
    "/{key}/requirements",
    response={200: page_of(RequirementOut), **ERRORS},
    operation_id="list_requirements",
)
def list_requirements(request: HttpRequest, key: str, q: Query[PageQuery]) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    return paginate(access.access_requirements_by_operation(user, op), q, convert.requirement_out)
