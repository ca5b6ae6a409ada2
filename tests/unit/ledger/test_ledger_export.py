"""The public export round-trips, and no byte of it can change without the verifier noticing."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_chains import small_chain

from contingent.core.ledger import (
    ExportUnreadable,
    export_chain,
    generate_signing_key,
    iter_entries,
    load_export,
    sign_checkpoint,
    verify_export,
)

KEY = generate_signing_key()
CHAIN = small_chain(5)
CHECKPOINT = sign_checkpoint(CHAIN[-1], at=datetime(2026, 11, 30, tzinfo=UTC), signing_key=KEY)


@pytest.fixture
def export(tmp_path) -> Path:
    path = tmp_path / "ledger.jsonl"
    export_chain(CHAIN, CHECKPOINT, path)
    return path


def test_an_export_round_trips_entries_and_checkpoint(export):
    loaded = load_export(export)
    assert loaded.entries == tuple(CHAIN)
    assert loaded.checkpoint == CHECKPOINT
    assert loaded.header == {"format": "contingent-ledger-export", "version": 1}
    assert verify_export(export, KEY.public_key()).ok


def test_an_export_holds_payload_hashes_and_never_payloads(export):
    lines = export.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(CHAIN) + 2
    assert set(json.loads(lines[1])) == {
        "seq", "at", "actor", "action", "object_type", "object_id", "classification",
        "payload_sha256", "prev_hash", "entry_hash",
    }  # fmt: skip


def test_exporting_refuses_a_checkpoint_that_does_not_sign_the_last_entry(tmp_path):
    path = tmp_path / "ledger.jsonl"
    with pytest.raises(ValueError, match="signs seq 5"):
        export_chain(CHAIN[:4], CHECKPOINT, path)
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_changing_any_single_byte_of_an_export_is_never_accepted(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.jsonl"
        export_chain(CHAIN, CHECKPOINT, path)
        raw = bytearray(path.read_bytes())
        index = data.draw(st.integers(0, len(raw) - 1))
        replacement = data.draw(
            st.sampled_from(b'0123456789abcdefABCDEF{}[]:," \\\r\n.Zzx-+Te') | st.integers(0, 255)
        )
        if replacement == raw[index]:
            replacement ^= 1
        raw[index] = replacement
        path.write_bytes(bytes(raw))
        try:
            report = verify_export(path, KEY.public_key())
        except ExportUnreadable:
            return
        assert not report.ok


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda lines: lines[:-1], "checkpoint"),
        (lambda lines: [lines[0], lines[1], lines[-1], *lines[2:]], "not the last line"),
        (lambda lines: [lines[0], "", *lines[1:]], "blank line"),
        (lambda lines: ['{"format":"contingent-ledger-export","version":2}', *lines[1:]], "header"),
        (lambda lines: [lines[0], lines[1].replace(".000000Z", "Z"), *lines[2:]], "'at'"),
        (lambda lines: [lines[0], lines[1].replace('"seq":1', '"seq":1.0'), *lines[2:]], "seq"),
        (lambda lines: [lines[0], lines[1][:-1] + ',"note":"x"}', *lines[2:]], "note"),
    ],
)
def test_a_malformed_export_is_unreadable_and_says_why(export, edit, reason):
    lines = export.read_text(encoding="utf-8").splitlines()
    export.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    with pytest.raises(ExportUnreadable, match=reason):
        verify_export(export, KEY.public_key())


def test_entries_are_streamed_not_loaded_whole(export):
    stream = iter_entries(export)
    assert next(stream) == CHAIN[0]
