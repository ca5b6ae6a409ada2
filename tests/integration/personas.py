"""The personas of STYLE.md, set up once per test: each has a user (``None`` for anonymous), a
browser client signed in with a session, and an API client sending its own bearer token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

PERSONAS = (
    "planner",
    "liaison_pak",
    "liaison_idn",
    "ngo",
    "ops",
    "auditor",
    "admin",
    "anonymous",
)
SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
EVERYONE = frozenset(PERSONAS)


@dataclass
class Persona:
    name: str
    user: Any  # None for anonymous
    token: str | None
    browser: Client  # session cookie (and CSRF enforced when asked)
    api: Client  # Authorization: Bearer <token>


def make_personas() -> dict[str, Persona]:
    from contingent.web.accounts.actions import do_create_user
    from contingent.web.accounts.models import Organisation
    from contingent.web.accounts.roles import Role
    from contingent.web.accounts.tokens import issue_token
    from contingent.web.forcegen.models import Contributor

    org, _ = Organisation.objects.get_or_create(key="unrwa", defaults={"name": "UNRWA"})
    specs = {
        "planner": (Role.PLANNER, {}),
        "liaison_pak": (Role.LIAISON, {"contributor": Contributor.objects.get(code="PAK")}),
        "liaison_idn": (Role.LIAISON, {"contributor": Contributor.objects.get(code="IDN")}),
        "ngo": (Role.HUMANITARIAN, {"organisation": org}),
        "ops": (Role.OPERATIONS, {}),
        "auditor": (Role.AUDITOR, {}),
        "admin": (Role.ADMIN, {}),
    }
    out: dict[str, Persona] = {}
    for name, (role, bound) in specs.items():
        # No password: personas sign in with force_login (Argon2 hashing 7 users per test
        # would be most of the suite's time). Password sign-in has its own tests.
        user = do_create_user(f"{name}", None, role, **bound)
        token, _row = issue_token(user, "tests")
        browser = Client()
        browser.force_login(user)
        api = Client(headers={"Authorization": f"Bearer {token}"})
        out[name] = Persona(name, user, token, browser, api)
    out["anonymous"] = Persona("anonymous", None, None, Client(), Client())
    return out
