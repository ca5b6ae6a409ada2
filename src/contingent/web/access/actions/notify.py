"""Notify a static site or a movement: a new immutable version, its canonical JSON and SHA-256,
a ledger entry, a signed receipt, the lead-time flag, "sent" to every active recipient, and the
single deconfliction check with the conflicts it finds stored."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from contingent.core.access import receipts
from contingent.core.access.leadtime import LeadTimeAssessment, assess_lead_time
from contingent.core.access.model import Conflict, MovementNotification, SiteNotification
from contingent.core.access.single import check_notification
from contingent.core.canonical import canonical_json, sha256_hex
from contingent.core.errors import ErrorCode, Forbidden, NotFound, ValidationError
from contingent.web.core import ledger

from .. import convert, keys, plan
from .. import models as db
from ..schemas import storable_text
from ..validate import movement_fields, site_fields


@dataclass(frozen=True)
class NotifyResult:
    version: db.NotificationVersion
    conflicts: list[Conflict]
    lead_time: LeadTimeAssessment | None
    # The stored conflicts, in storage order (so a caller need not read them back).
    records: tuple[db.ConflictRecord, ...] = ()


def _head(
    kind: str,
    organisation: Any,
    key: str | None,
    operation: Any,
    illustrative: bool,
    new_key: str | None,
) -> db.Notification:
    if key:
        head = db.Notification.objects.select_for_update().filter(key=key).first()
        if head is None:
            raise NotFound(f"no notification {key!r}", fields={"key": "unknown"})
        if head.kind != kind or head.organisation_id != organisation.pk:
            # Same answer as "unknown": another organisation's keys are not confirmed to exist.
            raise NotFound(f"no notification {key!r}", fields={"key": "unknown"})
        return head
    return db.Notification.objects.create(
        key=new_key or f"{kind}-{secrets.token_hex(5)}",
        kind=kind,
        organisation=organisation,
        operation=operation,
        illustrative=illustrative,
        created_at=timezone.now(),
    )


def _lead_time(
    obj: MovementNotification, received_at: datetime, operation: Any
) -> LeadTimeAssessment:
    rule_row = None
    if operation is not None:
        rule_row = (
            db.LeadTimeRule.objects.filter(operation=operation, effective_from__lte=received_at)
            .exclude(effective_to__lte=received_at)
            .select_related("operation")
            .first()
        )
    return assess_lead_time(
        received_at, obj.window.start, obj.is_emergency, convert.lead_time_rule(rule_row)
    )


def store_conflicts(conflicts: list[Conflict], trigger: str) -> list[db.ConflictRecord]:
    now = timezone.now()
    return db.ConflictRecord.objects.bulk_create(
        [
            db.ConflictRecord(found_at=now, trigger=trigger[:120], **convert.conflict_fields(c))
            for c in conflicts
        ]
    )


@transaction.atomic
def do_store_conflicts(
    conflicts: list[Conflict], trigger: str, *, actor: str
) -> list[db.ConflictRecord]:
    """Store what a bulk run found, with one ledger entry over all of it. (A single check's
    conflicts are stored under the ledger entry of the change that found them.)"""
    rows = store_conflicts(conflicts, trigger)
    if rows:
        ledger.append(
            actor=actor,
            action="conflicts.stored",
            object_type="deconfliction",
            object_id=trigger[:120],
            payload=[convert.conflict_json(c) for c in conflicts],
        )
    return rows


def _send_to_recipients(v: db.NotificationVersion, actor: str) -> dict[str, Any] | None:
    """Record "sent" to every active recipient; returns the ledger entry to append (None when
    there is no recipient). The caller appends it with the change's own entry, under one lock."""
    recipients = list(db.Recipient.objects.filter(active=True).order_by("key"))
    db.DeliveryEvent.objects.bulk_create(
        [
            db.DeliveryEvent(
                version=v, recipient=r, event=db.DeliveryEvent.SENT, at=v.received_at, actor=actor
            )
            for r in recipients
        ]
    )
    if not recipients:
        return None
    return {
        "actor": actor,
        "action": "delivery.sent",
        "object_type": "notification_version",
        "object_id": v.ref,
        "payload": {
            "version": v.ref,
            "sha256": v.payload_sha256,
            "recipients": [r.key for r in recipients],
        },
    }


def _build(
    kind: str, key: str, version: int, org_key: str, fields: dict[str, Any]
) -> SiteNotification | MovementNotification:
    cls = SiteNotification if kind == db.Notification.KIND_SITE else MovementNotification
    return cls(id=key, version=version, organisation_id=org_key, **fields)  # type: ignore[arg-type]


