"""Delivery to the force: each recipient's handling of each version, step by step.

Steps: ``sent`` (at intake, to every active recipient), ``delivered`` (shown to the recipient:
its page or its API listing), ``consumed`` (pulled through the API by an operational system —
the WCK lesson, access.md §0.4), ``acknowledged`` (the recipient says it has it). Each step is
recorded once per recipient and version (the first time); an acknowledgement is not an approval.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from contingent.core.errors import ErrorCode, ValidationError
from contingent.web.core import ledger

from .. import models as db
from ..schemas import storable_text


def _record_one(
    v: db.NotificationVersion,
    recipient: db.Recipient,
    event: str,
    actor: str,
    channel: str,
    reference: str,
) -> db.DeliveryEvent | None:
    if db.DeliveryEvent.objects.filter(version=v, recipient=recipient, event=event).exists():
        return None
    try:
        with transaction.atomic():
            row = db.DeliveryEvent.objects.create(
                version=v,
                recipient=recipient,
                event=event,
                at=timezone.now(),
                actor=actor,
                channel=channel,
                reference=reference[:200],
            )
    except IntegrityError:  # a concurrent request recorded the same step first: keep theirs
        return None
    ledger.append(
        actor=actor,
        action=f"delivery.{event}",
        object_type="notification_version",
        object_id=v.ref,
        payload={
            "version": v.ref,
            "sha256": v.payload_sha256,
            "recipient": recipient.key,
            "channel": channel,
            "reference": reference,
            "at": row.at,
        },
    )
    return row


@transaction.atomic
def do_record_delivery(
    versions: Iterable[db.NotificationVersion],
    recipient: db.Recipient,
    event: str,
    *,
    actor: str,
    channel: str = "portal",
    reference: str = "",
) -> list[db.DeliveryEvent]:
    """Record ``event`` for each version (idempotent per recipient, version and step)."""
    if event not in db.DeliveryEvent.EVENTS:
        raise ValidationError(
            "unknown delivery step", code=ErrorCode.INVALID_INPUT, fields={"event": event}
        )
    out = []
    for v in versions:
        row = _record_one(v, recipient, event, actor, channel, reference)
        if row is not None:
            out.append(row)
    return out


@transaction.atomic
def record_pull(
    versions: list[db.NotificationVersion], recipient: db.Recipient, *, actor: str
) -> None:
    """An operational system pulled these versions through the API: delivered and consumed,
    both or neither."""
    do_record_delivery(versions, recipient, db.DeliveryEvent.DELIVERED, actor=actor, channel="api")
    do_record_delivery(versions, recipient, db.DeliveryEvent.CONSUMED, actor=actor, channel="api")


@transaction.atomic
def do_acknowledge(
    v: db.NotificationVersion, recipient: db.Recipient, *, actor: str, reference: str = ""
) -> None:
    """The recipient says it has ``v`` (page or API): delivered, if not yet, and acknowledged,
    both or neither. An acknowledgement is not an approval."""
    do_record_delivery([v], recipient, db.DeliveryEvent.DELIVERED, actor=actor)
    do_record_delivery(
        [v], recipient, db.DeliveryEvent.ACKNOWLEDGED, actor=actor, reference=reference
    )


def recipient_for(user: Any, key: str | None) -> db.Recipient:
    """The recipient an operations user acts for: ``key`` when given, else the only active one."""
    qs = db.Recipient.objects.filter(active=True)
    if key and not storable_text(key):
        key = "(unprintable)"  # never stored: answered as an unknown recipient below
    if key:
        r = qs.filter(key=key).first()
    else:
        r = qs.order_by("key").first() if qs.count() == 1 else None
    if r is None:
        raise ValidationError(
            "name the recipient you act for",
            code=ErrorCode.UNKNOWN_REFERENCE,
            fields={"recipient": key or "required"},
        )
    return r
