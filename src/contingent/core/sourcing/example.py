"""A small, fully illustrative sourcing problem for tests, demos and the integrator.

ILLUSTRATIVE: the contributors are real states that have publicly discussed a Gaza force
(domain.md §6), but every unit, date, caveat and cap below is invented to exercise each rule
once: a gate (readiness, parliamentary approval [G15][G18]), a caveat, a host exclusion, a late
arrival, a scarce type, a binding cap and a ceiling. Unit sizes follow domain.md §3 (infantry
battalion ~850 [S40][S41], FPU 140 [S18], level-2 hospital 57 [S37], helicopter unit 70 [S39]).
"""

from __future__ import annotations

from datetime import date

from .params import default_parameters
from .types import ContributorCap, PledgedUnit, Readiness, Requirement, SourcingProblem

AS_OF = date(2026, 3, 1)


def _units() -> tuple[PledgedUnit, ...]:
    d = date
    return (
        PledgedUnit(
            "IDN-INF-1",
            "IDN",
            "infantry_battalion",
            850,
            90,
            Readiness.L3,
            d(2026, 4, 1),
            1_250_000,
        ),
        PledgedUnit("IDN-FPU-1", "IDN", "fpu", 140, 30, Readiness.L3, d(2026, 3, 15), 210_000),
        PledgedUnit(
            "PAK-INF-1",
            "PAK",
            "infantry_battalion",
            860,
            40,
            Readiness.RDL,
            d(2026, 3, 1),
            1_300_000,
            approvals_missing=("parliament",),
        ),
        PledgedUnit(
            "PAK-MED-2", "PAK", "level2_hospital", 57, 12, Readiness.L3, d(2026, 4, 1), 95_000
        ),
        PledgedUnit(
            "AZE-INF-1",
            "AZE",
            "mechanized_infantry_battalion",
            830,
            20,
            Readiness.L2,
            d(2026, 5, 1),
            1_400_000,
            caveat_sectors=frozenset({"rafah"}),
        ),
        PledgedUnit("AZE-FPU-1", "AZE", "fpu", 140, 10, Readiness.L1, d(2026, 3, 1), 200_000),
        PledgedUnit(
            "EGY-INF-1",
            "EGY",
            "infantry_battalion",
            870,
            50,
            Readiness.L2,
            d(2026, 9, 1),
            1_200_000,
        ),
        PledgedUnit(
            "EGY-ENG-1",
            "EGY",
            "engineer_company",
            200,
            10,
            Readiness.L3,
            d(2026, 3, 15),
            300_000,
            caveat_tasks=frozenset({"demining"}),
        ),
        PledgedUnit(
            "ITA-HEL-1", "ITA", "helicopter_unit", 70, 8, Readiness.RDL, d(2026, 3, 1), 400_000
        ),
        PledgedUnit(
            "IDN-ENG-1", "IDN", "engineer_company", 210, 15, Readiness.L3, d(2026, 3, 1), 290_000
        ),
    )


def _requirements() -> tuple[Requirement, ...]:
    d = date
    return (
        Requirement(
            "req-01",
            "infantry_battalion",
            2,
            "rafah",
            d(2026, 9, 1),
            850,
            frozenset({"poc", "patrol"}),
            Readiness.L2,
            priority=5,
        ),
        Requirement(
            "req-02",
            "infantry_battalion",
            1,
            "khan_younis",
            d(2026, 10, 1),
            850,
            frozenset({"patrol"}),
            Readiness.L2,
            priority=3,
        ),
        Requirement(
            "req-03",
            "fpu",
            2,
            "gaza_city",
            d(2026, 8, 1),
            140,
            frozenset({"crowd_control"}),
            Readiness.L2,
            priority=4,
            category="fpu",
        ),
        Requirement(
            "req-04",
            "level2_hospital",
            1,
            "central",
            d(2026, 7, 1),
            57,
            frozenset(),
            Readiness.L2,
            priority=4,
        ),
        Requirement(
            "req-05",
            "engineer_company",
            1,
            "rafah",
            d(2026, 7, 1),
            200,
            frozenset({"demining"}),
            Readiness.L2,
            priority=2,
        ),
        Requirement(
            "req-06",
            "helicopter_unit",
            2,
            "central",
            d(2026, 6, 1),
            70,
            frozenset({"escort"}),
            Readiness.L2,
            priority=3,
        ),
        Requirement(
            "req-07",
            "signals_company",
            1,
            "central",
            d(2026, 6, 1),
            100,
            frozenset(),
            Readiness.L2,
            priority=1,
        ),
    )


def example_problem() -> SourcingProblem:
    """Ten pledged units, seven requirements; every gap reason occurs at least once."""
    params = default_parameters()
    return SourcingProblem(
        as_of=AS_OF,
        units=_units(),
        requirements=_requirements(),
        deploy_times=params.deploy_times,
        caps=(ContributorCap("IDN", max_personnel=1_100), ContributorCap("EGY", max_units=2)),
        host_exclusions=frozenset({("AZE", "khan_younis")}),
        ceilings={"troops": 3_000, "fpu": 280},
        women_targets=dict(params.women_targets),
        rulebook_min_readiness=Readiness.L2,
        contributors=("IDN", "PAK", "AZE", "EGY", "ITA", "TUR"),
    )
