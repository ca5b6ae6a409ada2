"""Contributions move PLEDGED → COMMITTED → PARTLY_RECEIVED → RECEIVED; gaps and arrears add up."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contingent.core.costs import (
    ContributionState,
    arrears_usd,
    contribution_state,
    funding_position,
    in_arrears,
    new_pledge,
    record_commitment,
    record_receipt,
)
from contingent.core.errors import TransitionRefused, ValidationError


def _pledge(amount="1000000", donor="NOR", fund="ISF", framework="ISF-2803"):
    return new_pledge(
        f"c-{donor}-{fund}",
        donor,
        framework,
        fund,
        amount,
        date(2026, 1, 10),
        classification="public",
    )


def test_a_contribution_walks_through_its_states():
    c = _pledge()
    assert contribution_state(c) is ContributionState.PLEDGED
    c = record_commitment(c, "800000", date(2026, 2, 1), due_day=date(2026, 6, 30))
    assert contribution_state(c) is ContributionState.COMMITTED
    c = record_receipt(c, "300000", date(2026, 3, 1))
    assert contribution_state(c) is ContributionState.PARTLY_RECEIVED
    c = record_receipt(c, Decimal("500000"), date(2026, 4, 1))
    assert contribution_state(c) is ContributionState.RECEIVED
    assert c.received_usd == Decimal("800000.00")


def test_a_receipt_before_any_commitment_is_refused_with_a_coded_reason():
    with pytest.raises(TransitionRefused) as refused:
        record_receipt(_pledge(), "10", date(2026, 2, 1))
    assert refused.value.reasons[0][0] == "no_commitment_recorded"


def test_a_receipt_beyond_the_commitment_is_refused():
    c = record_commitment(_pledge(), "100", date(2026, 2, 1), due_day=None)
    with pytest.raises(TransitionRefused) as refused:
        record_receipt(c, "100.01", date(2026, 2, 2))
    assert refused.value.reasons[0][0] == "receipt_exceeds_commitment"


def test_float_money_is_refused():
    with pytest.raises(ValidationError):
        new_pledge("c", "NOR", "F", "ISF", 1000.5, date(2026, 1, 1), classification="public")


def test_a_commitment_unpaid_after_its_due_day_is_in_arrears():
    c = record_commitment(_pledge(), "500000", date(2026, 2, 1), due_day=date(2026, 6, 30))
    c = record_receipt(c, "200000", date(2026, 5, 1))
    assert not in_arrears(c, date(2026, 6, 30))
    assert arrears_usd(c, date(2026, 7, 1)) == Decimal("300000.00")
    c = record_receipt(c, "300000", date(2026, 7, 15))
    assert arrears_usd(c, date(2026, 7, 10)) == Decimal("300000.00")
    assert arrears_usd(c, date(2026, 7, 16)) == Decimal("0.00")


def test_the_funding_gap_is_estimate_minus_received_and_minus_pledged():
    nor = record_commitment(
        _pledge("1000000"), "1000000", date(2026, 2, 1), due_day=date(2026, 3, 1)
    )
    nor = record_receipt(nor, "400000", date(2026, 2, 15))
    jpn = _pledge("2500000", donor="JPN", fund="police training")
    position = funding_position(Decimal("10000000"), [nor, jpn], date(2026, 4, 1))
    assert position.pledged_usd == Decimal("3500000.00")
    assert position.committed_usd == Decimal("1000000.00")
    assert position.received_usd == Decimal("400000.00")
    assert position.gap_vs_received_usd == Decimal("9600000.00")
    assert position.gap_vs_pledged_usd == Decimal("6500000.00")
    assert position.arrears_usd == Decimal("600000.00")
    assert position.donors_in_arrears == ("NOR",)
    assert set(position.by_fund) == {"ISF", "police training"}


def test_without_an_estimate_the_gap_is_unknown_not_zero():
    position = funding_position(None, [_pledge()], date(2026, 4, 1))
    assert position.gap_vs_received_usd is None and position.gap_vs_pledged_usd is None
    assert "cannot be computed" in position.note


def test_money_recorded_after_the_as_of_day_does_not_count():
    c = record_commitment(_pledge(), "1000", date(2026, 2, 1), due_day=None)
    c = record_receipt(c, "1000", date(2026, 5, 1))
    position = funding_position(Decimal("5000"), [c], date(2026, 3, 1))
    assert position.received_usd == Decimal("0.00")
    assert funding_position(Decimal("5000"), [c], date(2026, 1, 1)).pledged_usd == 0


def test_a_framework_filter_keeps_other_frameworks_out():
    a = _pledge(framework="A")
    b = _pledge(framework="B", donor="SWE")
    assert funding_position(None, [a, b], date(2026, 5, 1), framework="B").pledged_usd == Decimal(
        "1000000.00"
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=10**9),
            st.integers(min_value=0, max_value=100),
            st.sampled_from(["ISF", "police", "reconstruction"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_fund_totals_always_add_up_to_the_position_totals(rows):
    contributions = []
    for i, (cents, paid_pct, fund) in enumerate(rows):
        amount = Decimal(cents) / 100
        c = new_pledge(
            f"c{i}", f"D{i}", "F", fund, amount, date(2026, 1, 1), classification="public"
        )
        c = record_commitment(c, amount, date(2026, 1, 2), due_day=date(2026, 2, 1))
        paid = (amount * paid_pct / 100).quantize(Decimal("0.01"))
        if paid > 0:
            c = record_receipt(c, paid, date(2026, 1, 3))
        contributions.append(c)
    position = funding_position(Decimal("1"), contributions, date(2026, 3, 1))
    assert position.received_usd == sum(f["received_usd"] for f in position.by_fund.values())
    assert position.received_usd + position.arrears_usd == position.committed_usd
    assert position.gap_vs_received_usd == Decimal("1.00") - position.received_usd
