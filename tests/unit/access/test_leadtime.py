"""Lead-time rules: 48 h / 24 h by default, late flagged with hours short, never dropped."""

from __future__ import annotations

from datetime import timedelta

from contingent.core.access.leadtime import LeadTimeRule, assess_lead_time

from .strategies import T0


def test_a_movement_notified_47_hours_ahead_is_late_by_one_hour():
    a = assess_lead_time(T0, T0 + timedelta(hours=47), is_emergency=False)
    assert (a.required_h, a.late, round(a.hours_short, 6)) == (48.0, True, 1.0)


def test_an_emergency_needs_only_24_hours():
    a = assess_lead_time(T0, T0 + timedelta(hours=30), is_emergency=True)
    assert (a.required_h, a.late, a.hours_short) == (24.0, False, 0.0)


def test_an_operation_can_set_its_own_rule():
    rule = LeadTimeRule(
        operation_id="gaza-isf", standard_h=72, emergency_h=6, source="operation order"
    )
    assert assess_lead_time(T0, T0 + timedelta(hours=50), False, rule).late
    assert not assess_lead_time(T0, T0 + timedelta(hours=7), True, rule).late


def test_a_notification_after_departure_is_late_by_more_than_the_rule():
    a = assess_lead_time(T0 + timedelta(hours=2), T0, is_emergency=False)
    assert a.actual_h == -2.0 and a.hours_short == 50.0
