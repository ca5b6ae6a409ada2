"""The fast verification pass: it accepts a sound chain and stops at the first doubt.

The pass re-implements ``chain.entry_preimage`` inline (no per-entry function calls, the
length-prefixed encodings of repeated strings such as actors and actions cached) because
verification of a million entries must stay within seconds [DESIGN.md, performance targets].
Tests pin the inline encoding to the reference one; change both or neither.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .chain import ENTRY_TAG, EPOCH, GENESIS_HASH, ONE_MICROSECOND, LedgerEntry

BATCH = 65_536
_CACHE_LIMIT = 100_000
_SEQ_AND_AT = struct.Struct(">Qq")
_LENGTH = struct.Struct(">I")
_LENGTH_64 = _LENGTH.pack(64)
# A field of the wrong type or value surfaces as one of these while encoding; the diagnosis
# then names the entry instead of the exception escaping.
_ENCODING_ERRORS = (AttributeError, TypeError, ValueError, OverflowError, struct.error)


@dataclass(slots=True)
class Scan:
    """What the fast pass saw: the verified prefix, and everything from the first failure on."""

    verified: int = 0
    head: LedgerEntry | None = None
    hash_at_checkpoint: str | None = None
    rest: list[LedgerEntry] = field(default_factory=list)


def _length_prefixed(cache: dict[str, bytes], value: str) -> bytes:
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    data = value.encode("utf-8")
    cache[value] = encoded = len(data).to_bytes(4, "big") + data
    return encoded


def _scan_batch(batch: list[LedgerEntry], seq: int, head_hash: str, cache: dict[str, bytes]) -> int:
    """Verify ``batch`` following entry ``seq`` with hash ``head_hash``; return how many passed."""
    sha256, tag, epoch, one_us, start = hashlib.sha256, ENTRY_TAG, EPOCH, ONE_MICROSECOND, seq
    # prev_hash equals the previous digest by the time it is encoded, so it is 64 ASCII bytes.
    prev = _LENGTH_64 + head_hash.encode()
    try:
        for e in batch:
            if e.seq != seq + 1 or e.prev_hash != head_hash:
                break
            object_id = e.object_id.encode()
            payload = e.payload_sha256.encode()
            digest = sha256(
                b"".join(
                    (
                        tag,
                        _SEQ_AND_AT.pack(e.seq, (e.at - epoch) // one_us),
                        cache.get(e.actor) or _length_prefixed(cache, e.actor),
                        cache.get(e.action) or _length_prefixed(cache, e.action),
                        cache.get(e.object_type) or _length_prefixed(cache, e.object_type),
                        _LENGTH.pack(len(object_id)),
                        object_id,
                        cache.get(e.classification) or _length_prefixed(cache, e.classification),
                        _LENGTH.pack(len(payload)),
                        payload,
                        prev,
                    )
                )
            ).hexdigest()
            if digest != e.entry_hash:
                break
            seq += 1
            head_hash = digest
            prev = _LENGTH_64 + digest.encode()
    except _ENCODING_ERRORS:
        pass
    return seq - start


def scan(
    entries: Iterable[LedgerEntry],
    *,
    checkpoint_seq: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> Scan:
    """Run the fast pass; on the first failure, collect the remaining entries for diagnosis."""
    it: Iterator[LedgerEntry] = iter(entries)
    cache: dict[str, bytes] = {}
    result = Scan(hash_at_checkpoint=GENESIS_HASH if checkpoint_seq == 0 else None)
    head_hash = GENESIS_HASH
    while batch := list(islice(it, BATCH)):
        start = result.verified
        passed = _scan_batch(batch, start, head_hash, cache)
        if passed:
            result.head = batch[passed - 1]
            head_hash = result.head.entry_hash
            result.verified = start + passed
        if checkpoint_seq is not None and start < checkpoint_seq <= result.verified:
            result.hash_at_checkpoint = batch[checkpoint_seq - start - 1].entry_hash
        if passed < len(batch):
            # The failure path reads everything left: it needs the later entries to tell a
            # removal from a reordering, and it runs once.
            result.rest = batch[passed:]
            result.rest.extend(it)
            return result
        if progress is not None:
            progress(result.verified)
    return result
