"""Coordination requests: the permission-like regime, a separate object with an outcome
(OCHA oPt buckets, access.md §1.3), hours waiting and the reason."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from contingent.core.access.model import Outcome
from contingent.core.canonical import iso_utc
from contingent.core.errors import ErrorCode, NotFound, ValidationError
from contingent.web.core import ledger

from .. import models as db
from ..validate import enum_in, moment_in, number_in, text_in


def _payload(r: db.CoordinationRequest) -> dict[str, Any]:
    return {
        "key": r.key,
        "organisation": r.organisation.key,
        "movement": r.movement.key,
        "requested_at": iso_utc(r.requested_at),
        "outcome": r.outcome or None,
        "outcome_at": iso_utc(r.outcome_at) if r.outcome_at else None,
        "hours_waiting": r.hours_waiting,
        "reason": r.reason,
        "illustrative": r.illustrative,
    }


@transaction.atomic
def do_request_coordination(
    organisation: Any, movement: db.Notification, *, actor: str, illustrative: bool = False
) -> db.CoordinationRequest:
    r = db.CoordinationRequest.objects.create(
        key=f"coord-{secrets.token_hex(5)}",
        organisation=organisation,
        movement=movement,
        requested_at=timezone.now(),
        requested_by=actor,
        illustrative=illustrative,
    )
    ledger.append(
        actor=actor,
        action="coordination.requested",
        object_type="coordination_request",
        object_id=r.key,
        payload=_payload(r),
    )
    return r


def check_request_coordination(
    organisation: Any, movement_key: str, *, actor: str
) -> db.CoordinationRequest:
    movement = db.Notification.objects.filter(
        key=movement_key, kind="movement", organisation=organisation
    ).first()
    if movement is None:
        raise NotFound("no such movement of your organisation", fields={"movement": movement_key})
    return do_request_coordination(organisation, movement, actor=actor)


@transaction.atomic
def do_record_outcome(
    r: db.CoordinationRequest,
    outcome: Outcome,
    *,
    hours_waiting: float | None,
    reason: str,
    at: Any,
    actor: str,
) -> db.CoordinationRequest:
    r.outcome, r.outcome_at, r.hours_waiting, r.reason = outcome.value, at, hours_waiting, reason
    r.outcome_recorded_by = actor
    r.save(
        update_fields=["outcome", "outcome_at", "hours_waiting", "reason", "outcome_recorded_by"]
    )
    ledger.append(
        actor=actor,
        action="coordination.outcome",
        object_type="coordination_request",
        object_id=r.key,
        payload=_payload(r),
    )
    return r


def check_record_outcome(
    r: db.CoordinationRequest, data: dict[str, Any], *, actor: str
) -> db.CoordinationRequest:
    outcome = Outcome(enum_in(Outcome, data.get("outcome"), "outcome"))
    at = (
        moment_in(data.get("outcome_at"), "outcome_at")
        if data.get("outcome_at")
        else timezone.now()
    )
    if at < r.requested_at:
        raise ValidationError(
            "the outcome is before the request",
            code=ErrorCode.END_BEFORE_START,
            fields={"outcome_at": "before requested_at"},
        )
    hours = data.get("hours_waiting")
    hours_waiting = (
        number_in(hours, "hours_waiting", default=0.0, hi=24 * 365)
        if hours not in (None, "")
        else None
    )
    reason = text_in(data.get("reason"), "reason", required=outcome is not Outcome.FACILITATED)
    return do_record_outcome(
        r, outcome, hours_waiting=hours_waiting, reason=reason, at=at, actor=actor
    )
