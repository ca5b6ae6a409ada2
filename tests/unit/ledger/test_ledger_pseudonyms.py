"""Pseudonyms for entries that are not public: keyed, stable, distinct per field, validated as
the values they replace, and invisible to verification (the chain verifies without the secret)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contingent.core.errors import ValidationError
from contingent.core.ledger import verify_chain
from contingent.core.ledger.append import next_entry
from contingent.core.ledger.pseudonym import PREFIX, pseudonym

SECRET = bytes(range(32))
OTHER = bytes(range(1, 33))
AT = datetime(2026, 3, 1, tzinfo=UTC)


def _entry(prev, classification: str, secret: bytes | None = SECRET, **over):  # noqa: ANN001, ANN202
    fields = {
        "actor": "user:liaison-nor",
        "action": "pledge.created",
        "object_type": "pledge",
        "object_id": "isf-gaza/NOR-INF-1",
        "classification": classification,
        "payload": {"personnel": 850},
    } | over
    return next_entry(prev, at=AT, pseudonym_secret=secret, **fields)


@given(value=st.text(min_size=1, max_size=40))
def test_a_pseudonym_is_stable_keyed_and_distinct_per_field(value):
    p = pseudonym(SECRET, "object_id", value)
    assert p == pseudonym(SECRET, "object_id", value)
    assert p.startswith(PREFIX) and len(p) == 33
    assert set(p[1:]) <= set("0123456789abcdef")
    assert p != pseudonym(OTHER, "object_id", value)
    assert p != pseudonym(SECRET, "actor", value)


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError, match="at least 32 bytes"):
        pseudonym(b"short", "actor", "user:x")


@pytest.mark.parametrize("classification", ["restricted", "confidential"])
def test_an_entry_that_is_not_public_chains_pseudonyms_and_still_verifies(classification):
    first = _entry(None, classification)
    second = _entry(first, classification, action="pledge.transitioned")
    assert first.actor == pseudonym(SECRET, "actor", "user:liaison-nor")
    assert first.object_id == pseudonym(SECRET, "object_id", "isf-gaza/NOR-INF-1")
    assert second.object_id == first.object_id  # one record, one pseudonym
    assert verify_chain([first, second]).ok  # no secret needed to verify


def test_a_public_entry_and_an_entry_without_a_secret_keep_their_values():
    public = _entry(None, "public")
    unkeyed = _entry(public, "restricted", secret=None)
    assert (public.actor, public.object_id) == ("user:liaison-nor", "isf-gaza/NOR-INF-1")
    assert unkeyed.object_id == "isf-gaza/NOR-INF-1"


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"actor": "u" * 65}, "actor"),  # the real value is validated, not its pseudonym
        ({"object_id": "~looks-like-a-pseudonym"}, "object_id"),
        ({"actor": "~x"}, "actor"),
        ({"object_id": ""}, "object_id"),
    ],
)
def test_values_are_validated_before_they_are_replaced(over, field):
    with pytest.raises(ValidationError) as caught:
        _entry(None, "confidential", **over)
    assert field in caught.value.fields


def test_the_payload_of_an_entry_that_is_not_public_is_recorded_by_a_keyed_hash():
    from contingent.core.canonical import canonical_json, payload_hash
    from contingent.core.ledger.pseudonym import keyed_payload_hash

    payload = {"role": "liaison", "contributor": "NOR"}  # a few hundred guesses would find it
    hidden = _entry(None, "restricted", payload=payload)
    public = _entry(hidden, "public", payload=payload)
    assert public.payload_sha256 == payload_hash(payload)
    assert hidden.payload_sha256 != payload_hash(payload)
    assert hidden.payload_sha256 == keyed_payload_hash(SECRET, canonical_json(payload))
    assert hidden.payload_sha256 != keyed_payload_hash(OTHER, canonical_json(payload))
