"""What every force-generation page needs: the operation through the access choke point, the
actor string for the ledger, and mapping a core error onto a Django form.

Access refusals are not handled here: ``NotFound``/``Forbidden``/``NotAuthenticated`` escape
the view and ``contingent.web.core.middleware.ErrorMiddleware`` maps them in one place (404,
403, or the login redirect)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest

from contingent.core.errors import ContingentError, Forbidden, TransitionRefused
from contingent.web.forcegen import access
from contingent.web.forcegen.models import DeploymentCase, Operation


def operation_for(request: HttpRequest, key: str | None) -> Operation | None:
    """The operation ``key`` as this user may read it; no key means the first one loaded.
    None only when no operation is loaded at all (the empty page says how to load one)."""
    if key is None:
        first = access.access_operations(request.user).first()
        return first
    return access.access_operation_by_key(request.user, key)


def cases_by_pledge(request: HttpRequest, op: Operation) -> dict[str, DeploymentCase]:
    """Deployment cases this user may see, by pledge key; none for roles that see no case."""
    try:
        return {c.pledge.key: c for c in access.access_cases_by_operation(request.user, op)}
    except Forbidden:
        return {}


def actor(request: HttpRequest) -> str:
    return f"user:{request.user.get_username()}"


def put_errors_on_form(form: forms.Form, err: ContingentError) -> list[tuple[str, str]]:
    """Attach a core error to the form: named fields next to their input, the rest on top.

    A refusal's reasons are returned (code, message) so the page can list every one of them.
    """
    if isinstance(err, TransitionRefused):
        form.add_error(None, err.message)
        return list(err.reasons)
    placed = False
    for name, problem in err.fields.items():
        field = name.rsplit(".", 1)[-1]
        if field in form.fields:
            form.add_error(field, problem)
            placed = True
    if not placed:
        form.add_error(None, err.message)
    return []
