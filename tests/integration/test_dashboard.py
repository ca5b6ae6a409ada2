"""The dashboard page over real HTTP handling (Django test client) and a real database."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_gates_composition_stances_and_pakistans_blockers(gaza, client):
    r = client.get("/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "3 of 7 gates met" in html
    assert 'data-gate="roe_agreed"' in html and "roe_not_agreed" in html
    assert "What blocks Pakistan from moving to" in html
    assert "parliamentary_approval_not_recorded" in html
    assert 'data-contributor="XKX"' in html and "Kosovo" in html
    assert "illustrative" in html
    assert "https://diplomaticaffairs.com/" in html


def test_an_unknown_operation_is_a_404(gaza, client):
    assert client.get("/operations/nope/").status_code == 404


def test_the_dashboard_without_data_says_how_to_load_it(client):
    r = client.get("/")
    assert r.status_code == 200 and b"contingent demo" in r.content


def test_the_dashboard_names_the_five_sectors_of_the_scenario(gaza, client):
    import re

    html = client.get("/").content.decode()
    sectors = re.findall(r'<li data-sector="(PS\d+)">([^<]+) <code>', html)
    assert [(code, name.strip()) for code, name in sectors] == [
        ("PS0255", "North Gaza"),
        ("PS0260", "Gaza"),
        ("PS0265", "Deir Al-Balah"),
        ("PS0270", "Khan Younis"),
        ("PS0275", "Rafah"),
    ]
