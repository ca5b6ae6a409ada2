"""Pledges and deployment cases. Every read goes through ``contingent.web.forcegen.access``;
a pledge another contributor's liaison may not know of is 404, exactly as if it did not exist."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from contingent.core.errors import Forbidden
from contingent.web.forcegen import access, actions

from . import convert
from .idempotency import run_once
from .operations import ERRORS, IdempotencyKey, actor
from .paging import PageQuery, paginate
from .schemas import AdvanceIn, CaseOut, FactIn, PledgeIn, PledgeOut, TransitionIn, page_of

router = Router(tags=["force generation"])


class PledgeQuery(PageQuery):
    contributor: str | None = None
    readiness: str | None = None
    status: str | None = None
    unit_type: str | None = None


def _out(user: object, row: object) -> dict:
    return convert.pledge_out(access.visible_pledge(user, row))  # type: ignore[arg-type]


@router.get(
    "/{key}/pledges", response={200: page_of(PledgeOut), **ERRORS}, operation_id="list_pledges"
)
def list_pledges(request: HttpRequest, key: str, q: Query[PledgeQuery]) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    qs = access.access_pledge_rows_by_operation(user, op)
    for field, value in (
        ("contributor__code", q.contributor),
        ("readiness", q.readiness),
        ("status", q.status),
        ("unit_type", q.unit_type),
    ):
        if value:
            qs = qs.filter(**{field: value})
    return paginate(qs, q, lambda row: _out(user, row))


@router.get(
    "/{key}/pledges/{pledge_key}", response={200: PledgeOut, **ERRORS}, operation_id="get_pledge"
)
def get_pledge(request: HttpRequest, key: str, pledge_key: str) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    return convert.pledge_out(access.access_pledge_by_key(user, op, pledge_key))


@router.post("/{key}/pledges", response={201: PledgeOut, **ERRORS}, operation_id="create_pledge")
def create_pledge(
    request: HttpRequest, key: str, payload: PledgeIn, idempotency_key: IdempotencyKey = None
) -> Status:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    contributor = access.access_contributor_by_code(user, payload.contributor)
    if not access.can_create_pledge(user, contributor):
        raise Forbidden(
            "you may pledge only for your own contributor", fields={"contributor": "not yours"}
        )

    def create() -> tuple[int, dict]:
        row = actions.do_record_pledge(
            op, contributor, convert.pledge_in(payload), actor=actor(request)
        )
        return 201, PledgeOut.model_validate(_out(user, row)).model_dump(mode="json")

    return Status(*run_once(request, idempotency_key, create))


@router.post(
    "/{key}/pledges/{pledge_key}/transition",
    response={200: PledgeOut, **ERRORS},
    operation_id="transition_pledge",
)
def transition_pledge(
    request: HttpRequest,
    key: str,
    pledge_key: str,
    payload: TransitionIn,
    idempotency_key: IdempotencyKey = None,
) -> Status:
    """Move a pledge's readiness level; refused (409) with one coded reason per unmet gate."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    row = access.access_pledge_row_for_change(user, op, pledge_key)
    if not access.can_transition_pledge(user, row):
        raise Forbidden("readiness levels are moved by the planner", fields={"target": "not yours"})

    def change() -> tuple[int, dict]:
        new = actions.check_transition_pledge(op, pledge_key, payload.target, actor=actor(request))
        return 200, PledgeOut.model_validate(_out(user, new)).model_dump(mode="json")

    return Status(*run_once(request, idempotency_key, change))


@router.post(
    "/{key}/pledges/{pledge_key}/facts",
    response={200: PledgeOut, **ERRORS},
    operation_id="record_pledge_fact",
)
def record_pledge_fact(
    request: HttpRequest,
    key: str,
    pledge_key: str,
    payload: FactIn,
    idempotency_key: IdempotencyKey = None,
) -> Status:
    """Record a fact the gates read. A liaison records national approvals and documents on its
    own pledges; visits, agreements and host acceptance are recorded by the planner."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    row = access.access_pledge_row_for_change(user, op, pledge_key)
    kinds = payload.kinds()
    if not access.can_record_pledge_fact(user, row, kinds):
        raise Forbidden(
            "a liaison records approvals and documents only",
            fields={k: "planner only" for k in sorted(kinds - access.LIAISON_FACTS)},
        )

    def change() -> tuple[int, dict]:
        new = actions.check_record_pledge_fact(
            op,
            pledge_key,
            actor=actor(request),
            visit=convert.visit_in(payload.visit) if payload.visit else None,
            approval=convert.approval_in(payload.approval) if payload.approval else None,
            agreement=payload.agreement,
            document=payload.document,
            host_accepted=payload.host_accepted,
        )
        return 200, PledgeOut.model_validate(_out(user, new)).model_dump(mode="json")

    return Status(*run_once(request, idempotency_key, change))


@router.get("/{key}/cases", response={200: page_of(CaseOut), **ERRORS}, operation_id="list_cases")
def list_cases(request: HttpRequest, key: str, q: Query[PageQuery]) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    return paginate(access.access_cases_by_operation(user, op), q, convert.case_out)


@router.post(
    "/{key}/cases/{pledge_key}/advance",
    response={200: CaseOut, **ERRORS},
    operation_id="advance_case",
)
def advance_case(
    request: HttpRequest,
    key: str,
    pledge_key: str,
    payload: AdvanceIn,
    idempotency_key: IdempotencyKey = None,
) -> Status:
    """Open a deployment case (``selected``, with ``requirement``) or move it to its next stage."""
    user = request.auth  # type: ignore[attr-defined]
    op = access.access_operation_by_key(user, key)
    access.access_pledge_by_key(user, op, pledge_key)  # 404 for what the user may not know
    if not access.can_advance_case(user):
        raise Forbidden(
            "deployment cases are advanced by the planner", fields={"target": "not yours"}
        )

    def change() -> tuple[int, dict]:
        case = actions.check_advance_case(
            op,
            pledge_key,
            payload.target,
            actor=actor(request),
            requirement_key=payload.requirement,
        )
        case = (
            type(case).objects.select_related("pledge__contributor", "requirement").get(pk=case.pk)
        )
        return 200, CaseOut.model_validate(convert.case_out(case)).model_dump(mode="json")

    return Status(*run_once(request, idempotency_key, change))
