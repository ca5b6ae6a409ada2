"""The plan equals a brute-force optimum, and an independent checker accepts every plan."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings

from contingent.core.sourcing import SolveStatus, check_plan, solve_plan
from contingent.core.sourcing.eligibility import is_eligible
from contingent.core.sourcing.model import build_model

from .strategies import problems

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def brute_force(problem) -> float | None:
    """Best objective over every way of giving each unit to one eligible requirement or none."""
    model = build_model(problem)
    value = {
        (problem.units[u].id, problem.requirements[r].id): v
        for u, r, v in zip(model.pair_u, model.pair_r, model.value, strict=True)
    }
    options = [
        [None] + [r.id for r in problem.requirements if is_eligible(problem, u, r)]
        for u in problem.units
    ]
    best = None
    for choice in itertools.product(*options):
        pairs = [(u.id, r) for u, r in zip(problem.units, choice, strict=True) if r is not None]
        if check_plan(problem, pairs):
            continue
        total = sum(value[p] for p in pairs)
        best = total if best is None or total > best else best
    return best


@SETTINGS
@given(problems())
def test_the_decomposition_plan_equals_the_brute_force_optimum(problem):
    result = solve_plan(problem)
    optimum = brute_force(problem)
    if result.status is SolveStatus.EMPTY:
        assert all(r.quantity == 0 for r in problem.requirements)
        return
    if optimum is None:
        assert result.status is SolveStatus.INFEASIBLE
        return
    assert result.status is SolveStatus.OPTIMAL
    assert np.isclose(result.objective, optimum)
    assert check_plan(problem, result.assignment_pairs()) == []


@SETTINGS
@given(problems())
def test_the_plain_mip_agrees_with_the_brute_force_optimum(problem):
    result = solve_plan(problem, method="highs-mip")
    optimum = brute_force(problem)
    if optimum is None or result.status is SolveStatus.EMPTY:
        assert result.status in (SolveStatus.INFEASIBLE, SolveStatus.EMPTY)
        return
    assert result.status is SolveStatus.OPTIMAL
    assert np.isclose(result.objective, optimum)


@SETTINGS
@given(problems(allow_mandatory=False))
def test_every_greedy_plan_passes_the_independent_checker(problem):
    result = solve_plan(problem, method="greedy")
    assert check_plan(problem, result.assignment_pairs()) == []
    optimum = brute_force(problem)
    assert optimum is not None
    assert result.objective <= optimum + 1e-6


@SETTINGS
@given(problems(allow_mandatory=False))
def test_the_bound_is_never_below_the_optimum(problem):
    result = solve_plan(problem)
    optimum = brute_force(problem)
    if result.status is not SolveStatus.EMPTY:
        assert result.bound >= optimum - 1e-6


def test_the_decomposition_matches_the_plain_mip_on_a_generated_instance():
    from contingent.core.sourcing import generate_problem

    problem = generate_problem(200, 40, seed=5)
    ours = solve_plan(problem)
    mip = solve_plan(problem, method="highs-mip")
    assert ours.status is SolveStatus.OPTIMAL and mip.status is SolveStatus.OPTIMAL
    assert ours.objective == mip.objective
    assert check_plan(problem, ours.assignment_pairs()) == []
    assert solve_plan(problem).assignment_pairs() == ours.assignment_pairs()  # deterministic
