"""What the planner, the demo and the public dashboard all ask first, computed once.

- per contributor: the latest stance, its conditions and its source;
- per unit type: personnel required against pledged and committed;
- operation-level gates, met or unmet with evidence;
- for any contributor, exactly what stands between it and *committed*.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .checks import GateContext
from .enums import CaseStage, PersonnelCategory, PledgeStatus, StanceLevel
from .model import Pledge, Scenario, Statement
from .readiness import GateResult, operation_gates
from .rulebook import Reason, rulebook_for, unmet

_ON_THE_GROUND = {CaseStage.DEPLOYED, CaseStage.ROTATING}


@dataclass(frozen=True)
class ContributorLine:
    code: str
    name: str
    level: StanceLevel | None
    stated_on: date | None
    speaker: str
    summary: str
    conditions: tuple[tuple[str, bool, str], ...]  # (text, met, 'stated on [source tag]')
    source: str
    pledged_personnel: int
    illustrative_pledges: int


@dataclass(frozen=True)
class CompositionLine:
    unit_type: str
    requirements: tuple[str, ...]
    required: int
    pledged: int
    committed: int
    illustrative: bool


@dataclass(frozen=True)
class Summary:
    operation: str
    framework: str
    resolution: str
    as_of: date
    contributors: tuple[ContributorLine, ...]
    composition: tuple[CompositionLine, ...]
    gates: tuple[GateResult, ...]
    blockers: dict[str, tuple[Reason, ...]] = field(default_factory=dict)

    @property
    def gates_met(self) -> int:
        return sum(g.met for g in self.gates)


def deployed_by_category(s: Scenario) -> dict[PersonnelCategory, int]:
    pledges = {p.key: p for p in s.pledges}
    out: dict[PersonnelCategory, int] = defaultdict(int)
    for c in s.cases:
        if c.stage in _ON_THE_GROUND:
            p = pledges[c.pledge]
            out[p.category] += p.personnel
    return dict(out)


def latest_stances(s: Scenario) -> dict[str, Statement]:
    by: dict[str, list[Statement]] = defaultdict(list)
    for st in s.statements:
        by[st.contributor].append(st)
    return {code: max(sts, key=lambda x: x.stated_on) for code, sts in by.items()}


def gate_context(
    s: Scenario, day: date, contributor: str | None = None, **extra: object
) -> GateContext:
    contributors = {c.code: c for c in s.contributors}
    return GateContext(
        operation=s.operation,
        as_of=day,
        contributor=contributors.get(contributor) if contributor else None,
        statements=tuple(st for st in s.statements if st.contributor == contributor),
        pledges=tuple(p for p in s.pledges if p.contributor == contributor),
        deployed=deployed_by_category(s),
        **extra,  # type: ignore[arg-type]
    )


def blockers(s: Scenario, contributor: str, target: StanceLevel, day: date) -> list[Reason]:
    """Every unmet precondition between the contributor's latest stance and ``target``."""
    last = latest_stances(s).get(contributor)
    state = last.level.value if last else "welcomed"
    ctx = gate_context(s, day, contributor)
    return unmet(rulebook_for(s.operation.framework), "stance", state, target.value, ctx)


def _live(p: Pledge) -> bool:
    return p.status != PledgeStatus.WITHDRAWN


def _contributor_lines(s: Scenario, gates: dict[str, GateResult]) -> tuple[ContributorLine, ...]:
    latest = latest_stances(s)
    lines = []
    for c in s.contributors:
        st = latest.get(c.code)
        pledges = [p for p in s.pledges if p.contributor == c.code and _live(p)]
        # Conditions stated at any time still stand unless a later statement drops them.
        conditions: dict[str, tuple[bool, str]] = {}
        for x in sorted(
            (x for x in s.statements if x.contributor == c.code), key=lambda x: x.stated_on
        ):
            tag = next((f" [{src.tag}]" for src in x.sources if src.tag), "")
            for cond in x.conditions:
                met = cond.met or (cond.gate in gates and gates[cond.gate].met)
                conditions[cond.text] = (met, f"{x.stated_on}{tag}")
        src = st.sources[0] if st and st.sources else None
        lines.append(
            ContributorLine(
                code=c.code,
                name=c.name,
                level=st.level if st else None,
                stated_on=st.stated_on if st else None,
                speaker=st.speaker if st else "",
                summary=st.summary if st else "",
                conditions=tuple((t, met, said) for t, (met, said) in conditions.items()),
                source=f"[{src.tag}] {src.ref}" if src and src.tag else (src.ref if src else ""),
                pledged_personnel=sum(p.personnel for p in pledges),
                illustrative_pledges=sum(p.illustrative for p in pledges),
            )
        )
    return tuple(lines)


def _composition(s: Scenario) -> tuple[CompositionLine, ...]:
    latest = latest_stances(s)
    committed = {c for c, st in latest.items() if st.level == StanceLevel.COMMITTED}
    lines = []
    for unit_type in sorted({r.unit_type for r in s.requirements}):
        reqs = [r for r in s.requirements if r.unit_type == unit_type]
        pledges = [p for p in s.pledges if p.unit_type == unit_type and _live(p)]
        lines.append(
            CompositionLine(
                unit_type=unit_type,
                requirements=tuple(r.key for r in reqs),
                required=sum(r.personnel for r in reqs),
                pledged=sum(p.personnel for p in pledges),
                committed=sum(p.personnel for p in pledges if p.contributor in committed),
                illustrative=any(r.illustrative for r in reqs)
                or any(p.illustrative for p in pledges),
            )
        )
    return tuple(lines)


def summarize(s: Scenario, day: date, *, blockers_for: tuple[str, ...] = ()) -> Summary:
    op = s.operation
    gates = tuple(operation_gates(op, day, deployed_by_category(s)))
    return Summary(
        operation=op.name,
        framework=op.framework.value,
        resolution=f"{op.resolution.symbol}, adopted {op.resolution.adopted_on} ({op.resolution.vote})",
        as_of=day,
        contributors=_contributor_lines(s, {g.key: g for g in gates}),
        composition=_composition(s),
        gates=gates,
        blockers={c: tuple(blockers(s, c, StanceLevel.COMMITTED, day)) for c in blockers_for},
    )
