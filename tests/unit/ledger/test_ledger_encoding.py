"""The entry encoding is unambiguous, matches its written spec, and the fast pass agrees with it."""

from __future__ import annotations

import hashlib
import struct
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_chains import chains, rows

from contingent.core.canonical import payload_hash
from contingent.core.errors import ValidationError
from contingent.core.ledger import GENESIS_HASH, entry_preimage, hash_of, verify_chain
from contingent.core.ledger.append import next_entry

TEXT_FIELDS = ("actor", "action", "object_type", "object_id", "classification")


def spec_preimage(seq: int, at: datetime, texts: list[str]) -> bytes:
    """The encoding re-implemented from the module docstring alone, as a third party would."""
    at_us = round((at - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() * 10**6)
    out = b"contingent-ledger-entry-v1\n" + struct.pack(">Qq", seq, at_us)
    for text in texts:
        data = text.encode("utf-8")
        out += struct.pack(">I", len(data)) + data
    return out


def decode_preimage(data: bytes) -> tuple[int, int, list[str]]:
    """Read the fields back: if this always succeeds, no two entries share a preimage."""
    tag = b"contingent-ledger-entry-v1\n"
    assert data.startswith(tag)
    seq, at_us = struct.unpack_from(">Qq", data, len(tag))
    offset, texts = len(tag) + 16, []
    while offset < len(data):
        (length,) = struct.unpack_from(">I", data, offset)
        texts.append(data[offset + 4 : offset + 4 + length].decode("utf-8"))
        offset += 4 + length
    assert offset == len(data)
    return seq, at_us, texts


def fields_of(row: dict, seq: int = 7, prev_hash: str = GENESIS_HASH) -> dict:
    return {"seq": seq, **row, "prev_hash": prev_hash}


def test_a_known_entry_hashes_to_the_published_test_vector():
    at = datetime(2026, 11, 29, 23, 41, 9, 123456, tzinfo=UTC)
    texts = ["user:17", "stance.recorded", "stance", "42", "public", "ab" * 32, GENESIS_HASH]
    fields = dict(zip((*TEXT_FIELDS, "payload_sha256", "prev_hash"), texts, strict=True))
    preimage = entry_preimage(seq=1, at=at, **fields)
    assert preimage == spec_preimage(1, at, texts)
    assert hashlib.sha256(preimage).hexdigest() == (
        "f5dafe9c1abfdeb8b2d1cccab04e890c8d2344e554e672038e82d1527a84a77a"
    )


@settings(max_examples=200, deadline=None)
@given(rows, st.integers(1, 2**63 - 1))
def test_the_preimage_decodes_back_to_exactly_its_fields(row, seq):
    fields = fields_of(row, seq=seq)
    seq_back, at_us, texts = decode_preimage(entry_preimage(**fields))
    assert seq_back == seq
    assert datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=at_us) == row["at"]
    assert texts == [fields[name] for name in (*TEXT_FIELDS, "payload_sha256", "prev_hash")]


@settings(max_examples=100, deadline=None)
@given(rows, st.sampled_from(TEXT_FIELDS))
def test_moving_a_character_between_neighbouring_fields_changes_the_hash(row, name):
    fields = fields_of(row)
    shifted = dict(fields, **{name: fields[name] + "x"})
    assert entry_preimage(**fields) != entry_preimage(**shifted)


def test_the_hash_depends_on_the_instant_not_on_the_offset_it_is_written_in():
    at = datetime(2026, 11, 29, 12, tzinfo=UTC)
    row = {n: "x" for n in (*TEXT_FIELDS, "payload_sha256")}
    elsewhere = at.astimezone(timezone(timedelta(hours=3)))
    assert entry_preimage(**fields_of(dict(row, at=at))) == entry_preimage(
        **fields_of(dict(row, at=elsewhere))
    )


@settings(max_examples=100, deadline=None)
@given(chains)
def test_the_fast_verification_pass_accepts_exactly_the_reference_hashes(chain):
    assert verify_chain(chain).ok
    wrong = [replace(chain[0], entry_hash=hashlib.sha256(b"other").hexdigest()), *chain[1:]]
    assert not verify_chain(wrong).ok


def test_next_entry_chains_from_genesis_and_hashes_the_canonical_payload():
    at = datetime(2026, 11, 29, 12, tzinfo=timezone(timedelta(hours=2)))
    common = {
        "actor": "user:17",
        "action": "stance.recorded",
        "object_type": "stance",
        "object_id": "42",
        "classification": "confidential",
    }
    first = next_entry(None, at=at, payload={"b": 1, "a": "é"}, **common)
    second = next_entry(first, at=at, payload=[1, 2], **common)
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.seq, second.prev_hash) == (2, first.entry_hash)
    assert first.payload_sha256 == payload_hash({"a": "é", "b": 1})
    assert first.at.tzinfo is UTC and first.at == at
    assert first.entry_hash == hash_of(first)
    assert verify_chain([first, second]).ok


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"at": datetime(2026, 11, 29)}, "at"),
        ({"classification": "secret"}, "classification"),
        ({"actor": ""}, "actor"),
        ({"action": "Recorded a stance"}, "action"),
        ({"object_id": "x" * 129}, "object_id"),
        ({"object_type": "stance\n"}, "object_type"),
        ({"payload": {"nan": float("nan")}}, "payload"),
        ({"payload": object()}, "payload"),
    ],
)
def test_next_entry_refuses_what_the_ledger_cannot_record(change, field):
    arguments = {
        "at": datetime(2026, 11, 29, tzinfo=UTC),
        "actor": "system",
        "action": "pledge.transitioned",
        "object_type": "pledge",
        "object_id": "3",
        "classification": "public",
        "payload": {},
    }
    with pytest.raises(ValidationError) as caught:
        next_entry(None, **{**arguments, **change})
    assert field in caught.value.fields
