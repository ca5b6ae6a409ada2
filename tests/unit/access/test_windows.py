"""Time windows: half-open, zero-length = instant, end before start refused."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contingent.core.access.windows import (
    TimeWindow,
    first_uncovered_us,
    merge_windows_us,
    parse_window,
    to_us,
    windows_overlap_us,
)
from contingent.core.errors import ErrorCode, ValidationError

from .strategies import T0


def w(a: int, b: int) -> TimeWindow:
    return TimeWindow(T0 + timedelta(hours=a), T0 + timedelta(hours=b))


def test_windows_that_meet_end_to_start_do_not_overlap():
    assert not w(0, 2).overlaps(w(2, 4))
    assert not w(2, 4).overlaps(w(0, 2))


def test_a_zero_length_window_is_an_instant_inside_a_window_that_contains_it():
    assert w(1, 1).overlaps(w(0, 2))
    assert w(0, 0).overlaps(w(0, 2))
    assert not w(2, 2).overlaps(w(0, 2))  # the end is not part of a half-open window
    assert w(3, 3).overlaps(w(3, 3))
    assert not w(3, 3).overlaps(w(4, 4))
    assert w(1, 1).intersection(w(0, 2)) == w(1, 1)


def test_it_refuses_a_window_that_ends_before_it_starts():
    with pytest.raises(ValidationError) as exc:
        w(3, 2)
    assert exc.value.code is ErrorCode.END_BEFORE_START


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValidationError) as exc:
        TimeWindow(datetime(2026, 1, 1), datetime(2026, 1, 2))
    assert exc.value.code is ErrorCode.MALFORMED_DATE


def test_windows_parsed_from_text_need_a_zone_and_an_end_after_the_start():
    assert parse_window("2026-11-30T00:00:00Z", "2026-11-30T02:00:00+02:00") == w(0, 0)
    for start, end, code, field in (
        ("2026-11-30T03:00:00Z", "2026-11-30T01:00:00Z", ErrorCode.END_BEFORE_START, "window.end"),
        ("2026-11-30T03:00:00", "2026-11-30T04:00:00Z", ErrorCode.MALFORMED_DATE, "window.start"),
        ("yesterday", "2026-11-30T04:00:00Z", ErrorCode.MALFORMED_DATE, "window.start"),
    ):
        with pytest.raises(ValidationError) as exc:
            parse_window(start, end)
        assert exc.value.code is code and field in exc.value.fields


def test_first_uncovered_finds_the_earliest_gap_and_merges_touching_open_windows():
    assert w(0, 6).first_uncovered((w(0, 2), w(2, 4))) == w(4, 6)
    assert w(1, 5).first_uncovered((w(0, 2), w(3, 9))) == w(2, 3)
    assert w(1, 3).first_uncovered((w(0, 9),)) is None
    assert w(1, 1).first_uncovered((w(1, 1),)) is None
    assert w(1, 1).first_uncovered((w(0, 1),)) == w(1, 1)


hours = st.integers(0, 8)


@st.composite
def small_windows(draw: st.DrawFn) -> TimeWindow:
    a = draw(hours)
    return w(a, a + draw(st.integers(0, 3)))


@settings(max_examples=300, deadline=None)
@given(small_windows(), small_windows())
def test_the_vectorised_overlap_equals_the_scalar_rule(a, b):  # type: ignore[no-untyped-def]
    got = windows_overlap_us(*(np.array([to_us(t)]) for t in (a.start, a.end, b.start, b.end)))
    assert bool(got[0]) == a.overlaps(b)


@settings(max_examples=300, deadline=None)
@given(small_windows().filter(lambda x: not x.is_instant), st.lists(small_windows(), max_size=4))
def test_the_vectorised_coverage_equals_the_scalar_rule(window, cover):  # type: ignore[no-untyped-def]
    ms, me = merge_windows_us(tuple(cover))
    open_gap, gs, ge = first_uncovered_us(
        np.array([to_us(window.start)]), np.array([to_us(window.end)]), ms, me
    )
    expected = window.first_uncovered(tuple(cover))
    assert bool(open_gap[0]) == (expected is not None)
    if expected is not None:
        assert (int(gs[0]), int(ge[0])) == (to_us(expected.start), to_us(expected.end))
