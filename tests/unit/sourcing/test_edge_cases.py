"""Empty, degenerate, infeasible and bad inputs: a clear status or a coded error, no crash."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from contingent.core.errors import ErrorCode, ValidationError
from contingent.core.sourcing import (
    BlockCode,
    ContributorCap,
    PledgedUnit,
    Readiness,
    SolveStatus,
    check_plan,
    example_problem,
    solve_plan,
)


def test_no_pledged_units_gives_an_empty_status_and_explains_each_requirement():
    problem = replace(example_problem(), units=())
    result = solve_plan(problem)
    assert result.status is SolveStatus.EMPTY
    assert "no pledged units" in result.message
    assert {g.requirement_id for g in result.gaps} == {r.id for r in problem.requirements}
    assert all(g.reasons[0].code is BlockCode.NO_PLEDGE_OF_TYPE for g in result.gaps)


def test_no_requirements_gives_an_empty_status():
    result = solve_plan(replace(example_problem(), requirements=()))
    assert result.status is SolveStatus.EMPTY
    assert result.assignments == () and result.gaps == ()
    json.dumps(result.as_dict())


def test_requirements_of_zero_units_give_an_empty_status():
    problem = example_problem()
    reqs = tuple(replace(r, quantity=0) for r in problem.requirements)
    assert solve_plan(replace(problem, requirements=reqs)).status is SolveStatus.EMPTY


def test_a_plan_where_nothing_is_assignable_is_optimal_and_every_gap_says_why():
    problem = example_problem()
    late = tuple(replace(u, earliest_deployment=date(2030, 1, 1)) for u in problem.units)
    result = solve_plan(replace(problem, units=late))
    assert result.status is SolveStatus.OPTIMAL
    assert result.assignments == ()
    assert len(result.gaps) == len(problem.requirements)
    codes = {r.code for g in result.gaps for r in g.reasons}
    assert BlockCode.TOO_LATE in codes


def test_a_zero_ceiling_blocks_the_whole_category():
    problem = replace(example_problem(), ceilings={"troops": 0, "fpu": 0})
    result = solve_plan(problem)
    assert result.assignments == ()
    assert any(b.name == "ceiling[troops]" for b in result.binding)


def test_an_unfillable_mandatory_requirement_makes_the_plan_infeasible_with_an_explanation():
    problem = example_problem()
    reqs = tuple(replace(r, mandatory=r.id == "req-07") for r in problem.requirements)
    result = solve_plan(replace(problem, requirements=reqs))
    assert result.status is SolveStatus.INFEASIBLE
    assert "req-07" in result.message
    gap = next(g for g in result.gaps if g.requirement_id == "req-07")
    assert gap.reasons[0].code is BlockCode.INFEASIBLE_MANDATORY
    assert gap.reasons[1].code is BlockCode.NO_PLEDGE_OF_TYPE


def test_a_fillable_mandatory_requirement_is_filled_completely():
    problem = example_problem()
    reqs = tuple(replace(r, mandatory=r.id == "req-04") for r in problem.requirements)
    result = solve_plan(replace(problem, requirements=reqs))
    assert result.status is SolveStatus.OPTIMAL
    assert ("PAK-MED-2", "req-04") in result.assignment_pairs()


def _bad_unit(**changes):
    problem = example_problem()
    units = (replace(problem.units[0], **changes),) + problem.units[1:]
    return replace(problem, units=units)


@pytest.mark.parametrize(
    ("problem", "code", "field"),
    [
        (_bad_unit(unit_type="battleship"), ErrorCode.UNKNOWN_UNIT_TYPE, "units[0].unit_type"),
        (_bad_unit(personnel=-5, women=0), ErrorCode.NEGATIVE_COUNT, "units[0].personnel"),
        (_bad_unit(women=-1), ErrorCode.NEGATIVE_COUNT, "units[0].women"),
        (_bad_unit(id="IDN-FPU-1"), ErrorCode.DUPLICATE_KEY, "units[1].id"),
    ],
)
def test_bad_units_get_a_coded_error_naming_the_field(problem, code, field):
    with pytest.raises(ValidationError) as caught:
        solve_plan(problem)
    assert caught.value.code is code
    assert field in caught.value.fields


def test_a_negative_requirement_quantity_and_cap_are_both_reported():
    problem = example_problem()
    reqs = (replace(problem.requirements[0], quantity=-1),) + problem.requirements[1:]
    bad = replace(problem, requirements=reqs, caps=(ContributorCap("PAK", max_personnel=-3),))
    with pytest.raises(ValidationError) as caught:
        solve_plan(bad)
    assert caught.value.code is ErrorCode.NEGATIVE_COUNT
    assert {"requirements[0].quantity", "caps[0].max_personnel"} <= set(caught.value.fields)


def test_an_unknown_solver_method_is_refused_with_a_code():
    with pytest.raises(ValidationError) as caught:
        solve_plan(example_problem(), method="simulated-annealing")
    assert caught.value.code is ErrorCode.INVALID_INPUT


def test_the_checker_names_each_broken_constraint():
    problem = example_problem()
    pairs = [
        ("IDN-INF-1", "req-01"),
        ("IDN-INF-1", "req-02"),
        ("PAK-INF-1", "req-01"),
        ("nobody", "req-01"),
    ]
    violations = check_plan(problem, pairs)
    assert any(v.startswith("unit[IDN-INF-1]") for v in violations)
    assert any(v.startswith("eligible[PAK-INF-1->req-01]") for v in violations)
    assert any(v.startswith("unknown[nobody->req-01]") for v in violations)


def test_the_checker_catches_a_cap_and_an_overfilled_requirement():
    problem = example_problem()
    extra = PledgedUnit("IDN-FPU-2", "IDN", "fpu", 140, 30, Readiness.RDL, date(2026, 3, 1))
    problem = replace(problem, units=problem.units + (extra,))
    pairs = [
        ("IDN-INF-1", "req-01"),
        ("IDN-FPU-1", "req-03"),
        ("IDN-FPU-2", "req-03"),
        ("IDN-ENG-1", "req-05"),
    ]
    violations = check_plan(problem, pairs)
    assert any(v.startswith("cap[IDN]") for v in violations)
    over = replace(
        problem,
        requirements=tuple(
            replace(r, quantity=1) if r.id == "req-03" else r for r in problem.requirements
        ),
    )
    assert any(v.startswith("cover[req-03]") for v in check_plan(over, pairs))
