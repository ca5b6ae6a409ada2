"""Rate schedules: versioned, sourced rows, never constants in code.

A ``RateSchedule`` is what a framework's rulebook points at (``reimbursement_schedule_id`` in
domain.md §7.1). Each ``RateRow`` holds one amount in US dollars per person per month with the
interval it was in force (``effective_from`` inclusive, ``effective_to`` inclusive or ``None``
for "until further notice"), the decision that set it and its source tag and URL.

A schedule also carries ``gaps``: periods where the figure is known to be unconfirmed. The UN
personnel schedule has one: no confirmed rate after 1 Jul 2022 (domain.md §4, [S24]); the last
confirmed row stays in force and every estimate that touches the gap says so.

The UN personnel schedule ships as data (``data/un-personnel-reimbursement.json``); a coalition
framework may load its own file with the same shape, or have no schedule at all (the estimate
then says "no reimbursement schedule" instead of showing a zero).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from contingent.core.costs.money import to_usd
from contingent.core.errors import ErrorCode, ValidationError

UN_PERSONNEL_SCHEDULE_FILE = "un-personnel-reimbursement.json"


class RateKind(StrEnum):
    PERSONNEL_REIMBURSEMENT = "PERSONNEL_REIMBURSEMENT"
    COE_MAJOR = "COE_MAJOR"
    COE_SELF_SUSTAINMENT = "COE_SELF_SUSTAINMENT"
    PREMIUM = "PREMIUM"
    DONOR_STIPEND = "DONOR_STIPEND"


@dataclass(frozen=True, slots=True)
class RateRow:
    amount_usd: Decimal
    effective_from: date
    effective_to: date | None
    decided_by: str
    source_tag: str
    source_url: str
    note: str = ""

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@dataclass(frozen=True, slots=True)
class RateGap:
    """A period in which the schedule's figure is not confirmed by any source found."""

    from_day: date
    to_day: date | None
    note: str
    source_tag: str
    source_url: str

    def covers(self, day: date) -> bool:
        return self.from_day <= day and (self.to_day is None or day <= self.to_day)


@dataclass(frozen=True, slots=True)
class RateSchedule:
    schedule_id: str
    title: str
    kind: RateKind
    currency: str
    rows: tuple[RateRow, ...]
    gaps: tuple[RateGap, ...] = ()


def rate_in_force(schedule: RateSchedule, day: date) -> RateRow | None:
    """The row in force on ``day``, or ``None`` when the schedule has no rate for that day."""
    for row in schedule.rows:
        if row.covers(day):
            return row
    return None


def gap_on(schedule: RateSchedule, day: date) -> RateGap | None:
    """The declared gap covering ``day`` (the rate in force is then unconfirmed), if any."""
    for gap in schedule.gaps:
        if gap.covers(day):
            return gap
    return None


def load_un_personnel_schedule() -> RateSchedule:
    """The UN personnel reimbursement history of domain.md §4, read from the packaged JSON."""
    text = (
        resources.files("contingent.core.costs")
        .joinpath("data")
        .joinpath(UN_PERSONNEL_SCHEDULE_FILE)
        .read_text(encoding="utf-8")
    )
    return schedule_from_dict(json.loads(text))


def load_schedule(path: Path) -> RateSchedule:
    """A schedule file of the same shape as the packaged UN one (e.g. a coalition's own)."""
    return schedule_from_dict(json.loads(path.read_text(encoding="utf-8")))


def schedule_from_dict(raw: dict[str, Any]) -> RateSchedule:
    """Build and check a schedule: rows sorted, intervals valid and not overlapping."""
    try:
        kind = _kind(raw["kind"])
        rows = tuple(
            sorted((_row(r, i) for i, r in enumerate(raw["rows"])), key=lambda r: r.effective_from)
        )
        gaps = tuple(_gap(g, i) for i, g in enumerate(raw.get("gaps", [])))
        schedule = RateSchedule(
            schedule_id=str(raw["schedule_id"]),
            title=str(raw.get("title", "")),
            kind=kind,
            currency=str(raw.get("currency", "USD")),
            rows=rows,
            gaps=gaps,
        )
    except KeyError as missing:
        raise ValidationError(
            "rate schedule is missing a field", fields={str(missing.args[0]): "required"}
        ) from None
    if schedule.currency != "USD":
        raise ValidationError("only USD schedules are supported", fields={"currency": "not USD"})
    _check_no_overlap(schedule.rows)
    return schedule


def _kind(value: Any) -> RateKind:
    try:
        return RateKind(value)
    except ValueError:
        raise ValidationError(
            f"unknown rate kind {value!r}",
            fields={"kind": f"one of {', '.join(k.value for k in RateKind)}"},
        ) from None


def _required_day(value: str | None, field: str) -> date:
    day = _day(value, field)
    if day is None:
        raise ValidationError("a start date is required", fields={field: "required"})
    return day


def _day(value: str | None, field: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "malformed date", code=ErrorCode.MALFORMED_DATE, fields={field: repr(value)}
        ) from None


def _row(raw: dict[str, Any], index: int) -> RateRow:
    where = f"rows[{index}]"
    start = _required_day(raw["effective_from"], f"{where}.effective_from")
    end = _day(raw.get("effective_to"), f"{where}.effective_to")
    if end is not None and end < start:
        raise ValidationError(
            "rate row ends before it starts",
            code=ErrorCode.END_BEFORE_START,
            fields={f"{where}.effective_to": "before effective_from"},
        )
    amount = to_usd(raw["amount_usd"], field=f"{where}.amount_usd")
    if amount < 0:
        raise ValidationError(
            "negative rate", code=ErrorCode.NEGATIVE_COUNT, fields={f"{where}.amount_usd": "< 0"}
        )
    if not raw.get("source_tag") or not raw.get("decided_by"):
        raise ValidationError(
            "a rate needs its decision and source",
            fields={f"{where}.source_tag": "required", f"{where}.decided_by": "required"},
        )
    return RateRow(
        amount_usd=amount,
        effective_from=start,
        effective_to=end,
        decided_by=str(raw["decided_by"]),
        source_tag=str(raw["source_tag"]),
        source_url=str(raw.get("source_url", "")),
        note=str(raw.get("note", "")),
    )


def _gap(raw: dict[str, Any], index: int) -> RateGap:
    start = _required_day(raw["from"], f"gaps[{index}].from")
    return RateGap(
        from_day=start,
        to_day=_day(raw.get("to"), f"gaps[{index}].to"),
        note=str(raw.get("note", "")),
        source_tag=str(raw.get("source_tag", "")),
        source_url=str(raw.get("source_url", "")),
    )


def _check_no_overlap(rows: tuple[RateRow, ...]) -> None:
    for earlier, later in zip(rows, rows[1:], strict=False):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise ValidationError(
                "rate rows overlap: two rates would be in force on the same day",
                code=ErrorCode.DUPLICATE_KEY,
                fields={f"row from {later.effective_from.isoformat()}": "overlaps the row before"},
            )
