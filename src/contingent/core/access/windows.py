"""Time windows: half-open UTC intervals, with zero-length windows meaning one instant.

Decision (documented for the engine, the brute-force reference and the tests):

* A window ``[start, end)`` is half-open. Two windows that *meet end to start* (``a.end ==
  b.start``) do **not** overlap: a zone that closes at 12:00 does not conflict with a convoy that
  leaves at 12:00.
* A zero-length window (``start == end``) is the single instant ``start``: it overlaps a window
  that contains that instant (``s <= t < e``) and another zero-length window at the same instant.
  Treating it as empty would let a checkpoint passage or a strike "at 12:00 sharp" vanish from
  deconfliction, which is the wrong way to fail.
* ``end`` before ``start`` is refused with ``END_BEFORE_START``.
* ``end`` may be ``None`` for an open-ended window (a protected site's validity); it is stored
  internally as :data:`FAR_FUTURE`.

Vectorised forms work on int64 microseconds since the epoch (``to_us``) so the engine can test
millions of pairs at once with exactly the same rule as :meth:`TimeWindow.overlaps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from contingent.core.errors import ErrorCode, ValidationError

FAR_FUTURE = datetime(9999, 12, 31, tzinfo=UTC)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_us(moment: datetime) -> int:
    """Microseconds since the epoch; refuses naive datetimes (time zone hazard)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(
            "naive datetime: aware UTC datetimes only",
            code=ErrorCode.MALFORMED_DATE,
            fields={"time": "no time zone"},
        )
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(us: int) -> datetime:
    from datetime import timedelta

    return _EPOCH + timedelta(microseconds=int(us))


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """``[start, end)`` in aware UTC; ``start == end`` is one instant (see module docstring)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        s, e = to_us(self.start), to_us(self.end)
        if e < s:
            raise ValidationError(
                "the window ends before it starts",
                code=ErrorCode.END_BEFORE_START,
                fields={"end": "before start"},
            )

    @classmethod
    def trusted(cls, start: datetime, end: datetime) -> TimeWindow:
        """Build without validation: only for windows computed from already-valid ones (hot
        path of the engine, where validation was ~40 % of the bulk time)."""
        w = object.__new__(cls)
        object.__setattr__(w, "start", start)
        object.__setattr__(w, "end", end)
        return w

    @classmethod
    def open_ended(cls, start: datetime) -> TimeWindow:
        return cls(start, FAR_FUTURE)

    @property
    def is_instant(self) -> bool:
        return self.start == self.end

    def contains(self, moment: datetime) -> bool:
        if self.is_instant:
            return moment == self.start
        return self.start <= moment < self.end

    def overlaps(self, other: TimeWindow) -> bool:
        lo = max(self.start, other.start)
        return self.contains(lo) and other.contains(lo)

    def intersection(self, other: TimeWindow) -> TimeWindow | None:
        """The common part (an instant when one side is an instant), or None."""
        if not self.overlaps(other):
            return None
        return TimeWindow(max(self.start, other.start), min(self.end, other.end))

    def first_uncovered(self, cover: tuple[TimeWindow, ...]) -> TimeWindow | None:
        """The earliest part of this window that no window in ``cover`` contains, or None.

        An instant is covered when some window contains it; a proper window is covered by the
        union of the proper windows in ``cover`` (instants cover no duration).
        """
        if self.is_instant:
            return None if any(w.contains(self.start) for w in cover) else self
        cursor = self.start
        for w in sorted((w for w in cover if not w.is_instant), key=lambda w: w.start):
            if w.end <= cursor:
                continue
            if w.start > cursor:
                return TimeWindow(cursor, min(w.start, self.end))
            cursor = w.end
            if cursor >= self.end:
                return None
        return TimeWindow(cursor, self.end) if cursor < self.end else None


def parse_utc(text: str, field: str = "time") -> datetime:
    """ISO 8601 with an explicit offset or ``Z`` → aware UTC; anything else is MALFORMED_DATE
    (a time without a zone is refused rather than guessed: time zone hazard)."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        raise ValidationError(
            f"not an ISO 8601 time: {text!r}",
            code=ErrorCode.MALFORMED_DATE,
            fields={field: "malformed"},
        ) from None
    if moment.tzinfo is None:
        raise ValidationError(
            "a time needs a zone (Z or +hh:mm)",
            code=ErrorCode.MALFORMED_DATE,
            fields={field: "no time zone"},
        )
    return moment.astimezone(UTC)


def parse_window(start: str, end: str, field: str = "window") -> TimeWindow:
    """Two ISO 8601 strings → a window; END_BEFORE_START names ``<field>.end``."""
    s, e = parse_utc(start, f"{field}.start"), parse_utc(end, f"{field}.end")
    if e < s:
        raise ValidationError(
            "the window ends before it starts",
            code=ErrorCode.END_BEFORE_START,
            fields={f"{field}.end": "before start"},
        )
    return TimeWindow(s, e)


def windows_overlap_us(
    a_start: np.ndarray, a_end: np.ndarray, b_start: np.ndarray, b_end: np.ndarray
) -> np.ndarray:
    """Element-wise :meth:`TimeWindow.overlaps` on microsecond arrays (broadcasting)."""
    lo = np.maximum(a_start, b_start)
    in_a = (lo < a_end) | ((a_start == a_end) & (lo == a_end))
    in_b = (lo < b_end) | ((b_start == b_end) & (lo == b_end))
    return in_a & in_b


def merge_windows_us(windows: tuple[TimeWindow, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The union of the proper windows as sorted, disjoint, non-touching [start, end) arrays."""
    spans = sorted((to_us(w.start), to_us(w.end)) for w in windows if not w.is_instant)
    starts: list[int] = []
    ends: list[int] = []
    for s, e in spans:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return np.array(starts, np.int64), np.array(ends, np.int64)


def first_uncovered_us(
    start: np.ndarray, end: np.ndarray, merged_start: np.ndarray, merged_end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised :meth:`TimeWindow.first_uncovered` for *proper* windows against one merged
    cover. Returns (uncovered?, gap start, gap end)."""
    big = np.iinfo(np.int64).max
    k = np.searchsorted(merged_start, start, side="right") - 1
    ms = np.r_[merged_start, big]
    me = np.r_[merged_end, big]
    inside = (k >= 0) & (start < me[np.maximum(k, 0)])
    gap_start = np.where(inside, me[np.maximum(k, 0)], start)
    nxt = np.searchsorted(merged_start, gap_start, side="right")
    gap_end = np.minimum(end, ms[nxt])
    return gap_start < end, gap_start, gap_end
