"""Pledges: recording, readiness transitions and the facts the gates read."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.db import transaction

from contingent.core.errors import ErrorCode, ValidationError
from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.rulebook import require, rulebook_for
from contingent.core.forcegen.summary import gate_context
from contingent.web.core import ledger

from .. import convert
from .. import models as db
from .common import _pledge_row, _snapshot, _today


@transaction.atomic
def do_record_pledge(
    op: db.Operation, contributor: db.Contributor, p: m.Pledge, *, actor: str
) -> db.Pledge:
    if op.pledges.filter(key=p.key).exists():
        raise ValidationError(
            f"pledge {p.key!r} already exists",
            code=ErrorCode.DUPLICATE_KEY,
            fields={"key": "already exists"},
        )
    fields = convert.pledge_fields(p)
    row = db.Pledge.objects.create(operation=op, key=p.key, contributor=contributor, **fields)
    ledger.append(
        actor=actor,
        action="pledge.recorded",
        object_type="pledge",
        object_id=f"{op.key}/{p.key}",
        payload=fields | {"key": p.key},
        classification=p.classification.value,
    )
    return row


@transaction.atomic
def do_update_pledge(row: db.Pledge, new: m.Pledge, *, actor: str, action: str) -> db.Pledge:
    fields = convert.pledge_fields(new)
    for k, v in fields.items():
        setattr(row, k, v)
    row.save()
    ledger.append(
        actor=actor,
        action=action,
        object_type="pledge",
        object_id=f"{row.operation.key}/{row.key}",
        payload=fields | {"key": row.key},
        classification=new.classification.value,
    )
    return row


@transaction.atomic
def check_transition_pledge(
    op: db.Operation, key: str, target: e.ReadinessLevel, *, actor: str, day: date | None = None
) -> db.Pledge:
    """Move a pledge between readiness levels; refused with one reason per unmet condition.
    The pledge is locked from the gate check to the write, so the gates judge what is stored."""
    row = _pledge_row(op, key, for_update=True)
    snap = _snapshot(op)
    pledge = convert.pledge_from_row(row)
    ctx = gate_context(snap, _today(op, day), pledge.contributor, pledge=pledge)
    require(
        rulebook_for(snap.operation.framework), "pledge", pledge.readiness.value, target.value, ctx
    )
    return do_update_pledge(
        row,
        dataclasses.replace(pledge, readiness=target),
        actor=actor,
        action="pledge.transitioned",
    )


@transaction.atomic
def check_record_pledge_fact(
    op: db.Operation,
    key: str,
    *,
    actor: str,
    visit: m.Visit | None = None,
    approval: m.Approval | None = None,
    agreement: e.AgreementKind | None = None,
    document: str | None = None,
    host_accepted: bool | None = None,
) -> db.Pledge:
    """Record a fact the gates read: a visit, a national approval, an agreement, a document.
    Every field is written back, so the pledge is locked from the read: two facts recorded at
    once must both be kept."""
    row = _pledge_row(op, key, for_update=True)
    p = convert.pledge_from_row(row)
    if visit is not None:
        p = dataclasses.replace(p, visits=p.visits + (visit,))
    if approval is not None:
        others = tuple(a for a in p.approvals if a.body != approval.body)
        p = dataclasses.replace(p, approvals=others + (approval,))
    if agreement is not None:
        p = dataclasses.replace(p, agreements=p.agreements | {agreement})
    if document is not None:
        if not document.strip():
            raise ValidationError("document name is empty", fields={"document": "required"})
        p = dataclasses.replace(p, documents=p.documents | {document.strip()})
    if host_accepted is not None:
        p = dataclasses.replace(p, host_accepted=host_accepted)
    return do_update_pledge(row, p, actor=actor, action="pledge.fact_recorded")
