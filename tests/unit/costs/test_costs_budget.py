"""Budgets: approved versus cash in hand, mandated cuts, the UN fiscal year."""

from datetime import date
from decimal import Decimal

import pytest

from contingent.core.costs.budget import budget_position, new_budget, un_fiscal_period
from contingent.core.errors import ValidationError


def test_the_un_fiscal_period_runs_from_1_july_to_30_june():
    assert un_fiscal_period(2025) == (date(2025, 7, 1), date(2026, 6, 30))


def test_the_cash_gap_and_cover_of_an_illustrative_budget():
    # Illustrative: shaped like the 2025-26 liquidity crunch of domain.md §4 [S64][S65],
    # not a real mission's figures.
    budget = new_budget(
        "DEMO", un_fiscal_period(2025), "1000000000", "850000000", mandated_cut_pct="15"
    )
    position = budget_position(budget)
    assert budget.fiscal_year == "2025/26"
    assert position.cash_gap_usd == Decimal("150000000.00")
    assert position.cash_cover_pct == Decimal("85.0")
    assert position.after_cut_usd == Decimal("850000000.00")


def test_more_cash_than_approved_is_no_negative_gap():
    position = budget_position(new_budget("DEMO", un_fiscal_period(2025), "10", "12"))
    assert position.cash_gap_usd == Decimal("0.00")
    assert position.cash_cover_pct == Decimal("120.0")


@pytest.mark.parametrize(
    ("approved", "cash", "cut"),
    [("-1", "0", "0"), ("1", "-1", "0"), ("1", "1", "101"), (1.5, "1", "0")],
)
def test_bad_budget_figures_are_refused(approved, cash, cut):
    with pytest.raises(ValidationError):
        new_budget("DEMO", un_fiscal_period(2025), approved, cash, mandated_cut_pct=cut)


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError):
        new_budget("DEMO", (date(2026, 6, 30), date(2025, 7, 1)), "1", "1")
