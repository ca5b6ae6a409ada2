"""Turn an operation's force-generation records into a sourcing problem.

What comes from where:
- units: every pledge not withdrawn; national approvals not obtained become ``approvals_missing``
  (parliament only where the contributor's law requires it), declared caveats become caveat
  sectors and tasks, a host refusal makes the unit unacceptable;
- requirements: our priority 1 is the highest, the optimizer's larger number is more important;
- contributor caps: the largest personnel figure the contributor itself put on the table in its
  latest statement that names one (e.g. Pakistan weighing up to 3,500 [G21]) — a public, sourced
  upper bound, not a target;
- the rulebook floor: Level 2 for a new UN selection [S6], none under a coalition;
- deployment times and women's targets: the operation's own sourcing parameters where the scenario
  gives them, else the sourced defaults of ``contingent.core.sourcing``;
- monthly cost: personnel × the UN personnel reimbursement rate in force (UN framework only; a
  coalition with no schedule is costed at 0 and the plan says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..costs import load_un_personnel_schedule, rate_in_force
from ..sourcing import (
    ContributorCap,
    DeployTimes,
    PledgedUnit,
    Readiness,
    Requirement,
    SourcingProblem,
    default_parameters,
)
from .catalogue import unit_types
from .enums import ApprovalStatus, Framework, PledgeStatus, ReadinessLevel
from .model import Pledge, Scenario

# Our priorities run 1 (highest) to 9, as the scenario schema bounds them; the optimizer wants
# a positive number, larger more important, so 1 becomes 9 and 9 becomes 1.
_LOWEST_PRIORITY = 9


def _readiness(level: ReadinessLevel) -> Readiness:
    # An unregistered pledge is treated as Level 1 *and* reported as missing its registration.
    return Readiness.L1 if level == ReadinessLevel.NONE else Readiness(level.value)


def _missing_approvals(p: Pledge, parliament_required: bool) -> tuple[str, ...]:
    missing = [
        a.body.value
        for a in p.approvals
        if a.status != ApprovalStatus.OBTAINED
        and (a.body.value != "parliament" or parliament_required)
    ]
    if p.readiness == ReadinessLevel.NONE:
        missing.append("level 1 registration")
    return tuple(missing)


def _monthly_rate_usd(s: Scenario, day: date) -> float:
    if s.operation.framework != Framework.UN_PKO:
        return 0.0
    row = rate_in_force(load_un_personnel_schedule(), day)
    return float(row.amount_usd) if row else 0.0


def _units(s: Scenario, day: date) -> tuple[PledgedUnit, ...]:
    parliament = {c.code: c.parliament_approval_required for c in s.contributors}
    rate = _monthly_rate_usd(s, day)
    return tuple(
        PledgedUnit(
            id=p.key,
            contributor=p.contributor,
            unit_type=p.unit_type,
            personnel=p.personnel,
            women=p.women,
            readiness=_readiness(p.readiness),
            earliest_deployment=p.earliest_deployment,
            cost_usd=rate * p.personnel,
            caveat_sectors=frozenset(x for c in p.caveats for x in c.sectors),
            caveat_tasks=frozenset(x for c in p.caveats for x in c.tasks),
            approvals_missing=_missing_approvals(p, parliament.get(p.contributor, False)),
            host_acceptable=p.host_accepted is not False,
        )
        for p in s.pledges
        if p.status != PledgeStatus.WITHDRAWN
    )


def _caps(s: Scenario) -> tuple[ContributorCap, ...]:
    caps = []
    for c in s.contributors:
        said = sorted(
            (st for st in s.statements if st.contributor == c.code and st.personnel_mentioned),
            key=lambda st: st.stated_on,
        )
        if said and said[-1].personnel_mentioned:
            caps.append(ContributorCap(c.code, max_personnel=said[-1].personnel_mentioned))
    return tuple(caps)


def _deploy_times(params: Mapping[str, Any]) -> DeployTimes:
    raw = params.get("deploy_days")
    if not raw:
        return default_parameters().deploy_times
    return DeployTimes(
        {Readiness(k): int(v) for k, v in raw.items() if k != "none"},
        source=str(params.get("source", "")),
    )


def sourcing_problem(s: Scenario, day: date) -> SourcingProblem:
    """The sourcing problem of ``s`` as of ``day``, with the operation's own sourcing
    parameters (``Operation.sourcing``) where it has them, else the sourced defaults."""
    catalogue = unit_types()
    defaults = default_parameters()
    floor = Readiness.L2 if s.operation.framework == Framework.UN_PKO else Readiness.L1
    return SourcingProblem(
        as_of=day,
        units=_units(s, day),
        requirements=tuple(
            Requirement(
                id=r.key,
                unit_type=r.unit_type,
                quantity=r.quantity,
                sector=r.sector,
                needed_by=r.needed_by,
                personnel_per_unit=r.personnel_per_unit,
                tasks=frozenset(r.tasks),
                min_readiness=_readiness(r.min_readiness),
                priority=_LOWEST_PRIORITY + 1 - r.priority,
                category=r.category.value,
            )
            for r in s.requirements
        ),
        deploy_times=_deploy_times(s.operation.sourcing),
        compatibility={k: (k, *t.also_filled_by) for k, t in catalogue.items()},
        caps=_caps(s),
        ceilings={c.category.value: c.maximum for c in s.operation.mandate.ceilings},
        women_targets=dict(defaults.women_targets),
        rulebook_min_readiness=floor,
        unit_types=tuple(catalogue),
        contributors=tuple(c.code for c in s.contributors),
    )
