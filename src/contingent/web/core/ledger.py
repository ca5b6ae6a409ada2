"""The one append path to the ledger, and reading it back for verification.

Every state change in the web layer calls ``append`` inside its own transaction, so a change
and its ledger entry commit or roll back together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from contingent.core.errors import LedgerBroken
from contingent.core.ledger.append import next_entry
from contingent.core.ledger.chain import GENESIS_HASH
from contingent.core.ledger.chain import LedgerEntry as CoreEntry
from contingent.core.ledger.pseudonym import PREFIX, Pseudonymizer, needs_pseudonym
from contingent.core.ledger.report import Problem, VerifyReport
from contingent.core.ledger.verify import verify_chain

from . import ratelimit
from .keys import ledger_pseudonym_secret
from .models import LedgerEntry, LedgerHead


def _to_core(row: LedgerEntry) -> CoreEntry:
    return CoreEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        classification=row.classification,
        payload_sha256=row.payload_sha256,
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
    )


def append(
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    payload: Any,
    classification: str = "restricted",
) -> LedgerEntry:
    """Append one entry. Must run inside the caller's ``transaction.atomic()`` block."""
    return append_many(
        [
            {
                "actor": actor,
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "payload": payload,
                "classification": classification,
            }
        ]
    )[0]


def append_many(entries: list[dict[str, Any]]) -> list[LedgerEntry]:
    """Append several entries in order (each a dict of ``append``'s keyword arguments, plus
    optionally ``plain_payload_hash``: see ``core.ledger.append.next_entry``) under one
    acquisition of the ledger lock: one lock, one read of the last entry, one insert, one head
    update, instead of four round trips per entry. Must run inside ``transaction.atomic()``.

    The lock is held from here until the caller commits, and every writer of every app waits
    for it: call this last in a transaction, after the change's own writes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("ledger.append must be called inside transaction.atomic()")
    if not entries:
        return []
    head, _ = LedgerHead.objects.select_for_update().get_or_create(singleton=1)
    # Read under the lock, not taken from the head row: the last stored entry is the truth.
    last = LedgerEntry.objects.order_by("-seq").first()
    prev = _to_core(last) if last else None
    secret = pseudonym_secret()
    built = []
    for e in entries:
        classification = e.get("classification", "restricted")
        actor, object_id = e["actor"], str(e["object_id"])
        prev = next_entry(
            prev,
            at=timezone.now(),
            actor=actor,
            action=e["action"],
            object_type=e["object_type"],
            object_id=object_id,
            classification=classification,
            payload=e["payload"],
            pseudonym_secret=secret,
            plain_payload_hash=bool(e.get("plain_payload_hash", False)),
        )
        named = needs_pseudonym(classification)
        built.append(
            LedgerEntry(
                **{f: getattr(prev, f) for f in _FIELDS},
                actor_named=actor if named else "",
                object_id_named=object_id if named else "",
            )
        )
    rows = LedgerEntry.objects.bulk_create(built)
    assert prev is not None
    head.seq, head.entry_hash = prev.seq, prev.entry_hash
    head.save(update_fields=["seq", "entry_hash"])
    return rows


_FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "classification",
    "payload_sha256",
    "prev_hash",
    "entry_hash",
)


def pseudonym_secret() -> bytes:
    """The pseudonym secret (web.core.keys), created on first use only while no entry holds a
    pseudonym. Minted afresh under a ledger that has some (the file lost, or CONTINGENT_HOME
    pointing elsewhere), it would give a record a second pseudonym and make every stored name
    look altered: the change or the verification is refused instead (``LedgerBroken``)."""
    try:
        return ledger_pseudonym_secret(create=False)
    except FileNotFoundError:
        if LedgerEntry.objects.filter(
            Q(actor__startswith=PREFIX) | Q(object_id__startswith=PREFIX)
        ).exists():
            raise LedgerBroken(
                "the ledger's pseudonym secret is missing, but the ledger holds pseudonyms made "
                "with it: restore CONTINGENT_HOME/ledger/pseudonym.secret from a backup",
                fields={"pseudonym_secret": "missing"},
            ) from None
    return ledger_pseudonym_secret()


def iter_entries(chunk: int = 5000) -> Iterator[CoreEntry]:
    """Entries in storage order (by primary key, *not* by seq), so that a row moved or
    renumbered in the database shows up as out of order instead of being silently re-sorted."""
    # Tuples, not model instances: building a Django model per row was most of the time of a
    # stored verification (200,000 entries: 2.8 s through instances).
    rows = LedgerEntry.objects.order_by("id").values_list(*_FIELDS)
    for values in rows.iterator(chunk_size=chunk):
        yield CoreEntry(*values)


# Anyone may ask for the whole chain to be verified (pages and API); each request re-reads every
# entry, so calls are rate-limited per requester (ratelimit.py).
VERIFY_LIMIT = ratelimit.Limit(anonymous=3, signed_in=10, window_s=60)


def verify_stored_chain(request: HttpRequest, user: Any = None) -> VerifyReport:
    """Verify the stored chain for one web or API request, counting it against VERIFY_LIMIT."""
    ratelimit.take("ledger-verify", request, VERIFY_LIMIT, user=user)
    return verify_stored()


def verify_stored() -> VerifyReport:
    """The stored chain (``verify_chain``), then the names kept beside the pseudonymous entries:
    a name that no longer matches its pseudonym, a pseudonym with no name, or a name beside a
    clear value is reported as that entry ALTERED (the CLI, the web and checkpoints use this)."""
    report = verify_chain(iter_entries())
    if not report.ok:
        return report
    bad = first_bad_name()
    if bad is None:
        return report
    before = LedgerEntry.objects.filter(seq__lt=bad).order_by("-seq").first()
    return VerifyReport(
        ok=False,
        count=report.count,
        head_seq=before.seq if before else 0,
        head_hash=before.entry_hash if before else GENESIS_HASH,
        first_bad_seq=bad,
        problem=Problem.ALTERED,
        message="the name stored beside the entry does not match its pseudonym",
    )


def first_bad_name() -> int | None:
    """Seq of the first entry whose stored names disagree with its pseudonyms, or None."""
    of = Pseudonymizer(pseudonym_secret())
    rows = (
        LedgerEntry.objects.filter(
            Q(actor__startswith=PREFIX)
            | Q(object_id__startswith=PREFIX)
            | ~Q(actor_named="")
            | ~Q(object_id_named="")
        )
        .order_by("seq")
        .values_list("seq", "actor", "actor_named", "object_id", "object_id_named")
    )
    for seq, actor, actor_named, object_id, object_id_named in rows.iterator(chunk_size=5000):
        for field, value, name in (
            ("actor", actor, actor_named),
            ("object_id", object_id, object_id_named),
        ):
            if not name or of(field, name) != value:
                return int(seq)
    return None
