"""State changes of the transparency app.

``check_<verb>_<noun>`` validates and then calls ``do_<verb>_<noun>``; ``do_`` assumes valid
input, runs in one transaction and appends to the ledger. Ledger entries carry the record's own
classification and the primary key as ``object_id`` (never a donor name or a place), and the
payload only by hash.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import transaction

from contingent.core.costs import Contribution
from contingent.core.errors import ErrorCode, ValidationError
from contingent.core.forcegen.enums import Classification
from contingent.core.ledger import Checkpoint, public_key_to_pem
from contingent.web.core import ledger
from contingent.web.forcegen.models import Operation

from . import models as db

_PCODE_PREFIX = "PS0"  # Palestine adm2 P-codes (access.md §4.4), e.g. PS0275 Rafah


@transaction.atomic
def do_record_fund(
    op: Operation,
    *,
    key: str,
    name: str,
    holder: str,
    holder_iati_ref: str,
    illustrative: bool,
    actor: str,
) -> db.Fund:
    fund = db.Fund.objects.create(
        operation=op,
        key=key,
        name=name,
        holder=holder,
        holder_iati_ref=holder_iati_ref,
        illustrative=illustrative,
    )
    ledger.append(
        actor=actor,
        action="fund.recorded",
        object_type="fund",
        object_id=str(fund.pk),
        payload={"operation": op.key, "key": key, "name": name, "holder": holder},
        classification="public",
    )
    return fund


@transaction.atomic
def do_record_contribution(
    op: Operation,
    c: Contribution,
    *,
    fund: db.Fund,
    donor_name: str,
    illustrative: bool,
    actor: str,
) -> db.Contribution:
    """Store a core ``Contribution`` (its pledge, commitment and receipts) as recorded."""
    row = db.Contribution.objects.create(
        operation=op,
        contribution_id=c.contribution_id,
        donor=c.donor,
        donor_name=donor_name,
        framework=c.framework,
        fund=fund,
        type=c.type.value,
        pledged_usd=c.pledged_usd,
        pledged_on=c.pledged_on,
        committed_usd=c.committed_usd,
        committed_on=c.committed_on,
        due_day=c.due_day,
        classification=c.classification,
        illustrative=illustrative,
        source_ref=c.source_ref,
    )
    for r in c.receipts:
        db.Receipt.objects.create(
            contribution=row, amount_usd=r.amount_usd, received_on=r.received_on
        )
    ledger.append(
        actor=actor,
        action="contribution.recorded",
        object_type="contribution",
        object_id=str(row.pk),
        payload={
            "id": c.contribution_id,
            "donor": c.donor,
            "fund": fund.key,
            "pledged_usd": str(c.pledged_usd),
            "committed_usd": None if c.committed_usd is None else str(c.committed_usd),
            "receipts": [[str(r.amount_usd), r.received_on.isoformat()] for r in c.receipts],
        },
        classification=c.classification,
    )
    return row


def check_record_incident(op: Operation, **fields: object) -> db.Incident:
    problems: dict[str, str] = {}
    if fields.get("category") not in db.IncidentCategory.values:
        problems["category"] = f"one of {', '.join(db.IncidentCategory.values)}"
    pcode = str(fields.get("adm2_pcode", ""))
    if not (pcode.startswith(_PCODE_PREFIX) and len(pcode) == 6 and pcode[3:].isdigit()):
        problems["adm2_pcode"] = "a Palestine adm2 P-code such as PS0275"
    at = fields.get("occurred_at")
    if not isinstance(at, datetime) or at.tzinfo is None:
        problems["occurred_at"] = "an aware UTC datetime"
    if fields.get("classification") not in Classification.__members__.values():
        problems["classification"] = "public, restricted or confidential (stated, never defaulted)"
    if problems:
        raise ValidationError("the incident cannot be recorded", fields=problems)
    return do_record_incident(op, **fields)  # type: ignore[arg-type]


@transaction.atomic
def do_record_incident(
    op: Operation,
    *,
    key: str,
    category: str,
    occurred_at: datetime,
    adm2_pcode: str,
    classification: str,
    actor: str,
    description: str = "",
    notification_ref: str = "",
    illustrative: bool = False,
) -> db.Incident:
    row = db.Incident.objects.create(
        operation=op,
        key=key,
        category=category,
        occurred_at=occurred_at.astimezone(UTC),
        adm2_pcode=adm2_pcode,
        classification=classification,
        description=description,
        notification_ref=notification_ref,
        illustrative=illustrative,
    )
    ledger.append(
        actor=actor,
        action="incident.recorded",
        object_type="incident",
        object_id=str(row.pk),
        payload={
            "key": key,
            "category": category,
            "occurred_at": occurred_at.astimezone(UTC).isoformat(),
            "adm2_pcode": adm2_pcode,
            "description": description,
            "notification_ref": notification_ref,
        },
        classification=classification,
    )
    return row


@transaction.atomic
def do_set_publication_policy(
    op: Operation, *, delay_days: int, min_group_size: int, actor: str
) -> db.PublicationPolicy:
    if delay_days < 0 or min_group_size < 1:
        raise ValidationError(
            "delay must be ≥ 0 days and groups ≥ 1",
            code=ErrorCode.INVALID_INPUT,
            fields={"delay_days": ">= 0", "min_group_size": ">= 1"},
        )
    policy, _ = db.PublicationPolicy.objects.update_or_create(
        operation=op, defaults={"delay_days": delay_days, "min_group_size": min_group_size}
    )
    ledger.append(
        actor=actor,
        action="publication_policy.set",
        object_type="operation",
        object_id=op.key,
        payload={"delay_days": delay_days, "min_group_size": min_group_size},
        classification="public",
    )
    return policy


def do_publish_checkpoint(
    checkpoint: Checkpoint, public_key: Ed25519PublicKey
) -> db.PublishedCheckpoint:
    """Store a signed checkpoint for the portal. Not itself a ledger entry: an entry appended
    after signing would move the head past what the checkpoint signs."""
    return db.PublishedCheckpoint.objects.create(
        seq=checkpoint.seq,
        head_hash=checkpoint.head_hash,
        at=checkpoint.at,
        key_id=checkpoint.key_id,
        signature=checkpoint.signature,
        public_key_pem=public_key_to_pem(public_key).decode("ascii"),
    )
