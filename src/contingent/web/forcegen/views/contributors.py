"""Contributors: the list with each one's latest stance, and one contributor's stance timeline
with its sources and conditions, where its liaison (or a planner) records a new statement.
Statements are public facts with sources: these pages are open to everyone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from contingent.core.errors import ContingentError, Forbidden, TransitionRefused
from contingent.web.accounts.roles import role_of
from contingent.web.forcegen import access, actions

from ..forms import StatementForm
from ..models import Contributor, Operation
from ._common import actor, operation_for, put_errors_on_form


def _latest(statements: list[Any]) -> dict[str, Any]:
    """Latest statement per contributor code (statements come ordered by date, then id)."""
    return {st.contributor.code: st for st in statements}


def contributor_list(request: HttpRequest, key: str) -> HttpResponse:
    op = operation_for(request, key)
    statements = list(access.access_statements_by_operation(request.user, op))
    latest = _latest(statements)
    counts: dict[str, int] = {}
    for st in statements:
        counts[st.contributor.code] = counts.get(st.contributor.code, 0) + 1
    rows = [
        {"contributor": c, "latest": latest.get(c.code), "count": counts.get(c.code, 0)}
        for c in access.access_contributors_by_operation(request.user, op)
    ]
    return render(request, "forcegen/contributors.html", {"op": op, "rows": rows})


def _contributor_page(
    request: HttpRequest,
    op: Operation,
    contributor: Contributor,
    form: StatementForm | None = None,
    reasons: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    statements = list(access.access_statements_by_operation(request.user, op, contributor.code))
    statements.reverse()  # newest first
    pledges = []
    if role_of(request.user) is not None:  # the public sees pledges only as aggregates
        pledges = [
            p
            for p in access.access_pledges_by_operation(request.user, op)
            if p.contributor_code == contributor.code
        ]
    may_record = access.can_record_statement(request.user, contributor)
    return render(
        request,
        "forcegen/contributor.html",
        {
            "op": op,
            "contributor": contributor,
            "statements": statements,
            "pledges": pledges,
            "form": (form or StatementForm()) if may_record else None,
            "may_pledge": access.can_create_pledge(request.user, contributor),
            "reasons": reasons or [],
        },
        status=status,
    )


def contributor_detail(request: HttpRequest, key: str, code: str) -> HttpResponse:
    op = operation_for(request, key)
    contributor = access.access_contributor_by_code(request.user, code)
    if request.method != "POST":
        return _contributor_page(request, op, contributor)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not access.can_record_statement(request.user, contributor):
        raise Forbidden("only this contributor's liaison or a planner records its stance")
    form = StatementForm(request.POST)
    if not form.is_valid():
        return _contributor_page(request, op, contributor, form, status=422)
    try:
        actions.check_record_statement(
            op, form.to_statement(contributor.code), actor=actor(request)
        )
    except ContingentError as err:
        reasons = put_errors_on_form(form, err)
        status = 409 if isinstance(err, TransitionRefused) else 422
        return _contributor_page(request, op, contributor, form, reasons, status=status)
    messages.success(request, _("Statement recorded."))
    return redirect("contributor-detail", key=op.key, code=contributor.code)
