"""Strict schema of a scenario file (TOML). Validation happens here, at the edge.

Unknown keys are refused (a typo must not silently drop a fact); dates are ISO ``YYYY-MM-DD``
(native TOML dates or strings); counts are non-negative integers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ..forcegen.catalogue import country, unit_types
from ..forcegen.enums import (
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
    ReadinessLevel,
    RoeStatus,
    StanceLevel,
    VisitKind,
    VisitResult,
)


def _as_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "malformed_date", "not a date in YYYY-MM-DD form: '{value}'", {"value": value}
            ) from None
    raise PydanticCustomError(
        "malformed_date", "expected a date, got {kind}", {"kind": type(value).__name__}
    )


def _country(value: Any) -> Any:
    if not isinstance(value, str) or country(value) is None:
        raise PydanticCustomError(
            "unknown_country",
            "unknown country code '{value}' (ISO 3166-1 alpha-3, or XKX for Kosovo)",
            {"value": value},
        )
    return value


def _unit_type(value: Any) -> Any:
    if not isinstance(value, str) or value not in unit_types():
        raise PydanticCustomError(
            "unknown_unit_type", "unknown unit type '{value}'", {"value": value}
        )
    return value


Day = Annotated[date, BeforeValidator(_as_date)]
CountryCode = Annotated[str, BeforeValidator(_country)]
UnitTypeKey = Annotated[str, BeforeValidator(_unit_type)]
Count = Annotated[int, Field(ge=0, strict=True)]
Key = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:-]+$")]


def _end_after_start(start: date | None, end: date | None, what: str) -> None:
    if start is not None and end is not None and end < start:
        raise PydanticCustomError(
            "end_before_start",
            "{what} ends ({end}) before it starts ({start})",
            {"what": what, "end": str(end), "start": str(start)},
        )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceIn(Strict):
    ref: str = Field(min_length=1)
    tag: str = ""
    published_on: Day | None = None
    note: str = ""


class ResolutionIn(Strict):
    symbol: str = Field(min_length=1)
    adopted_on: Day
    votes_for: Count
    votes_against: Count
    abstentions: Count
    abstaining: list[CountryCode] = []
    expires_on: Day | None = None
    renewal_conditions: str = ""
    sources: list[SourceIn] = []

    @model_validator(mode="after")
    def _dates(self) -> ResolutionIn:
        _end_after_start(self.adopted_on, self.expires_on, "the authorization")
        return self


class CeilingIn(Strict):
    category: PersonnelCategory
    maximum: Count
    note: str = ""
    sources: list[SourceIn] = []


class MandateIn(Strict):
    tasks: list[Key]
    valid_from: Day
    valid_to: Day | None = None
    ceilings: list[CeilingIn] = []
    sources: list[SourceIn] = []

    @model_validator(mode="after")
    def _dates(self) -> MandateIn:
        _end_after_start(self.valid_from, self.valid_to, "the mandate")
        return self


class BenchmarkIn(Strict):
    key: Key
    description: str
    assessed_by: str  # required: an empty string states openly that no body is named
    status: BenchmarkStatus = BenchmarkStatus.NOT_STARTED
    sources: list[SourceIn] = []


class SourcingIn(Strict):
    """The operation's own sourcing parameters (days from earliest deployment to arrival)."""

    deploy_days: dict[ReadinessLevel, Count]
    source: str = Field(min_length=1)
    illustrative: bool


class OperationIn(Strict):
    key: Key
    name: str
    framework: Framework
    host: str
    resolution: ResolutionIn
    mandate: MandateIn
    benchmarks: list[BenchmarkIn] = []
    host_agreement: HostAgreementStatus = HostAgreementStatus.NONE
    roe: RoeStatus = RoeStatus.NOT_AGREED
    command: CommandArrangement = CommandArrangement.UNSET
    funding_secured_usd: Count = 0
    funding_required_usd: Count | None = None
    starting_sector: str = ""
    sectors: dict[str, str] = {}
    sourcing: SourcingIn | None = None
    notes: list[str] = []
    sources: list[SourceIn] = []


class ContributorIn(Strict):
    code: CountryCode
    name: str = ""
    parliament_approval_required: bool = False
    sources: list[SourceIn] = []


class ConditionIn(Strict):
    text: str = Field(min_length=1)
    gate: str = ""
    met: bool = False


class StatementIn(Strict):
    contributor: CountryCode
    level: StanceLevel
    stated_on: Day
    speaker: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    conditions: list[ConditionIn] = []
    open_questions: list[str] = []
    personnel_mentioned: Count | None = None
    sources: list[SourceIn] = Field(min_length=1)  # a stance without a source is a rumour


class CaveatIn(Strict):
    kind: CaveatKind
    text: str
    sectors: list[str] = []
    tasks: list[str] = []
    classification: Classification = Classification.CONFIDENTIAL
    sources: list[SourceIn] = []


class ApprovalIn(Strict):
    body: ApprovalBody
    status: ApprovalStatus
    decided_on: Day | None = None
    sources: list[SourceIn] = []


class VisitIn(Strict):
    kind: VisitKind
    result: VisitResult
    conducted_on: Day


class PledgeIn(Strict):
    key: Key
    contributor: CountryCode
    unit_type: UnitTypeKey
    personnel: Count
    women: Count = 0
    readiness: ReadinessLevel = ReadinessLevel.NONE
    earliest_deployment: Day
    caveats: list[CaveatIn] = []
    approvals: list[ApprovalIn] = []
    visits: list[VisitIn] = []
    documents: list[str] = []
    agreements: list[AgreementKind] = []
    host_accepted: bool | None = None
    illustrative: bool
    classification: Classification = Classification.RESTRICTED
    sources: list[SourceIn] = []

    @model_validator(mode="after")
    def _women(self) -> PledgeIn:
        if self.women > self.personnel:
            raise PydanticCustomError(
                "invalid_input",
                "women ({w}) exceed personnel ({p})",
                {"w": self.women, "p": self.personnel},
            )
        return self


class RequirementIn(Strict):
    key: Key
    unit_type: UnitTypeKey
    quantity: Count
    personnel_per_unit: Count
    sector: str
    needed_by: Day
    min_readiness: ReadinessLevel = ReadinessLevel.L2
    tasks: list[Key] = []
    priority: Annotated[int, Field(ge=1, le=9, strict=True)] = 1
    illustrative: bool
    sources: list[SourceIn] = []


class CaseIn(Strict):
    requirement: Key
    pledge: Key
    stage: CaseStage
    since: Day
    illustrative: bool


class ScenarioMeta(Strict):
    key: Key
    title: str
    as_of: Day
    notes: list[str] = []


class ScenarioIn(Strict):
    scenario: ScenarioMeta
    operation: OperationIn
    contributors: list[ContributorIn]
    statements: list[StatementIn] = []
    pledges: list[PledgeIn] = []
    requirements: list[RequirementIn] = []
    cases: list[CaseIn] = []
