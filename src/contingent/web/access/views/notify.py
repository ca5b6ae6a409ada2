"""The two notify forms (a site, a movement). A refused input re-renders the form with the
error code and the same 4xx status the API would give; nothing is stored."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from contingent.core.errors import ContingentError
from contingent.web.accounts.decorators import role_required
from contingent.web.accounts.roles import Role
from contingent.web.core.errors import error_status

from .. import actions
from ..forms import MovementForm, SiteForm


def _actor(request: HttpRequest) -> str:
    return f"user:{request.user.get_username()}"


def _place_error(form: SiteForm | MovementForm, err: ContingentError) -> None:
    placed = False
    for where, problem in err.fields.items():
        name = where.split(".", 1)[0].split("[", 1)[0]
        if name in ("window", "validity"):
            name = "window_end" if "window_end" in form.fields else "valid_to"
        if name in form.fields:
            form.add_error(name, f"{problem} ({err.code})")
            placed = True
    if not placed:
        form.add_error(None, f"{err.message} ({err.code})")


def _handle(request: HttpRequest, form_class: type, kind: str, template: str) -> HttpResponse:
    key = request.GET.get("key") or request.POST.get("key") or None
    form = form_class(request.POST or None, request.FILES or None)
    status, error = 200, None
    if request.method == "POST":
        form.is_valid()  # presence errors are shown, but the core decides what is refused
        try:
            check = actions.check_notify_site if kind == "site" else actions.check_notify_movement
            result = check(request.user, form.to_data(), key=key, actor=_actor(request))
        except ContingentError as exc:
            _place_error(form, exc)
            status, error = error_status(exc), exc
        else:
            v = result.version
            messages.success(
                request,
                _("Received: %(ref)s, SHA-256 %(sha)s. %(n)d conflict(s) found.")
                % {"ref": v.ref, "sha": v.payload_sha256[:16] + "…", "n": len(result.conflicts)},
            )
            return redirect("access:notification", key=v.notification.key)
    context = {"form": form, "kind": kind, "key": key, "error": error}
    return render(request, template, context, status=status)


@role_required(Role.HUMANITARIAN)
def notify_site(request: HttpRequest) -> HttpResponse:
    return _handle(request, SiteForm, "site", "access/notify.html")


@role_required(Role.HUMANITARIAN)
def notify_movement(request: HttpRequest) -> HttpResponse:
    return _handle(request, MovementForm, "movement", "access/notify.html")
