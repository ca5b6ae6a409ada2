"""Build the next entry of the chain: what the one append path calls.

This is the only module of the package that imports the rest of Contingent (canonical JSON and
the error family); the verifier does not load it, so it stays copyable on its own.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from contingent.core.canonical import canonical_json, payload_hash
from contingent.core.errors import ValidationError

from .chain import CLASSIFICATIONS, GENESIS_HASH, LedgerEntry, compute_entry_hash
from .pseudonym import PREFIX, keyed_payload_hash, needs_pseudonym, pseudonym

# The storage columns mirror these (characters, not bytes); the encoding itself has no limit.
FIELD_MAX_LENGTHS = {"actor": 64, "action": 64, "object_type": 64, "object_id": 128}
_ACTION = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


def next_entry(
    prev: LedgerEntry | None,
    *,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    classification: str,
    payload: Any,
    pseudonym_secret: bytes | None = None,
    plain_payload_hash: bool = False,
) -> LedgerEntry:
    """The entry that follows ``prev`` (None: the first entry), recording ``payload`` by hash.

    Precondition: the caller holds the ledger lock, ``prev`` is the stored head read under that
    lock, and the result is stored before the lock is released; two appends racing on the same
    ``prev`` would fork the chain. ``at`` is not required to be later than ``prev.at``: clocks
    step backwards, and refusing the append would lose the record of a change.

    With ``pseudonym_secret``, an entry that is not public records pseudonyms of ``actor`` and
    ``object_id`` (pseudonym.py) instead of the values, which are validated all the same, and a
    keyed hash of its payload instead of the plain SHA-256 — unless ``plain_payload_hash``: for
    a payload that cannot be guessed and whose hash a third party must find in the public chain
    (a notification version, whose SHA-256 its signed receipt carries).
    """
    problems = _field_problems(
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        classification=classification,
    )
    try:
        if (
            pseudonym_secret is not None
            and not plain_payload_hash
            and needs_pseudonym(classification)
        ):
            payload_sha256 = keyed_payload_hash(pseudonym_secret, canonical_json(payload))
        else:
            payload_sha256 = payload_hash(payload)
    except (TypeError, ValueError) as exc:
        problems["payload"] = f"not canonical-JSON serialisable: {exc}"
    if problems:
        raise ValidationError("the ledger entry cannot be recorded", fields=problems)
    if pseudonym_secret is not None and needs_pseudonym(classification):
        actor = pseudonym(pseudonym_secret, "actor", actor)
        object_id = pseudonym(pseudonym_secret, "object_id", object_id)
    seq, prev_hash = (1, GENESIS_HASH) if prev is None else (prev.seq + 1, prev.entry_hash)
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at.astimezone(UTC),
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "classification": classification,
        "payload_sha256": payload_sha256,
        "prev_hash": prev_hash,
    }
    return LedgerEntry(**fields, entry_hash=compute_entry_hash(**fields))


def _field_problems(*, at: datetime, classification: str, **texts: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not isinstance(at, datetime) or at.tzinfo is None or at.utcoffset() is None:
        problems["at"] = "must be an aware datetime (UTC)"
    if classification not in CLASSIFICATIONS:
        problems["classification"] = f"must be one of {', '.join(CLASSIFICATIONS)}"
    for name, value in texts.items():
        if not isinstance(value, str) or not value:
            problems[name] = "must be a non-empty string"
        elif len(value) > FIELD_MAX_LENGTHS[name]:
            problems[name] = f"longer than {FIELD_MAX_LENGTHS[name]} characters"
        elif not value.isprintable():
            problems[name] = "contains control or unprintable characters"
        elif name in ("actor", "object_id") and value.startswith(PREFIX):
            problems[name] = f"must not start with {PREFIX!r} (marks a pseudonym)"
    if "action" not in problems and not _ACTION.fullmatch(texts["action"]):
        problems["action"] = "must be a dotted past-tense event such as 'stance.recorded'"
    return problems
