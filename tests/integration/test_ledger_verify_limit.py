"""Whole-chain verification is open to everyone and rate-limited per requester (core/ratelimit.py):
past the limit a page or API call gets 429 with the error envelope and Retry-After, nothing is
counted for the refused call, other requesters keep their own allowance, and the window ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from contingent.web.core.ledger import VERIFY_LIMIT
from contingent.web.core.models import RateWindow

from .api_helpers import assert_envelope

pytestmark = pytest.mark.django_db

API = "/api/v1/ledger/verify"
PAGE = "/ledger/verify/"


def _anonymous(addr: str) -> Client:
    return Client(REMOTE_ADDR=addr)


def test_anonymous_api_calls_past_the_limit_get_429_with_retry_after(gaza):
    c = _anonymous("203.0.113.7")
    for _ in range(VERIFY_LIMIT.anonymous):
        assert c.get(API).json()["ok"] is True
    refused = c.get(API)
    err = assert_envelope(refused, 429, "too_many_attempts")
    assert "retry_after" in err["fields"]
    assert 1 <= int(refused["Retry-After"]) <= VERIFY_LIMIT.window_s
    # the refused call was not counted
    row = RateWindow.objects.get(key="ledger-verify|ip:203.0.113.7")
    assert row.count == VERIFY_LIMIT.anonymous


def test_another_address_and_a_signed_in_user_keep_their_own_allowance(personas):
    spent = _anonymous("203.0.113.8")
    for _ in range(VERIFY_LIMIT.anonymous):
        spent.get(API)
    assert spent.get(API).status_code == 429
    assert _anonymous("203.0.113.9").get(API).status_code == 200
    planner = personas["planner"].api  # token auth, same test address as anyone
    for _ in range(VERIFY_LIMIT.signed_in):
        assert planner.get(API).status_code == 200
    assert_envelope(planner.get(API), 429, "too_many_attempts")


def test_the_verify_button_is_limited_too_and_says_so_on_the_page(gaza):
    c = _anonymous("203.0.113.10")
    for _ in range(VERIFY_LIMIT.anonymous):
        r = c.post(PAGE, headers={"HX-Request": "true"})
        assert r.status_code == 200 and 'data-verify="ok"' in r.content.decode()
    fragment = c.post(PAGE, headers={"HX-Request": "true"})  # the button, through htmx
    assert fragment.status_code == 429 and int(fragment["Retry-After"]) >= 1
    assert 'data-verify="limited"' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    refused = c.post(PAGE)  # without JavaScript: the error page
    assert refused.status_code == 429
    assert "try again in" in refused.content.decode()
    assert int(refused["Retry-After"]) >= 1


def test_the_allowance_comes_back_when_the_window_ends(gaza):
    c = _anonymous("203.0.113.11")
    for _ in range(VERIFY_LIMIT.anonymous):
        c.get(API)
    assert c.get(API).status_code == 429
    row = RateWindow.objects.get(key="ledger-verify|ip:203.0.113.11")
    row.window_start -= timedelta(seconds=VERIFY_LIMIT.window_s)
    row.save()
    assert c.get(API).status_code == 200
    assert RateWindow.objects.get(pk=row.pk).count == 1


def test_requesters_idle_for_ten_windows_are_forgotten(gaza):
    from contingent.web.core.ratelimit import STALE_WINDOWS

    _anonymous("203.0.113.12").get(API)
    idle = RateWindow.objects.get(key="ledger-verify|ip:203.0.113.12")
    idle.window_start -= timedelta(seconds=STALE_WINDOWS * VERIFY_LIMIT.window_s + 1)
    idle.save()
    _anonymous("203.0.113.13").get(API)
    keys = set(RateWindow.objects.values_list("key", flat=True))
    assert keys == {"ledger-verify|ip:203.0.113.13"}
