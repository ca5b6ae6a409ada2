"""Chains for the ledger tests: built from raw fields with the reference encoding, so any text
(control characters, non-ASCII, empty strings) can be exercised, not only what next_entry allows."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import strategies as st

from contingent.core.ledger import GENESIS_HASH, LedgerEntry, hash_of

FIELDS = ("actor", "action", "object_type", "object_id", "classification", "payload_sha256")

texts = st.text(max_size=8)
moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)
hex64 = st.binary(min_size=32, max_size=32).map(bytes.hex)
rows = st.fixed_dictionaries(
    {
        "at": moments,
        "actor": st.sampled_from(["system", "user:1", "user:17"]) | texts,
        "action": st.sampled_from(["stance.recorded", "pledge.transitioned"]) | texts,
        "object_type": st.sampled_from(["stance", "pledge"]) | texts,
        "object_id": texts,
        "classification": st.sampled_from(["public", "restricted", "confidential"]),
        "payload_sha256": hex64,
    }
)


def build_chain(field_rows: list[dict[str, object]]) -> list[LedgerEntry]:
    chain: list[LedgerEntry] = []
    prev_hash = GENESIS_HASH
    for seq, row in enumerate(field_rows, start=1):
        entry = seal(LedgerEntry(seq=seq, prev_hash=prev_hash, entry_hash="", **row))  # type: ignore[arg-type]
        chain.append(entry)
        prev_hash = entry.entry_hash
    return chain


def seal(entry: LedgerEntry) -> LedgerEntry:
    """``entry`` with its hash recomputed: what a forger with write access can do."""
    return replace(entry, entry_hash=hash_of(entry))


chains = st.lists(rows, min_size=1, max_size=10).map(build_chain)


def small_chain(n: int) -> list[LedgerEntry]:
    return build_chain(
        [
            {
                "at": datetime(2026, 11, 29, 12, 0, i % 60, i, tzinfo=UTC),
                "actor": f"user:{i % 3}",
                "action": "stance.recorded",
                "object_type": "stance",
                "object_id": str(i),
                "classification": ("public", "restricted", "confidential")[i % 3],
                "payload_sha256": hashlib.sha256(str(i).encode()).hexdigest(),
            }
            for i in range(n)
        ]
    )
