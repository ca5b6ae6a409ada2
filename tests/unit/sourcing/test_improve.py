"""Local search keeps every plan feasible and never lowers its value."""

from __future__ import annotations

import time

import numpy as np
from hypothesis import HealthCheck, given, settings

from contingent.core.sourcing import check_plan, generate_problem
from contingent.core.sourcing.greedy import greedy_columns
from contingent.core.sourcing.improve import improve_plan
from contingent.core.sourcing.model import build_model
from contingent.core.sourcing.solver import plan_value

from .strategies import problems

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pairs(model, cols):
    p = model.problem
    return [(p.units[model.pair_u[j]].id, p.requirements[model.pair_r[j]].id) for j in cols]


def _mandatory_met(model, cols) -> bool:
    filled = np.bincount(model.pair_r[cols], minlength=model.n_reqs)
    return bool(np.all(filled >= model.req_lower))


@SETTINGS
@given(problems(max_units=8, max_reqs=4))
def test_improving_a_greedy_plan_keeps_it_feasible_and_never_worse(problem):
    model = build_model(problem)
    start = greedy_columns(model)
    better = improve_plan(model, start, time.perf_counter() + 5.0)
    assert plan_value(model, better) >= plan_value(model, start)
    violations = check_plan(problem, _pairs(model, better))
    if _mandatory_met(model, start):  # a short mandatory requirement is the only allowed flaw
        assert violations == []
    else:
        assert all("mandatory" in v for v in violations)


def test_improving_a_generated_plan_raises_its_value_and_stays_feasible():
    problem = generate_problem(200, 40, seed=3)
    model = build_model(problem)
    start = greedy_columns(model)
    better = improve_plan(model, start, time.perf_counter() + 10.0)
    assert plan_value(model, better) > plan_value(model, start)
    assert check_plan(problem, _pairs(model, better)) == []
