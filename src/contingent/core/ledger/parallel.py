"""Verify an in-memory chain on two cores: the second half in a forked child process.

Hazard: ``os.fork`` in a process that runs threads can deadlock the child on a lock some thread
held; use it from the command line, not inside a threaded web server. The child only reads the
entries (copy-on-write) and answers with its exit status. On any failure the caller rescans
sequentially, which names the problem; the parallel path only ever says "all sound".
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence

from .chain import GENESIS_HASH, LedgerEntry
from .scan import BATCH, Scan, _scan_batch

PARALLEL_MIN_ENTRIES = 2 * BATCH


def scan_in_two(
    entries: Sequence[LedgerEntry],
    *,
    checkpoint_seq: int | None = None,
    min_entries: int = PARALLEL_MIN_ENTRIES,
) -> Scan | None:
    """A Scan of a fully sound chain, or None (too short, no fork, or some entry failed)."""
    n = len(entries)
    if n < max(2, min_entries) or not hasattr(os, "fork"):
        return None
    mid = n // 2
    pid = os.fork()
    if pid == 0:  # child: the second half, trusting the link the parent checks
        sound = False
        try:
            gc.disable()  # a collection would touch, and so copy, every page of the parent
            half = list(entries[mid:])
            sound = _scan_batch(half, mid, entries[mid - 1].entry_hash, {}) == len(half)
        finally:
            os._exit(0 if sound else 1)
    try:
        # Checking entries[mid - 1] in full here is what lets the child start from its hash.
        first_sound = _scan_batch(list(entries[:mid]), 0, GENESIS_HASH, {}) == mid
    finally:
        _, status = os.waitpid(pid, 0)
    if not first_sound or os.waitstatus_to_exitcode(status) != 0:
        return None
    at_checkpoint = None
    if checkpoint_seq == 0:
        at_checkpoint = GENESIS_HASH
    elif checkpoint_seq is not None and 0 < checkpoint_seq <= n:
        at_checkpoint = entries[checkpoint_seq - 1].entry_hash
    return Scan(verified=n, head=entries[-1], hash_at_checkpoint=at_checkpoint)
