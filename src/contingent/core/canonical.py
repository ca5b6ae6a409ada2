"""Canonical JSON: one byte string per value, so hashes and signatures are reproducible.

Rules (a subset of RFC 8785 that is enough for our payloads): keys sorted, no insignificant
whitespace, UTF-8 without escaping non-ASCII, no NaN or infinity. Datetimes must be converted by
the caller to aware-UTC ISO 8601 strings ending in ``Z`` before hashing (see ``iso_utc``), dates
to ``YYYY-MM-DD``: the canonical form never guesses a time zone.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``; refuses naive datetimes (time zone hazard)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: Contingent stores aware UTC datetimes only")
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"not canonical-JSON serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_default,
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def payload_hash(value: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of ``value``."""
    return sha256_hex(canonical_json(value))
