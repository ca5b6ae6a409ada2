"""API schemas for humanitarian access. Structure is checked here (strict: unknown fields are
refused); geometry, areas and windows are checked by ``validate`` so that every door gives the
same codes (invalid_geometry, self_intersection, outside_area, swapped_coordinates,
route_too_short, upload_too_large, end_before_start)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

from contingent.core.access.model import (
    LegalBasis,
    MovementPurpose,
    Outcome,
    SiteCategory,
    SiteRelation,
    SiteStatus,
)

GeoJSON = dict[str, Any]


def storable_text(value: Any) -> bool:
    """PostgreSQL text cannot hold NUL, and UTF-8 cannot encode a lone surrogate: such input is
    refused at the edge (422) instead of failing in the database (500)."""
    if isinstance(value, str):
        return "\x00" not in value and not any("\ud800" <= ch <= "\udfff" for ch in value)
    if isinstance(value, dict):
        return all(storable_text(k) and storable_text(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(storable_text(v) for v in value)
    return True


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        if not storable_text(data):
            raise ValueError("text may not contain NUL characters or unpaired surrogates")
        return data


class SiteIn(Strict):
    key: str | None = Field(
        default=None, description="an existing notification: this is a new version of it"
    )
    name: str
    name_ar: str | None = None
    category: SiteCategory
    legal_basis: LegalBasis | None = Field(
        default=None, description="default: from the category (access.md §1.4)"
    )
    humanitarian_function: str
    relation: SiteRelation = SiteRelation.OPERATES
    point: GeoJSON = Field(description="GeoJSON Point, [lon, lat] (RFC 7946)")
    footprint: GeoJSON | None = Field(default=None, description="GeoJSON Polygon")
    buffer_m: float = 100.0
    valid_from: datetime
    valid_to: datetime | None = None
    last_reconfirmed_at: datetime | None = None
    status: SiteStatus = SiteStatus.ACTIVE
    withdrawal_reason: str | None = None
    source_ref: str | None = None


class CheckpointIn(Strict):
    checkpoint_id: str
    point: GeoJSON
    at: datetime


class MovementIn(Strict):
    key: str | None = None
    operation: str | None = None
    purpose: MovementPurpose
    is_emergency: bool = False
    route: GeoJSON = Field(description="GeoJSON LineString, at least two distinct points")
    origin: GeoJSON | None = None
    destination: GeoJSON | None = None
    waypoints: list[GeoJSON] = []
    checkpoints: list[CheckpointIn] = []
    window_start: datetime
    window_end: datetime
    vehicles: list[str] = []
    personnel_count: int = 0
    route_buffer_m: float = 50.0


class ConflictOut(Schema):
    id: int | None = None
    kind: str
    severity: str
    a: dict[str, Any]
    b: dict[str, Any]
    distance_m: float
    overlap_start: datetime
    overlap_end: datetime
    detail: str = ""


class NotifyOut(Schema):
    key: str
    version: int
    kind: str
    sha256: str
    received_at: datetime
    late: bool
    lead_required_h: float | None
    lead_actual_h: float | None
    receipt_url: str
    conflicts: list[dict[str, Any]]
    notice: str = "A notification informs; it is not a request for permission. An acknowledgement is not an approval."


class AcknowledgeIn(Strict):
    recipient: str | None = None
    reference: str = ""


class CoordinationIn(Strict):
    movement: str


class OutcomeIn(Strict):
    outcome: Outcome
    outcome_at: datetime | None = None
    hours_waiting: float | None = None
    reason: str = ""


class AreaIn(Strict):
    key: str
    name: str
    area: GeoJSON = Field(description="GeoJSON Polygon")
    window_start: datetime
    window_end: datetime
    buffer_m: float = 0.0


class CorridorIn(Strict):
    key: str
    name: str
    geom: GeoJSON = Field(description="GeoJSON LineString (with width_m) or Polygon")
    width_m: float = 100.0
    open_windows: list[tuple[datetime, datetime]] = []


class LeadTimeRuleIn(Strict):
    operation: str
    standard_h: float = Field(ge=0, le=720)
    emergency_h: float = Field(ge=0, le=720)
    source: str = Field(min_length=1, description="where the rule comes from (URL or document)")
    effective_from: datetime | None = None
