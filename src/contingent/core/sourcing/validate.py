"""Edge validation of a sourcing problem: every defect found at once, with a stable code.

``fields`` maps a dotted location (``units[3].unit_type``) to what is wrong. The first defect's
code becomes the error's code, so a caller that only looks at the code sees the first problem in
input order.
"""

from __future__ import annotations

from contingent.core.errors import ErrorCode, ValidationError

from .types import Readiness, SourcingProblem


class _Collector:
    def __init__(self) -> None:
        self.fields: dict[str, str] = {}
        self.first_code: ErrorCode | None = None

    def add(self, code: ErrorCode, where: str, what: str) -> None:
        self.fields.setdefault(where, what)
        if self.first_code is None:
            self.first_code = code

    def raise_if_any(self) -> None:
        if self.first_code is not None:
            first = next(iter(self.fields.items()))
            raise ValidationError(
                f"invalid sourcing problem: {first[0]}: {first[1]}"
                + (f" (and {len(self.fields) - 1} more)" if len(self.fields) > 1 else ""),
                code=self.first_code,
                fields=self.fields,
            )


def _check_units(problem: SourcingProblem, out: _Collector) -> None:
    known = set(problem.unit_types)
    seen: set[str] = set()
    for i, u in enumerate(problem.units):
        at = f"units[{i}]"
        if u.id in seen:
            out.add(ErrorCode.DUPLICATE_KEY, f"{at}.id", f"duplicate unit id {u.id!r}")
        seen.add(u.id)
        if u.unit_type not in known:
            out.add(ErrorCode.UNKNOWN_UNIT_TYPE, f"{at}.unit_type", f"unknown {u.unit_type!r}")
        if u.personnel < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"{at}.personnel", "must be >= 0")
        if u.women < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"{at}.women", "must be >= 0")
        elif u.women > u.personnel:
            out.add(ErrorCode.INVALID_INPUT, f"{at}.women", "more women than personnel")
        if u.cost_usd < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"{at}.cost_usd", "must be >= 0")
        if not isinstance(u.readiness, Readiness):
            out.add(ErrorCode.INVALID_INPUT, f"{at}.readiness", f"not a level: {u.readiness!r}")


def _check_requirements(problem: SourcingProblem, out: _Collector) -> None:
    known = set(problem.unit_types)
    seen: set[str] = set()
    for i, r in enumerate(problem.requirements):
        at = f"requirements[{i}]"
        if r.id in seen:
            out.add(ErrorCode.DUPLICATE_KEY, f"{at}.id", f"duplicate requirement id {r.id!r}")
        seen.add(r.id)
        if r.unit_type not in known:
            out.add(ErrorCode.UNKNOWN_UNIT_TYPE, f"{at}.unit_type", f"unknown {r.unit_type!r}")
        if r.quantity < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"{at}.quantity", "must be >= 0")
        if r.personnel_per_unit < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"{at}.personnel_per_unit", "must be >= 0")
        if r.priority < 1:
            out.add(ErrorCode.INVALID_INPUT, f"{at}.priority", "must be a positive integer")
        if not isinstance(r.min_readiness, Readiness):
            out.add(ErrorCode.INVALID_INPUT, f"{at}.min_readiness", "not a readiness level")


def _check_tables(problem: SourcingProblem, out: _Collector) -> None:
    known = set(problem.unit_types)
    for req_type, fillers in problem.compatibility.items():
        for t in (req_type, *fillers):
            if t not in known:
                out.add(ErrorCode.UNKNOWN_UNIT_TYPE, f"compatibility.{req_type}", f"unknown {t!r}")
    for i, cap in enumerate(problem.caps):
        for name in ("max_personnel", "max_units"):
            value = getattr(cap, name)
            if value is not None and value < 0:
                out.add(ErrorCode.NEGATIVE_COUNT, f"caps[{i}].{name}", "must be >= 0")
    for cat, ceiling in problem.ceilings.items():
        if ceiling < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"ceilings.{cat}", "must be >= 0")
    for cat, share in problem.women_targets.items():
        if not 0.0 <= share <= 1.0:
            out.add(ErrorCode.INVALID_INPUT, f"women_targets.{cat}", "must be within [0, 1]")
    for level in Readiness:
        if level not in problem.deploy_times.days_by_level:
            out.add(ErrorCode.INVALID_INPUT, f"deploy_times.{level}", "missing")
        elif problem.deploy_times.days(level) < 0:
            out.add(ErrorCode.NEGATIVE_COUNT, f"deploy_times.{level}", "must be >= 0")
    w = problem.weights
    points = (w.earliness_points, w.women_points, w.cost_points)
    if min(points) < 0 or w.earliness_horizon_days <= 0:
        out.add(ErrorCode.INVALID_INPUT, "weights", "points >= 0 and a positive horizon")


def validate_problem(problem: SourcingProblem) -> None:
    """Raise ``ValidationError`` naming every defect; return None when the problem is sound."""
    out = _Collector()
    _check_units(problem, out)
    _check_requirements(problem, out)
    _check_tables(problem, out)
    out.raise_if_any()
