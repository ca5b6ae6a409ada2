"""Verify a chain, optionally against a signed checkpoint: the one entry point for verification."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .chain import GENESIS_HASH, LedgerEntry
from .checkpoint import Checkpoint, checkpoint_problem
from .diagnose import Finding, diagnose
from .parallel import scan_in_two
from .report import Problem, VerifyReport
from .scan import Scan, scan


def verify_chain(
    entries: Iterable[LedgerEntry],
    *,
    expected_head: Checkpoint | None = None,
    public_key: Ed25519PublicKey | None = None,
    allow_beyond_head: bool = True,
    progress: Callable[[int], object] | None = None,
    workers: int = 1,
) -> VerifyReport:
    """Check ``entries`` (in stored order, seq ascending) and name the first bad one.

    With ``expected_head``, the chain must reach the checkpoint's seq (else TRUNCATED) and hold
    its hash there (else CHECKPOINT_MISMATCH); with ``public_key`` as well, the checkpoint's
    signature is checked first (BAD_SIGNATURE, ``first_bad_seq`` None: no entry is at fault).
    ``allow_beyond_head=False`` refuses entries after the checkpoint (INSERTED): a public export
    must end at its signed head, or anyone could append to it unnoticed.

    Entries are consumed once, in batches; ``progress(verified_count)`` is called after each.
    On a problem the remaining entries are read into memory to name it.

    ``workers=2`` verifies an in-memory sequence of at least ``PARALLEL_MIN_ENTRIES`` entries
    on two cores (forked child; see ``parallel`` for the hazard), calling ``progress`` once at
    the end; anything else, or any failure, takes the sequential pass.

    Appending a well-formed entry after the last one is indistinguishable from a legitimate
    append: only a checkpoint (and the append path's access control) can rule it out.
    """
    if expected_head is not None and public_key is not None:
        why = checkpoint_problem(expected_head, public_key)
        if why is not None:
            return VerifyReport(False, 0, 0, GENESIS_HASH, None, Problem.BAD_SIGNATURE, why)
    checkpoint_seq = expected_head.seq if expected_head is not None else None
    result = None
    if workers > 1 and isinstance(entries, Sequence):
        result = scan_in_two(entries, checkpoint_seq=checkpoint_seq)
        if result is not None and progress is not None:
            progress(result.verified)
    if result is None:
        result = scan(entries, checkpoint_seq=checkpoint_seq, progress=progress)
    findings = [
        diagnose(result.verified + 1, result.head, result.rest) if result.rest else None,
        _against_checkpoint(result, expected_head, allow_beyond_head),
    ]
    # The earliest seq wins; on a tie the diagnosis, which says more than "it differs".
    finding = min((f for f in findings if f is not None), key=lambda f: f[1], default=None)
    head_hash = result.head.entry_hash if result.head is not None else GENESIS_HASH
    count = result.verified + len(result.rest)
    if finding is None:
        message = f"OK: {count} entries, head seq {result.verified}, head hash {head_hash}"
        return VerifyReport(True, count, result.verified, head_hash, message=message)
    problem, first_bad_seq, message = finding
    return VerifyReport(False, count, result.verified, head_hash, first_bad_seq, problem, message)


def _against_checkpoint(
    result: Scan, checkpoint: Checkpoint | None, allow_beyond_head: bool
) -> Finding | None:
    """A disagreement between the scanned chain and the checkpoint, if any."""
    if checkpoint is None:
        return None
    if result.hash_at_checkpoint is not None:
        if result.hash_at_checkpoint != checkpoint.head_hash:
            return (
                Problem.CHECKPOINT_MISMATCH,
                checkpoint.seq,
                f"entry {checkpoint.seq}: differs from the signed checkpoint; the chain up to "
                f"it was rewritten and re-hashed",
            )
        if not allow_beyond_head and result.verified > checkpoint.seq:
            return (
                Problem.INSERTED,
                checkpoint.seq + 1,
                f"entry {checkpoint.seq + 1}: after the signed head (seq {checkpoint.seq}); "
                f"entries beyond the checkpoint were added",
            )
        return None
    if result.rest:
        return None  # the pass stopped before the checkpoint: that problem comes first
    return (
        Problem.TRUNCATED,
        result.verified + 1,
        f"entry {result.verified + 1}: missing; the signed checkpoint covers seq "
        f"{checkpoint.seq} but the chain ends at seq {result.verified}",
    )
