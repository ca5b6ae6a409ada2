"""The rulebook of one (pledged unit, requirement) pair, in plain Python, one pair at a time.

This is the readable statement of what makes a unit eligible for a requirement. The model
(model.py) computes the same thing vectorised; a property test holds the two together, and the
independent plan checker (checker.py) and the gap explanations (explain.py) read this one.

Arrival date: a unit can only be requested from today, so it arrives
``max(earliest_deployment, as_of) + deploy_days[readiness]`` (RDL: 60 days [S7]).
Gates: a unit below the effective minimum readiness (the stricter of the requirement's and the
rulebook's) or with a national approval missing is not assignable anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from .types import PledgedUnit, Readiness, Requirement, SourcingProblem


class BlockCode(StrEnum):
    """Why a unit cannot fill a requirement, or why a requirement stays (partly) empty."""

    NO_PLEDGE_OF_TYPE = "no_pledge_of_type"
    TYPE_NOT_COMPATIBLE = "type_not_compatible"
    GATE_READINESS = "gate_readiness_below_minimum"
    GATE_APPROVAL_MISSING = "gate_national_approval_missing"
    HOST_EXCLUDED = "host_excluded"
    CAVEAT_SECTOR = "caveat_sector"
    CAVEAT_TASK = "caveat_task"
    TOO_LATE = "arrives_too_late"
    USED_FOR_HIGHER_PRIORITY = "used_for_higher_priority"
    USED_ELSEWHERE = "used_elsewhere"
    CAP_REACHED = "contributor_cap_reached"
    CEILING_REACHED = "ceiling_reached"
    NOT_SELECTED = "not_selected_within_gap"
    INFEASIBLE_MANDATORY = "mandatory_requirement_unfillable"


@dataclass(frozen=True)
class Blocker:
    code: BlockCode
    detail: dict[str, object] = field(default_factory=dict)


def arrival_date(problem: SourcingProblem, unit: PledgedUnit) -> date:
    start = max(unit.earliest_deployment, problem.as_of)
    return start + timedelta(days=problem.deploy_times.days(unit.readiness))


def effective_min_readiness(problem: SourcingProblem, req: Requirement) -> Readiness:
    return max(req.min_readiness, problem.rulebook_min_readiness, key=lambda lv: lv.rank)


def type_fits(problem: SourcingProblem, unit: PledgedUnit, req: Requirement) -> bool:
    return unit.unit_type in problem.fillers_of(req.unit_type)


def gate_blockers(problem: SourcingProblem, unit: PledgedUnit, req: Requirement) -> list[Blocker]:
    out: list[Blocker] = []
    needed = effective_min_readiness(problem, req)
    if unit.readiness.rank < needed.rank:
        out.append(
            Blocker(
                BlockCode.GATE_READINESS, {"readiness": str(unit.readiness), "min": str(needed)}
            )
        )
    if unit.approvals_missing:
        out.append(
            Blocker(BlockCode.GATE_APPROVAL_MISSING, {"missing": list(unit.approvals_missing)})
        )
    return out


def pair_blockers(problem: SourcingProblem, unit: PledgedUnit, req: Requirement) -> list[Blocker]:
    """Every reason ``unit`` cannot fill ``req``; an empty list means the pair is eligible."""
    if not type_fits(problem, unit, req):
        return [Blocker(BlockCode.TYPE_NOT_COMPATIBLE, {"unit_type": unit.unit_type})]
    out = gate_blockers(problem, unit, req)
    if not unit.host_acceptable or (unit.contributor, req.sector) in problem.host_exclusions:
        out.append(
            Blocker(
                BlockCode.HOST_EXCLUDED, {"contributor": unit.contributor, "sector": req.sector}
            )
        )
    if req.sector in unit.caveat_sectors:
        out.append(
            Blocker(
                BlockCode.CAVEAT_SECTOR, {"contributor": unit.contributor, "sector": req.sector}
            )
        )
    blocked_tasks = sorted(req.tasks & unit.caveat_tasks)
    if blocked_tasks:
        out.append(
            Blocker(
                BlockCode.CAVEAT_TASK, {"contributor": unit.contributor, "tasks": blocked_tasks}
            )
        )
    arrives = arrival_date(problem, unit)
    if arrives > req.needed_by:
        out.append(
            Blocker(
                BlockCode.TOO_LATE,
                {"arrives": arrives.isoformat(), "needed_by": req.needed_by.isoformat()},
            )
        )
    return out


def is_eligible(problem: SourcingProblem, unit: PledgedUnit, req: Requirement) -> bool:
    return not pair_blockers(problem, unit, req)
