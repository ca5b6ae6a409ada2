"""The NinjaAPI instance: ``/api/v1``, its OpenAPI document at ``/api/v1/openapi.json`` and the
docs page at ``/api/docs`` (Swagger UI served from the ``ninja`` app's static files: no CDN, no
inline script, so it runs under the site's CSP).

Every error leaves through the handlers below, which delegate to
``contingent.web.core.errors`` — the one place that maps errors to HTTP.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from contingent.core.errors import ContingentError, ErrorCode
from contingent.web.core.errors import (
    envelope,
    error_body,
    error_status,
    fields_from_pydantic,
    with_error_headers,
)

from .auth import SIGNED_IN

api = NinjaAPI(
    title="Contingent API",
    version="1",
    description=(
        "Force generation, deployment and accountability. Authenticate with "
        "`Authorization: Bearer <token>` (tokens are issued on /accounts/tokens/) or, from the "
        "web UI, with the session cookie and the CSRF token. Creates accept an "
        "`Idempotency-Key` header. Every error is "
        '`{"error": {"code", "message", "fields"}}`.'
    ),
    urls_namespace="api",
    docs_url=None,  # served at /api/docs by docs_view
    auth=SIGNED_IN,
)


def _json(request: HttpRequest, body: dict, status: int) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(ContingentError)
def _contingent_error(request: HttpRequest, exc: ContingentError) -> HttpResponse:
    return with_error_headers(_json(request, error_body(exc), error_status(exc)), exc)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    body = envelope(
        ErrorCode.INVALID_INPUT, "the request has invalid fields", fields_from_pydantic(exc.errors)
    )
    return _json(request, body, 422)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = envelope(
        ErrorCode.NOT_AUTHENTICATED,
        "send a valid API token (Authorization: Bearer …) or sign in",
        {"Authorization": "missing or invalid"},
    )
    response = _json(request, body, 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = ErrorCode.FORBIDDEN if exc.status_code == 403 else ErrorCode.INVALID_INPUT
    return _json(request, envelope(code, str(exc), {}), exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _json(request, envelope(ErrorCode.NOT_FOUND, "not found", {}), 404)


def docs_view(request: HttpRequest) -> HttpResponse:
    from ninja.openapi.views import openapi_view

    return openapi_view(request, api)


from . import ledger, me, operations, plan, pledges  # noqa: E402  (routers register on the api above)

api.add_router("/operations", operations.router)
api.add_router("/operations", pledges.router)
api.add_router("/operations", plan.router)
api.add_router("/ledger", ledger.router)
api.add_router("/me", me.router)
api.add_router("/access", "contingent.web.access.api.router")
