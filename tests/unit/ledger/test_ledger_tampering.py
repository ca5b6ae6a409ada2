"""Any single change to a stored chain is detected, and the first bad entry is named."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from ledger_chains import FIELDS, chains, hex64, seal, small_chain

from contingent.core.ledger import (
    GENESIS_HASH,
    LedgerEntry,
    Problem,
    generate_signing_key,
    sign_checkpoint,
    verify_chain,
)
from contingent.core.ledger.parallel import scan_in_two

SIGNING_KEY = generate_signing_key()
PUBLIC_KEY = SIGNING_KEY.public_key()
SIGNED_AT = datetime(2026, 11, 30, tzinfo=UTC)
properties = settings(max_examples=150, deadline=None)


def checkpoint_of(chain: list[LedgerEntry]):
    return sign_checkpoint(chain[-1] if chain else None, at=SIGNED_AT, signing_key=SIGNING_KEY)


def verify_against_head(tampered: list[LedgerEntry], original: list[LedgerEntry]):
    return verify_chain(
        tampered,
        expected_head=checkpoint_of(original),
        public_key=PUBLIC_KEY,
        allow_beyond_head=False,
    )


def altered_value(entry: LedgerEntry, name: str, data: st.DataObject) -> object:
    old = getattr(entry, name)
    if name == "seq":
        new = data.draw(st.integers(min_value=0, max_value=2**40))
    elif name == "at":
        new = old + data.draw(
            st.timedeltas(
                min_value=timedelta(microseconds=-(10**12)),
                max_value=timedelta(microseconds=10**12),
            )
        )
    elif name in ("prev_hash", "entry_hash", "payload_sha256"):
        new = data.draw(hex64 | st.just(old.upper()) | st.just(old[:-1]) | st.text(max_size=4))
    else:
        new = data.draw(st.text(max_size=6) | st.just(old + " ") | st.just(old.upper()))
    if new == old:
        new = (
            old + 1
            if name == "seq"
            else old + timedelta(microseconds=1)
            if name == "at"
            else old + "x"
        )
    return new


@properties
@given(chains)
def test_an_untouched_chain_verifies_and_reports_its_head(chain):
    report = verify_against_head(chain, chain)
    assert report.ok, report.message
    assert (report.count, report.head_seq, report.head_hash) == (
        len(chain),
        len(chain),
        chain[-1].entry_hash,
    )
    assert report.first_bad_seq is None and report.problem is None


def test_an_empty_chain_verifies_with_the_genesis_hash_as_head():
    report = verify_against_head([], [])
    assert report.ok and report.head_seq == 0 and report.head_hash == GENESIS_HASH


@properties
@given(chains, st.sampled_from(("seq", "at", "prev_hash", "entry_hash", *FIELDS)), st.data())
def test_altering_any_field_of_any_entry_is_detected_at_that_entry(chain, name, data):
    index = data.draw(st.integers(0, len(chain) - 1))
    tampered = list(chain)
    tampered[index] = replace(chain[index], **{name: altered_value(chain[index], name, data)})
    report = verify_chain(tampered)
    assert not report.ok
    assert report.first_bad_seq == index + 1, report.message
    assert report.problem in (Problem.ALTERED, Problem.BAD_GENESIS)
    assert f"entry {index + 1}" in report.message


@properties
@given(chains, st.sampled_from(("seq", "at", "prev_hash", *FIELDS)), st.data())
def test_altering_an_entry_and_recomputing_its_hash_is_detected(chain, name, data):
    index = data.draw(st.integers(0, len(chain) - 1))
    tampered = list(chain)
    tampered[index] = seal(replace(chain[index], **{name: altered_value(chain[index], name, data)}))
    report = verify_against_head(tampered, chain)
    assert not report.ok
    # The re-hashed entry and its predecessor are indistinguishable suspects.
    assert report.first_bad_seq in (index, index + 1), report.message


@properties
@given(chains, st.data())
def test_removing_any_entry_is_detected_and_the_last_one_against_the_checkpoint(chain, data):
    index = data.draw(st.integers(0, len(chain) - 1))
    tampered = chain[:index] + chain[index + 1 :]
    report = verify_against_head(tampered, chain)
    assert not report.ok
    assert report.first_bad_seq == index + 1, report.message
    last = index == len(chain) - 1
    assert report.problem == (Problem.TRUNCATED if last else Problem.REMOVED)


@properties
@given(chains, st.data())
def test_removing_an_inner_entry_is_detected_without_a_checkpoint(chain, data):
    if len(chain) < 2:
        return
    index = data.draw(st.integers(0, len(chain) - 2))
    report = verify_chain(chain[:index] + chain[index + 1 :])
    assert (report.ok, report.problem, report.first_bad_seq) == (False, Problem.REMOVED, index + 1)


def forgeries(
    chain: list[LedgerEntry], index: int, kind: str, data: st.DataObject
) -> list[LedgerEntry]:
    """``chain`` with one forged entry placed before ``chain[index]`` (or at the end)."""
    previous_hash = chain[index - 1].entry_hash if index else GENESIS_HASH
    template = data.draw(st.sampled_from(chain))
    if kind == "copy":
        return chain[:index] + [template] + chain[index:]
    forged = replace(template, seq=index + 1, prev_hash=previous_hash, actor="user:forger")
    if kind == "sloppy":
        forged = replace(forged, seq=data.draw(st.integers(0, 50)), entry_hash=data.draw(hex64))
        return chain[:index] + [forged] + chain[index:]
    forged = seal(forged)
    later = chain[index:]
    if kind == "renumbered":  # later seqs shifted to make room, their hashes left alone
        later = [replace(e, seq=e.seq + 1) for e in later]
    return chain[:index] + [forged] + later


@properties
@given(chains, st.data())
def test_inserting_a_forged_entry_anywhere_is_detected(chain, data):
    index = data.draw(st.integers(0, len(chain)))
    kind = data.draw(st.sampled_from(["sloppy", "well_formed", "renumbered", "copy"]))
    tampered = forgeries(chain, index, kind, data)
    report = verify_against_head(tampered, chain)
    assert not report.ok
    if tampered[index] in chain[max(0, index - 1) : index + 1]:
        # An exact repeat of a neighbour: either of the two could be "the inserted one".
        assert report.problem == Problem.INSERTED
        assert report.first_bad_seq in (index, index + 1), report.message
    elif index < len(chain):
        assert (report.problem, report.first_bad_seq) == (Problem.INSERTED, index + 1), (
            report.message
        )
    else:  # after the signed head
        assert report.first_bad_seq in (index, index + 1), report.message


@properties
@given(chains, st.data())
def test_swapping_two_entries_is_detected_as_a_reordering(chain, data):
    if len(chain) < 2:
        return
    i = data.draw(st.integers(0, len(chain) - 2))
    j = data.draw(st.integers(i + 1, len(chain) - 1))
    tampered = list(chain)
    tampered[i], tampered[j] = tampered[j], tampered[i]
    report = verify_chain(tampered)
    assert (report.ok, report.problem, report.first_bad_seq) == (
        False,
        Problem.REORDERED,
        i + 1,
    ), report.message


def test_a_chain_rewritten_from_an_entry_on_is_caught_by_the_checkpoint():
    chain = small_chain(8)
    rewritten = chain[:3]
    for entry in chain[3:]:
        rewritten.append(seal(replace(entry, prev_hash=rewritten[-1].entry_hash)))
        if entry.seq == 4:
            rewritten[-1] = seal(replace(rewritten[-1], object_id="forged"))
    assert verify_chain(rewritten).ok  # without a checkpoint a full rewrite is consistent
    report = verify_against_head(rewritten, chain)
    assert (report.problem, report.first_bad_seq) == (Problem.CHECKPOINT_MISMATCH, 8)


def test_entries_after_the_signed_head_are_refused_only_when_asked():
    chain = small_chain(6)
    checkpoint = checkpoint_of(chain[:4])
    assert verify_chain(chain, expected_head=checkpoint, public_key=PUBLIC_KEY).ok
    report = verify_chain(
        chain, expected_head=checkpoint, public_key=PUBLIC_KEY, allow_beyond_head=False
    )
    assert (report.problem, report.first_bad_seq) == (Problem.INSERTED, 5)


def test_a_checkpoint_signed_by_another_key_is_a_bad_signature_naming_no_entry():
    chain = small_chain(3)
    other = generate_signing_key()
    checkpoint = sign_checkpoint(chain[-1], at=SIGNED_AT, signing_key=other)
    report = verify_chain(chain, expected_head=checkpoint, public_key=PUBLIC_KEY)
    assert (report.ok, report.problem, report.first_bad_seq) == (
        False,
        Problem.BAD_SIGNATURE,
        None,
    )


def test_a_first_entry_not_starting_from_genesis_is_named():
    chain = small_chain(3)
    tampered = [seal(replace(chain[0], prev_hash="1" * 64))] + chain[1:]
    report = verify_chain(tampered)
    assert (report.problem, report.first_bad_seq) == (Problem.BAD_GENESIS, 1)


def test_a_field_of_the_wrong_type_is_reported_not_raised():
    chain = small_chain(3)
    for bad in (
        replace(chain[1], at=chain[1].at.replace(tzinfo=None)),
        replace(chain[1], actor=None),
        replace(chain[1], seq="2"),
    ):
        report = verify_chain([chain[0], bad, chain[2]])
        assert (report.ok, report.first_bad_seq) == (False, 2), report.message


def test_verification_reports_progress_in_batches():
    chain = small_chain(5)
    seen: list[int] = []
    assert verify_chain(chain, progress=seen.append).ok
    assert seen == [5]


def test_two_process_verification_agrees_with_one_process():
    chain = small_chain(40)
    whole = scan_in_two(chain, checkpoint_seq=7, min_entries=2)
    assert whole is not None
    assert (whole.verified, whole.head, whole.hash_at_checkpoint) == (
        40,
        chain[-1],
        chain[6].entry_hash,
    )
    for index in (3, 19, 20, 35):  # a bad entry in either half sends it back to one process
        tampered = list(chain)
        tampered[index] = replace(chain[index], actor="user:forger")
        assert scan_in_two(tampered, min_entries=2) is None
        report = verify_chain(tampered, workers=2)
        assert report == verify_chain(tampered)
        assert report.first_bad_seq == index + 1
    assert scan_in_two(chain, min_entries=41) is None  # too short to be worth a fork
