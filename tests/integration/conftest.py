"""Integration tests run against the database the settings select: SQLite by default,
PostgreSQL when DATABASE_URL is set (scripts/test.sh runs the suite both ways)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contingent.core.scenario import load_scenario

GAZA = Path(__file__).resolve().parents[2] / "scenarios" / "gaza-isf.toml"


@pytest.fixture
def gaza(db):
    from contingent.web.forcegen.actions import do_load_scenario

    return do_load_scenario(load_scenario(GAZA), actor="test:setup")


@pytest.fixture
def vendor(settings):
    from django.db import connection

    return connection.vendor


@pytest.fixture
def personas(gaza):
    """planner, liaison_pak, liaison_idn, ngo, ops, auditor, admin, anonymous (see personas.py)."""
    from .personas import make_personas

    return make_personas()
