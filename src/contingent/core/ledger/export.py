"""The public export: a JSON Lines file that anyone can verify with the public key alone.

Format, version 1 (UTF-8, every line ends with one newline 0x0A, no blank lines, no spaces
around a line's JSON object)::

    {"format":"contingent-ledger-export","version":1}
    {"seq":1,"at":"2026-11-29T23:41:09.000000Z","actor":"user:17","action":"stance.recorded",
     "object_type":"stance","object_id":"42","classification":"public",
     "payload_sha256":"<64 hex>","prev_hash":"<64 zeros>","entry_hash":"<64 hex>"}
    ... one line per entry, seq ascending ...
    {"checkpoint":{"seq":N,"head_hash":"<64 hex>","at":"...Z","key_id":"<16 hex>",
     "signature":"<128 hex>"}}

(each entry and the checkpoint are on one line; they are wrapped here for reading). ``at`` is
always ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` with six fraction digits; the reader refuses any other
spelling, unknown keys, and values of the wrong JSON type, so that no byte of the file can change
without the verifier either refusing the file or finding the change. Entries carry the hash of
their payload, never the payload: the export is the same whatever the entries' classification.
The checkpoint must be the last line and sign the last entry.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .chain import GENESIS_HASH, LedgerEntry
from .checkpoint import Checkpoint
from .report import VerifyReport
from .verify import verify_chain

HEADER = {"format": "contingent-ledger-export", "version": 1}
ENTRY_KEYS = tuple(LedgerEntry.__dataclass_fields__)
CHECKPOINT_KEYS = tuple(Checkpoint.__dataclass_fields__)
_AT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.([0-9]{6})Z")
_TAIL_BYTES = 65_536
_DECODER = json.JSONDecoder()
_SHAPES = {
    keys: (frozenset(keys), tuple(int if key == "seq" else str for key in keys))
    for keys in (ENTRY_KEYS, CHECKPOINT_KEYS)
}


class ExportUnreadable(Exception):
    """The file is not a well-formed export; ``line`` (1-based) says where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"line {line}: {message}" if line is not None else message)
        self.line = line


@dataclass(frozen=True, slots=True)
class LedgerExport:
    header: dict[str, Any]
    checkpoint: Checkpoint
    entries: tuple[LedgerEntry, ...]


def format_at(at: datetime) -> str:
    u = at.astimezone(UTC)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}"
        f".{u.microsecond:06d}Z"
    )


def parse_at(text: object, line: int | None = None) -> datetime:
    match = _AT.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ExportUnreadable(f"'at' is not YYYY-MM-DDTHH:MM:SS.ffffffZ: {text!r}", line)
    try:
        year, month, day, hour, minute, second, micro = map(int, match.groups())
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=UTC)
    except ValueError as exc:
        raise ExportUnreadable(f"'at' is not a valid instant: {exc}", line) from None


