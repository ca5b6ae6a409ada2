"""Cross-cutting HTTP behaviour: security headers and the page-side error mapping.

``SecurityHeadersMiddleware`` sets a content security policy that allows no inline script and
no inline style ('unsafe-inline' appears nowhere): every script and
stylesheet is a file served by the app itself (no CDN — field teams work on bad links).

``ErrorMiddleware`` turns a ``ContingentError`` escaping a page view into the same status the API
uses (``contingent.web.core.errors``): JSON envelope for htmx/JSON callers, a plain error page
otherwise; ``NotAuthenticated`` on a page becomes a redirect to the login page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from contingent.core.errors import ContingentError, ErrorCode

from .errors import (
    NotAuthenticated,
    envelope,
    error_response,
    error_status,
    with_error_headers,
)

_PLAIN_API_ERRORS = {
    404: (ErrorCode.NOT_FOUND, "no such API path"),
    405: (ErrorCode.INVALID_INPUT, "method not allowed on this API path"),
}

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=(), payment=()",
}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return (
        request.path.startswith("/api/")
        or request.headers.get("HX-Request") == "true"
        or ("application/json" in accept and "text/html" not in accept)
    )


def _nul_locations(request: HttpRequest) -> dict[str, str]:
    """Where the request carries a NUL character. PostgreSQL cannot store or even compare one
    in a text value (the driver raises, which would be a 500), and no honest input has one."""
    where: dict[str, str] = {}
    if "\x00" in request.path_info:
        where["path"] = "contains a NUL character"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in v for v in values):
            where[f"query.{name}"] = "contains a NUL character"
    ctype = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH"):
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            # Form fields only: uploaded files are the app's to parse (and may be binary).
            for name, values in request.POST.lists():
                if "\x00" in name or any("\x00" in v for v in values):
                    where[name] = "contains a NUL character"
        else:  # JSON (whatever the declared type: the API parses the body as JSON)
            body = request.body
            if b"\x00" in body or b"\\u0000" in body.lower():
                where["body"] = "contains a NUL character"
    return where


class RejectNulMiddleware:
    """Refuse, at the edge, any request carrying a NUL character (400 for pages, the 422
    envelope for the API), before a view could pass it to the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if where := _nul_locations(request):
            body = envelope(ErrorCode.INVALID_INPUT, "NUL characters are not accepted", where)
            status = 422 if _wants_json(request) else 400
            return JsonResponse(body, status=status)
        return self.get_response(request)


class ErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Django itself answered (no such path, method not allowed) before the API could: give
        # API clients the same envelope as every other error.
        if (
            request.path.startswith("/api/v")
            and response.status_code in _PLAIN_API_ERRORS
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code, message = _PLAIN_API_ERRORS[response.status_code]
            replaced = JsonResponse(envelope(code, message), status=response.status_code)
            if allow := response.get("Allow"):
                replaced["Allow"] = allow
            return replaced
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not isinstance(exc, ContingentError):
            return None
        if isinstance(exc, NotAuthenticated) and not _wants_json(request):
            return redirect_to_login(request.get_full_path())
        if _wants_json(request):
            return error_response(exc)
        status = error_status(exc)
        html = render_to_string(
            "accounts/error.html", {"error": exc, "status": status}, request=request
        )
        return with_error_headers(HttpResponse(html, status=status), exc)
