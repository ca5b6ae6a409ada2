"""Name what went wrong where the fast pass stopped: which kind of change, and the first bad seq.

The kinds are told apart from the evidence a chain holds, as far as it honestly allows:

- a gap in ``seq`` whose missing numbers never turn up later: REMOVED;
- a gap whose missing numbers turn up later: REORDERED;
- a ``seq`` seen before, or an extra entry after which the chain continues soundly: INSERTED;
- an entry whose contents no longer give its ``entry_hash``, or a sound entry that the next one
  does not commit to (altered, then re-hashed): ALTERED;
- entry 1 not starting from ``GENESIS_HASH``: BAD_GENESIS.

Several histories can leave the same evidence (a re-hashed entry cannot be told from a replaced
one when nothing follows it); the message then says so, and the first bad seq is the earliest
entry that can be doubted.
"""

from __future__ import annotations

from dataclasses import replace

from .chain import GENESIS_HASH, LedgerEntry, hash_of
from .report import Problem

Finding = tuple[Problem, int, str]


def is_self_consistent(entry: LedgerEntry) -> bool:
    """True when ``entry``'s fields give its ``entry_hash`` (whatever their types)."""
    try:
        return hash_of(entry) == entry.entry_hash
    except (AttributeError, TypeError, ValueError, OverflowError):
        return False


def _is_whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def diagnose(position: int, previous: LedgerEntry | None, rest: list[LedgerEntry]) -> Finding:
    """Explain why ``rest[0]``, found where seq ``position`` belongs, failed the fast pass.

    ``previous`` is the last entry that passed (None at the start); ``rest`` holds every entry
    from the failing one to the end, so that later entries can be consulted.
    """
    entry = rest[0]
    after = rest[1] if len(rest) > 1 else None
    extra = _diagnose_extra(position, previous, rest)
    if extra is not None:
        return extra
    if not _is_whole_number(entry.seq):
        return Problem.ALTERED, position, f"entry {position}: seq {entry.seq!r} is not a number"
    if entry.seq != position and is_self_consistent(replace(entry, seq=position)):
        return (
            Problem.ALTERED,
            position,
            f"entry {position}: its seq was changed to {entry.seq}",
        )
    if entry.seq == position:
        return _diagnose_in_place(position, previous, entry, after)
    if entry.seq < position:
        return _diagnose_repeated(position, entry)
    return _diagnose_gap(position, entry, after, rest)


def _diagnose_extra(
    position: int, previous: LedgerEntry | None, rest: list[LedgerEntry]
) -> Finding | None:
    """The failing entry is an extra one if the chain resumes soundly right after it."""
    entry, after = rest[0], (rest[1] if len(rest) > 1 else None)
    previous_hash = previous.entry_hash if previous is not None else GENESIS_HASH
    if (
        after is None
        or entry == previous  # an exact repeat of its predecessor: named by _diagnose_repeated
        or after.seq != position
        or after.prev_hash != previous_hash
        or not is_self_consistent(after)
    ):
        return None
    if (
        entry.prev_hash == after.entry_hash
        and is_self_consistent(entry)
        and all(e.seq != entry.seq for e in rest[2:])  # else a copy, not a swap
    ):
        return (
            Problem.REORDERED,
            position,
            f"entry {position}: out of order; entry {entry.seq} stands before it",
        )
    return (
        Problem.INSERTED,
        position,
        f"entry {position}: an extra entry (claiming seq {entry.seq!r}) was inserted before it",
    )


def _diagnose_in_place(
    position: int, previous: LedgerEntry | None, entry: LedgerEntry, after: LedgerEntry | None
) -> Finding:
    if previous is None:
        if entry.prev_hash != GENESIS_HASH:
            return Problem.BAD_GENESIS, 1, "entry 1: prev_hash is not the genesis hash"
        return Problem.ALTERED, 1, "entry 1: its contents do not match its entry_hash"
    if entry.prev_hash == previous.prev_hash and is_self_consistent(
        replace(entry, seq=position - 1)
    ):
        return (
            Problem.INSERTED,
            position - 1,
            f"entry {position - 1}: inserted; the next entry was entry {position - 1}, "
            f"renumbered, and commits to entry {position - 2}",
        )
    if not is_self_consistent(entry):
        return Problem.ALTERED, position, f"entry {position}: its contents do not match its hash"
    # Sound on its own but not chained to its predecessor: one of the two was re-hashed.
    if after is None or after.prev_hash == entry.entry_hash:
        return (
            Problem.ALTERED,
            position - 1,
            f"entry {position - 1}: altered and re-hashed; entry {position} commits to a "
            f"different entry {position - 1}",
        )
    return (
        Problem.ALTERED,
        position,
        f"entry {position}: replaced; it does not chain to entry {position - 1}",
    )


def _diagnose_repeated(position: int, entry: LedgerEntry) -> Finding:
    if entry.seq == position - 1:
        return (
            Problem.INSERTED,
            position - 1,
            f"entry {position - 1}: two entries claim this seq; one of them was inserted",
        )
    return (
        Problem.INSERTED,
        position,
        f"entry {position}: an entry claiming seq {entry.seq}, which came earlier, was "
        f"inserted before it",
    )


def _diagnose_gap(
    position: int, entry: LedgerEntry, after: LedgerEntry | None, rest: list[LedgerEntry]
) -> Finding:
    missing = range(position, entry.seq)
    later = next(
        (e.seq for e in rest[1:] if _is_whole_number(e.seq) and e.seq in missing),
        None,
    )
    if later is not None:
        return (
            Problem.REORDERED,
            position,
            f"entry {position}: out of order; seq {entry.seq} stands in its place and seq "
            f"{later} comes later",
        )
    if after is not None and after.seq == position + 1:
        return (
            Problem.ALTERED,
            position,
            f"entry {position}: its seq was changed to {entry.seq} (and its hash recomputed)",
        )
    if entry.seq == position + 1:
        return Problem.REMOVED, position, f"entry {position}: removed (seq {entry.seq} follows)"
    return (
        Problem.REMOVED,
        position,
        f"entry {position}: removed, with every entry up to {entry.seq - 1}",
    )
