"""The roles of DESIGN.md ("Who uses it", "Roles and what they may touch").

A user has exactly one role, held on ``Profile``. A liaison is bound to one contributor, a
humanitarian officer to one organisation (enforced by a database constraint on ``Profile``).
Django's ``is_superuser`` is *not* a role: a superuser without a profile has no role at all,
so it cannot read confidential records by accident of being an administrator.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Role(StrEnum):
    PLANNER = "planner"  # force HQ: everything of the operation, read and write
    LIAISON = "liaison"  # one contributing state: its own records + public
    HUMANITARIAN = "humanitarian"  # one organisation: its own records + corridors
    OPERATIONS = "operations"  # force operations centre: notifications of the area
    AUDITOR = "auditor"  # reads everything, changes nothing
    ADMIN = "admin"  # platform administration: users and invitations, no mission data


# Roles that read every record of an operation, whatever its classification.
READS_EVERYTHING: frozenset[Role] = frozenset({Role.PLANNER, Role.AUDITOR})


def role_of(user: Any) -> Role | None:
    """The user's role, or ``None`` for anonymous users and accounts without a profile."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is None:
        return None
    return Role(profile.role)
