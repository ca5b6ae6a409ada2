"""The FOC forecast: seeded, sourced, monotone, with P50 before P90."""

from __future__ import annotations

from dataclasses import replace

import pytest

from contingent.core.errors import ValidationError
from contingent.core.sourcing import (
    default_parameters,
    example_problem,
    forecast_foc,
    parameters_from_dict,
    solve_plan,
)
from contingent.core.sourcing.params import default_parameters_dict


@pytest.fixture(scope="module")
def plan():
    return solve_plan(example_problem())


def test_the_same_seed_gives_the_same_forecast(plan):
    a = forecast_foc(example_problem(), plan, runs=500, seed=7)
    b = forecast_foc(example_problem(), plan, runs=500, seed=7)
    c = forecast_foc(example_problem(), plan, runs=500, seed=8)
    assert a == b
    assert a.coverage_by_date != c.coverage_by_date


def test_coverage_grows_over_time_and_p90_is_later_than_p50(plan):
    f = forecast_foc(example_problem(), plan, runs=2_000, seed=1)
    means = [p.mean for p in f.coverage_by_date]
    assert means == sorted(means) and means[0] < means[-1]
    assert all(p.p90 <= p.p50 + 1e-12 for p in f.coverage_by_date)
    assert 0.0 < f.foc_probability <= 1.0
    if f.foc_p90 is not None:
        assert f.foc_p50 <= f.foc_p90


def test_the_defaults_carry_their_sources():
    params = default_parameters()
    assert params.forecast.generation_share == pytest.approx(0.925)
    assert "[S22]" in params.forecast.sources["generation_share"]
    assert "[S22]" in params.forecast.sources["generation_mean_days"]
    # per-level parameters name each level's value and source (the demo printed them empty)
    assert params.forecast.sources["slip_mean_days"].startswith("RDL 10: illustrative; L3 30")
    assert "[S7]" in params.forecast.sources["delivery_probability"]
    assert params.deploy_times.days_by_level["RDL"] == 60
    assert "[S7]" in params.deploy_times.source


def test_parameters_load_from_a_plain_dict_and_drive_the_forecast(plan):
    raw = default_parameters_dict()
    raw["forecast"]["generation_share"] = {"value": 1.0, "source": "test"}
    raw["forecast"]["foc_coverage"] = {"value": 0.5, "source": "test"}
    raw["version"] = "test-1"
    params = parameters_from_dict(raw)
    f = forecast_foc(example_problem(), plan, parameters=params, runs=500)
    assert f.parameters_version == "test-1"
    assert f.foc_probability > 0.9


def test_a_parameter_without_value_and_source_is_refused():
    raw = default_parameters_dict()
    raw["forecast"]["generation_share"] = 0.9
    with pytest.raises(ValidationError):
        parameters_from_dict(raw)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw.pop("forecast"),
        lambda raw: raw.__setitem__("effective_from", "next spring"),
        lambda raw: raw["forecast"].__setitem__("foc_coverage", {"value": "most", "source": "x"}),
    ],
    ids=["missing section", "malformed date", "value not a number"],
)
def test_malformed_parameters_are_refused_with_a_coded_error(damage):
    raw = default_parameters_dict()
    damage(raw)
    with pytest.raises(ValidationError) as refused:
        parameters_from_dict(raw)
    assert refused.value.fields


def test_a_plan_with_no_requirements_is_at_full_capability_today():
    problem = replace(example_problem(), requirements=())
    f = forecast_foc(problem, solve_plan(problem))
    assert f.foc_p50 == problem.as_of and f.foc_probability == 1.0


def test_the_foc_date_distribution_agrees_with_its_p50_p90_and_probability(plan):
    f = forecast_foc(example_problem(), plan, runs=2_000, seed=3)
    cdf = [p.foc_probability for p in f.coverage_by_date]
    assert cdf == sorted(cdf) and all(0.0 <= x <= 1.0 for x in cdf)
    assert cdf[-1] <= f.foc_probability + 1e-12  # the last month is within the horizon
    for point in f.coverage_by_date:
        for q, day in ((0.5, f.foc_p50), (0.9, f.foc_p90)):
            if day is None:
                assert point.foc_probability < q
            elif point.on >= day:
                assert point.foc_probability >= q
            else:
                assert point.foc_probability < q
