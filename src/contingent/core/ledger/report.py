"""What a verification found: one problem kind and the first entry it concerns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Problem(StrEnum):
    ALTERED = "altered"
    REMOVED = "removed"
    INSERTED = "inserted"
    REORDERED = "reordered"
    BAD_GENESIS = "bad_genesis"
    TRUNCATED = "truncated"
    CHECKPOINT_MISMATCH = "checkpoint_mismatch"
    BAD_SIGNATURE = "bad_signature"


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """``head_seq``/``head_hash``: the last entry verified before any problem (0/genesis if none).

    ``count`` is every entry read, including those after a problem.
    """

    ok: bool
    count: int
    head_seq: int
    head_hash: str
    first_bad_seq: int | None = None
    problem: Problem | None = None
    message: str = ""
