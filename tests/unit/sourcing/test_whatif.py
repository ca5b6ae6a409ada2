"""What-if scenarios change the problem, never the input, and show the plan as a difference."""

from __future__ import annotations

from datetime import date

import pytest

from contingent.core.errors import ErrorCode, ValidationError
from contingent.core.sourcing import (
    ChangeCap,
    CommitMore,
    DropRequirement,
    RaiseReadiness,
    Readiness,
    apply_changes,
    example_problem,
    run_what_if,
    solve_plan,
)


def test_a_contributor_committing_a_signals_company_closes_that_gap():
    problem = example_problem()
    change = CommitMore("TUR", "signals_company", 100, readiness=Readiness.RDL)
    what_if = run_what_if(problem, [change])
    assert "req-07" in what_if.diff.gaps_closed
    assert ("whatif-TUR-signals_company-1", "req-07") in what_if.diff.added
    assert what_if.diff.coverage_share_after > what_if.diff.coverage_share_before
    assert len(problem.units) == 10  # the input is untouched


def test_a_pledge_reaching_rdl_in_time_fills_the_fpu_gap():
    what_if = run_what_if(
        example_problem(), [RaiseReadiness("AZE-FPU-1", Readiness.RDL, date(2026, 4, 1))]
    )
    assert ("AZE-FPU-1", "req-03") in what_if.diff.added
    assert ("req-03", 1, 2) in what_if.diff.coverage_changes


def test_dropping_a_requirement_is_reported_as_dropped_not_as_a_closed_gap():
    what_if = run_what_if(example_problem(), [DropRequirement("req-02")])
    assert what_if.diff.dropped == ("req-02",)
    assert "req-02" not in what_if.diff.gaps_closed


def test_raising_a_cap_lets_the_engineers_in():
    base = solve_plan(example_problem())
    what_if = run_what_if(example_problem(), [ChangeCap("IDN", max_personnel=2_000)], baseline=base)
    assert ("IDN-ENG-1", "req-05") in what_if.diff.added
    assert what_if.baseline is base


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (CommitMore("XXX", "fpu", 140), ErrorCode.UNKNOWN_CONTRIBUTOR, "changes[0].contributor"),
        (CommitMore("TUR", "submarine", 140), ErrorCode.UNKNOWN_UNIT_TYPE, "changes[0].unit_type"),
        (CommitMore("TUR", "fpu", -140), ErrorCode.NEGATIVE_COUNT, "changes[0].personnel"),
        (CommitMore("TUR", "fpu", 140, units=0), ErrorCode.INVALID_INPUT, "changes[0].units"),
        (CommitMore("TUR", "fpu", 0), ErrorCode.INVALID_INPUT, "changes[0].personnel"),
        (CommitMore("TUR", "fpu", 2, units=3), ErrorCode.INVALID_INPUT, "changes[0].personnel"),
        (
            RaiseReadiness("nope", Readiness.L2, date(2026, 5, 1)),
            ErrorCode.UNKNOWN_REFERENCE,
            "changes[0].unit_id",
        ),
        (DropRequirement("req-99"), ErrorCode.UNKNOWN_REFERENCE, "changes[0].requirement_id"),
        (ChangeCap("ZZZ", max_units=1), ErrorCode.UNKNOWN_CONTRIBUTOR, "changes[0].contributor"),
    ],
)
def test_a_bad_what_if_gets_a_coded_error(change, code, field):
    with pytest.raises(ValidationError) as caught:
        apply_changes(example_problem(), [change])
    assert caught.value.code is code
    assert field in caught.value.fields


def test_committed_personnel_are_split_over_the_units():
    problem = apply_changes(example_problem(), [CommitMore("TUR", "fpu", 281, units=2)])
    new = [u for u in problem.units if u.id.startswith("whatif-")]
    assert sorted(u.personnel for u in new) == [140, 141]


def test_a_what_if_keeps_todays_assignments_where_moving_gains_nothing():
    from contingent.core.sourcing import generate_problem

    problem = generate_problem(200, 40, seed=2)
    change = DropRequirement(problem.requirements[0].id)
    what_if = run_what_if(problem, [change])
    kept = set(what_if.baseline.assignment_pairs()) & set(what_if.scenario.assignment_pairs())
    moved = len(what_if.diff.added) + len(what_if.diff.removed)
    assert len(kept) > 0 and moved <= len(what_if.baseline.assignments) // 4
