"""Input types of the sourcing plan: pledged units, requirements and the problem that joins them.

All inputs are frozen dataclasses; dates are calendar dates (``datetime.date``), which carry no
time zone hazard. Counts are whole numbers (``personnel``, ``quantity``); money is ``cost_usd``
per month. Figures that come from outside (deployment times, women targets) travel with their
source note (``DeployTimes.source``), loaded from ``data/sourcing_parameters.json``.

A problem is checked by ``validate.validate_problem`` (coded ``ValidationError``), never by the
solver: an invalid problem raises, a valid but empty or unfillable one returns a status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Readiness(StrEnum):
    """PCRS level of a pledge, an enum, never an integer (naming trap, domain.md §1)."""

    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    RDL = "RDL"

    @property
    def rank(self) -> int:
        return _READINESS_RANK[self]


_READINESS_RANK = {Readiness.L1: 1, Readiness.L2: 2, Readiness.L3: 3, Readiness.RDL: 4}

#: Unit types known to the default catalogue (domain.md §3). A problem may bring its own.
DEFAULT_UNIT_TYPES: tuple[str, ...] = (
    "infantry_battalion",
    "mechanized_infantry_battalion",
    "infantry_company",
    "qrf_company",
    "fpu",
    "engineer_company",
    "signals_company",
    "transport_company",
    "level1_medical",
    "level2_hospital",
    "level3_hospital",
    "helicopter_unit",
    "staff_officers",
    "military_observers",
)

#: Which unit types may fill a requirement of a given type (besides the type itself).
#: Illustrative planning convention, not a UN rule: a mechanized battalion can do an infantry
#: battalion's job, a higher-level hospital covers a lower-level one.
DEFAULT_COMPATIBILITY: Mapping[str, tuple[str, ...]] = {
    "infantry_battalion": ("infantry_battalion", "mechanized_infantry_battalion"),
    "infantry_company": ("infantry_company", "qrf_company"),
    "level1_medical": ("level1_medical", "level2_hospital"),
    "level2_hospital": ("level2_hospital", "level3_hospital"),
}


@dataclass(frozen=True)
class PledgedUnit:
    """One unit a contributor has pledged.

    ``caveat_sectors`` and ``caveat_tasks`` are the contributor's declared national caveats for
    this unit; ``approvals_missing`` names national approvals not yet recorded ("parliament").
    ``host_acceptable`` False means the host has refused this unit everywhere.
    """

    id: str
    contributor: str
    unit_type: str
    personnel: int
    women: int
    readiness: Readiness
    earliest_deployment: date
    cost_usd: float = 0.0
    caveat_sectors: frozenset[str] = frozenset()
    caveat_tasks: frozenset[str] = frozenset()
    approvals_missing: tuple[str, ...] = ()
    host_acceptable: bool = True


@dataclass(frozen=True)
class Requirement:
    """A need from the force requirement: ``quantity`` whole units of ``unit_type``.

    ``priority`` is a positive integer, larger is more important. ``mandatory`` requirements
    must be filled completely or the plan is INFEASIBLE (the default is best effort).
    ``category`` names the mandate ceiling line the personnel count against.
    """

    id: str
    unit_type: str
    quantity: int
    sector: str
    needed_by: date
    personnel_per_unit: int = 0
    tasks: frozenset[str] = frozenset()
    min_readiness: Readiness = Readiness.L1
    priority: int = 1
    category: str = "troops"
    mandatory: bool = False


@dataclass(frozen=True)
class ContributorCap:
    """Balance cap on one contributor's share of the plan (personnel and/or whole units)."""

    contributor: str
    max_personnel: int | None = None
    max_units: int | None = None


@dataclass(frozen=True)
class DeployTimes:
    """Days from a UN request to arrival, per readiness level, with where the figures come from."""

    days_by_level: Mapping[Readiness, int]
    source: str = ""

    def days(self, level: Readiness) -> int:
        return int(self.days_by_level[level])


@dataclass(frozen=True)
class ObjectiveWeights:
    """Whole points per assignment for the secondary goals; coverage sits above them (model.py).

    Each goal's score in [0, 1] is turned into whole points (``round(points * score)``); the
    three are added (not lexicographic among themselves): earliness weighs most, then the women's
    share, then cost. ``earliness_horizon_days`` is the arrival delay at which earliness is 0.
    """

    earliness_points: int = 12
    women_points: int = 4
    cost_points: int = 4
    earliness_horizon_days: int = 365
    #: Bonus for keeping a pair of ``SourcingProblem.incumbent`` (what-if stability).
    stability_points: int = 1

    @property
    def max_points(self) -> int:
        return self.earliness_points + self.women_points + self.cost_points + self.stability_points


@dataclass(frozen=True)
class SourcingProblem:
    """Everything the plan needs. ``as_of`` is today's date for the planner.

    ``host_exclusions`` holds (contributor, sector) pairs the host will not accept;
    ``ceilings`` maps a personnel category to the mandate ceiling; ``women_targets`` maps a
    category to a target share in [0, 1]; ``rulebook_min_readiness`` is the rulebook's floor
    (PCRS: Level 2+ for new selections [S6]); ``contributors`` lists contributors known to the
    operation that may have no pledge yet (what-if scenarios may name them); ``incumbent``
    holds (unit id, requirement id) pairs of a plan to keep where it costs nothing: each earns
    ``weights.stability_points``, so a what-if moves a unit only for a real gain.
    """

    as_of: date
    units: tuple[PledgedUnit, ...]
    requirements: tuple[Requirement, ...]
    deploy_times: DeployTimes
    compatibility: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_COMPATIBILITY)
    )
    caps: tuple[ContributorCap, ...] = ()
    host_exclusions: frozenset[tuple[str, str]] = frozenset()
    ceilings: Mapping[str, int] = field(default_factory=dict)
    women_targets: Mapping[str, float] = field(default_factory=dict)
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)
    rulebook_min_readiness: Readiness = Readiness.L1
    unit_types: tuple[str, ...] = DEFAULT_UNIT_TYPES
    contributors: tuple[str, ...] = ()
    incumbent: frozenset[tuple[str, str]] = frozenset()

    def fillers_of(self, requirement_type: str) -> tuple[str, ...]:
        """Unit types that may fill a requirement of ``requirement_type``."""
        return tuple(self.compatibility.get(requirement_type, (requirement_type,)))

    def known_contributors(self) -> frozenset[str]:
        return (
            frozenset(self.contributors)
            | {u.contributor for u in self.units}
            | {c.contributor for c in self.caps}
        )
