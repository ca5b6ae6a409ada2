"""Calendar arithmetic for estimates: fiscal years, month spans, and runs of days under one rate.

The UN peacekeeping fiscal year runs 1 July–30 June [S64] domain.md §4.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from contingent.core.costs.rates import RateGap, RateRow, RateSchedule, gap_on, rate_in_force


def fiscal_year_of(day: date) -> str:
    """UN peacekeeping fiscal year (1 July–30 June) [S64]: 15 Mar 2026 → ``"2025/26"``."""
    first = day.year if day.month >= 7 else day.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


def days_in_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def add_months(day: date, months: int) -> date:
    """Same day-of-month ``months`` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_spans(start: date, end: date) -> list[tuple[date, date]]:
    """(first, last) day inside ``start..end`` of each calendar month it touches."""
    spans: list[tuple[date, date]] = []
    cursor = start
    while cursor <= end:
        last_of_month = cursor.replace(day=days_in_month(cursor))
        spans.append((cursor, min(end, last_of_month)))
        cursor = last_of_month + timedelta(days=1)
    return spans


def rate_runs(
    schedule: RateSchedule, first: date, last: date
) -> list[tuple[RateRow | None, int, RateGap | None]]:
    """Split ``first..last`` into runs of days under one row and one gap status:
    (row in force or None, number of days, declared gap covering those days or None)."""
    runs: list[tuple[RateRow | None, int, RateGap | None]] = []
    boundaries = _boundaries(schedule)
    day = first
    while day <= last:
        run_end = last
        for boundary in boundaries:
            if day < boundary <= last:
                run_end = min(run_end, boundary - timedelta(days=1))
        runs.append((rate_in_force(schedule, day), (run_end - day).days + 1, gap_on(schedule, day)))
        day = run_end + timedelta(days=1)
    return runs


def _boundaries(schedule: RateSchedule) -> list[date]:
    """Days on which the row in force or the gap status may change."""
    days: list[date] = []
    for start, end in [(r.effective_from, r.effective_to) for r in schedule.rows] + [
        (g.from_day, g.to_day) for g in schedule.gaps
    ]:
        days.append(start)
        if end is not None:
            days.append(end + timedelta(days=1))
    return days
