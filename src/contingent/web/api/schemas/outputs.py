"""API outputs and the error envelope. The OpenAPI document is generated from these classes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

# ------------------------------------------------------------------ errors


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str]
    reasons: list[dict[str, str]] | None = None


class ErrorOut(Schema):
    error: ErrorDetail


# ------------------------------------------------------------------ outputs


class SourceOut(Schema):
    ref: str
    tag: str = ""
    published_on: str | None = None
    note: str = ""


class GateOut(Schema):
    key: str
    title: str
    met: bool
    evidence: str
    code: str


class CompositionOut(Schema):
    unit_type: str
    requirements: list[str]
    required: int
    pledged: int
    committed: int
    illustrative: bool


class ContributorLineOut(Schema):
    code: str
    name: str
    stance: str | None
    stated_on: date | None
    pledged_personnel: int
    illustrative_pledges: int


class OperationOut(Schema):
    key: str
    name: str
    framework: str
    host: str
    resolution: str
    as_of: date
    mandate_from: date
    mandate_to: date | None
    starting_sector: str = Field(description="sector code (for Gaza, a governorate P-code)")
    sectors: dict[str, str] = Field(description="sector code -> name")
    gates: list[GateOut]
    gates_met: int
    gates_unmet: int
    composition: list[CompositionOut]
    contributors: list[ContributorLineOut]


class OperationListOut(Schema):
    key: str
    name: str
    framework: str
    resolution: str


class ContributorOut(Schema):
    code: str
    name: str
    m49: str
    parliament_approval_required: bool
    stance: str | None
    stated_on: date | None


class StatementOut(Schema):
    id: int
    contributor: str
    level: str
    stated_on: date
    speaker: str
    summary: str
    conditions: list[dict[str, Any]]
    open_questions: list[str]
    personnel_mentioned: int | None
    sources: list[SourceOut]


class PledgeOut(Schema):
    key: str
    contributor: str
    contributor_name: str
    unit_type: str
    personnel: int
    women: int
    readiness: str
    earliest_deployment: date
    category: str
    status: str
    classification: str
    illustrative: bool
    detail: Literal["full", "summary"]
    caveats: list[dict[str, Any]]
    approvals: list[dict[str, Any]] | None = None
    visits: list[dict[str, Any]] | None = None
    documents: list[str] | None = None
    agreements: list[str] | None = None
    host_accepted: bool | None = None
    sources: list[dict[str, Any]] = []


class RequirementOut(Schema):
    key: str
    unit_type: str
    quantity: int
    personnel_per_unit: int
    sector: str
    needed_by: date
    min_readiness: str
    category: str
    tasks: list[str]
    priority: int
    illustrative: bool


class CaseOut(Schema):
    pledge: str
    contributor: str
    requirement: str
    stage: str
    since: date
    illustrative: bool


class LedgerEntryOut(Schema):
    seq: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    classification: str
    payload_sha256: str
    prev_hash: str
    entry_hash: str
    actor_named: str | None = Field(
        None,
        description="for a pseudonymous entry (actor starts with ~), the actor's name: shown to "
        "planners and auditors only (not administrators), else null",
    )
    object_id_named: str | None = Field(
        None, description="the same for object_id: readers of everything only, else null"
    )


class LedgerVerifyOut(Schema):
    ok: bool
    count: int
    head_seq: int | None
    head_hash: str | None
    first_bad_seq: int | None
    problem: str | None
    message: str


class MeOut(Schema):
    username: str
    role: str | None
    contributor: str | None
    organisation: str | None


def page_of(item: type) -> type:
    """``{"items": [...], "count", "limit", "offset"}`` for a list of ``item``."""
    return type(
        f"{item.__name__}Page",
        (Schema,),
        {
            "__annotations__": {
                "items": list[item],  # type: ignore[valid-type]
                "count": int,
                "limit": int,
                "offset": int,
            }
        },
    )


__all__ = [
    "ErrorDetail",
    "ErrorOut",
    "SourceOut",
    "GateOut",
    "CompositionOut",
    "ContributorLineOut",
    "OperationOut",
    "OperationListOut",
    "ContributorOut",
    "StatementOut",
    "PledgeOut",
    "RequirementOut",
    "CaseOut",
    "LedgerEntryOut",
    "LedgerVerifyOut",
    "MeOut",
    "page_of",
]
