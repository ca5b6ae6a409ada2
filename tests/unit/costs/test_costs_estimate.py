"""Cost estimates apply the rate in force each month, prorated by days, and say what they used."""

import calendar
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contingent.core.costs import (
    DeploymentLine,
    EstimateStatus,
    estimate_plan_cost,
    fiscal_year_of,
    line_end_day,
    load_un_personnel_schedule,
    rate_in_force,
    schedule_from_dict,
)
from contingent.core.errors import ErrorCode, ValidationError

UN = load_un_personnel_schedule()


def test_a_full_month_costs_personnel_times_the_monthly_rate():
    estimate = estimate_plan_cost([DeploymentLine("PAK", 850, date(2019, 3, 1), months=1)], UN)
    assert estimate.status is EstimateStatus.COMPLETE
    assert estimate.total_cost_usd == Decimal("850") * Decimal("1428.00")
    (cell,) = estimate.months
    assert (cell.days_deployed, cell.days_in_month) == (31, 31)


def test_a_year_across_the_2014_revision_uses_both_rates():
    line = DeploymentLine("BGD", 100, date(2014, 1, 1), months=12)
    estimate = estimate_plan_cost([line], UN)
    assert len(estimate.months) == 12
    assert [c.personnel_cost_usd for c in estimate.months[:6]] == [Decimal("102800.00")] * 6
    assert [c.personnel_cost_usd for c in estimate.months[6:]] == [Decimal("133200.00")] * 6
    assert estimate.personnel_cost_usd == 6 * Decimal("102800") + 6 * Decimal("133200")
    assert {c.fiscal_year for c in estimate.months} == {"2013/14", "2014/15"}


def test_a_partial_month_is_prorated_by_calendar_days():
    estimate = estimate_plan_cost(
        [DeploymentLine("IDN", 30, date(2019, 4, 21), end_day=date(2019, 4, 30))], UN
    )
    assert estimate.total_cost_usd == Decimal("14280.00")  # 30 × 1428 × 10/30


def test_a_mid_month_rate_change_splits_the_month_by_days():
    schedule = schedule_from_dict(
        {
            "schedule_id": "split",
            "kind": "PERSONNEL_REIMBURSEMENT",
            "rows": [
                {
                    "amount_usd": "300",
                    "effective_from": "2020-01-01",
                    "effective_to": "2020-06-10",
                    "decided_by": "d1",
                    "source_tag": "[T1]",
                },
                {
                    "amount_usd": "600",
                    "effective_from": "2020-06-11",
                    "effective_to": None,
                    "decided_by": "d2",
                    "source_tag": "[T2]",
                },
            ],
        }
    )
    estimate = estimate_plan_cost([DeploymentLine("X", 1, date(2020, 6, 1), months=1)], schedule)
    assert estimate.total_cost_usd == Decimal("500.00")  # 300×10/30 + 600×20/30


def test_equipment_is_added_and_prorated_like_personnel():
    line = DeploymentLine(
        "RWA",
        10,
        date(2019, 2, 15),
        end_day=date(2019, 2, 28),
        equipment_monthly_usd=Decimal("2800"),
    )
    estimate = estimate_plan_cost([line], UN)
    assert estimate.equipment_cost_usd == Decimal("1400.00")
    assert estimate.total_cost_usd == Decimal("7140.00") + Decimal("1400.00")


def test_a_framework_without_a_schedule_says_so_instead_of_showing_zero():
    line = DeploymentLine("AZE", 500, date(2026, 1, 1), months=6, equipment_monthly_usd=Decimal(1))
    estimate = estimate_plan_cost([line], None)
    assert estimate.status is EstimateStatus.NO_REIMBURSEMENT_SCHEDULE
    assert estimate.personnel_cost_usd is None and estimate.total_cost_usd is None
    assert all(c.personnel_cost_usd is None for c in estimate.months)
    assert "no reimbursement schedule" in estimate.notes[0]
    assert estimate.by_contributor() == {"AZE": None}


def test_an_estimate_after_july_2022_names_the_rate_used_and_that_it_is_unconfirmed():
    estimate = estimate_plan_cost([DeploymentLine("IDN", 1000, date(2026, 1, 1), months=3)], UN)
    assert estimate.status is EstimateStatus.COMPLETE
    (use,) = estimate.rates_used
    assert use.row.amount_usd == Decimal("1428.00") and use.row.decided_by == "A/RES/72/285"
    assert "1,448 could not be confirmed" in use.unconfirmed_note
    assert any("1428.00" in n and "unconfirmed" in n for n in estimate.notes)
    assert all(c.unconfirmed_rate for c in estimate.months)


def test_an_estimate_before_july_2022_does_not_claim_an_unconfirmed_rate():
    estimate = estimate_plan_cost([DeploymentLine("IDN", 1, date(2020, 1, 1), months=3)], UN)
    assert not any(c.unconfirmed_rate for c in estimate.months)
    assert all(u.unconfirmed_note == "" for u in estimate.rates_used)


