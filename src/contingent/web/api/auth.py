"""API authentication: ``Authorization: Bearer <token>`` for programs, the session cookie (with
the CSRF token on unsafe methods) for the browser's own htmx calls.

``request.auth`` is always the Django user (``AnonymousUser`` on public operations called
without credentials). Access decisions are *not* made here: they are made by the access
functions (``contingent.web.forcegen.access``), which take that user.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from contingent.web.accounts.tokens import user_for_token

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return user_for_token(token)


class SessionCsrf(APIKeyCookie):
    """The browser's session. CSRF is checked only once we know the caller is signed in, so an
    anonymous call gets 401, not a confusing CSRF 403."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise HttpError(403, "CSRF check failed")
        return user


class _Public:
    """Last resort on public operations: no credentials at all → the anonymous user. A request
    that *did* send an Authorization header that failed stays refused (401): a bad token must
    not silently downgrade to anonymous."""

    def __call__(self, request: HttpRequest) -> Any | None:
        if request.headers.get("Authorization"):
            return None
        return AnonymousUser()


SIGNED_IN = [BearerToken(), SessionCsrf()]
PUBLIC = [BearerToken(), SessionCsrf(), _Public()]
