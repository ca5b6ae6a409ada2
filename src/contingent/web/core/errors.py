"""The one place that maps errors to HTTP.

``error_status(exc)`` and ``error_body(exc)`` are used by the API's exception handlers
(``contingent.web.api.errors``) and by the page middleware (``middleware.ErrorMiddleware``), so
a given error has the same status and the same envelope everywhere::

    {"error": {"code": "...", "message": "...", "fields": {"where": "what"}}}

``TransitionRefused`` adds ``"reasons": [{"code", "message"}, …]`` (one per unmet gate).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpResponse, JsonResponse

from contingent.core.errors import (
    ContingentError,
    ErrorCode,
    Forbidden,
    NotFound,
    TransitionRefused,
)


class NotAuthenticated(ContingentError):
    """No valid session or token for something that needs one (401 on the API; a redirect to
    the login page for HTML pages)."""

    code = ErrorCode.NOT_AUTHENTICATED


# Codes that mean "the input is fine but conflicts with what is stored".
_CONFLICT = {
    ErrorCode.DUPLICATE_KEY,
    ErrorCode.TRANSITION_REFUSED,
    ErrorCode.UNKNOWN_TRANSITION,
    ErrorCode.LEDGER_BROKEN,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
}


def error_status(exc: ContingentError) -> int:
    if isinstance(exc, NotAuthenticated) or exc.code == ErrorCode.NOT_AUTHENTICATED:
        return 401
    if isinstance(exc, Forbidden) or exc.code == ErrorCode.FORBIDDEN:
        return 403
    if isinstance(exc, NotFound) or exc.code == ErrorCode.NOT_FOUND:
        return 404
    if isinstance(exc, TransitionRefused) or exc.code in _CONFLICT:
        return 409
    if exc.code == ErrorCode.TOO_MANY_ATTEMPTS:
        return 429
    if exc.code == ErrorCode.UPLOAD_TOO_LARGE:
        return 413
    return 422


def error_body(exc: ContingentError) -> dict[str, Any]:
    return {"error": exc.as_dict()}


def with_error_headers(response: HttpResponse, exc: ContingentError) -> HttpResponse:
    """Headers an error carries: ``Retry-After`` for a rate-limited call (ratelimit.py)."""
    retry = getattr(exc, "retry_after_s", None)
    if retry is not None:
        response["Retry-After"] = str(int(retry))
    return response


def error_response(exc: ContingentError) -> HttpResponse:
    return with_error_headers(JsonResponse(error_body(exc), status=error_status(exc)), exc)


def envelope(
    code: ErrorCode | str, message: str, fields: Mapping[str, str] | None = None
) -> dict[str, Any]:
    return {"error": {"code": str(code), "message": message, "fields": dict(fields or {})}}


def fields_from_pydantic(errors: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """pydantic/ninja error list → ``{"dotted.location": "message"}``. The first segment of a
    ninja location says where the value came from (``body``, ``query``, ``path``, ``header``);
    it is dropped for the body so that fields read as the client wrote them."""
    out: dict[str, str] = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[1:]
            # ninja wraps a body schema in its parameter name ("payload"): drop it too. An
            # error about the whole body (a model-level rule) is then reported as "body".
            if loc and loc[0] == "payload":
                loc = loc[1:]
        where = ".".join(loc) or "body"
        out.setdefault(where, str(err.get("msg", "invalid")))
    return out


def validation_response(errors: Iterable[Mapping[str, Any]]) -> JsonResponse:
    fields = fields_from_pydantic(errors)
    return JsonResponse(
        envelope(ErrorCode.INVALID_INPUT, "the request has invalid fields", fields), status=422
    )
