"""Pledges: the pipeline board by stage, one pledge as this user may see it, the form to record
a pledge, and the planner's gate-checked transitions (a refusal lists every reason with its
code next to the form). Pledges are read only as ``access.VisiblePledge``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contingent.core.errors import ContingentError, Forbidden, TransitionRefused
from contingent.core.forcegen import enums as e
from contingent.core.forcegen.rulebook import START, rulebook_for
from contingent.web.accounts.decorators import role_required
from contingent.web.accounts.roles import Role
from contingent.web.forcegen import access, actions

from ..forms import FACT_FIELDS, FACT_KINDS, CaseForm, FactForm, PledgeForm, ReadinessForm
from ..models import DeploymentCase, Operation
from ._common import actor, cases_by_pledge, operation_for, put_errors_on_form

READINESS_COLUMNS = [x.value for x in e.ReadinessLevel]
CASE_COLUMNS = [x.value for x in e.CaseStage]


def _board(
    pledges: list[access.VisiblePledge], cases: dict[str, DeploymentCase]
) -> dict[str, list[dict[str, Any]]]:
    """Columns: pledges not yet selected by readiness level, then deployment cases by stage."""
    by_readiness: dict[str, list[Any]] = {c: [] for c in READINESS_COLUMNS}
    by_stage: dict[str, list[Any]] = {c: [] for c in CASE_COLUMNS}
    for p in pledges:
        case = cases.get(p.key)
        if case is not None:
            by_stage.setdefault(case.stage, []).append(p)
        elif p.status == e.PledgeStatus.ACTIVE.value:
            by_readiness.setdefault(p.readiness, []).append(p)
    return {
        "readiness": [{"key": k, "pledges": v} for k, v in by_readiness.items()],
        "cases": [{"key": k, "pledges": v} for k, v in by_stage.items()],
    }


@role_required()
def pledge_board(request: HttpRequest, key: str) -> HttpResponse:
    op = operation_for(request, key)
    pledges = access.access_pledges_by_operation(request.user, op)
    codes = sorted({p.contributor_code for p in pledges})
    chosen = request.GET.get("contributor", "")
    if chosen:
        pledges = [p for p in pledges if p.contributor_code == chosen]
    ctx = {
        "op": op,
        "board": _board(pledges, cases_by_pledge(request, op)),
        "codes": codes,
        "chosen": chosen,
    }
    if request.headers.get("HX-Request") == "true":
        return render(request, "forcegen/_board.html", ctx)
    own = getattr(getattr(request.user, "profile", None), "contributor", None)
    return render(request, "forcegen/pledges.html", ctx | {"own": own})


@role_required(Role.LIAISON, Role.PLANNER)
def pledge_new(request: HttpRequest, key: str, code: str) -> HttpResponse:
    op = operation_for(request, key)
    contributor = access.access_contributor_by_code(request.user, code)
    if not access.can_create_pledge(request.user, contributor):
        raise Forbidden("a liaison records pledges for its own contributor only")
    form = PledgeForm(request.POST or None, operation=op)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                row = actions.do_record_pledge(
                    op, contributor, form.to_pledge(contributor.code), actor=actor(request)
                )
            except ContingentError as err:
                put_errors_on_form(form, err)
            else:
                messages.success(request, _("Pledge recorded."))
                return redirect("pledge-detail", key=op.key, pledge=row.key)
    return render(
        request,
        "forcegen/pledge_new.html",
        {"op": op, "form": form, "contributor": contributor},
        status=status,
    )


def _targets(op: Operation, pledge: access.VisiblePledge, case: Any) -> tuple[list[str], list[str]]:
    """Transitions the rulebook knows from the current state (the gates decide on submit)."""
    book = rulebook_for(e.Framework(op.framework))
    readiness = [] if case else book.targets_from("pledge", pledge.readiness)
    stages = book.targets_from("case", case.stage if case else START)
    return readiness, stages


def _pledge_page(
    request: HttpRequest,
    op: Operation,
    pledge: access.VisiblePledge,
    *,
    readiness_form: ReadinessForm | None = None,
    case_form: CaseForm | None = None,
    fact_form: FactForm | None = None,
    reasons: list[tuple[str, str]] | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    case = cases_by_pledge(request, op).get(pledge.key)
    planner = access.can_advance_case(request.user)
    readiness_targets, stage_targets = _targets(op, pledge, case)
    if planner and readiness_form is None and readiness_targets:
        readiness_form = ReadinessForm(targets=readiness_targets)
    if planner and case_form is None and stage_targets:
        reqs = None if case else list(access.access_requirements_by_operation(request.user, op))
        case_form = CaseForm(targets=stage_targets, requirements=reqs)
    kinds = _fact_kinds(request, op, pledge.key)
    if fact_form is None and kinds:
        fact_form = FactForm(kinds=kinds)
    return render(
        request,
        "forcegen/pledge.html",
        {
            "op": op,
            "pledge": pledge,
            "case": case,
            "readiness_form": readiness_form if planner else None,
            "case_form": case_form if planner else None,
            "fact_form": fact_form if kinds else None,
            "fact_fields": ";".join(f"{k}:{','.join(v)}" for k, v in FACT_FIELDS.items()),
            "reasons": reasons or [],
            "refused": refused,
        },
        status=status,
    )


@role_required()
def pledge_detail(request: HttpRequest, key: str, pledge: str) -> HttpResponse:
    op = operation_for(request, key)
    return _pledge_page(request, op, access.access_pledge_by_key(request.user, op, pledge))


def _refused(
    request: HttpRequest,
    op: Operation,
    key: str,
    which: str,
    form: Any,
    err: ContingentError | None = None,
) -> HttpResponse:
    """Re-render the pledge page with the form's errors (422) or the refusal's reasons (409)."""
    reasons = put_errors_on_form(form, err) if err is not None else []
    status = 409 if isinstance(err, TransitionRefused) else 422
    forms_kw = {f"{which}_form": form}
    visible = access.access_pledge_by_key(request.user, op, key)
    return _pledge_page(
        request, op, visible, reasons=reasons, refused=which, status=status, **forms_kw
    )


@require_POST
@role_required(Role.PLANNER)
def pledge_readiness(request: HttpRequest, key: str, pledge: str) -> HttpResponse:
    op = operation_for(request, key)
    row = access.access_pledge_row_for_change(request.user, op, pledge)
    if not access.can_transition_pledge(request.user, row):
        raise Forbidden("readiness moves on the planner's decision")
    visible = access.visible_pledge(request.user, row)
    form = ReadinessForm(request.POST, targets=_targets(op, visible, None)[0])
    if not form.is_valid():
        return _refused(request, op, row.key, "readiness", form)
    target = e.ReadinessLevel(form.cleaned_data["target"])
    try:
        actions.check_transition_pledge(op, row.key, target, actor=actor(request))
    except ContingentError as err:
        return _refused(request, op, row.key, "readiness", form, err)
    messages.success(request, _("Readiness moved to %(level)s.") % {"level": target.value})
    return redirect("pledge-detail", key=op.key, pledge=row.key)


@require_POST
@role_required(Role.PLANNER)
def pledge_case(request: HttpRequest, key: str, pledge: str) -> HttpResponse:
    op = operation_for(request, key)
    row = access.access_pledge_row_for_change(request.user, op, pledge)
    if not access.can_advance_case(request.user):
        raise Forbidden("deployment cases move on the planner's decision")
    case = cases_by_pledge(request, op).get(row.key)
    reqs = None if case else list(access.access_requirements_by_operation(request.user, op))
    visible = access.visible_pledge(request.user, row)
    form = CaseForm(request.POST, targets=_targets(op, visible, case)[1], requirements=reqs)
    if not form.is_valid():
        return _refused(request, op, row.key, "case", form)
    target = e.CaseStage(form.cleaned_data["target"])
    try:
        actions.check_advance_case(
            op,
            row.key,
            target,
            actor=actor(request),
            requirement_key=form.cleaned_data.get("requirement") or None,
        )
    except ContingentError as err:
        return _refused(request, op, row.key, "case", form, err)
    messages.success(request, _("Deployment case moved to %(stage)s.") % {"stage": target.value})
    return redirect("pledge-detail", key=op.key, pledge=row.key)


def _fact_kinds(request: HttpRequest, op: Operation, key: str) -> tuple[str, ...]:
    """The kinds of fact this user may record on this pledge (none: no form)."""
    try:
        row = access.access_pledge_row_for_change(request.user, op, key)
    except ContingentError:
        return ()
    return tuple(k for k in FACT_KINDS if access.can_record_pledge_fact(request.user, row, {k}))


@require_POST
@role_required(Role.LIAISON, Role.PLANNER)
def pledge_fact(request: HttpRequest, key: str, pledge: str) -> HttpResponse:
    op = operation_for(request, key)
    row = access.access_pledge_row_for_change(request.user, op, pledge)
    kinds = _fact_kinds(request, op, row.key)
    form = FactForm(request.POST, kinds=kinds)
    if not form.is_valid():
        return _refused(request, op, row.key, "fact", form)
    if not access.can_record_pledge_fact(request.user, row, {form.cleaned_data["fact"]}):
        raise Forbidden("a liaison records national approvals and documents only")
    try:
        actions.check_record_pledge_fact(op, row.key, actor=actor(request), **form.to_kwargs())
    except ContingentError as err:
        return _refused(request, op, row.key, "fact", form, err)
    messages.success(request, _("Fact recorded."))
    return redirect("pledge-detail", key=op.key, pledge=row.key)
