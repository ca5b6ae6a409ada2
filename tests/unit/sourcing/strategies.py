"""Hypothesis strategies: small random sourcing problems a brute force can enumerate."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from contingent.core.sourcing import (
    ContributorCap,
    DeployTimes,
    PledgedUnit,
    Readiness,
    Requirement,
    SourcingProblem,
)

AS_OF = date(2026, 1, 1)
TYPES = ("infantry_battalion", "mechanized_infantry_battalion", "fpu")
SECTORS = ("north", "south")
TASKS = ("poc", "patrol", "escort")
CONTRIBUTORS = ("PAK", "IDN", "AZE")
DEPLOY = DeployTimes(
    {Readiness.L1: 120, Readiness.L2: 90, Readiness.L3: 60, Readiness.RDL: 30}, "test"
)


@st.composite
def units(draw, i: int) -> PledgedUnit:
    personnel = draw(st.integers(0, 12))
    return PledgedUnit(
        id=f"U{i}",
        contributor=draw(st.sampled_from(CONTRIBUTORS)),
        unit_type=draw(st.sampled_from(TYPES)),
        personnel=personnel,
        women=draw(st.integers(0, personnel)),
        readiness=draw(st.sampled_from(list(Readiness))),
        earliest_deployment=AS_OF + timedelta(days=draw(st.integers(-30, 120))),
        cost_usd=float(draw(st.integers(0, 5))),
        caveat_sectors=frozenset(draw(st.sets(st.sampled_from(SECTORS), max_size=1))),
        caveat_tasks=frozenset(draw(st.sets(st.sampled_from(TASKS), max_size=1))),
        approvals_missing=("parliament",) if draw(st.integers(0, 5)) == 0 else (),
        host_acceptable=draw(st.integers(0, 9)) > 0,
    )


@st.composite
def requirements(draw, i: int, allow_mandatory: bool) -> Requirement:
    return Requirement(
        id=f"R{i}",
        unit_type=draw(st.sampled_from(TYPES)),
        quantity=draw(st.integers(0, 3)),
        sector=draw(st.sampled_from(SECTORS)),
        needed_by=AS_OF + timedelta(days=draw(st.integers(30, 240))),
        personnel_per_unit=10,
        tasks=frozenset(draw(st.sets(st.sampled_from(TASKS), max_size=2))),
        min_readiness=draw(st.sampled_from(list(Readiness))),
        priority=draw(st.integers(1, 4)),
        category=draw(st.sampled_from(("troops", "fpu"))),
        mandatory=allow_mandatory and draw(st.integers(0, 4)) == 0,
    )


@st.composite
def problems(draw, max_units: int = 6, max_reqs: int = 3, allow_mandatory: bool = True):
    n_u = draw(st.integers(1, max_units))
    n_r = draw(st.integers(1, max_reqs))
    caps = tuple(
        ContributorCap(
            c,
            max_personnel=draw(st.none() | st.integers(0, 30)),
            max_units=draw(st.none() | st.integers(0, 3)),
        )
        for c in draw(st.sets(st.sampled_from(CONTRIBUTORS)))
    )
    ceilings = draw(st.dictionaries(st.sampled_from(("troops", "fpu")), st.integers(0, 40)))
    return SourcingProblem(
        as_of=AS_OF,
        units=tuple(draw(units(i)) for i in range(n_u)),
        requirements=tuple(draw(requirements(i, allow_mandatory)) for i in range(n_r)),
        deploy_times=DEPLOY,
        compatibility={
            "infantry_battalion": ("infantry_battalion", "mechanized_infantry_battalion")
        },
        caps=caps,
        host_exclusions=frozenset(
            draw(st.sets(st.tuples(st.sampled_from(CONTRIBUTORS), st.sampled_from(SECTORS))))
        ),
        ceilings=ceilings,
        women_targets={"troops": 0.15, "fpu": 0.2},
        rulebook_min_readiness=draw(st.sampled_from([Readiness.L1, Readiness.L2])),
    )
