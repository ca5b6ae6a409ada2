"""Every gap of the illustrative problem is explained in words and codes."""

from __future__ import annotations

import json

import pytest

from contingent.core.sourcing import BlockCode, SolveStatus, example_problem, solve_plan


@pytest.fixture(scope="module")
def plan():
    return solve_plan(example_problem())


def _reasons(plan, requirement_id):
    gap = next(g for g in plan.gaps if g.requirement_id == requirement_id)
    return {r.code: r for r in gap.reasons}


def test_the_example_plan_is_proven_optimal_and_valid(plan):
    assert plan.status is SolveStatus.OPTIMAL
    assert plan.bound == plan.objective
    assert plan.gap == 0.0


def test_a_missing_parliamentary_approval_is_named_as_a_gate(plan):
    reason = _reasons(plan, "req-01")[BlockCode.GATE_APPROVAL_MISSING]
    assert "parliament" in reason.message and "PAK-INF-1" in reason.fields["unit_ids"]


def test_a_sector_caveat_names_the_contributor(plan):
    reason = _reasons(plan, "req-01")[BlockCode.CAVEAT_SECTOR]
    assert reason.message.startswith("blocked by AZE's caveat on sector rafah")


def test_a_late_pledge_says_when_it_arrives_and_when_it_is_needed(plan):
    reason = _reasons(plan, "req-01")[BlockCode.TOO_LATE]
    assert "2026-09-01" in reason.message and "2027-01-29" in reason.message
    assert reason.fields["arrivals"] == {"EGY-INF-1": "2027-01-29"}


def test_a_pledge_used_for_a_higher_priority_requirement_is_named(plan):
    reason = _reasons(plan, "req-02")[BlockCode.USED_FOR_HIGHER_PRIORITY]
    assert "IDN-INF-1" in reason.message and "req-01" in reason.message


def test_host_refusal_readiness_gate_task_caveat_cap_and_missing_type_are_explained(plan):
    assert BlockCode.HOST_EXCLUDED in _reasons(plan, "req-02")
    assert BlockCode.GATE_READINESS in _reasons(plan, "req-03")
    assert BlockCode.CAVEAT_TASK in _reasons(plan, "req-05")
    cap = _reasons(plan, "req-05")[BlockCode.CAP_REACHED]
    assert cap.fields["key"] == "cap[IDN]"
    assert BlockCode.NO_PLEDGE_OF_TYPE in _reasons(plan, "req-07")


def test_the_binding_cap_is_listed_by_name(plan):
    assert "cap[IDN]" in {b.name for b in plan.binding}


def test_the_plan_serialises_to_json_with_codes(plan):
    data = json.loads(json.dumps(plan.as_dict()))
    assert data["status"] == "optimal"
    codes = {r["code"] for g in data["gaps"] for r in g["reasons"]}
    assert "arrives_too_late" in codes


def test_the_text_table_shows_requirements_gaps_and_bindings(plan):
    from contingent.core.sourcing import format_plan_table

    text = format_plan_table(plan)
    assert "req-01" in text and "[arrives_too_late]" in text and "cap[IDN]" in text
