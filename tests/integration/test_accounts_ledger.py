"""Account changes in the ledger: each one entry, restricted (so the published chain holds
pseudonyms of who and which account), nothing recorded for a refused sign-up, and usernames the
ledger could not record refused next to the field."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from contingent.cli import main
from contingent.web.accounts.actions import do_create_user
from contingent.web.accounts.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery 42"


def _ledger_since(seq: int) -> list[tuple[str, str, str, str]]:
    from contingent.web.core.models import LedgerEntry

    rows = LedgerEntry.objects.filter(seq__gt=seq).order_by("seq")
    out = []
    for r in rows:
        assert r.classification == "restricted" and r.actor.startswith("~"), r
        assert r.object_id.startswith("~"), r  # the published chain names no account
        out.append((r.action, r.actor_named, r.object_type, r.object_id_named))
    return out


def _head() -> int:
    from contingent.web.core.models import LedgerEntry

    last = LedgerEntry.objects.order_by("-seq").first()
    return last.seq if last else 0


def test_every_account_change_is_in_the_ledger_under_pseudonyms(gaza):
    from contingent.web.accounts import tokens
    from contingent.web.accounts.actions import check_accept_invitation, do_create_invitation

    start = _head()
    admin = do_create_user("root", None, Role.ADMIN)
    from contingent.web.forcegen.models import Contributor

    pak = Contributor.objects.get(code="PAK")
    code, invitation = do_create_invitation(admin, "pak@example.org", Role.LIAISON, contributor=pak)
    check_accept_invitation(code, "pak1", PASSWORD)
    raw, token = tokens.issue_token(admin, "ci")
    assert tokens.revoke_token(admin, token.pk)
    assert not tokens.revoke_token(admin, token.pk)  # nothing to revoke: nothing recorded
    assert main(["reset-password", "pak1"]) == 0
    inv = str(invitation.pk)
    assert _ledger_since(start) == [
        ("account.created", "system", "user", "root"),
        ("invitation.created", "user:root", "invitation", inv),
        ("account.created", f"invitation:{inv}", "user", "pak1"),
        ("invitation.accepted", "user:pak1", "invitation", inv),
        ("token.issued", "user:root", "token", str(token.pk)),
        ("token.revoked", "user:root", "token", str(token.pk)),
        ("account.password_reset", "cli:reset-password", "user", "pak1"),
    ]
    assert main(["ledger", "verify"]) == 0


def test_a_refused_sign_up_records_nothing(gaza):
    from contingent.web.accounts.actions import do_create_invitation

    code, _ = do_create_invitation(None, "a@example.org", Role.AUDITOR)
    start = _head()
    resp = Client().post(
        f"/accounts/invitations/{code}/",
        {"username": "a", "password": "123", "password_again": "123"},
    )
    assert resp.status_code == 400
    assert _head() == start


@pytest.mark.parametrize("username", ["a" * 60, "~bob"])
def test_a_username_the_ledger_cannot_record_is_refused_next_to_its_field(gaza, username):
    from contingent.web.accounts.actions import do_create_invitation

    code, _ = do_create_invitation(None, "a@example.org", Role.AUDITOR)
    start, users = _head(), get_user_model().objects.count()
    data = {"username": username, "password": PASSWORD, "password_again": PASSWORD}
    resp = Client().post(f"/accounts/invitations/{code}/", data)
    assert resp.status_code == 400 and 'id="id_username_error"' in resp.content.decode()
    assert (_head(), get_user_model().objects.count()) == (start, users)


def test_the_longest_username_allowed_signs_up_and_is_recorded(gaza):
    from contingent.web.accounts.actions import do_create_invitation

    code, _ = do_create_invitation(None, "a@example.org", Role.AUDITOR)
    name = "a" * 59  # "user:" + 59 = the 64 characters of the ledger's actor column
    data = {"username": name, "password": PASSWORD, "password_again": PASSWORD}
    assert Client().post(f"/accounts/invitations/{code}/", data).status_code == 302
    assert get_user_model().objects.filter(username=name).exists()
