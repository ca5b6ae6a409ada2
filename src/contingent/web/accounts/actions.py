"""Account changes: users with a role, invitations. Each runs in one transaction, with its
ledger entry (classification restricted, so the published chain holds pseudonyms of who and
which account: core/ledger/pseudonym.py). Payloads name roles and bindings, never a password,
an e-mail address or an invitation code."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from contingent.core.errors import NotFound, ValidationError
from contingent.web.core import ledger

from .models import Invitation, Organisation, Profile
from .roles import Role

INVITATION_DAYS = 7


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


@transaction.atomic
def do_create_user(
    username: str,
    password: str | None,
    role: Role,
    *,
    contributor: Any = None,
    organisation: Organisation | None = None,
    email: str = "",
    actor: str = "system",
) -> Any:
    """Create a user and its profile. ``password=None`` makes an unusable password."""
    user = get_user_model().objects.create_user(username=username, email=email)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)  # Argon2 (settings.PASSWORD_HASHERS)
    user.save()
    Profile.objects.create(
        user=user, role=role.value, contributor=contributor, organisation=organisation
    )
    record(
        actor,
        "account.created",
        "user",
        username,
        {
            "role": role.value,
            "contributor": contributor.code if contributor else None,
            "organisation": organisation.key if organisation else None,
            "password": "unusable" if password is None else "set",
        },
    )
    return user


@transaction.atomic
def do_get_or_create_organisation(
    key: str, name: str, actor: str, *, record_now: bool = True
) -> tuple[Organisation, bool]:
    """(the organisation with ``key``, created?), created with ``name`` when new (two callers
    racing on one key both get the one row). Its ledger entry is appended here, or by the
    caller with ``record_organisation`` after its other writes when ``record_now`` is false
    (a long import must not hold the ledger lock from its first write)."""
    org, created = Organisation.objects.get_or_create(key=key, defaults={"name": name})
    if created and record_now:
        record_organisation(org, actor)
    return org, created


def record_organisation(org: Organisation, actor: str) -> None:
    record(actor, "organisation.created", "organisation", org.key, {"name": org.name})


def record(actor: str, action: str, object_type: str, object_id: str, payload: dict) -> None:
    """The ledger entry of an account change (restricted); call inside its transaction."""
    ledger.append(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        payload=payload,
        classification="restricted",
    )


@transaction.atomic
def do_create_invitation(
    created_by: Any,
    email: str,
    role: Role,
    *,
    contributor: Any = None,
    organisation: Organisation | None = None,
) -> tuple[str, Invitation]:
    """Returns the plain invitation code (sent once to the invitee) and the stored row."""
    code = secrets.token_urlsafe(32)
    row = Invitation.objects.create(
        email=email,
        role=role.value,
        contributor=contributor,
        organisation=organisation,
        code_sha256=_digest(code),
        created_by=created_by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    record(
        f"user:{created_by.username}" if created_by is not None else "system",
        "invitation.created",
        "invitation",
        str(row.pk),
        {
            "role": role.value,
            "contributor": contributor.code if contributor else None,
            "organisation": organisation.key if organisation else None,
            "expires_at": row.expires_at.isoformat(),
        },
    )
    return code, row


def open_invitation(code: str) -> Invitation:
    row = Invitation.objects.filter(code_sha256=_digest(code)).first()
    if row is None or row.accepted_at is not None or row.expires_at <= timezone.now():
        raise NotFound("this invitation is unknown, used or expired", fields={"code": "invalid"})
    return row


@transaction.atomic
def check_accept_invitation(code: str, username: str, password: str) -> Any:
    inv = Invitation.objects.select_for_update().get(pk=open_invitation(code).pk)
    if inv.accepted_at is not None:  # lost a race with another acceptance
        raise ValidationError("this invitation was just used", fields={"code": "used"})
    user = do_create_user(
        username,
        password,
        Role(inv.role),
        contributor=inv.contributor,
        organisation=inv.organisation,
        email=inv.email,
        actor=f"invitation:{inv.pk}",
    )
    inv.accepted_at, inv.accepted_by = timezone.now(), user
    inv.save(update_fields=["accepted_at", "accepted_by"])
    record(f"user:{username}", "invitation.accepted", "invitation", str(inv.pk), {})
    return user
