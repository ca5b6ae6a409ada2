"""The sourcing plan through the JSON API, for the planner's token."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
BASE = "/api/v1/operations/isf-gaza/plan"


def test_the_plan_endpoint_returns_status_assignment_gaps_and_forecast(gaza, personas):
    r = personas["planner"].api.get(BASE, {"forecast_runs": 100})
    assert r.status_code == 200
    body = r.json()
    assert body["plan"]["status"] == "optimal" and body["plan"]["gap"] == 0
    assert {g["requirement_id"] for g in body["plan"]["gaps"]} >= {"RAF-INF"}
    assert body["forecast"]["runs"] == 100 and body["illustrative"] is True


def test_a_what_if_returns_the_difference(gaza, personas):
    r = personas["planner"].api.post(
        f"{BASE}/what-if",
        {"changes": [{"kind": "drop_requirement", "requirement": "RAF-INF"}]},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert r.json()["whatif"]["diff"]["dropped"] == ["RAF-INF"]


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (
            {
                "kind": "commit_more",
                "contributor": "ZZZ",
                "unit_type": "infantry_battalion",
                "personnel": 850,
            },
            "unknown_contributor",
            "changes[0]",
        ),
        (
            {
                "kind": "commit_more",
                "contributor": "PAK",
                "unit_type": "infantry_battalion",
                "personnel": -1,
            },
            None,
            "personnel",
        ),
        (
            {
                "kind": "commit_more",
                "contributor": "PAK",
                "unit_type": "infantry_battalion",
                "personnel": 0,
            },
            "invalid_input",
            "personnel",
        ),
        ({"kind": "drop_requirement", "requirement": "NOPE"}, None, "changes[0]"),
        ({"kind": "teleport"}, None, "kind"),
    ],
)
def test_a_bad_what_if_gets_a_coded_field_error(gaza, personas, change, code, field):
    r = personas["planner"].api.post(
        f"{BASE}/what-if", {"changes": [change]}, content_type="application/json"
    )
    assert r.status_code == 422, r.content
    err = r.json()["error"]
    assert any(field in k for k in err["fields"]), err
    if code:
        assert err["code"] == code
