"""Signed checkpoints: a valid one verifies; any changed byte or field, or another key, does not."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_chains import small_chain

from contingent.core.ledger import (
    GENESIS_HASH,
    generate_signing_key,
    key_id,
    load_public_key,
    load_signing_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_pem,
    public_key_to_pem,
    save_public_key,
    save_signing_key,
    sign_checkpoint,
    verify_checkpoint,
)

KEY = generate_signing_key()
AT = datetime(2026, 11, 30, 1, 2, 3, 456789, tzinfo=UTC)
CHAIN = small_chain(4)
CHECKPOINT = sign_checkpoint(CHAIN[-1], at=AT, signing_key=KEY)


def test_a_checkpoint_signs_the_head_and_verifies_with_the_public_key():
    assert (CHECKPOINT.seq, CHECKPOINT.head_hash) == (4, CHAIN[-1].entry_hash)
    assert CHECKPOINT.key_id == key_id(KEY.public_key()) and len(CHECKPOINT.key_id) == 16
    assert len(CHECKPOINT.signature) == 128
    assert verify_checkpoint(CHECKPOINT, KEY.public_key())


def test_the_empty_chain_has_a_checkpoint_at_seq_zero():
    checkpoint = sign_checkpoint(None, at=AT, signing_key=KEY)
    assert (checkpoint.seq, checkpoint.head_hash) == (0, GENESIS_HASH)
    assert verify_checkpoint(checkpoint, KEY.public_key())


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 63), st.integers(1, 255))
def test_changing_any_byte_of_the_signature_fails(index, mask):
    raw = bytearray(bytes.fromhex(CHECKPOINT.signature))
    raw[index] ^= mask
    assert not verify_checkpoint(replace(CHECKPOINT, signature=raw.hex()), KEY.public_key())


@pytest.mark.parametrize(
    "change",
    [
        {"seq": 3},
        {"head_hash": CHAIN[-2].entry_hash},
        {"head_hash": CHAIN[-1].entry_hash.upper()},
        {"at": AT + timedelta(microseconds=1)},
        {"key_id": "0" * 16},
        {"signature": CHECKPOINT.signature.upper()},
        {"signature": "zz"},
    ],
)
def test_changing_any_field_of_a_checkpoint_fails(change):
    assert not verify_checkpoint(replace(CHECKPOINT, **change), KEY.public_key())


def test_another_key_does_not_verify_the_checkpoint():
    assert not verify_checkpoint(CHECKPOINT, generate_signing_key().public_key())


def test_signing_refuses_a_naive_datetime():
    with pytest.raises(ValueError):
        sign_checkpoint(CHAIN[-1], at=datetime(2026, 11, 30), signing_key=KEY)


def test_keys_round_trip_through_pem_with_and_without_a_password(tmp_path):
    public_pem = public_key_to_pem(KEY.public_key())
    assert public_pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert key_id(public_key_from_pem(public_pem)) == CHECKPOINT.key_id
    for password in (None, b"correct horse"):
        pem = private_key_to_pem(KEY, password)
        again = private_key_from_pem(pem, password)
        assert key_id(again.public_key()) == CHECKPOINT.key_id
    save_signing_key(KEY, tmp_path / "ledger.key", b"pw")
    save_public_key(KEY.public_key(), tmp_path / "ledger.pub")
    assert stat.S_IMODE((tmp_path / "ledger.key").stat().st_mode) == 0o600
    loaded = load_signing_key(tmp_path / "ledger.key", b"pw")
    assert verify_checkpoint(
        sign_checkpoint(CHAIN[0], at=AT, signing_key=loaded),
        load_public_key(tmp_path / "ledger.pub"),
    )


def test_a_private_key_is_refused_where_the_public_key_is_expected():
    with pytest.raises(ValueError, match="private key"):
        public_key_from_pem(private_key_to_pem(KEY))
