"""Accounts: sign-in with Argon2 and throttling, cookie flags, CSRF, security headers,
invitations, demo users."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from contingent.cli import main
from contingent.web.accounts import throttle
from contingent.web.accounts.actions import do_create_user
from contingent.web.accounts.models import Invitation, Profile
from contingent.web.accounts.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery 42"


@pytest.fixture
def auditor(db):
    return do_create_user("aud", PASSWORD, Role.AUDITOR)


def _login(client: Client, username: str, password: str) -> object:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_passwords_are_stored_as_argon2_hashes(auditor):
    stored = get_user_model().objects.get(username="aud").password
    assert stored.startswith("argon2$argon2id$") and PASSWORD not in stored


def test_signing_in_sets_a_secure_httponly_session_cookie(auditor):
    resp = _login(Client(), "aud", PASSWORD)
    assert resp.status_code == 302
    cookie = resp.cookies["sessionid"]
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_the_login_form_needs_its_csrf_token(auditor):
    client = Client(enforce_csrf_checks=True)
    assert _login(client, "aud", PASSWORD).status_code == 403
    page = client.get("/accounts/login/")
    assert page.cookies["csrftoken"]["secure"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    resp = client.post(
        "/accounts/login/", {"username": "aud", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert resp.status_code == 302


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(auditor):
    resp = _login(Client(), "aud", "nope")
    assert resp.status_code == 400
    assert "Unknown username or wrong password" in resp.content.decode()
    assert "sessionid" not in resp.cookies


def test_after_five_failures_even_the_right_password_is_refused_for_a_while(auditor):
    client = Client()
    for _ in range(throttle.MAX_FAILURES):
        assert _login(client, "aud", "wrong").status_code == 400
    resp = _login(client, "aud", PASSWORD)
    assert resp.status_code == 429
    assert "Too many failed sign-ins" in resp.content.decode()
    # another address is not locked out
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other, "aud", PASSWORD).status_code == 302


def test_a_success_clears_the_failure_count(auditor):
    client = Client()
    for _ in range(throttle.MAX_FAILURES - 1):
        _login(client, "aud", "wrong")
    assert _login(client, "aud", PASSWORD).status_code == 302
    assert _login(Client(), "aud", "wrong").status_code == 400  # counting starts again at one


def test_next_never_redirects_off_site(auditor):
    resp = Client().post(
        "/accounts/login/",
        {"username": "aud", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert resp["Location"] == "/"


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/api/v1/operations", "/api/docs"])
def test_every_response_carries_the_security_headers(gaza, url):
    resp = Client().get(url)
    csp = resp["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in ("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Referrer-Policy"] == "same-origin"
    assert resp["X-Frame-Options"] == "DENY"


def test_account_pages_hold_no_inline_script(gaza, auditor):
    client = Client()
    client.force_login(auditor)
    for url in ("/accounts/login/", "/accounts/tokens/"):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers


def _admin_client() -> Client:
    admin = do_create_user("root", None, Role.ADMIN)
    client = Client()
    client.force_login(admin)
    return client


def test_an_invited_liaison_signs_up_bound_to_its_contributor(gaza):
    resp = _admin_client().post(
        "/accounts/invitations/",
        {"email": "pak@example.org", "role": "liaison", "contributor": "PAK"},
    )
    assert resp.status_code == 200
    link = re.search(r"/accounts/invitations/([\w-]+)/", resp.content.decode())[0]
    code = link.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(code_sha256=code).exists()  # stored hashed only
    newcomer = Client()
    resp = newcomer.post(
        link, {"username": "pak1", "password": PASSWORD, "password_again": PASSWORD}
    )
    assert resp.status_code == 302
    profile = Profile.objects.get(user__username="pak1")
    assert (profile.role, profile.contributor.code) == ("liaison", "PAK")
    assert newcomer.get("/api/v1/me").json()["contributor"] == "PAK"
    assert Client().get(link).status_code == 404  # single use


def test_bad_invitation_input_names_the_field_and_writes_nothing(gaza):
    client = _admin_client()
    resp = client.post("/accounts/invitations/", {"email": "x@example.org", "role": "liaison"})
    assert resp.status_code == 400
    html = resp.content.decode()
    assert 'id="id_contributor_error"' in html and "bound to one contributor" in html
    resp = client.post("/accounts/invitations/", {"email": "not-an-email", "role": "auditor"})
    assert resp.status_code == 400 and 'id="id_email_error"' in resp.content.decode()
    assert Invitation.objects.count() == 0


def test_a_weak_or_mismatched_password_is_refused_next_to_its_field(gaza):
    from contingent.web.accounts.actions import do_create_invitation

    code, _ = do_create_invitation(None, "a@example.org", Role.AUDITOR)
    users = get_user_model().objects.count()
    url = f"/accounts/invitations/{code}/"
    resp = Client().post(url, {"username": "a", "password": "123", "password_again": "123"})
    assert resp.status_code == 400 and 'id="id_password_error"' in resp.content.decode()
    resp = Client().post(url, {"username": "a", "password": PASSWORD, "password_again": "x"})
    assert resp.status_code == 400 and 'id="id_password_again_error"' in resp.content.decode()
    assert get_user_model().objects.count() == users
    assert Invitation.objects.get().accepted_at is None


def test_a_profile_cannot_be_a_liaison_without_a_contributor(gaza):
    from django.db import IntegrityError, transaction

    user = get_user_model().objects.create_user("x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(user=user, role="liaison")


def test_the_demo_prints_each_password_once_and_they_work(gaza, capsys):
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    rows = dict(
        re.findall(r"^\s+(planner|liaison-pak|auditor)\s+\S+(?: \(\w+\))?\s+(\S+)$", out, re.M)
    )
    assert set(rows) == {"planner", "liaison-pak", "auditor"}, out
    assert _login(Client(), "liaison-pak", rows["liaison-pak"]).status_code == 302
    roles = dict(Profile.objects.values_list("user__username", "role"))
    assert sorted(roles.values()) == sorted(
        ["planner", "liaison", "liaison", "humanitarian", "operations", "auditor", "admin"]
    )
    assert main(["demo", "--no-serve"]) == 0
    again = capsys.readouterr().out
    assert rows["planner"] not in again and "already exist" in again
    assert main(["reset-password", "planner"]) == 0
    new = capsys.readouterr().out.strip().rsplit(" ", 1)[1]
    assert _login(Client(), "planner", new).status_code == 302


def test_an_empty_token_name_is_refused_next_to_the_field_and_issues_nothing(auditor):
    from contingent.web.accounts.models import ApiToken

    client = Client()
    client.force_login(auditor)
    resp = client.post("/accounts/tokens/", {"name": ""})
    assert resp.status_code == 400 and 'id="id_name_error"' in resp.content.decode()
    assert ApiToken.objects.count() == 0
    resp = client.post("/accounts/tokens/", {"name": "laptop"})
    token = re.search(r"<code>(ctg_[\w-]+)</code>", resp.content.decode())[1]
    assert (
        Client(headers={"Authorization": f"Bearer {token}"}).get("/api/v1/me").json()["username"]
        == "aud"
    )


def test_an_empty_login_form_names_both_fields(db):
    html = Client().post("/accounts/login/", {}).content.decode()
    assert 'id="id_username_error"' in html and 'id="id_password_error"' in html


def test_a_user_cannot_revoke_someone_elses_token(auditor):
    from contingent.web.accounts.models import ApiToken
    from contingent.web.accounts.tokens import issue_token

    other = do_create_user("other", None, Role.PLANNER)
    _raw, row = issue_token(other, "theirs")
    client = Client()
    client.force_login(auditor)
    assert client.post(f"/accounts/tokens/{row.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=row.pk).revoked_at is None


def test_the_lock_runs_out_and_counting_starts_again(auditor):
    from datetime import timedelta

    from django.utils import timezone

    from contingent.web.accounts.models import FailedLogin

    client = Client()
    for _ in range(throttle.MAX_FAILURES):
        _login(client, "aud", "wrong")
    assert _login(client, "aud", PASSWORD).status_code == 429
    FailedLogin.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _login(client, "aud", PASSWORD).status_code == 302


def test_a_deactivated_users_token_stops_working(auditor):
    from contingent.web.accounts.tokens import issue_token

    token, _row = issue_token(auditor, "t")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/v1/me").status_code == 200
    auditor.is_active = False
    auditor.save()
    assert api.get("/api/v1/me").status_code == 401


def test_a_refused_page_answers_html_to_browsers_and_the_envelope_to_htmx(auditor):
    client = Client()
    client.force_login(auditor)
    page = client.get("/accounts/invitations/")
    assert page.status_code == 403 and "text/html" in page["Content-Type"]
    assert "your role may not open this page" in page.content.decode()
    partial = client.get("/accounts/invitations/", headers={"HX-Request": "true"})
    assert partial.status_code == 403
    assert partial.json()["error"]["code"] == "forbidden"
