"""Demo users: one per role, with generated passwords shown once.

Passwords are random (``secrets``) and exist only in the return value: they are hashed with
Argon2 before storage and never written anywhere else. Running the demo again creates nobody
and returns nothing to print; ``contingent reset-password NAME`` issues a new password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from contingent.web.forcegen.models import Contributor

from .actions import do_create_user, do_get_or_create_organisation, record
from .models import Organisation
from .roles import Role

DEMO_ORGANISATION = ("demo-ngo", "Demo humanitarian organisation (illustrative)")


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    bound_to: str
    password: str


def _specs() -> list[tuple[str, Role, str | None]]:
    """(username, role, contributor code or organisation key). Liaisons are bound to the first
    two contributors in the loaded scenario that exist (PAK and IDN in the Gaza demo)."""
    codes = [c for c in ("PAK", "IDN") if Contributor.objects.filter(code=c).exists()]
    if len(codes) < 2:
        codes = list(Contributor.objects.order_by("code").values_list("code", flat=True)[:2])
    return [
        ("planner", Role.PLANNER, None),
        *[(f"liaison-{c.lower()}", Role.LIAISON, c) for c in codes],
        ("humanitarian", Role.HUMANITARIAN, None),
        ("operations", Role.OPERATIONS, None),
        ("auditor", Role.AUDITOR, None),
        ("admin", Role.ADMIN, None),
    ]


def _demo_organisation() -> Organisation:
    """The organisation the access demo loaded (so the demo humanitarian officer sees its
    notifications), or an illustrative one when there is none."""
    existing = Organisation.objects.order_by("key").first()
    if existing is not None:
        return existing
    return do_get_or_create_organisation(*DEMO_ORGANISATION, actor="system:demo")[0]


def new_password() -> str:
    return secrets.token_urlsafe(12)  # 16 characters, ~96 bits


@transaction.atomic
def create_demo_users() -> list[DemoUser]:
    """Create the demo users that do not exist yet; returns them with their passwords (the only
    copy). An empty list means every demo user already existed."""
    users = get_user_model().objects
    created = []
    for username, role, bound in _specs():
        if users.filter(username=username).exists():
            continue
        kwargs: dict[str, object] = {}
        if role == Role.LIAISON:
            kwargs["contributor"] = Contributor.objects.get(code=bound)
        if role == Role.HUMANITARIAN:
            kwargs["organisation"] = _demo_organisation()
        password = new_password()
        do_create_user(username, password, role, actor="system:demo", **kwargs)  # type: ignore[arg-type]
        if "organisation" in kwargs:
            bound = kwargs["organisation"].key  # type: ignore[union-attr]
        created.append(DemoUser(username, role, bound or "", password))
    return created


def reset_password(username: str) -> str:
    """Give ``username`` a new generated password and return it (shown once)."""
    from contingent.core.errors import NotFound

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise NotFound(f"no user {username!r}", fields={"username": "unknown"})
    password = new_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record("cli:reset-password", "account.password_reset", "user", username, {})
    return password
