"""Every URL pattern and every API operation × every persona, allowed or refused as
``access_expectations.py`` says. The endpoint list comes from the URL configuration and the
OpenAPI document, so an endpoint added without an expectation fails here by name."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .access_expectations import API, PAGES, Call
from .personas import PERSONAS, Persona

pytestmark = pytest.mark.django_db


def url_names(patterns: list[Any] | None = None, ns: str = "") -> set[str]:
    """Every named URL pattern, namespace-qualified. The API's own operations are listed from
    the OpenAPI document instead (ninja names one URL pattern per path, not per operation)."""
    names: set[str] = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            inner = f"{ns}{p.namespace}:" if p.namespace else ns
            names |= url_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern):
            if p.name is None:
                names.add(f"{ns}<unnamed {p.pattern}>")
            else:
                names.add(f"{ns}{p.name}")
    return names


def api_operations() -> dict[str, tuple[str, str]]:
    from contingent.web.api.api import api

    schema = api.get_openapi_schema()
    return {
        op["operationId"]: (method.upper(), path)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    }


def api_url_names() -> set[str]:
    """URL names ninja generated for operation paths (covered by ``API`` through operationIds)."""
    from contingent.web.api.api import api

    names = set()
    for p in api.urls[0]:
        if p.name not in ("openapi-json", "api-root"):
            names.add(f"api:{p.name}")
    return names


def coverage(endpoints: set[str], table: dict[str, Call]) -> tuple[list[str], list[str]]:
    """(endpoints with no expectation, expectations with no endpoint)."""
    return sorted(endpoints - table.keys()), sorted(table.keys() - endpoints)


def test_every_url_pattern_has_an_access_expectation():
    missing, stale = coverage(url_names() - api_url_names(), PAGES)
    assert not missing, f"URL patterns with no entry in access_expectations.PAGES: {missing}"
    assert not stale, f"entries in access_expectations.PAGES with no URL pattern: {stale}"


def test_every_api_operation_has_an_access_expectation():
    missing, stale = coverage(set(api_operations()), API)
    assert not missing, f"API operations with no entry in access_expectations.API: {missing}"
    assert not stale, f"entries in access_expectations.API with no API operation: {stale}"


def test_a_new_endpoint_without_an_expectation_is_named():
    pages = url_names() - api_url_names()
    assert "accounts:login" in pages and "dashboard" in pages
    assert coverage(pages | {"new-page"}, PAGES)[0] == ["new-page"]
    assert coverage(set(api_operations()) | {"new_op"}, API)[0] == ["new_op"]


# ------------------------------------------------------------------ running one cell


@dataclass
class Ctx:
    personas: dict[str, Persona]
    gaza: Any
    invitation_code: str

    def token_id(self, p: Persona) -> int:
        from contingent.web.accounts.models import ApiToken

        if p.user is None:  # anonymous has no token: any id is refused before the lookup
            return ApiToken.objects.order_by("id").values_list("id", flat=True).first()
        return ApiToken.objects.get(user=p.user).pk


@pytest.fixture
def ctx(personas, gaza):
    from contingent.web.accounts.actions import do_create_invitation
    from contingent.web.accounts.roles import Role

    code, _ = do_create_invitation(personas["admin"].user, "new@example.org", Role.AUDITOR)
    return Ctx(personas, gaza, code)


def _kwargs(call: Call, ctx: Ctx, p: Persona) -> dict[str, Any]:
    return dict(call.kwargs(ctx, p) if callable(call.kwargs) else call.kwargs)


def _is_login_redirect(resp: Any) -> bool:
    return resp.status_code == 302 and resp["Location"].startswith(settings.LOGIN_URL)


def _verdict(resp: Any, call: Call, p: Persona, *, api: bool) -> str | None:
    """None when the response matches the expectation, else what went wrong."""
    s = resp.status_code
    if s >= 500:
        return f"server error {s}"
    if p.name in call.allowed:
        refused = (s in (401, 403, 404) and s not in call.ok) or _is_login_redirect(resp)
        good = (s < 400 or s in call.ok) and not refused
        return None if good else f"expected allowed, got {s}"
    if p.name == "anonymous":
        good = s == 401 if api else (_is_login_redirect(resp) or s in (401, 403, 404))
        return None if good else f"expected refused (401/login), got {s}"
    return None if s in (403, 404) else f"expected refused (403/404), got {s}"


def _request(client: Any, method: str, url: str, data: Any, *, api: bool) -> Any:
    if method == "GET":
        return client.get(url)
    if api:
        return client.generic(method, url, json.dumps(data or {}), "application/json")
    return client.post(url, data or {})


def _run(call: Call, ctx: Ctx, url_for: Any, *, api: bool) -> list[str]:
    problems = []
    for name in PERSONAS:
        p = ctx.personas[name]
        client = p.api if api else p.browser
        # Each persona's call runs in a savepoint rolled back afterwards: a write by one persona
        # must not change what the next one finds.
        with transaction.atomic():
            url = url_for(_kwargs(call, ctx, p))
            resp = _request(client, call.method, url, call.data, api=api)
            transaction.set_rollback(True)
        if why := _verdict(resp, call, p, api=api):
            body = resp.content[:200].decode(errors="replace")
            problems.append(f"{name}: {call.method} {url}: {why} — {body}")
    return problems


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access(name, ctx):
    call = PAGES[name]

    def url_for(kw: dict[str, Any]) -> str:
        return reverse(name, kwargs=kw) + (f"?{call.query}" if call.query else "")

    problems = _run(call, ctx, url_for, api=False)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("op_id", sorted(API))
def test_api_access(op_id, ctx):
    call = API[op_id]
    method, template = api_operations()[op_id]
    assert method == call.method, f"{op_id} is {method}, the expectation says {call.method}"

    def url_for(kw: dict[str, Any]) -> str:
        path = re.sub(r"\{(\w+)\}", lambda m: str(kw[m.group(1)]), template)
        return path + (f"?{call.query}" if call.query else "")

    problems = _run(call, ctx, url_for, api=True)
    assert not problems, "\n".join(problems)
