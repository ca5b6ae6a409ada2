"""Page decorators. The API has its own authentication (``contingent.web.api.auth``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from contingent.core.errors import Forbidden

from .roles import Role, role_of


def role_required(*roles: Role | str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Allow the view only to signed-in users holding one of ``roles``.

    Anonymous → redirect to the login page (with ``next``); signed in with another role (or no
    profile) → ``Forbidden``, which the error middleware turns into a 403 page (or the JSON
    error envelope for htmx/JSON requests). With no roles given, any signed-in role passes.
    """
    wanted = frozenset(Role(r) for r in roles)

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = role_of(request.user)
            if role is None or (wanted and role not in wanted):
                raise Forbidden("your role may not open this page")
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = wanted  # type: ignore[attr-defined]
        return wrapper

    return decorate


def login_required_with_role(view: Callable[..., Any]) -> Callable[..., Any]:
    """Any signed-in user with a role."""
    return role_required()(view)
