"""Account pages: sign in and out, accept an invitation, invitations (administrators), API
tokens (every signed-in user, for their own account)."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from contingent.core.errors import NotFound

from . import actions, forms, throttle, tokens
from .decorators import role_required
from .models import ApiToken, Invitation
from .roles import Role


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy sets it.
    return request.META.get("REMOTE_ADDR", "")[:45] or "unknown"


def _posted(request: HttpRequest):  # noqa: ANN202 - QueryDict | None
    """The POST data to bind a form to, even when empty (``request.POST or None`` would leave
    an empty submission unbound and silently skip validation)."""
    return request.POST if request.method == "POST" else None


def _next_url(request: HttpRequest) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or "/"
    ok = url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return nxt if ok else "/"


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = forms.LoginForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        name, ip = form.cleaned_data["username"], _client_ip(request)
        if until := throttle.locked_until(name, ip):
            form.add_error(
                None,
                _("Too many failed sign-ins. Try again after %(t)s UTC.")
                % {"t": until.strftime("%H:%M")},
            )
            status = 429
        else:
            user = authenticate(request, username=name, password=form.cleaned_data["password"])
            if user is None:
                throttle.record_failure(name, ip)
                form.add_error(None, _("Unknown username or wrong password."))
                status = 400
            else:
                throttle.clear(name, ip)
                login(request, user)  # rotates the session key
                return redirect(_next_url(request))
    elif request.method == "POST":
        status = 400
    return render(
        request, "accounts/login.html", {"form": form, "next": _next_url(request)}, status=status
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("/")


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, code: str) -> HttpResponse:
    invitation = actions.open_invitation(code)  # NotFound → 404 page
    form = forms.AcceptInvitationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        user = actions.check_accept_invitation(
            code, form.cleaned_data["username"], form.cleaned_data["password"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/accept_invitation.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    form = forms.InvitationForm(_posted(request))
    link = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            code, _row = actions.do_create_invitation(
                request.user,
                d["email"],
                Role(d["role"]),
                contributor=d["contributor"],
                organisation=d["organisation"],
            )
            link = request.build_absolute_uri(reverse("accounts:accept-invitation", args=[code]))
            form = forms.InvitationForm()
        else:
            status = 400
    rows = Invitation.objects.select_related("contributor", "organisation")[:100]
    return render(
        request,
        "accounts/invitations.html",
        {"form": form, "invitations": rows, "link": link},
        status=status,
    )


@role_required()
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = forms.TokenForm(_posted(request))
    issued = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            issued, _row = tokens.issue_token(request.user, form.cleaned_data["name"])
            form = forms.TokenForm()
        else:
            status = 400
    rows = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": rows, "issued": issued},
        status=status,
    )


@role_required()
@require_POST
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    if not tokens.revoke_token(request.user, token_id):
        raise NotFound("no such live token of yours", fields={"token": "unknown"})
    return redirect("accounts:tokens")
