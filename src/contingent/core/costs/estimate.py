"""Cost estimate of a plan: personnel × months × the rate in force in each month, plus equipment.

Contract
- A ``DeploymentLine`` is one contributor's personnel over an inclusive date range
  (``start_day``..``end_day``; or ``start_day`` plus ``months`` whole calendar months, i.e.
  ``end_day`` = the day before the same day-of-month ``months`` later). An optional
  ``equipment_monthly_usd`` is a given figure (there are no public COE rate tables, data/README)
  and is prorated like personnel.
- **Proration**: inside each calendar month, cost = personnel × Σ over the days deployed of
  (rate in force that day ÷ days in that month). A full month therefore costs exactly one
  monthly rate; 10 days of a 30-day month cost 10/30 of it; a rate change mid-month splits the
  month by days. Each (line, month) cell is rounded half-up to the cent once; totals are sums
  of the rounded cells, so every published cell adds up exactly.
- **No schedule** (a coalition with no reimbursement scheme): personnel cells are ``None`` and
  the estimate states ``NO_REIMBURSEMENT_SCHEDULE`` — never a zero that would read as a fact.
- **Days with no rate** (before the first row) leave the cell ``None`` and the estimate
  ``INCOMPLETE``, with a note naming the first such day.
- **Unconfirmed rates**: days inside a schedule gap (UN: after 1 Jul 2022, domain.md §4 [S24])
  are costed at the last confirmed row, and the estimate lists the rate used and the gap note,
  so a reader sees that the 2022 survey figure is unconfirmed.
- Fiscal period: the UN peacekeeping fiscal year runs 1 July–30 June [S64] domain.md §4;
  ``fiscal_year_of`` labels each month (``"2025/26"``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from contingent.core.costs.money import cents, to_usd
from contingent.core.costs.periods import (
    add_months,
    days_in_month,
    fiscal_year_of,
    month_spans,
    rate_runs,
)
from contingent.core.costs.rates import RateGap, RateRow, RateSchedule
from contingent.core.errors import ErrorCode, ValidationError


class EstimateStatus(StrEnum):
    COMPLETE = "COMPLETE"
    INCOMPLETE = "INCOMPLETE"  # some days had no rate in force
    NO_REIMBURSEMENT_SCHEDULE = "NO_REIMBURSEMENT_SCHEDULE"


@dataclass(frozen=True, slots=True)
class DeploymentLine:
    contributor: str  # ISO 3166 alpha-3 or an entity code
    personnel: int
    start_day: date
    end_day: date | None = None
    months: int | None = None
    equipment_monthly_usd: Decimal | None = None
    unit_label: str = ""


@dataclass(frozen=True, slots=True)
class MonthCost:
    contributor: str
    month: date  # first day of the month
    fiscal_year: str
    personnel: int
    days_deployed: int
    days_in_month: int
    personnel_cost_usd: Decimal | None
    equipment_cost_usd: Decimal | None
    rates_used: tuple[RateRow, ...]
    unconfirmed_rate: bool


@dataclass(frozen=True, slots=True)
class RateUse:
    """A rate the estimate applied, with how many person-days it was applied to."""

    row: RateRow
    person_days: int
    unconfirmed_note: str = ""


@dataclass(frozen=True, slots=True)
class CostEstimate:
    status: EstimateStatus
    schedule_id: str | None
    months: tuple[MonthCost, ...]
    personnel_cost_usd: Decimal | None
    equipment_cost_usd: Decimal
    total_cost_usd: Decimal | None
    rates_used: tuple[RateUse, ...]
    notes: tuple[str, ...] = field(default=())

    def by_contributor(self) -> dict[str, Decimal | None]:
        """Personnel + equipment per contributor; ``None`` where personnel could not be costed."""
        return _totals_by(self.months, lambda cell: cell.contributor)

    def by_fiscal_year(self) -> dict[str, Decimal | None]:
        """Personnel + equipment per UN fiscal year; ``None`` where personnel could not be costed."""
        return _totals_by(self.months, lambda cell: cell.fiscal_year)


def _totals_by(
    cells: tuple[MonthCost, ...], key: Callable[[MonthCost], str]
) -> dict[str, Decimal | None]:
    totals: dict[str, Decimal | None] = {}
    for cell in cells:
        prior = totals.get(key(cell), Decimal("0.00"))
        if prior is None or cell.personnel_cost_usd is None:
            totals[key(cell)] = None
        else:
            totals[key(cell)] = prior + cell.personnel_cost_usd + _or_zero(cell)
    return totals


def _or_zero(cell: MonthCost) -> Decimal:
    return cell.equipment_cost_usd or Decimal("0.00")


def line_end_day(line: DeploymentLine) -> date:
    """Inclusive last day of a line, from ``end_day`` or ``months``; refuses bad or both/none."""
    if (line.end_day is None) == (line.months is None):
        raise ValidationError(
            "give either an end date or a number of months",
            fields={"end_day": "exactly one of end_day/months", "months": "exactly one"},
        )
    if line.personnel < 0:
        raise ValidationError(
            "negative personnel", code=ErrorCode.NEGATIVE_COUNT, fields={"personnel": "< 0"}
        )
    if line.end_day is not None:
        end = line.end_day
    else:
        assert line.months is not None
        if line.months <= 0:
            raise ValidationError("months must be positive", fields={"months": "<= 0"})
        end = add_months(line.start_day, line.months) - timedelta(days=1)
    if end < line.start_day:
        raise ValidationError(
            "deployment ends before it starts",
            code=ErrorCode.END_BEFORE_START,
            fields={"end_day": "before start_day"},
        )
    return end


def estimate_plan_cost(lines: list[DeploymentLine], schedule: RateSchedule | None) -> CostEstimate:
    """Per-month, per-contributor cost of ``lines`` under ``schedule`` (``None``: no scheme)."""
    cells: list[MonthCost] = []
    uses: dict[tuple[RateRow, RateGap | None], int] = defaultdict(int)
    missing_days: list[date] = []
    for line in lines:
        end = line_end_day(line)
        equipment = (
            None
            if line.equipment_monthly_usd is None
            else to_usd(line.equipment_monthly_usd, field="equipment_monthly_usd")
        )
        for first, last in month_spans(line.start_day, end):
            cells.append(_month_cell(line, first, last, equipment, schedule, uses, missing_days))
    return _assemble(cells, schedule, uses, missing_days)


def _month_cell(
    line: DeploymentLine,
    first: date,
    last: date,
    equipment: Decimal | None,
    schedule: RateSchedule | None,
    uses: dict[tuple[RateRow, RateGap | None], int],
    missing_days: list[date],
) -> MonthCost:
    month_days = days_in_month(first)
    days = (last - first).days + 1
    personnel_cost: Decimal | None = None
    rows: list[RateRow] = []
    unconfirmed = False
    if schedule is not None:
        raw = Decimal(0)
        for row, run_days, gap in rate_runs(schedule, first, last):
            if row is None:
                missing_days.append(first)
                raw = Decimal("NaN")
                continue
            raw += line.personnel * row.amount_usd * run_days / month_days
            rows.append(row)
            unconfirmed = unconfirmed or gap is not None
            uses[(row, gap)] += line.personnel * run_days
        personnel_cost = None if raw.is_nan() else cents(raw)
    equipment_cost = None if equipment is None else cents(equipment * days / month_days)
    return MonthCost(
        contributor=line.contributor,
        month=first.replace(day=1),
        fiscal_year=fiscal_year_of(first),
        personnel=line.personnel,
        days_deployed=days,
        days_in_month=month_days,
        personnel_cost_usd=personnel_cost,
        equipment_cost_usd=equipment_cost,
        rates_used=tuple(rows),
        unconfirmed_rate=unconfirmed,
    )


def _assemble(
    cells: list[MonthCost],
    schedule: RateSchedule | None,
    uses: dict[tuple[RateRow, RateGap | None], int],
    missing_days: list[date],
) -> CostEstimate:
    equipment_total = sum((_or_zero(c) for c in cells), Decimal("0.00"))
    notes: list[str] = []
    if schedule is None:
        status = EstimateStatus.NO_REIMBURSEMENT_SCHEDULE
        notes.append("no reimbursement schedule: personnel costs are not estimated")
        personnel_total = None
    elif missing_days:
        status = EstimateStatus.INCOMPLETE
        notes.append(
            f"no rate in force in {min(missing_days):%Y-%m} (schedule {schedule.schedule_id})"
        )
        personnel_total = None
    else:
        status = EstimateStatus.COMPLETE
        personnel_total = sum((c.personnel_cost_usd or Decimal(0) for c in cells), Decimal("0.00"))
    rate_uses = _rate_uses(uses)
    notes.extend(_rate_note(use) for use in rate_uses)
    total = None if personnel_total is None else personnel_total + equipment_total
    return CostEstimate(
        status=status,
        schedule_id=None if schedule is None else schedule.schedule_id,
        months=tuple(cells),
        personnel_cost_usd=personnel_total,
        equipment_cost_usd=equipment_total,
        total_cost_usd=total,
        rates_used=rate_uses,
        notes=tuple(notes),
    )


def _rate_uses(uses: dict[tuple[RateRow, RateGap | None], int]) -> tuple[RateUse, ...]:
    def order(item: tuple[tuple[RateRow, RateGap | None], int]) -> tuple[date, date]:
        row, gap = item[0]
        return (row.effective_from, date.min if gap is None else gap.from_day)

    ordered = sorted(uses.items(), key=order)
    return tuple(
        RateUse(
            row=row,
            person_days=person_days,
            unconfirmed_note="" if gap is None else f"{gap.note} {gap.source_tag}",
        )
        for (row, gap), person_days in ordered
    )


def _rate_note(use: RateUse) -> str:
    note = (
        f"applied {use.row.amount_usd} USD/person/month from "
        f"{use.row.effective_from.isoformat()} ({use.row.decided_by} {use.row.source_tag})"
    )
    if use.unconfirmed_note:
        note += (
            f" to {use.person_days} person-days in an unconfirmed period: {use.unconfirmed_note}"
        )
    return note
