"""Ledger verification speed: 1,000,000 entries against the ≤ 3 s target [DESIGN.md, targets].

Builds a seeded chain, then times, in the same run and on the same entries:

- ``verify_chain`` (the fast pass used by ``contingent ledger verify`` and the export verifier);
- a reference baseline: one call of the spec's ``hash_of`` per entry (same encoding, no caching);
- a naive baseline: canonical JSON of every entry (``json.dumps`` with sorted keys) and SHA-256,
  the obvious implementation, verifying a chain hashed that way.

Then, for the standalone verifier, writes the export and times ``verify_export`` on it (JSON
parsing included; reported, not held to the target). Run it niced, it takes one core:

    nice .venv/bin/python bench/ledger.py [--entries N] [--seed S] [--no-export]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from contingent.core.ledger import (
    GENESIS_HASH,
    LedgerEntry,
    compute_entry_hash,
    export_chain,
    generate_signing_key,
    hash_of,
    sign_checkpoint,
    verify_chain,
    verify_export,
)

T = TypeVar("T")
CPU: dict[str, float] = {}
FAST = "verify_chain (fast pass)"
TWO = "verify_chain(workers=2) (2 processes)"
TARGET_S = 3.0
ACTIONS = ("stance.recorded", "pledge.transitioned", "requirement.created", "rotation.planned")
TYPES = ("stance", "pledge", "requirement", "rotation", "corridor")
CLASSIFICATIONS = ("public", "public", "restricted", "confidential")


def naive_hash(fields: dict[str, Any]) -> str:
    """The baseline encoding: canonical JSON of the fields (``at`` as ISO 8601), then SHA-256."""
    value = dict(fields, at=fields["at"].isoformat())
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build(n: int, seed: int) -> tuple[list[LedgerEntry], list[str]]:
    """A chain of ``n`` entries, and the naive baseline's hashes of the same entries."""
    rng = random.Random(seed)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    entries: list[LedgerEntry] = []
    naive: list[str] = []
    prev_hash, naive_prev = GENESIS_HASH, GENESIS_HASH
    for seq in range(1, n + 1):
        at += timedelta(microseconds=rng.randrange(1, 5_000_000))
        fields: dict[str, Any] = {
            "seq": seq,
            "at": at,
            "actor": f"user:{rng.randrange(400)}" if rng.random() < 0.9 else "system",
            "action": rng.choice(ACTIONS),
            "object_type": rng.choice(TYPES),
            "object_id": str(rng.randrange(200_000)),
            "classification": rng.choice(CLASSIFICATIONS),
            "payload_sha256": rng.randbytes(32).hex(),
        }
        entry_hash = compute_entry_hash(**fields, prev_hash=prev_hash)
        entries.append(LedgerEntry(**fields, prev_hash=prev_hash, entry_hash=entry_hash))
        prev_hash = entry_hash
        naive_prev = naive_hash({**fields, "prev_hash": naive_prev})
        naive.append(naive_prev)
    return entries, naive


def verify_reference(entries: list[LedgerEntry]) -> bool:
    expected_prev = GENESIS_HASH
    for seq, entry in enumerate(entries, start=1):
        if (
            entry.seq != seq
            or entry.prev_hash != expected_prev
            or hash_of(entry) != entry.entry_hash
        ):
            return False
        expected_prev = entry.entry_hash
    return True


def verify_naive(entries: list[LedgerEntry], naive: list[str]) -> bool:
    expected_prev = GENESIS_HASH
    for entry, stored in zip(entries, naive, strict=True):
        fields = {
            "seq": entry.seq,
            "at": entry.at,
            "actor": entry.actor,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "classification": entry.classification,
            "payload_sha256": entry.payload_sha256,
            "prev_hash": expected_prev,
        }
        if naive_hash(fields) != stored:
            return False
        expected_prev = stored
    return True


def timed(label: str, work: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    start, start_cpu = time.perf_counter(), cpu_seconds()
    result = work()
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - start_cpu
    # CPU time is shown beside wall time: the machine is shared, and a busy neighbour inflates
    # wall time without changing the work done.
    print(f"  {label:<44} {seconds:7.2f} s wall {cpu:7.2f} s cpu", flush=True)
    CPU[label] = cpu
    return seconds, result


def cpu_seconds() -> float:
    """This process's CPU time plus that of its finished children (the forked verifier)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def verdict(seconds: float) -> str:
    return f"{'MET' if seconds <= TARGET_S else 'MISSED'} ({seconds:.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--no-export", action="store_true", help="skip the export timings")
    args = parser.parse_args()
    n = args.entries
    print(f"ledger verification, {n:,} entries, seed {args.seed}")
    _, (entries, naive) = timed(
        "build the chain (setup, not measured)", lambda: build(n, args.seed)
    )
    gc.freeze()  # a million long-lived objects: keep the collector from rescanning them
    fast_s, report = timed(FAST, lambda: verify_chain(entries))
    assert report.ok and report.count == n, report.message
    two_s, report = timed(TWO, lambda: verify_chain(entries, workers=2))
    assert report.ok and report.count == n, report.message
    ref_s, ok = timed("baseline: reference hash_of per entry", lambda: verify_reference(entries))
    assert ok
    naive_s, ok = timed(
        "baseline: naive canonical JSON + SHA-256", lambda: verify_naive(entries, naive)
    )
    assert ok
    scale = 1_000_000 / n
    print(f"  ratio reference / fast: {ref_s / fast_s:5.2f}x")
    print(f"  ratio naive / fast:     {naive_s / fast_s:5.2f}x")
    print(f"  ratio one process / two: {fast_s / two_s:5.2f}x")
    for label, wall_s in ((FAST, fast_s), (TWO, two_s)):
        print(
            f"  target <= {TARGET_S:.0f} s per 1,000,000 entries, {label}: "
            f"wall {verdict(wall_s * scale)}, cpu {verdict(CPU[label] * scale)}"
        )
    if not args.no_export:
        bench_export(entries, fast_s)


def bench_export(entries: list[LedgerEntry], fast_s: float) -> None:
    key = generate_signing_key()
    checkpoint = sign_checkpoint(entries[-1], at=datetime.now(UTC), signing_key=key)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.jsonl"
        timed("write the export (export_chain)", lambda: export_chain(entries, checkpoint, path))
        print(f"  export size: {path.stat().st_size / 1e6:.0f} MB")
        seconds, report = timed(
            "standalone verify_export (parse + verify)",
            lambda: verify_export(path, key.public_key()),
        )
        assert report.ok, report.message
        print(f"  ratio export verify / in-memory verify_chain: {seconds / fast_s:5.2f}x")


if __name__ == "__main__":
    main()
