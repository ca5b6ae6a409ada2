"""Versioned, sourced parameters of the sourcing plan and its forecast.

The defaults live in ``data/sourcing_parameters.json``; every figure is ``{"value", "source"}``
and figures without a public source are flagged ``"illustrative": true``. The integrator keeps
them as database rows with ``effective_from``/``effective_to``; ``parameters_from_dict`` accepts
the same shape as a plain dict so rows can be turned back into parameters without files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

from contingent.core.errors import ErrorCode, ValidationError

from .types import DeployTimes, Readiness


@dataclass(frozen=True)
class ForecastParameters:
    """Stage model of the forecast (see forecast.py for how each figure is used)."""

    generation_mean_days: float
    generation_cv: float
    generation_share: float
    delivery_probability: Mapping[Readiness, float]
    slip_mean_days: Mapping[Readiness, float]
    foc_coverage: float
    horizon_days: int
    sources: Mapping[str, str]


@dataclass(frozen=True)
class SourcingParameters:
    version: str
    effective_from: date
    deploy_times: DeployTimes
    women_targets: Mapping[str, float]
    forecast: ForecastParameters


def _value(entry: Any, where: str) -> float:
    if not isinstance(entry, Mapping) or "value" not in entry:
        raise ValidationError(
            f"parameter {where} needs a value and a source",
            code=ErrorCode.INVALID_INPUT,
            fields={where: "expected {value, source}"},
        )
    return float(entry["value"])


def _per_level(raw: Mapping[str, Any], where: str) -> dict[Readiness, float]:
    try:
        return {Readiness(k): _value(v, f"{where}.{k}") for k, v in raw.items()}
    except ValueError as exc:
        raise ValidationError(
            f"unknown readiness level in {where}", fields={where: str(exc)}
        ) from exc


def parameters_from_dict(raw: Mapping[str, Any]) -> SourcingParameters:
    """Build parameters from the JSON shape; raises ``ValidationError`` on a malformed entry."""
    try:
        return _parameters(raw)
    except KeyError as missing:
        raise ValidationError(
            "sourcing parameters are missing a field", fields={str(missing.args[0]): "required"}
        ) from None
    except (TypeError, ValueError) as exc:  # a value that is not a number, a malformed date
        raise ValidationError(
            f"malformed sourcing parameter: {exc}", fields={"parameters": str(exc)}
        ) from None


def _source_of(entry: Mapping[str, Any]) -> str:
    """A parameter's source; for a per-level parameter, each level's value and source."""
    if "source" in entry:
        return str(entry["source"])
    return "; ".join(
        f"{level} {v.get('value')}: {v.get('source', '')}"
        for level, v in entry.items()
        if isinstance(v, Mapping)
    )


def _parameters(raw: Mapping[str, Any]) -> SourcingParameters:
    deploy = _per_level(raw["deploy_days"], "deploy_days")
    sources = ", ".join(f"{k}: {v.get('source', '')}" for k, v in raw["deploy_days"].items())
    fc = raw["forecast"]
    forecast = ForecastParameters(
        generation_mean_days=_value(fc["generation_mean_days"], "forecast.generation_mean_days"),
        generation_cv=_value(fc["generation_cv"], "forecast.generation_cv"),
        generation_share=_value(fc["generation_share"], "forecast.generation_share"),
        delivery_probability=_per_level(fc["delivery_probability"], "delivery_probability"),
        slip_mean_days=_per_level(fc["slip_mean_days"], "slip_mean_days"),
        foc_coverage=_value(fc["foc_coverage"], "forecast.foc_coverage"),
        horizon_days=int(_value(fc["horizon_days"], "forecast.horizon_days")),
        sources={k: _source_of(v) for k, v in fc.items() if isinstance(v, Mapping)},
    )
    return SourcingParameters(
        version=str(raw["version"]),
        effective_from=date.fromisoformat(raw["effective_from"]),
        deploy_times=DeployTimes({k: int(v) for k, v in deploy.items()}, source=sources),
        women_targets={k: _value(v, f"women_targets.{k}") for k, v in raw["women_targets"].items()},
        forecast=forecast,
    )


def default_parameters_dict() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data/sourcing_parameters.json").read_text()
    return json.loads(text)


def default_parameters() -> SourcingParameters:
    return parameters_from_dict(default_parameters_dict())
