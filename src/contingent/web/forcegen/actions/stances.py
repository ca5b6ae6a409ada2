"""Stance statements: recorded as facts; moving to offered or committed passes the gates."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.rulebook import require, rulebook_for
from contingent.core.forcegen.summary import gate_context
from contingent.web.core import ledger

from .. import convert
from .. import models as db
from .common import _contributor, _snapshot, _today


@transaction.atomic
def do_record_statement(
    op: db.Operation, contributor: db.Contributor, st: m.Statement, *, actor: str
) -> db.Statement:
    fields = convert.statement_fields(st)
    row = db.Statement.objects.create(operation=op, contributor=contributor, **fields)
    ledger.append(
        actor=actor,
        action="stance.recorded",
        object_type="statement",
        object_id=f"{op.key}/{contributor.code}/{row.pk}",
        payload=fields | {"contributor": contributor.code},
        classification="public",
    )
    return row


def check_record_statement(
    op: db.Operation, st: m.Statement, *, actor: str, day: date | None = None
) -> db.Statement:
    """Record a stance statement; moving to *offered* or *committed* must pass the gates."""
    contributor = _contributor(st.contributor)
    snap = _snapshot(op)
    ctx = gate_context(snap, _today(op, day), contributor.code)
    last = max(ctx.statements, key=lambda x: x.stated_on, default=None)
    state = last.level.value if last else e.StanceLevel.WELCOMED.value
    require(rulebook_for(snap.operation.framework), "stance", state, st.level.value, ctx)
    return do_record_statement(op, contributor, st, actor=actor)
