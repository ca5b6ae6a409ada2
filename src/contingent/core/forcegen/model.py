"""Force-generation domain types: plain, typed, immutable.

Every record that came from outside carries ``sources``; records that no public source gives
(unit-level pledges, requirements, dates in the demo) carry ``illustrative=True`` so that every
view can flag them. Dates are calendar dates (``date``); instants are aware UTC ``datetime``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .enums import (
    AgreementKind,
    ApprovalBody,
    ApprovalStatus,
    BenchmarkStatus,
    CaseStage,
    CaveatKind,
    Classification,
    CommandArrangement,
    Framework,
    HostAgreementStatus,
    PersonnelCategory,
    PledgeStatus,
    ReadinessLevel,
    RoeStatus,
    StanceLevel,
    VisitKind,
    VisitResult,
)


@dataclass(frozen=True)
class Source:
    """Where a fact came from: a URL or a document symbol, and the date it speaks of."""

    ref: str
    tag: str = ""  # the reference brief's tag, e.g. "G17"
    published_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class Resolution:
    symbol: str
    adopted_on: date
    votes_for: int
    votes_against: int
    abstentions: int
    expires_on: date | None
    abstaining: tuple[str, ...] = ()
    renewal_conditions: str = ""
    sources: tuple[Source, ...] = ()

    @property
    def vote(self) -> str:
        return f"{self.votes_for}–{self.votes_against}–{self.abstentions}"


@dataclass(frozen=True)
class Ceiling:
    category: PersonnelCategory
    maximum: int
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Mandate:
    tasks: tuple[str, ...]
    ceilings: tuple[Ceiling, ...]
    valid_from: date
    valid_to: date | None
    sources: tuple[Source, ...] = ()

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def ceiling_for(self, category: PersonnelCategory) -> int | None:
        for c in self.ceilings:
            if c.category == category:
                return c.maximum
        return None


@dataclass(frozen=True)
class Benchmark:
    key: str
    description: str
    assessed_by: str  # must be explicit: res. 2803 names no body that decides [G3]
    status: BenchmarkStatus = BenchmarkStatus.NOT_STARTED
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Operation:
    key: str
    name: str
    framework: Framework
    host: str
    resolution: Resolution
    mandate: Mandate
    benchmarks: tuple[Benchmark, ...] = ()
    host_agreement: HostAgreementStatus = HostAgreementStatus.NONE
    roe: RoeStatus = RoeStatus.NOT_AGREED
    command: CommandArrangement = CommandArrangement.UNSET
    funding_secured_usd: int = 0
    funding_required_usd: int | None = None  # None: no budget published (a GAP, not a zero)
    starting_sector: str = ""
    sources: tuple[Source, ...] = ()
    sectors: Mapping[str, str] = field(default_factory=dict)  # sector code (P-code) -> name
    # {"deploy_days": {"L1": 45, ...}, "source": "...", "illustrative": bool}; empty: defaults
    sourcing: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Contributor:
    """A contributing State or an entity outside ISO 3166 (Kosovo: XKX, no M49)."""

    code: str  # ISO 3166-1 alpha-3 or a recognised user-assigned code (XKX)
    name: str
    m49: str | None = None
    parliament_approval_required: bool = False
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Condition:
    """A condition a contributor stated for its participation (e.g. "mandate and ToR set")."""

    text: str
    gate: str = ""  # the operation-level gate it maps to, if any (e.g. "mandate_in_force")
    met: bool = False


@dataclass(frozen=True)
class Statement:
    """One public statement of a contributor's stance on an operation."""

    contributor: str
    level: StanceLevel
    stated_on: date
    speaker: str
    summary: str
    conditions: tuple[Condition, ...] = ()
    open_questions: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    personnel_mentioned: int | None = None


@dataclass(frozen=True)
class Caveat:
    kind: CaveatKind
    text: str
    sectors: tuple[str, ...] = ()  # sectors the unit will not serve in (geographic caveat)
    tasks: tuple[str, ...] = ()  # mandate tasks the unit will not perform (task caveat)
    classification: Classification = Classification.CONFIDENTIAL


@dataclass(frozen=True)
class Approval:
    body: ApprovalBody
    status: ApprovalStatus
    decided_on: date | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Visit:
    kind: VisitKind
    result: VisitResult
    conducted_on: date


@dataclass(frozen=True)
class Pledge:
    key: str
    contributor: str
    unit_type: str
    personnel: int
    women: int
    readiness: ReadinessLevel
    earliest_deployment: date
    category: PersonnelCategory = PersonnelCategory.TROOPS
    caveats: tuple[Caveat, ...] = ()
    approvals: tuple[Approval, ...] = ()
    visits: tuple[Visit, ...] = ()
    documents: frozenset[str] = frozenset()  # e.g. note_verbale, table_of_organization
    agreements: frozenset[AgreementKind] = frozenset()
    host_accepted: bool | None = None  # None: host not yet asked
    status: PledgeStatus = PledgeStatus.ACTIVE
    illustrative: bool = False
    classification: Classification = Classification.RESTRICTED
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Requirement:
    key: str
    unit_type: str
    quantity: int
    personnel_per_unit: int
    sector: str
    needed_by: date
    min_readiness: ReadinessLevel
    category: PersonnelCategory = PersonnelCategory.TROOPS
    tasks: tuple[str, ...] = ()
    priority: int = 1  # 1 is highest
    illustrative: bool = False
    sources: tuple[Source, ...] = ()

    @property
    def personnel(self) -> int:
        return self.quantity * self.personnel_per_unit


@dataclass(frozen=True)
class DeploymentCase:
    """One pledged unit moving towards deployment against one requirement."""

    requirement: str
    pledge: str
    stage: CaseStage
    since: date
    illustrative: bool = False


@dataclass(frozen=True)
class Scenario:
    """Everything the demo or an import brings in at once."""

    operation: Operation
    contributors: tuple[Contributor, ...]
    statements: tuple[Statement, ...]
    pledges: tuple[Pledge, ...]
    requirements: tuple[Requirement, ...]
    cases: tuple[DeploymentCase, ...] = ()
    as_of: date | None = None
    notes: tuple[str, ...] = field(default=())