def _json_line(value: dict[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def export_chain(entries: Iterable[LedgerEntry], checkpoint: Checkpoint, path: Path) -> int:
    """Write ``entries`` and the signed ``checkpoint`` to ``path``; return the entry count.

    The file appears whole or not at all (written aside, then renamed). Raises ValueError, and
    leaves nothing behind, if the last entry is not the one the checkpoint signs.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    last: LedgerEntry | None = None
    count = 0
    try:
        with open(partial, "wb") as out:
            out.write(_json_line(HEADER))
            for entry in entries:
                fields = {key: getattr(entry, key) for key in ENTRY_KEYS}
                fields["at"] = format_at(entry.at)
                out.write(_json_line(fields))
                last, count = entry, count + 1
            head = (last.seq, last.entry_hash) if last is not None else (0, GENESIS_HASH)
            if head != (checkpoint.seq, checkpoint.head_hash):
                raise ValueError(
                    f"the checkpoint signs seq {checkpoint.seq}, the export ends at seq {head[0]}"
                )
            signed = {key: getattr(checkpoint, key) for key in CHECKPOINT_KEYS}
            signed["at"] = format_at(checkpoint.at)
            out.write(_json_line({"checkpoint": signed}))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _parse_object(raw: bytes, line: int | None) -> dict[str, Any]:
    if not raw.startswith(b"{") or not raw.endswith(b"}"):
        raise ExportUnreadable("not a JSON object on one line (blank line or stray spaces?)", line)
    try:
        text = raw.decode("utf-8")
        value, end = _DECODER.raw_decode(text)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise ExportUnreadable(f"not valid JSON: {exc}", line) from None
    if end != len(text):
        raise ExportUnreadable("more than one JSON value on the line", line)
    if not isinstance(value, dict):
        raise ExportUnreadable("not a JSON object", line)
    return value


def _check_keys(value: dict[str, Any], keys: tuple[str, ...], line: int | None) -> None:
    # Fast path first (a million lines): the exact key set, and the exact types in key order.
    key_set, types = _SHAPES[keys]
    if value.keys() == key_set and tuple(map(type, map(value.__getitem__, keys))) == types:
        return
    if set(value) != set(keys):
        wrong = sorted(set(value) ^ set(keys))
        raise ExportUnreadable(f"unexpected or missing keys: {', '.join(wrong)}", line)
    for key in keys:
        expected = int if key == "seq" else str
        ok = isinstance(value[key], expected) and not isinstance(value[key], bool)
        if not ok:
            raise ExportUnreadable(f"{key!r} must be a JSON {expected.__name__}", line)


def _entry(value: dict[str, Any], line: int) -> LedgerEntry:
    _check_keys(value, ENTRY_KEYS, line)
    value["at"] = parse_at(value["at"], line)
    return LedgerEntry(**value)


def _checkpoint(raw: bytes, line: int | None) -> Checkpoint:
    value = _parse_object(raw, line)
    if set(value) != {"checkpoint"} or not isinstance(value["checkpoint"], dict):
        raise ExportUnreadable("the last line is not the signed checkpoint", line)
    signed = value["checkpoint"]
    _check_keys(signed, CHECKPOINT_KEYS, line)
    signed["at"] = parse_at(signed["at"], line)
    return Checkpoint(**signed)


def read_header(path: Path) -> dict[str, Any]:
    with open(path, "rb") as handle:
        first = handle.readline()
    if not first.endswith(b"\n"):
        raise ExportUnreadable("empty, or not a ledger export (no header line)", 1)
    header = _parse_object(first[:-1], 1)
    if header != HEADER:
        raise ExportUnreadable(f"not a version-1 ledger export header: {header}", 1)
    return header


def read_checkpoint(path: Path) -> Checkpoint:
    """The signed checkpoint on the last line, read from the end of the file."""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - _TAIL_BYTES))
        tail = handle.read()
    if not tail.endswith(b"\n"):
        raise ExportUnreadable("the file does not end with a newline (cut short?)")
    start = tail.rfind(b"\n", 0, len(tail) - 1) + 1
    if start == 0 and len(tail) < size:
        raise ExportUnreadable("the last line is too long to be a checkpoint")
    return _checkpoint(tail[start:-1], line=None)


def iter_entries(path: Path) -> Iterator[LedgerEntry]:
    """Stream the entries; raises ExportUnreadable where the file breaks the format."""
    read_header(path)
    with open(path, "rb") as handle:
        handle.readline()
        for number, raw in enumerate(handle, start=2):
            if not raw.endswith(b"\n"):
                raise ExportUnreadable("the file does not end with a newline", number)
            value = _parse_object(raw[:-1], number)
            if "checkpoint" in value:
                if handle.read(1):
                    raise ExportUnreadable("the checkpoint is not the last line", number)
                return
            yield _entry(value, number)
    raise ExportUnreadable("no signed checkpoint at the end of the file")


def load_export(path: Path) -> LedgerExport:
    """The whole export in memory (for tests and small chains; the verifier streams)."""
    return LedgerExport(read_header(path), read_checkpoint(path), tuple(iter_entries(path)))


def verify_export(
    path: Path,
    public_key: Ed25519PublicKey,
    *,
    progress: Callable[[int], object] | None = None,
) -> VerifyReport:
    """Verify an export against ``public_key``: signature, then every entry, then the head.

    Raises ExportUnreadable (or OSError) when the file cannot be read as an export.
    """
    read_header(path)
    checkpoint = read_checkpoint(path)
    return verify_chain(
        iter_entries(path),
        expected_head=checkpoint,
        public_key=public_key,
        allow_beyond_head=False,
        progress=progress,
    )
