"""Every gap explained in words and codes.

For a requirement left short, each pledged unit of a compatible type is put under its *first*
obstacle, in this order (the order a planner would fix them in): a gate (readiness below the
minimum, national approval missing), host refusal, the contributor's caveat (sector, task), late
arrival (with the dates), and, for units that are eligible, why the plan did not use them: used
for a higher-priority requirement, used elsewhere, the contributor's cap or the category ceiling
is full, or (only in a plan that is not proven optimal) simply not selected. No unit of a
compatible type at all gives ``no_pledge_of_type``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .eligibility import BlockCode, pair_blockers
from .result import Gap, GapReason
from .types import PledgedUnit, Requirement, SourcingProblem

_SHOW = 5  # unit ids named in a message; the fields hold them all


@dataclass(frozen=True)
class PlanState:
    """What a plan used: unit id -> requirement id, and the room left under caps and ceilings."""

    assigned: Mapping[str, str]
    filled: Mapping[str, int]
    cap_room_personnel: Mapping[str, float]
    cap_room_units: Mapping[str, float]
    ceiling_room: Mapping[str, float]


def _names(ids: list[str]) -> str:
    more = f" and {len(ids) - _SHOW} more" if len(ids) > _SHOW else ""
    return ", ".join(ids[:_SHOW]) + more


def _eligible_reason(
    problem: SourcingProblem, state: PlanState, unit: PledgedUnit, req: Requirement, prio: dict
) -> tuple[BlockCode, str]:
    """Why an eligible unit is not filling ``req``; the second item keys the grouping."""
    other = state.assigned.get(unit.id)
    if other is not None:
        if prio[other] > req.priority:
            return BlockCode.USED_FOR_HIGHER_PRIORITY, other
        return BlockCode.USED_ELSEWHERE, other
    if state.cap_room_personnel.get(unit.contributor, float("inf")) < unit.personnel:
        return BlockCode.CAP_REACHED, f"cap[{unit.contributor}]"
    if state.cap_room_units.get(unit.contributor, float("inf")) < 1:
        return BlockCode.CAP_REACHED, f"cap_units[{unit.contributor}]"
    if state.ceiling_room.get(req.category, float("inf")) < unit.personnel:
        return BlockCode.CEILING_REACHED, f"ceiling[{req.category}]"
    return BlockCode.NOT_SELECTED, ""


def _classify(
    problem: SourcingProblem, state: PlanState, req: Requirement, prio: dict, by_type: dict
) -> dict[tuple[BlockCode, str], list[tuple[PledgedUnit, dict]]]:
    groups: dict[tuple[BlockCode, str], list[tuple[PledgedUnit, dict]]] = defaultdict(list)
    candidates = [u for t in problem.fillers_of(req.unit_type) for u in by_type.get(t, ())]
    for unit in sorted(candidates, key=lambda u: u.id):
        if state.assigned.get(unit.id) == req.id:
            continue
        blockers = pair_blockers(problem, unit, req)
        if blockers:
            first = blockers[0]
            key = str(first.detail.get("contributor", "")) if first.code in _BY_CONTRIBUTOR else ""
            groups[(first.code, key)].append((unit, first.detail))
        else:
            groups[_eligible_reason(problem, state, unit, req, prio)].append((unit, {}))
    return groups


_BY_CONTRIBUTOR = {BlockCode.CAVEAT_SECTOR, BlockCode.CAVEAT_TASK, BlockCode.HOST_EXCLUDED}


def _message(code: BlockCode, key: str, members: list, req: Requirement, prio: dict) -> str:
    ids = [u.id for u, _ in members]
    d = members[0][1]
    if code is BlockCode.GATE_READINESS:
        return f"blocked by a gate: readiness below {d['min']} ({_names(ids)})"
    if code is BlockCode.GATE_APPROVAL_MISSING:
        missing = sorted({m for _, det in members for m in det["missing"]})
        return f"blocked by a gate: national approval missing ({', '.join(missing)}): {_names(ids)}"
    if code is BlockCode.HOST_EXCLUDED:
        return f"the host does not accept {key} in sector {req.sector}: {_names(ids)}"
    if code is BlockCode.CAVEAT_SECTOR:
        return f"blocked by {key}'s caveat on sector {req.sector}: {_names(ids)}"
    if code is BlockCode.CAVEAT_TASK:
        tasks = sorted({t for _, det in members for t in det["tasks"]})
        return f"blocked by {key}'s caveat on tasks {', '.join(tasks)}: {_names(ids)}"
    if code is BlockCode.TOO_LATE:
        soonest = min(members, key=lambda m: m[1]["arrives"])
        return (
            f"{len(ids)} pledged unit(s) arrive too late for {req.needed_by.isoformat()}; the "
            f"soonest, {soonest[0].id}, arrives {soonest[1]['arrives']}"
        )
    if code is BlockCode.USED_FOR_HIGHER_PRIORITY:
        return (
            f"{_names(ids)} used for higher-priority {key} (priority {prio[key]} > {req.priority})"
        )
    if code is BlockCode.USED_ELSEWHERE:
        return f"{_names(ids)} used for {key} (priority {prio[key]}, arrives in better time there)"
    if code is BlockCode.CAP_REACHED:
        return f"contributor cap {key} reached: {_names(ids)} no longer fit"
    if code is BlockCode.CEILING_REACHED:
        return f"mandate ceiling {key} reached: {_names(ids)} no longer fit"
    return f"eligible but not selected within the plan's gap: {_names(ids)}"


_ORDER = list(BlockCode)


def _fields(code: BlockCode, key: str, members: list) -> dict[str, object]:
    out: dict[str, object] = {"unit_ids": [u.id for u, _ in members]}
    if key:
        out["key"] = key
    if code is BlockCode.TOO_LATE:
        out["arrivals"] = {u.id: det["arrives"] for u, det in members}
    return out


def explain_requirement(
    problem: SourcingProblem, state: PlanState, req: Requirement, prio: dict, by_type: dict
) -> Gap:
    filled = state.filled.get(req.id, 0)
    groups = _classify(problem, state, req, prio, by_type)
    reasons: list[GapReason] = []
    if not groups and not filled:
        types = problem.fillers_of(req.unit_type)
        reasons.append(
            GapReason(
                BlockCode.NO_PLEDGE_OF_TYPE,
                f"no pledge of type {' or '.join(types)}",
                {"unit_types": list(types)},
            )
        )
    elif not groups:
        reasons.append(
            GapReason(
                BlockCode.NO_PLEDGE_OF_TYPE,
                f"no further pledge of type {' or '.join(problem.fillers_of(req.unit_type))}: "
                f"all {filled} pledged are used here",
                {"unit_types": list(problem.fillers_of(req.unit_type))},
            )
        )
    for code, key in sorted(groups, key=lambda k: (_ORDER.index(k[0]), k[1])):
        members = groups[(code, key)]
        reasons.append(
            GapReason(code, _message(code, key, members, req, prio), _fields(code, key, members))
        )
    return Gap(req.id, req.unit_type, req.quantity, filled, tuple(reasons))


def explain_gaps(problem: SourcingProblem, state: PlanState) -> tuple[Gap, ...]:
    """One ``Gap`` per requirement filled below its quantity, in requirement order."""
    prio = {r.id: r.priority for r in problem.requirements}
    by_type: dict[str, list[PledgedUnit]] = defaultdict(list)
    for unit in problem.units:
        by_type[unit.unit_type].append(unit)
    return tuple(
        explain_requirement(problem, state, r, prio, by_type)
        for r in problem.requirements
        if state.filled.get(r.id, 0) < r.quantity
    )