def test_days_before_the_first_rate_make_the_estimate_incomplete():
    estimate = estimate_plan_cost([DeploymentLine("FJI", 5, date(1991, 12, 1), months=2)], UN)
    assert estimate.status is EstimateStatus.INCOMPLETE
    assert estimate.total_cost_usd is None
    assert estimate.months[0].personnel_cost_usd is None
    assert estimate.months[1].personnel_cost_usd == Decimal("5140.00")
    assert "1991-12" in estimate.notes[0]


def test_breakdowns_by_contributor_and_fiscal_year_add_up_to_the_total():
    lines = [
        DeploymentLine("PAK", 850, date(2025, 5, 10), months=4, equipment_monthly_usd=Decimal(99)),
        DeploymentLine("IDN", 1200, date(2025, 6, 1), end_day=date(2026, 1, 17)),
    ]
    estimate = estimate_plan_cost(lines, UN)
    assert sum(estimate.by_contributor().values()) == estimate.total_cost_usd
    assert sum(estimate.by_fiscal_year().values()) == estimate.total_cost_usd
    assert set(estimate.by_fiscal_year()) == {"2024/25", "2025/26"}


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 7, 1), "2025/26"),
        (date(2026, 6, 30), "2025/26"),
        (date(1999, 12, 31), "1999/00"),
    ],
)
def test_the_fiscal_year_runs_july_to_june(day, label):
    assert fiscal_year_of(day) == label


def test_months_end_the_day_before_the_same_date_months_later():
    assert line_end_day(DeploymentLine("X", 1, date(2026, 1, 31), months=1)) == date(2026, 2, 27)
    assert line_end_day(DeploymentLine("X", 1, date(2026, 3, 15), months=12)) == date(2027, 3, 14)


def test_a_line_needs_exactly_one_of_end_date_and_months():
    with pytest.raises(ValidationError):
        line_end_day(DeploymentLine("X", 1, date(2026, 1, 1)))
    with pytest.raises(ValidationError):
        line_end_day(DeploymentLine("X", 1, date(2026, 1, 1), end_day=date(2026, 2, 1), months=1))


def test_a_line_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as refused:
        estimate_plan_cost([DeploymentLine("X", 1, date(2026, 1, 2), end_day=date(2026, 1, 1))], UN)
    assert refused.value.code is ErrorCode.END_BEFORE_START


def _brute_force(personnel, start, end):
    """Day by day: each day costs personnel × rate(day) / days-in-its-month."""
    per_month: dict[tuple[int, int], Decimal] = {}
    day = start
    while day <= end:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        key = (day.year, day.month)
        rate = rate_in_force(UN, day).amount_usd
        per_month[key] = per_month.get(key, Decimal(0)) + personnel * rate / days_in_month
        day += timedelta(days=1)
    return per_month


@settings(max_examples=60, deadline=None)
@given(
    personnel=st.integers(min_value=0, max_value=5000),
    start=st.dates(min_value=date(2012, 1, 1), max_value=date(2027, 1, 1)),
    length_days=st.integers(min_value=0, max_value=800),
)
def test_the_estimate_equals_a_day_by_day_brute_force(personnel, start, length_days):
    end = start + timedelta(days=length_days)
    estimate = estimate_plan_cost([DeploymentLine("X", personnel, start, end_day=end)], UN)
    expected = _brute_force(personnel, start, end)
    assert len(estimate.months) == len(expected)
    for cell in estimate.months:
        exact = expected[(cell.month.year, cell.month.month)]
        assert abs(cell.personnel_cost_usd - exact) <= Decimal("0.005")


def test_each_unconfirmed_period_names_its_own_gap_only():
    raw = {
        "schedule_id": "two-gaps",
        "kind": "PERSONNEL_REIMBURSEMENT",
        "rows": [
            {
                "amount_usd": "10",
                "effective_from": "2020-01-01",
                "effective_to": None,
                "decided_by": "d",
                "source_tag": "[T]",
            }
        ],
        "gaps": [
            {"from": "2020-01-01", "to": "2020-01-31", "note": "GAP-ALPHA", "source_tag": "[A]"},
            {"from": "2020-03-01", "to": None, "note": "GAP-BETA", "source_tag": "[B]"},
        ],
    }
    estimate = estimate_plan_cost(
        [DeploymentLine("X", 1, date(2020, 1, 1), months=3)], schedule_from_dict(raw)
    )
    assert [(u.person_days, u.unconfirmed_note) for u in estimate.rates_used] == [
        (29, ""),
        (31, "GAP-ALPHA [A]"),
        (31, "GAP-BETA [B]"),
    ]
    assert [c.unconfirmed_rate for c in estimate.months] == [True, False, True]
