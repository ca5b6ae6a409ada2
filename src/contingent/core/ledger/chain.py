"""Ledger entries and their hash: the encoding a third party re-implements to verify the chain.

Entry encoding, version 1 (``contingent-ledger-entry-v1``)
----------------------------------------------------------

An entry has ten fields: ``seq``, ``at``, ``actor``, ``action``, ``object_type``, ``object_id``,
``classification``, ``payload_sha256``, ``prev_hash``, ``entry_hash``. Its hash covers the
first nine::

    preimage   = TAG
               || u64(seq)
               || i64(at_us)
               || str(actor) || str(action) || str(object_type) || str(object_id)
               || str(classification) || str(payload_sha256) || str(prev_hash)
    entry_hash = lowercase hex of SHA-256(preimage)

where

- ``TAG`` is the 27 ASCII bytes ``contingent-ledger-entry-v1`` followed by one newline (0x0A);
  it separates ledger hashes from every other SHA-256 use and names the version.
- ``u64(n)`` is ``n`` as 8 bytes, unsigned, big-endian; ``i64(n)`` the same, signed
  (two's complement).
- ``at_us`` is the instant ``at`` as whole microseconds since 1970-01-01T00:00:00Z, leap seconds
  not counted (POSIX time). It depends on the instant only, not on the offset the datetime
  carries. The export writes ``at`` as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
- ``str(s)`` is ``u32(len(b)) || b`` with ``b`` the UTF-8 bytes of ``s`` (no normalisation) and
  ``u32`` 4 bytes unsigned big-endian. Every text field carries its length, so no two different
  entries share a preimage whatever characters they hold.
- ``payload_sha256`` is the lowercase hex SHA-256 of the canonical JSON of the payload
  (``contingent.core.canonical``); the payload itself is never in the entry.
- ``prev_hash`` is the ``entry_hash`` of the entry with ``seq - 1``, or ``GENESIS_HASH`` (64
  zeros) for ``seq`` 1. Hashes are compared as exact strings: upper-case hex is a different value.

Test vector: seq 1, at 2026-11-29T23:41:09.123456Z, actor ``user:17``, action
``stance.recorded``, object_type ``stance``, object_id ``42``, classification ``public``,
payload_sha256 ``ab`` repeated 32 times, prev_hash ``GENESIS_HASH`` gives the entry_hash
``f5dafe9c1abfdeb8b2d1cccab04e890c8d2344e554e672038e82d1527a84a77a``.

``seq`` starts at 1 and is contiguous. ``classification`` is one of ``public``, ``restricted``,
``confidential``.

This module and the rest of the package (except ``append``) import only the standard library
and ``cryptography``, so that the verifier can be copied out and run alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

ENTRY_TAG = b"contingent-ledger-entry-v1\n"
ENCODING_NAME = "contingent-ledger-entry-v1"
GENESIS_HASH = "0" * 64
CLASSIFICATIONS = ("public", "restricted", "confidential")

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One recorded change. Field order is the encoding's order; see the module docstring."""

    seq: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    classification: str
    payload_sha256: str
    prev_hash: str
    entry_hash: str


def at_microseconds(at: datetime) -> int:
    """Whole microseconds since the Unix epoch; a naive datetime raises TypeError."""
    return (at - EPOCH) // ONE_MICROSECOND


def _text(value: str) -> bytes:
    data = value.encode("utf-8")
    return len(data).to_bytes(4, "big") + data


def entry_preimage(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    classification: str,
    payload_sha256: str,
    prev_hash: str,
) -> bytes:
    """The exact bytes hashed into ``entry_hash`` (reference implementation of the spec)."""
    return b"".join(
        (
            ENTRY_TAG,
            seq.to_bytes(8, "big"),
            at_microseconds(at).to_bytes(8, "big", signed=True),
            _text(actor),
            _text(action),
            _text(object_type),
            _text(object_id),
            _text(classification),
            _text(payload_sha256),
            _text(prev_hash),
        )
    )


def compute_entry_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    classification: str,
    payload_sha256: str,
    prev_hash: str,
) -> str:
    return hashlib.sha256(
        entry_preimage(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            classification=classification,
            payload_sha256=payload_sha256,
            prev_hash=prev_hash,
        )
    ).hexdigest()


def hash_of(entry: LedgerEntry) -> str:
    """The hash ``entry`` should carry, recomputed from its other fields."""
    return compute_entry_hash(
        seq=entry.seq,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        classification=entry.classification,
        payload_sha256=entry.payload_sha256,
        prev_hash=entry.prev_hash,
    )
