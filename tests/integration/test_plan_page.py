"""The plan page for the planner and the auditor: assignment, gaps, forecast chart, what-if."""

from __future__ import annotations

import pytest

from contingent.web.core.models import LedgerEntry

pytestmark = pytest.mark.django_db
URL = "/operations/isf-gaza/plan/"


def test_the_planner_sees_the_assignment_the_explained_gaps_and_the_forecast(
    gaza, client, personas
):
    client.force_login(personas["planner"].user)
    r = client.get(URL)
    html = r.content.decode()
    assert r.status_code == 200
    assert 'data-status="optimal"' in html
    assert 'data-gap="RAF-INF"' in html and "gate_readiness_below_minimum" in html
    assert '<svg class="forecast"' in html and "<polyline" in html
    assert 'class="fc-foc"' in html  # the FOC date's distribution (probability by date)
    assert "illustrative" in html


def test_a_what_if_shows_the_difference_and_writes_nothing(gaza, client, personas):
    client.force_login(personas["planner"].user)
    entries = LedgerEntry.objects.count()
    r = client.get(
        URL,
        {
            "kind": "commit_more",
            "contributor": "IDN",
            "unit_type": "infantry_battalion",
            "personnel": "1700",
            "units": "2",
            "readiness": "L2",
            "earliest_deployment": "2026-04-15",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and 'data-whatif="applied"' in html
    assert "gap closed: RAF-INF" in html
    assert LedgerEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("params", "field"),
    [
        (
            {
                "kind": "commit_more",
                "contributor": "ZZZ",
                "unit_type": "infantry_battalion",
                "personnel": "5",
            },
            "contributor",
        ),
        (
            {
                "kind": "commit_more",
                "contributor": "PAK",
                "unit_type": "infantry_battalion",
                "personnel": "-5",
            },
            "personnel",
        ),
        (
            {
                "kind": "raise_readiness",
                "pledge": "PAK-INF-1",
                "readiness": "L9",
                "by": "2026-05-01",
            },
            "readiness",
        ),
        ({"kind": "teleport"}, "kind"),
    ],
)
def test_a_bad_what_if_is_refused_next_to_its_field(gaza, client, personas, params, field):
    client.force_login(personas["planner"].user)
    r = client.get(URL, params)
    assert r.status_code == 422
    html = r.content.decode()
    assert 'class="field-error"' in html
    assert 'data-whatif="applied"' not in html


@pytest.mark.parametrize("table", ["assignments", "gaps"])
def test_the_plan_downloads_as_csv_from_its_page(gaza, client, personas, table):
    import csv
    import io

    client.force_login(personas["auditor"].user)
    html = client.get(URL).content.decode()
    link = f"/operations/isf-gaza/plan/{table}.csv"
    assert f'href="{link}"' in html
    r = client.get(link)
    assert r.status_code == 200 and r["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        "attachment;" in r["Content-Disposition"]
        and f"isf-gaza-plan-{table}-" in r["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(r.content.decode())))
    assert rows and all(row["illustrative"] == "true" for row in rows)
    if table == "gaps":
        assert ("RAF-INF", "gate_readiness_below_minimum") in {
            (row["requirement_id"], row["reason_code"]) for row in rows
        }


def test_an_unknown_plan_table_is_404(gaza, client, personas):
    client.force_login(personas["planner"].user)
    assert client.get("/operations/isf-gaza/plan/secrets.csv").status_code == 404


def test_the_plan_page_shows_coverage_by_sector_as_a_table_and_map_data(gaza, client, personas):
    import html as html_lib
    import json
    import re

    from contingent.core.sourcing.sectors import coverage_by_sector
    from contingent.web.forcegen.models import Operation
    from contingent.web.forcegen.planning import plan_operation

    client.force_login(personas["planner"].user)
    html = client.get(URL).content.decode()
    view = plan_operation(Operation.objects.get(key="isf-gaza"), forecast_runs=0)
    expected = coverage_by_sector(view.problem, view.plan)
    assert expected  # the scenario asks for units in several sectors
    for c in expected:
        row = re.search(rf'<tr data-sector="{c.sector}">(.*?)</tr>', html, re.S)
        assert row, c.sector
        assert f"{c.filled_units}/{c.asked_units}" in row.group(1)
        assert f"{round(100 * c.share)} %" in row.group(1)
    assert re.search(r'<tr data-sector="PS0275"><td>Rafah <code>PS0275</code>', html)
    attr = re.search(r'id="sector-map"[^>]*data-coverage="([^"]*)"', html, re.S).group(1)
    shares = json.loads(html_lib.unescape(attr))
    assert {k: v["share"] for k, v in shares.items()} == {c.sector: c.share for c in expected}