def do_notify(
    kind: str,
    organisation: Any,
    fields: dict[str, Any],
    *,
    actor: str,
    key: str | None = None,
    new_key: str | None = None,
    operation: Any = None,
    illustrative: bool = False,
    check: bool = True,
    received_at: datetime | None = None,
    savepoint: bool = True,
) -> NotifyResult:
    """Store one new version of a validated notification (``fields`` from ``validate``: the
    core type's keyword arguments but id, version and organisation). ``key`` names an existing
    notification of ``organisation`` (a new version); ``new_key`` chooses the key of a new one.

    ``savepoint=False`` only for a caller that already runs this in its own atomic block and
    lets any error roll that whole block back (the API's idempotent create): it saves the
    SAVEPOINT / RELEASE round trips."""
    with transaction.atomic(savepoint=savepoint):
        head = _head(kind, organisation, key, operation, illustrative, new_key)
        # A notification created just now has no version yet: no need to ask.
        version = (head.versions.aggregate(n=Max("version"))["n"] or 0) + 1 if key else 1
        received_at = received_at or timezone.now()
        obj = _build(kind, head.key, version, organisation.key, fields)
        # Checked before the ledger append: the append locks the ledger head until commit, and
        # every other writer of every app waits for that lock.
        conflicts = check_notification(plan.index_for(obj), obj) if check else []
        payload = convert.core_payload(obj)
        canonical = canonical_json(payload)
        if not storable_text(payload):
            raise ValidationError(
                "text may not contain NUL characters or unpaired surrogates",
                code=ErrorCode.INVALID_INPUT,
                fields={"payload": "unstorable text"},
            )
        receipt = receipts.build_receipt(
            head.key, version, payload, received_at, keys.signing_key()
        )
        lead = (
            _lead_time(obj, received_at, head.operation)
            if isinstance(obj, MovementNotification)
            else None
        )
        v = db.NotificationVersion.objects.create(
            notification=head,
            version=version,
            payload_canonical=canonical.decode("utf-8"),
            payload_sha256=sha256_hex(canonical),
            receipt_file=receipts.receipt_bytes(receipt).decode("utf-8"),
            received_at=received_at,
            submitted_by=actor,
            **_query_columns(obj),
            late=bool(lead and lead.late),
            lead_required_h=lead.required_h if lead else None,
            lead_actual_h=round(lead.actual_h, 3) if lead else None,
        )
        sent = _send_to_recipients(v, actor)
        records = store_conflicts(conflicts, f"notify {v.ref}")
        # Last, after every other write: the ledger lock is held from here to commit, and every
        # writer of every app waits for it. Same entries, same order as two separate appends.
        received = {
            "actor": actor,
            "action": "notification.received",
            "object_type": f"{kind}_notification",
            "object_id": v.ref,
            "payload": payload,
            "classification": "confidential",
            # The chain keeps the version's own SHA-256 (the one its signed receipt carries), so
            # the organisation can find its notification in the public chain; the payload holds
            # coordinates and times, so the hash cannot be confirmed by guessing.
            "plain_payload_hash": True,
        }
        ledger.append_many([received, sent] if sent else [received])
        return NotifyResult(v, conflicts, lead, tuple(records))


def _query_columns(obj: SiteNotification | MovementNotification) -> dict[str, Any]:
    if isinstance(obj, SiteNotification):
        return {
            "name": obj.name[:300],
            "status": obj.status.value,
            "adm2_pcode": obj.adm2_pcode or "",
        }
    return {
        "window_start": obj.window.start,
        "window_end": obj.window.end,
        "is_emergency": obj.is_emergency,
        "has_checkpoints": bool(obj.checkpoints),
    }


def _organisation_of(user: Any) -> Any:
    profile = getattr(user, "profile", None)
    org = getattr(profile, "organisation", None)
    if org is None:
        raise Forbidden("only a humanitarian officer bound to an organisation may notify")
    return org


def check_notify_site(
    user: Any,
    data: dict[str, Any],
    *,
    key: str | None = None,
    actor: str | None = None,
    savepoint: bool = True,
) -> NotifyResult:
    fields = site_fields(data)
    return do_notify(
        "site",
        _organisation_of(user),
        fields,
        actor=actor or f"user:{user.username}",
        key=key,
        savepoint=savepoint,
    )


def check_notify_movement(
    user: Any,
    data: dict[str, Any],
    *,
    key: str | None = None,
    actor: str | None = None,
    savepoint: bool = True,
) -> NotifyResult:
    fields = movement_fields(data)
    org = _organisation_of(user)
    from contingent.web.forcegen.models import Operation

    if op_key := data.get("operation"):
        operation = Operation.objects.filter(key=op_key).first()
        if operation is None:
            raise ValidationError(
                "unknown operation",
                code=ErrorCode.UNKNOWN_REFERENCE,
                fields={"operation": "unknown"},
            )
    else:  # no operation named: the first one loaded (the usual single-operation deployment)
        operation = Operation.objects.order_by("id").first()
    return do_notify(
        "movement",
        org,
        fields,
        actor=actor or f"user:{user.username}",
        key=key,
        operation=operation,
        savepoint=savepoint,
    )
