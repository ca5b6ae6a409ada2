"""What-if scenarios: overlay changes on today's problem and show the new plan as a difference.

Changes are applied in order to a copy of the problem (the input is never modified):

* ``CommitMore``      contributor X commits N more personnel of type T (split into ``units``
                      equal units, ready at ``readiness`` from ``earliest_deployment``);
* ``RaiseReadiness``  pledge P reaches level L by date D (its earliest deployment moves to D if
                      that is later);
* ``DropRequirement`` requirement R is dropped;
* ``ChangeCap``       contributor X's balance cap changes.

A change naming an unknown contributor, unit, requirement or unit type, or carrying a negative
count, raises a coded ``ValidationError`` with ``fields`` pointing at ``changes[i]``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from contingent.core.errors import ErrorCode, ValidationError

from .plan import solve_plan
from .result import PlanResult
from .types import ContributorCap, PledgedUnit, Readiness, SourcingProblem


@dataclass(frozen=True)
class CommitMore:
    contributor: str
    unit_type: str
    personnel: int
    units: int = 1
    readiness: Readiness = Readiness.L2
    earliest_deployment: date | None = None
    women: int = 0
    cost_usd: float = 0.0


@dataclass(frozen=True)
class RaiseReadiness:
    unit_id: str
    readiness: Readiness
    by: date


@dataclass(frozen=True)
class DropRequirement:
    requirement_id: str


@dataclass(frozen=True)
class ChangeCap:
    contributor: str
    max_personnel: int | None = None
    max_units: int | None = None


Change = CommitMore | RaiseReadiness | DropRequirement | ChangeCap


def _refuse(code: ErrorCode, where: str, what: str) -> ValidationError:
    return ValidationError(f"what-if {where}: {what}", code=code, fields={where: what})


def _commit_more(problem: SourcingProblem, ch: CommitMore, at: str) -> SourcingProblem:
    if ch.contributor not in problem.known_contributors():
        raise _refuse(ErrorCode.UNKNOWN_CONTRIBUTOR, f"{at}.contributor", ch.contributor)
    if ch.unit_type not in problem.unit_types:
        raise _refuse(ErrorCode.UNKNOWN_UNIT_TYPE, f"{at}.unit_type", ch.unit_type)
    for name in ("personnel", "units", "women"):
        if getattr(ch, name) < 0:
            raise _refuse(ErrorCode.NEGATIVE_COUNT, f"{at}.{name}", "must be >= 0")
    if ch.units == 0:
        raise _refuse(ErrorCode.INVALID_INPUT, f"{at}.units", "must be at least 1")
    if ch.personnel < ch.units:
        # Each new unit needs at least one person; "commit 0 more" changes nothing and is
        # refused rather than silently run as today's plan.
        raise _refuse(
            ErrorCode.INVALID_INPUT, f"{at}.personnel", f"must be at least units ({ch.units})"
        )
    taken = {u.id for u in problem.units}
    new = []
    for k in range(ch.units):
        uid = f"whatif-{ch.contributor}-{ch.unit_type}-{k + 1}"
        while uid in taken:
            uid += "+"
        taken.add(uid)
        share = ch.personnel // ch.units + (1 if k < ch.personnel % ch.units else 0)
        new.append(
            PledgedUnit(
                uid,
                ch.contributor,
                ch.unit_type,
                share,
                min(share, ch.women // ch.units),
                ch.readiness,
                ch.earliest_deployment or problem.as_of,
                ch.cost_usd / ch.units,
            )
        )
    return replace(problem, units=problem.units + tuple(new))


def _apply_one(problem: SourcingProblem, ch: Change, at: str) -> SourcingProblem:
    if isinstance(ch, CommitMore):
        return _commit_more(problem, ch, at)
    if isinstance(ch, RaiseReadiness):
        if ch.unit_id not in {u.id for u in problem.units}:
            raise _refuse(ErrorCode.UNKNOWN_REFERENCE, f"{at}.unit_id", ch.unit_id)
        units = tuple(
            replace(
                u, readiness=ch.readiness, earliest_deployment=max(u.earliest_deployment, ch.by)
            )
            if u.id == ch.unit_id
            else u
            for u in problem.units
        )
        return replace(problem, units=units)
    if isinstance(ch, DropRequirement):
        if ch.requirement_id not in {r.id for r in problem.requirements}:
            raise _refuse(ErrorCode.UNKNOWN_REFERENCE, f"{at}.requirement_id", ch.requirement_id)
        reqs = tuple(r for r in problem.requirements if r.id != ch.requirement_id)
        return replace(problem, requirements=reqs)
    if isinstance(ch, ChangeCap):
        if ch.contributor not in problem.known_contributors():
            raise _refuse(ErrorCode.UNKNOWN_CONTRIBUTOR, f"{at}.contributor", ch.contributor)
        for name in ("max_personnel", "max_units"):
            value = getattr(ch, name)
            if value is not None and value < 0:
                raise _refuse(ErrorCode.NEGATIVE_COUNT, f"{at}.{name}", "must be >= 0")
        caps = tuple(c for c in problem.caps if c.contributor != ch.contributor)
        cap = ContributorCap(ch.contributor, ch.max_personnel, ch.max_units)
        return replace(problem, caps=caps + (cap,))
    raise _refuse(ErrorCode.INVALID_INPUT, at, f"unknown change {type(ch).__name__}")


def apply_changes(
    problem: SourcingProblem, changes: list[Change] | tuple[Change, ...]
) -> SourcingProblem:
    """The problem with every change applied in order (a new object)."""
    for i, ch in enumerate(changes):
        problem = _apply_one(problem, ch, f"changes[{i}]")
    return problem


@dataclass(frozen=True)
class PlanDiff:
    """How the scenario's plan differs from today's."""

    added: tuple[tuple[str, str], ...]
    removed: tuple[tuple[str, str], ...]
    coverage_changes: tuple[tuple[str, int, int], ...]  # (requirement, filled before, after)
    gaps_closed: tuple[str, ...]
    gaps_opened: tuple[str, ...]
    dropped: tuple[str, ...]
    objective_before: float
    objective_after: float
    coverage_share_before: float
    coverage_share_after: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": [list(p) for p in self.added],
            "removed": [list(p) for p in self.removed],
            "coverage_changes": [
                {"requirement_id": r, "before": b, "after": a} for r, b, a in self.coverage_changes
            ],
            "gaps_closed": list(self.gaps_closed),
            "gaps_opened": list(self.gaps_opened),
            "dropped": list(self.dropped),
            "objective_before": self.objective_before,
            "objective_after": self.objective_after,
            "coverage_share_before": self.coverage_share_before,
            "coverage_share_after": self.coverage_share_after,
        }


def compare_plans(before: PlanResult, after: PlanResult) -> PlanDiff:
    b, a = set(before.assignment_pairs()), set(after.assignment_pairs())
    filled_b = {c.requirement_id: c.filled for c in before.coverage}
    filled_a = {c.requirement_id: c.filled for c in after.coverage}
    changes = tuple(
        (r, filled_b.get(r, 0), filled_a.get(r, 0))
        for r in sorted(set(filled_b) | set(filled_a))
        if filled_b.get(r, 0) != filled_a.get(r, 0)
    )
    dropped = set(filled_b) - set(filled_a)
    gaps_b = {g.requirement_id for g in before.gaps} - dropped
    gaps_a = {g.requirement_id for g in after.gaps}
    return PlanDiff(
        added=tuple(sorted(a - b)),
        removed=tuple(sorted(b - a)),
        coverage_changes=changes,
        gaps_closed=tuple(sorted(gaps_b - gaps_a)),
        gaps_opened=tuple(sorted(gaps_a - gaps_b)),
        dropped=tuple(sorted(dropped)),
        objective_before=before.objective,
        objective_after=after.objective,
        coverage_share_before=before.coverage_share,
        coverage_share_after=after.coverage_share,
    )


@dataclass(frozen=True)
class WhatIfResult:
    baseline: PlanResult
    scenario: PlanResult
    diff: PlanDiff

    def as_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline.as_dict(),
            "scenario": self.scenario.as_dict(),
            "diff": self.diff.as_dict(),
        }


def run_what_if(
    problem: SourcingProblem,
    changes: list[Change] | tuple[Change, ...],
    *,
    baseline: PlanResult | None = None,
    **solve_options: Any,
) -> WhatIfResult:
    """Today's plan (or ``baseline``), the scenario's plan and their difference.

    ``solve_options`` go to ``solve_plan`` (method, time_limit_s, target_gap, progress).
    The scenario keeps today's assignments where moving gains nothing (one stability point per
    kept pair, model.py). Objectives of the two plans use each problem's own coverage weight W
    and the scenario's includes those points: compare coverage, not raw points.
    """
    scenario_problem = apply_changes(problem, changes)
    base = baseline if baseline is not None else solve_plan(problem, **solve_options)
    # Today's pairs earn a stability point, so ties do not reshuffle the whole plan.
    scenario_problem = replace(scenario_problem, incumbent=frozenset(base.assignment_pairs()))
    scenario = solve_plan(scenario_problem, **solve_options)
    return WhatIfResult(base, scenario, compare_plans(base, scenario))
