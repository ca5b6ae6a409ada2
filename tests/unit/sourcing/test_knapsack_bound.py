"""The knapsack Lagrangian bound is a valid bound for any duals, and never above the plain one."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contingent.core.sourcing.decomposition import knapsack_bound, lagrangian_bound
from contingent.core.sourcing.model import build_model
from contingent.core.sourcing.solver import new_highs, pass_columns

from .strategies import problems
from .test_plan_properties import brute_force

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lp_duals(model) -> np.ndarray | None:
    """Row duals of the full LP relaxation (min form, as the decomposition uses them)."""
    h = new_highs(10.0)
    pass_columns(h, model, np.arange(model.n_pairs), integer=False)
    h.run()
    if h.getModelStatus().name != "kOptimal":
        return None
    return np.asarray(h.getSolution().row_dual)


@SETTINGS
@given(problems(max_units=7))
def test_at_the_lp_duals_the_knapsack_bound_lies_between_the_optimum_and_the_lp(problem):
    model = build_model(problem)
    optimum = brute_force(problem)
    if optimum is None or model.n_pairs == 0:
        return
    y = lp_duals(model)
    assert y is not None
    bound = knapsack_bound(model, y)
    assert bound >= optimum - 1e-6
    assert bound <= lagrangian_bound(model, y)[0] + 1e-6 * max(1.0, abs(optimum))


@SETTINGS
@given(problems(), st.integers(0, 2**32 - 1))
def test_the_knapsack_bound_is_never_below_the_brute_force_optimum(problem, seed):
    model = build_model(problem)
    optimum = brute_force(problem)
    if optimum is None or model.n_pairs == 0:
        return
    scale = float(np.abs(model.value).max())
    y = np.random.default_rng(seed).normal(0.0, scale, len(model.row_names))
    assert knapsack_bound(model, y) >= optimum - 1e-6
    assert knapsack_bound(model, np.zeros(len(model.row_names))) >= optimum - 1e-6


@SETTINGS
@given(problems(), st.integers(0, 2**32 - 1))
def test_the_knapsack_bound_is_at_most_the_lagrangian_bound_without_cap_duals(problem, seed):
    model = build_model(problem)
    if model.n_pairs == 0:
        return
    scale = float(np.abs(model.value).max())
    y = np.random.default_rng(seed).normal(0.0, scale, len(model.row_names))
    y[model.unit_cap_p_row[model.unit_cap_p_row >= 0]] = 0.0
    plain, _ = lagrangian_bound(model, y)
    assert knapsack_bound(model, y) <= plain + 1e-6 * max(1.0, abs(plain))
