"""A documented, seeded generator of sourcing problems (benchmark and property tests).

Same ``(n_units, n_requirements, seed)`` -> the same problem, always (numpy PCG64).

What it makes, and why (the benchmark asks for hard, realistic instances):

* **Unit types and sizes** from domain.md §3: infantry battalion ~850 [S40][S41], FPU 140 [S18],
  level-2 hospital 57, level-3 ~90, level-1 11 [S37], helicopter unit 70-140 [S38][S39]; sizes
  without a source (companies, engineers, signals, transport, staff officers, observers) are
  illustrative. Each unit's size varies +-10 %.
* **Dense compatibility**: 14 types, compatible substitutes (DEFAULT_COMPATIBILITY), so at
  5,000 units every requirement has hundreds of type-compatible units.
* **Scarce types**: requirements over-weight helicopters, level-2 hospitals and FPUs compared
  with the pledged supply.
* **Tight dates**: earliest deployment within 0-240 days, needed-by within 60-420 days, deploy
  times per level from the default parameters (RDL 60 days [S7]): many pairs arrive too late.
* **Many caveats**: 35 % of units refuse one sector, 25 % refuse one task; 10 % lack
  parliamentary approval (gate); three contributors are excluded by the host from one sector.
* **Binding caps**: each contributor is capped at 25 % of its pledged personnel (balance); at
  5,000 x 1,000 about 34 of the 40 contributors then end at >= 95 % of their cap.
* **Ceilings**: each category's ceiling is 80 % of the personnel its requirements ask for.
* **Density floor**: a requirement with fewer than ``min(100, n_units // 50)`` eligible units is
  loosened (minimum readiness to L1, needed-by 90 days later, at most three times), so the
  largest size has at least 100 eligible units per requirement wherever the supply allows.
* Cost: personnel x US$1,428 per person per month [S23] x a 0.9-1.3 factor for equipment
  (illustrative). Women: 0-30 % of each unit.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from .model import eligible_pairs
from .params import default_parameters
from .types import (
    DEFAULT_COMPATIBILITY,
    ContributorCap,
    PledgedUnit,
    Readiness,
    Requirement,
    SourcingProblem,
)

# type: (typical personnel, share of pledged units, share of requirements)
_TYPES: dict[str, tuple[int, float, float]] = {
    "infantry_battalion": (850, 0.10, 0.10),
    "mechanized_infantry_battalion": (850, 0.06, 0.02),
    "infantry_company": (150, 0.14, 0.12),
    "qrf_company": (150, 0.08, 0.04),
    "fpu": (140, 0.08, 0.12),
    "engineer_company": (200, 0.08, 0.07),
    "signals_company": (100, 0.05, 0.05),
    "transport_company": (120, 0.06, 0.05),
    "level1_medical": (11, 0.07, 0.06),
    "level2_hospital": (57, 0.05, 0.09),
    "level3_hospital": (90, 0.04, 0.03),
    "helicopter_unit": (105, 0.05, 0.11),
    "staff_officers": (20, 0.05, 0.07),
    "military_observers": (15, 0.05, 0.07),
}
_CATEGORY = {
    "fpu": "fpu",
    "staff_officers": "staff_officers",
    "military_observers": "military_observers",
}
_CONTRIBUTORS = [
    "PAK",
    "IDN",
    "AZE",
    "EGY",
    "BGD",
    "IND",
    "NPL",
    "RWA",
    "GHA",
    "SEN",
    "ETH",
    "KEN",
    "JOR",
    "MAR",
    "TUR",
    "BRA",
    "URY",
    "CHN",
    "FRA",
    "ITA",
    "ESP",
    "IRL",
    "NZL",
    "FJI",
    "MYS",
    "THA",
    "VNM",
    "KHM",
    "MNG",
    "ZMB",
    "TZA",
    "MWI",
    "NGA",
    "BFA",
    "TGO",
    "NER",
    "TCD",
    "ZAF",
    "ARG",
    "PER",
]
_SECTORS = ("north", "gaza_city", "central", "khan_younis", "rafah", "crossings")
_TASKS = ("poc", "patrol", "escort", "crowd_control", "demining", "border_security", "training")
_LEVELS = (Readiness.L1, Readiness.L2, Readiness.L3, Readiness.RDL)
AS_OF = date(2026, 1, 1)
CAP_SHARE = 0.25  # each contributor capped at this share of its pledged personnel
# UN personnel reimbursement per person-month in force on AS_OF [S23] (costs/data). Frozen here
# rather than read from the versioned schedule: a new rate row must not change the problems a
# given seed makes, or benchmark runs before and after it would not be comparable.
_RATE_USD_PER_PERSON_MONTH = 1428


def _units(rng: np.random.Generator, n: int) -> list[PledgedUnit]:
    names = list(_TYPES)
    shares = np.array([_TYPES[t][1] for t in names])
    kinds = rng.choice(len(names), size=n, p=shares / shares.sum())
    out = []
    for i in range(n):
        unit_type = names[kinds[i]]
        personnel = int(round(_TYPES[unit_type][0] * rng.uniform(0.9, 1.1)))
        sector_caveat = {str(rng.choice(_SECTORS))} if rng.random() < 0.35 else set()
        task_caveat = {str(rng.choice(_TASKS))} if rng.random() < 0.25 else set()
        out.append(
            PledgedUnit(
                id=f"U-{i:05d}",
                contributor=str(rng.choice(_CONTRIBUTORS)),
                unit_type=unit_type,
                personnel=personnel,
                women=int(personnel * rng.uniform(0.0, 0.3)),
                readiness=_LEVELS[rng.choice(4, p=[0.3, 0.35, 0.25, 0.1])],
                earliest_deployment=AS_OF + timedelta(days=int(rng.integers(0, 241))),
                cost_usd=round(personnel * _RATE_USD_PER_PERSON_MONTH * rng.uniform(0.9, 1.3), 2),
                caveat_sectors=frozenset(sector_caveat),
                caveat_tasks=frozenset(task_caveat),
                approvals_missing=("parliament",) if rng.random() < 0.10 else (),
                host_acceptable=bool(rng.random() >= 0.01),
            )
        )
    return out


def _requirements(rng: np.random.Generator, n: int) -> list[Requirement]:
    names = list(_TYPES)
    shares = np.array([_TYPES[t][2] for t in names])
    kinds = rng.choice(len(names), size=n, p=shares / shares.sum())
    out = []
    for i in range(n):
        unit_type = names[kinds[i]]
        big = _TYPES[unit_type][0] >= 800
        tasks = rng.choice(_TASKS, size=int(rng.integers(1, 3)), replace=False)
        out.append(
            Requirement(
                id=f"req-{i:04d}",
                unit_type=unit_type,
                quantity=int(rng.integers(1, 3 if big else 5)),
                sector=str(rng.choice(_SECTORS)),
                needed_by=AS_OF + timedelta(days=int(rng.integers(60, 421))),
                personnel_per_unit=_TYPES[unit_type][0],
                tasks=frozenset(str(t) for t in tasks),
                min_readiness=_LEVELS[rng.choice(3, p=[0.4, 0.4, 0.2])],
                priority=int(rng.integers(1, 6)),
                category=_CATEGORY.get(unit_type, "troops"),
            )
        )
    return out


def generate_problem(n_units: int, n_requirements: int, seed: int = 0) -> SourcingProblem:
    """A random but reproducible problem of the given size (see the module doc for its shape)."""
    rng = np.random.default_rng(seed)
    units = _units(rng, n_units)
    reqs = _requirements(rng, n_requirements)
    pledged: dict[str, int] = {}
    for u in units:
        pledged[u.contributor] = pledged.get(u.contributor, 0) + u.personnel
    caps = tuple(
        ContributorCap(c, max_personnel=int(CAP_SHARE * p)) for c, p in sorted(pledged.items())
    )
    asked: dict[str, int] = {}
    for r in reqs:
        asked[r.category] = asked.get(r.category, 0) + r.quantity * r.personnel_per_unit
    params = default_parameters()
    excluded = rng.choice(_CONTRIBUTORS, size=3, replace=False)
    problem = SourcingProblem(
        as_of=AS_OF,
        units=tuple(units),
        requirements=tuple(reqs),
        deploy_times=params.deploy_times,
        compatibility=dict(DEFAULT_COMPATIBILITY),
        caps=caps,
        host_exclusions=frozenset((str(c), str(rng.choice(_SECTORS))) for c in excluded),
        ceilings={cat: int(0.8 * p) for cat, p in sorted(asked.items())},
        women_targets=dict(params.women_targets),
        contributors=tuple(_CONTRIBUTORS),
    )
    return _loosen_sparse(problem, min(100, n_units // 50))


def _loosen_sparse(problem: SourcingProblem, floor: int) -> SourcingProblem:
    for _ in range(3):
        _, pair_r = eligible_pairs(problem)
        counts = np.bincount(pair_r, minlength=len(problem.requirements))
        sparse = set(np.flatnonzero(counts < floor).tolist())
        if not sparse:
            break
        reqs = tuple(
            replace(r, min_readiness=Readiness.L1, needed_by=r.needed_by + timedelta(days=90))
            if i in sparse
            else r
            for i, r in enumerate(problem.requirements)
        )
        problem = replace(problem, requirements=reqs)
    return problem
