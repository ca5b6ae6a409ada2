"""API inputs. Strict: unknown fields refused, lengths and ranges bounded, enums by value, so bad
input is refused at the edge with a field-level error, before any write."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from contingent.core.forcegen import enums as e
from contingent.core.forcegen.catalogue import unit_types

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")]
# Days are bounded so a fuzzer's year 1 or 9999 is a field error, not an overflow deeper down.
Day = Annotated[date, Field(ge=date(1945, 1, 1), le=date(2100, 12, 31))]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------ inputs


class SourceIn(In):
    ref: ShortText
    tag: Annotated[str, StringConstraints(max_length=20)] = ""
    published_on: Day | None = None
    note: Annotated[str, StringConstraints(max_length=500)] = ""


class ConditionIn(In):
    text: ShortText
    gate: Annotated[str, StringConstraints(max_length=80)] = ""
    met: bool = False


class StatementIn(In):
    contributor: Code
    level: e.StanceLevel
    stated_on: Day
    speaker: ShortText
    summary: Text
    conditions: list[ConditionIn] = Field(default_factory=list, max_length=20)
    open_questions: list[ShortText] = Field(default_factory=list, max_length=20)
    personnel_mentioned: int | None = Field(default=None, ge=0, le=1_000_000)
    sources: list[SourceIn] = Field(min_length=1, max_length=20)  # provenance is required


class CaveatIn(In):
    kind: e.CaveatKind
    text: ShortText
    sectors: list[Annotated[str, StringConstraints(max_length=20)]] = Field(
        default_factory=list, max_length=50
    )
    tasks: list[Annotated[str, StringConstraints(max_length=80)]] = Field(
        default_factory=list, max_length=50
    )
    classification: e.Classification


class ApprovalIn(In):
    body: e.ApprovalBody
    status: e.ApprovalStatus
    decided_on: Day | None = None
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _decided_when_decided(self) -> ApprovalIn:
        if self.status != e.ApprovalStatus.REQUIRED and self.decided_on is None:
            raise ValueError("decided_on is required once an approval is obtained or refused")
        return self


class VisitIn(In):
    kind: e.VisitKind
    result: e.VisitResult
    conducted_on: Day


# The unit-type catalogue is data (core/forcegen/unit_types.json); listing it as an enum puts
# the valid values in the OpenAPI document.
UnitTypeKey = Literal.__getitem__(tuple(sorted(unit_types())))  # type: ignore[misc]

NEW_PLEDGE_LEVELS = (e.ReadinessLevel.NONE, e.ReadinessLevel.L1)


class PledgeIn(In):
    key: Key
    contributor: Code
    unit_type: UnitTypeKey
    personnel: int = Field(ge=1, le=100_000)
    women: int = Field(default=0, ge=0, le=100_000)
    readiness: Literal["none", "L1"] = Field(
        description="a new pledge enters at none or L1; higher levels are gate-checked transitions"
    )
    earliest_deployment: Day
    category: e.PersonnelCategory = e.PersonnelCategory.TROOPS
    caveats: list[CaveatIn] = Field(default_factory=list, max_length=20)
    approvals: list[ApprovalIn] = Field(default_factory=list, max_length=5)
    documents: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=20
    )
    classification: e.Classification
    illustrative: bool = False
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)

    @field_validator("women")
    @classmethod
    def _women_within_personnel(cls, v: int, info: Any) -> int:
        personnel = info.data.get("personnel")
        if personnel is not None and v > personnel:
            raise ValueError("more women than personnel")
        return v


class TransitionIn(In):
    target: e.ReadinessLevel


class FactIn(In):
    visit: VisitIn | None = None
    approval: ApprovalIn | None = None
    agreement: e.AgreementKind | None = None
    document: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
        | None
    ) = None
    host_accepted: bool | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> FactIn:
        if not self.kinds():
            raise ValueError("give at least one fact")
        return self

    def kinds(self) -> set[str]:
        return {
            k
            for k in ("visit", "approval", "agreement", "document", "host_accepted")
            if getattr(self, k) is not None
        }


class AdvanceIn(In):
    target: e.CaseStage
    requirement: Key | None = None


__all__ = [
    "Text",
    "ShortText",
    "Code",
    "Key",
    "Day",
    "In",
    "SourceIn",
    "ConditionIn",
    "StatementIn",
    "CaveatIn",
    "ApprovalIn",
    "VisitIn",
    "NEW_PLEDGE_LEVELS",
    "PledgeIn",
    "TransitionIn",
    "FactIn",
    "AdvanceIn",
]
