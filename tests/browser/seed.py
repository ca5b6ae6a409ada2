"""Prepare a fresh CONTINGENT_HOME for the browser tests: migrate, load the Gaza scenario, add
one pledge that waits below Level 1 with its note verbale, and create one user per persona.

Run in a subprocess (``python -m tests.browser.seed``) with the server's environment, so the
test process never opens the server's database itself."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import django

PASSWORD = "browser-test-password-1"
ROOT = Path(__file__).resolve().parents[2]
# A pledge waiting below Level 1 with its note verbale: the offer-letter gate lets it up to L1,
# and the assessment gate then refuses L2 (no assessment visit): one pass and one refusal.
WAITING_PLEDGE = "PAK-ENG-7"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contingent.web.settings")
    django.setup()
    from django.core.management import call_command

    from contingent.core.forcegen import enums as e
    from contingent.core.forcegen import model as m
    from contingent.core.scenario import load_scenario
    from contingent.web.accounts.actions import do_create_user
    from contingent.web.accounts.models import Organisation
    from contingent.web.accounts.roles import Role
    from contingent.web.forcegen.actions import do_load_scenario, do_record_pledge
    from contingent.web.forcegen.models import Contributor

    call_command("migrate", verbosity=0, interactive=False)
    op = do_load_scenario(load_scenario(ROOT / "scenarios" / "gaza-isf.toml"), actor="test:seed")
    pak = Contributor.objects.get(code="PAK")
    do_record_pledge(
        op,
        pak,
        m.Pledge(
            key=WAITING_PLEDGE,
            contributor="PAK",
            unit_type="engineer_company",
            personnel=150,
            women=12,
            readiness=e.ReadinessLevel.NONE,
            earliest_deployment=date(2026, 9, 1),
            documents=frozenset({"note_verbale"}),
            illustrative=True,
        ),
        actor="test:seed",
    )
    org, _ = Organisation.objects.get_or_create(key="unrwa", defaults={"name": "UNRWA"})
    do_create_user("planner", PASSWORD, Role.PLANNER)
    do_create_user("liaison_pak", PASSWORD, Role.LIAISON, contributor=pak)
    do_create_user(
        "liaison_idn", PASSWORD, Role.LIAISON, contributor=Contributor.objects.get(code="IDN")
    )
    do_create_user("ngo", PASSWORD, Role.HUMANITARIAN, organisation=org)
    do_create_user("ops", PASSWORD, Role.OPERATIONS)
    do_create_user("auditor", PASSWORD, Role.AUDITOR)
    do_create_user("admin", PASSWORD, Role.ADMIN)


if __name__ == "__main__":
    main()
