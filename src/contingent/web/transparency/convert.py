"""ORM rows ⇄ core cost and funding types."""

from __future__ import annotations

from datetime import date

from contingent.core.costs import (
    Contribution,
    ContributionType,
    RateSchedule,
    Receipt,
    schedule_from_dict,
)
from contingent.web.forcegen.models import Operation

from . import models as db


def schedule_from_db(row: db.RateSchedule) -> RateSchedule:
    """The core schedule, checked again by the core (rows sorted, no overlap)."""
    return schedule_from_dict(
        {
            "schedule_id": row.schedule_id,
            "title": row.title,
            "kind": row.kind,
            "currency": row.currency,
            "gaps": row.gaps,
            "rows": [
                {
                    "amount_usd": str(r.amount_usd),
                    "effective_from": r.effective_from.isoformat(),
                    "effective_to": r.effective_to.isoformat() if r.effective_to else None,
                    "decided_by": r.decided_by,
                    "source_tag": r.source_tag,
                    "source_url": r.source_url,
                    "note": r.note,
                }
                for r in row.rows.all()
            ],
        }
    )


def schedule_by_id(schedule_id: str) -> RateSchedule | None:
    row = db.RateSchedule.objects.filter(schedule_id=schedule_id).first()
    return None if row is None else schedule_from_db(row)


def contribution_from_db(row: db.Contribution) -> Contribution:
    return Contribution(
        contribution_id=row.contribution_id,
        donor=row.donor,
        framework=row.framework,
        fund=row.fund.key,
        type=ContributionType(row.type),
        pledged_usd=row.pledged_usd,
        pledged_on=row.pledged_on,
        classification=row.classification,
        committed_usd=row.committed_usd,
        committed_on=row.committed_on,
        due_day=row.due_day,
        receipts=tuple(Receipt(r.amount_usd, r.received_on) for r in row.receipts.all()),
        source_ref=row.source_ref,
    )


def contributions_of(op: Operation, *, pledged_to: date | None = None) -> list[Contribution]:
    """All contributions of the operation (every classification: filter before publishing)."""
    qs = db.Contribution.objects.filter(operation=op).select_related("fund")
    if pledged_to is not None:
        qs = qs.filter(pledged_on__lte=pledged_to)
    return [contribution_from_db(r) for r in qs.prefetch_related("receipts")]


def policy_of(op: Operation) -> db.PublicationPolicy:
    """The operation's policy; the defaults (14 days, groups of 2) when none was set."""
    policy = db.PublicationPolicy.objects.filter(operation=op).first()
    return policy or db.PublicationPolicy(operation=op)
