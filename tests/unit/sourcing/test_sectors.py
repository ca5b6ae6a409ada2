"""Coverage by sector adds up to the plan's own coverage, sector by sector and in total."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from contingent.core.sourcing import solve_plan
from contingent.core.sourcing.sectors import coverage_by_sector

from .strategies import problems


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_sector_coverage_adds_up_to_the_plan(problem):
    plan = solve_plan(problem)
    rows = coverage_by_sector(problem, plan)
    assert sorted(r.sector for r in rows) == sorted({r.sector for r in problem.requirements})
    assert sum(r.requirements for r in rows) == len(problem.requirements)
    assert sum(r.asked_units for r in rows) == sum(r.quantity for r in problem.requirements)
    assert sum(r.filled_units for r in rows) == len(plan.assignments)
    for row in rows:
        reqs = [r for r in problem.requirements if r.sector == row.sector]
        asked = sum(r.priority * r.quantity for r in reqs)
        got = sum(
            r.priority * sum(1 for a in plan.assignments if a.requirement_id == r.id) for r in reqs
        )
        assert abs(row.share - (got / asked if asked else 1.0)) < 1e-12
        assert 0.0 <= row.share <= 1.0
