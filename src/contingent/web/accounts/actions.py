"""Account changes: users with a role, invitations. Each runs in one transaction."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from contingent.core.errors import NotFound, ValidationError

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
    return user


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
    )
    inv.accepted_at, inv.accepted_by = timezone.now(), user
    inv.save(update_fields=["accepted_at", "accepted_by"])
    return user
