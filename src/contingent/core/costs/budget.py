"""Mission budgets: approved amount versus cash in hand, and mandated cuts (domain.md §4, §7.1).

Approved budgets are cut by cash shortfalls ("No money, no implementation" [S64]; a 15 %
spending cut meant about 25 % fewer uniformed personnel [S65][S66]), so the gap between what
was approved and the cash actually available is a first-class figure (domain.md §7.2 E).
The fiscal period defaults to the UN peacekeeping year, 1 July–30 June [S64].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from contingent.core.costs.money import cents, to_usd
from contingent.core.costs.periods import fiscal_year_of
from contingent.core.errors import ErrorCode, ValidationError


@dataclass(frozen=True, slots=True)
class Budget:
    operation: str
    period_start: date
    period_end: date
    approved_usd: Decimal
    cash_available_usd: Decimal
    mandated_cut_pct: Decimal = Decimal(0)
    source_ref: str = ""

    @property
    def fiscal_year(self) -> str:
        return fiscal_year_of(self.period_start)


@dataclass(frozen=True, slots=True)
class BudgetPosition:
    approved_usd: Decimal
    cash_available_usd: Decimal
    cash_gap_usd: Decimal  # approved − cash available (never below zero)
    cash_cover_pct: Decimal  # cash available as % of approved, 1 decimal
    after_cut_usd: Decimal  # approved reduced by the mandated cut


def un_fiscal_period(first_year: int) -> tuple[date, date]:
    """1 July ``first_year`` – 30 June the year after [S64]."""
    return date(first_year, 7, 1), date(first_year + 1, 6, 30)


def new_budget(
    operation: str,
    period: tuple[date, date],
    approved_usd: object,
    cash_available_usd: object,
    *,
    mandated_cut_pct: object = 0,
    source_ref: str = "",
) -> Budget:
    start, end = period
    if end < start:
        raise ValidationError(
            "budget period ends before it starts",
            code=ErrorCode.END_BEFORE_START,
            fields={"period_end": "before period_start"},
        )
    approved = cents(to_usd(approved_usd, field="approved_usd"))
    cash = cents(to_usd(cash_available_usd, field="cash_available_usd"))
    cut = to_usd(mandated_cut_pct, field="mandated_cut_pct")
    if approved < 0 or cash < 0 or not 0 <= cut <= 100:
        raise ValidationError(
            "amounts must be non-negative and the cut a percentage",
            code=ErrorCode.NEGATIVE_COUNT,
            fields={
                "approved_usd": str(approved),
                "cash_available_usd": str(cash),
                "mandated_cut_pct": str(cut),
            },
        )
    return Budget(operation, start, end, approved, cash, cut, source_ref)


def budget_position(budget: Budget) -> BudgetPosition:
    cover = (
        Decimal(0)
        if budget.approved_usd == 0
        else (100 * budget.cash_available_usd / budget.approved_usd).quantize(Decimal("0.1"))
    )
    return BudgetPosition(
        approved_usd=budget.approved_usd,
        cash_available_usd=budget.cash_available_usd,
        cash_gap_usd=max(Decimal("0.00"), budget.approved_usd - budget.cash_available_usd),
        cash_cover_pct=cover,
        after_cut_usd=cents(budget.approved_usd * (100 - budget.mandated_cut_pct) / 100),
    )
