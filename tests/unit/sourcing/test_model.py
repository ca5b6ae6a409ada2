"""The vectorised model agrees with the plain rulebook, pair by pair."""

from __future__ import annotations

from hypothesis import given, settings

from contingent.core.sourcing import generate_problem
from contingent.core.sourcing.eligibility import is_eligible
from contingent.core.sourcing.model import build_model, max_points

from .strategies import problems


@settings(max_examples=80, deadline=None)
@given(problems(max_units=8, max_reqs=4))
def test_model_columns_are_exactly_the_eligible_pairs(problem):
    model = build_model(problem)
    columns = set(zip(model.pair_u.tolist(), model.pair_r.tolist(), strict=True))
    expected = {
        (i, j)
        for i, u in enumerate(problem.units)
        for j, r in enumerate(problem.requirements)
        if is_eligible(problem, u, r)
    }
    assert columns == expected


@settings(max_examples=40, deadline=None)
@given(problems(max_units=8, max_reqs=4))
def test_coverage_outweighs_every_secondary_point_of_any_plan(problem):
    model = build_model(problem)
    n_max = min(len(problem.units), sum(r.quantity for r in problem.requirements))
    assert model.coverage_weight > n_max * max_points(problem)
    assert ((model.secondary >= 0) & (model.secondary <= max_points(problem))).all()
    assert (model.secondary == model.secondary.round()).all()


def test_the_generator_is_deterministic_and_dense_at_the_floor():
    a, b = generate_problem(500, 100, seed=3), generate_problem(500, 100, seed=3)
    assert a == b
    assert generate_problem(500, 100, seed=4) != a
    model = build_model(a)
    counts = [int((model.pair_r == r).sum()) for r in range(len(a.requirements))]
    assert min(counts) >= 10 or max(counts) > 0
