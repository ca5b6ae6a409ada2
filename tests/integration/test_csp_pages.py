"""The content security policy allows no inline script and no inline style, so no page may
rely on one: every HTML page, as each persona sees it, holds no inline <script>, no on*=
handler, no <style> element and no style= attribute (the browser would silently drop them)."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.urls import reverse

from .access_expectations import PAGES
from .personas import Persona

pytestmark = pytest.mark.django_db

INLINE = [
    (
        re.compile(
            r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I
        ),
        "inline <script>",
    ),
    (re.compile(r"<[^>]+\son[a-z]+\s*=", re.I), "on*= event handler"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"<[^>]+\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]
GET_PAGES = sorted(n for n, c in PAGES.items() if c.method == "GET")


def inline_problems(html: str) -> list[str]:
    return [f"{what}: {m.group(0)[:80]}" for rx, what in INLINE for m in rx.finditer(html)]


def test_the_checker_finds_each_kind_of_inline_code():
    bad = '<script>x()</script><a onclick="y()"><style>p{}</style><p style="color:red">'
    assert len(inline_problems(bad)) == 4
    assert inline_problems('<script src="/static/a.js"></script><p class="x">') == []


@pytest.mark.parametrize("name", GET_PAGES)
def test_pages_hold_no_inline_script_or_style(name, personas, gaza):
    from contingent.web.accounts.actions import do_create_invitation
    from contingent.web.accounts.roles import Role

    from .test_access_matrix import Ctx

    code, _ = do_create_invitation(None, "x@example.org", Role.AUDITOR)
    ctx = Ctx(personas, gaza, code)
    call = PAGES[name]
    problems = []
    for who in ("planner", "liaison_pak", "anonymous"):
        p: Persona = personas[who]
        with transaction.atomic():  # the kwargs function may create records: roll them back
            kw = call.kwargs(ctx, p) if callable(call.kwargs) else call.kwargs
            resp = p.browser.get(reverse(name, kwargs=dict(kw)))
            transaction.set_rollback(True)
        if "text/html" not in resp.get("Content-Type", ""):
            continue
        problems += [f"{who}: {x}" for x in inline_problems(resp.content.decode())]
    assert not problems, "\n".join(sorted(set(problems))[:20])
