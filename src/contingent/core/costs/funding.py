"""Donor contributions, their states, arrears and the funding gap.

A ``Contribution`` (domain.md §7.1 FundingSource/Contribution) is one donor's money for one
framework and fund/earmark. Its state follows domain.md §7.2 E:
PLEDGED → COMMITTED (agreement signed) → PARTLY_RECEIVED → RECEIVED. The state is *derived*
from what was recorded (pledge, commitment, receipts), so it can never disagree with the
amounts; ``record_commitment`` and ``record_receipt`` refuse the transitions the rulebook does
not allow (a receipt before any commitment, a commitment below what was already received).

Arrears: a commitment with a ``due_day`` that has passed on ``as_of`` while less than the
committed amount has been received; the arrears amount is the difference.

Funding gap (``funding_position``): estimate − received (cash gap) and estimate − pledged
(pledge gap), never negative-looking facts when the estimate is unknown: with no estimate
(e.g. no reimbursement schedule) both gaps are ``None``. All money is ``Decimal`` dollars.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from contingent.core.costs.money import cents, to_usd
from contingent.core.errors import ErrorCode, TransitionRefused, ValidationError

ZERO = Decimal("0.00")


class ContributionState(StrEnum):
    PLEDGED = "PLEDGED"
    COMMITTED = "COMMITTED"
    PARTLY_RECEIVED = "PARTLY_RECEIVED"
    RECEIVED = "RECEIVED"


class ContributionType(StrEnum):
    ASSESSED = "ASSESSED"
    VOLUNTARY = "VOLUNTARY"
    TRUST_FUND = "TRUST_FUND"
    IN_KIND = "IN_KIND"


@dataclass(frozen=True, slots=True)
class Receipt:
    amount_usd: Decimal
    received_on: date


@dataclass(frozen=True, slots=True)
class Contribution:
    contribution_id: str
    donor: str
    framework: str
    fund: str  # fund or earmark, e.g. "ISF", "police training"
    type: ContributionType
    pledged_usd: Decimal
    pledged_on: date
    classification: str  # public / restricted / confidential: always stated, never defaulted
    committed_usd: Decimal | None = None
    committed_on: date | None = None
    due_day: date | None = None
    receipts: tuple[Receipt, ...] = ()
    source_ref: str = ""

    @property
    def received_usd(self) -> Decimal:
        return sum((r.amount_usd for r in self.receipts), ZERO)


def new_pledge(
    contribution_id: str,
    donor: str,
    framework: str,
    fund: str,
    amount_usd: object,
    pledged_on: date,
    *,
    classification: str,
    type: ContributionType = ContributionType.VOLUNTARY,
    source_ref: str = "",
) -> Contribution:
    amount = _positive(amount_usd, "pledged_usd")
    return Contribution(
        contribution_id=contribution_id,
        donor=donor,
        framework=framework,
        fund=fund,
        type=type,
        pledged_usd=amount,
        pledged_on=pledged_on,
        classification=classification,
        source_ref=source_ref,
    )


def contribution_state(contribution: Contribution) -> ContributionState:
    if contribution.committed_usd is None:
        return ContributionState.PLEDGED
    received = contribution.received_usd
    if received == ZERO:
        return ContributionState.COMMITTED
    if received < contribution.committed_usd:
        return ContributionState.PARTLY_RECEIVED
    return ContributionState.RECEIVED


def record_commitment(
    contribution: Contribution, amount_usd: object, committed_on: date, *, due_day: date | None
) -> Contribution:
    """PLEDGED → COMMITTED (an agreement was signed). The committed amount may differ from the
    pledge (donors often commit less); it may not fall below what was already received."""
    amount = _positive(amount_usd, "committed_usd")
    if committed_on < contribution.pledged_on:
        raise ValidationError(
            "commitment dated before the pledge",
            code=ErrorCode.END_BEFORE_START,
            fields={"committed_on": "before pledged_on"},
        )
    if amount < contribution.received_usd:
        raise TransitionRefused(
            "commitment below the amount already received",
            [("commitment_below_received", f"received {contribution.received_usd}")],
        )
    return replace(contribution, committed_usd=amount, committed_on=committed_on, due_day=due_day)


def record_receipt(
    contribution: Contribution, amount_usd: object, received_on: date
) -> Contribution:
    """COMMITTED/PARTLY_RECEIVED → PARTLY_RECEIVED/RECEIVED. Refused before any commitment
    (domain.md §7.2 E: money arrives under a signed agreement) and beyond the committed sum."""
    amount = _positive(amount_usd, "amount_usd")
    if contribution.committed_usd is None or contribution.committed_on is None:
        raise TransitionRefused(
            "receipt refused", [("no_commitment_recorded", "no signed agreement is recorded")]
        )
    if received_on < contribution.committed_on:
        raise ValidationError(
            "receipt dated before the commitment",
            code=ErrorCode.END_BEFORE_START,
            fields={"received_on": "before committed_on"},
        )
    if contribution.received_usd + amount > contribution.committed_usd:
        raise TransitionRefused(
            "receipt refused",
            [("receipt_exceeds_commitment", f"committed {contribution.committed_usd}")],
        )
    return replace(contribution, receipts=(*contribution.receipts, Receipt(amount, received_on)))


def arrears_usd(contribution: Contribution, as_of: date) -> Decimal:
    """Committed but unpaid after ``due_day``; zero when not due yet or fully paid."""
    if contribution.committed_usd is None or contribution.due_day is None:
        return ZERO
    if as_of <= contribution.due_day:
        return ZERO
    received = sum((r.amount_usd for r in contribution.receipts if r.received_on <= as_of), ZERO)
    return max(ZERO, contribution.committed_usd - received)


def in_arrears(contribution: Contribution, as_of: date) -> bool:
    return arrears_usd(contribution, as_of) > ZERO


@dataclass(frozen=True, slots=True)
class FundingPosition:
    estimate_usd: Decimal | None
    pledged_usd: Decimal
    committed_usd: Decimal
    received_usd: Decimal
    arrears_usd: Decimal
    gap_vs_received_usd: Decimal | None  # estimate − received (cash not in hand)
    gap_vs_pledged_usd: Decimal | None  # estimate − pledged (not even promised)
    by_fund: dict[str, dict[str, Decimal]]
    donors_in_arrears: tuple[str, ...]
    note: str = ""


def funding_position(
    estimate_usd: Decimal | None,
    contributions: Iterable[Contribution],
    as_of: date,
    *,
    framework: str | None = None,
) -> FundingPosition:
    """Totals and gaps on ``as_of``; only money recorded on or before ``as_of`` counts."""
    chosen = [
        c
        for c in contributions
        if (framework is None or c.framework == framework) and c.pledged_on <= as_of
    ]
    by_fund: dict[str, dict[str, Decimal]] = {}
    for c in chosen:
        fund = by_fund.setdefault(
            c.fund, {"pledged_usd": ZERO, "committed_usd": ZERO, "received_usd": ZERO}
        )
        fund["pledged_usd"] += c.pledged_usd
        fund["committed_usd"] += _committed_as_of(c, as_of)
        fund["received_usd"] += _received_as_of(c, as_of)
    pledged = sum((f["pledged_usd"] for f in by_fund.values()), ZERO)
    committed = sum((f["committed_usd"] for f in by_fund.values()), ZERO)
    received = sum((f["received_usd"] for f in by_fund.values()), ZERO)
    estimate = None if estimate_usd is None else cents(to_usd(estimate_usd, field="estimate_usd"))
    return FundingPosition(
        estimate_usd=estimate,
        pledged_usd=pledged,
        committed_usd=committed,
        received_usd=received,
        arrears_usd=sum((arrears_usd(c, as_of) for c in chosen), ZERO),
        gap_vs_received_usd=None if estimate is None else estimate - received,
        gap_vs_pledged_usd=None if estimate is None else estimate - pledged,
        by_fund=by_fund,
        donors_in_arrears=tuple(sorted({c.donor for c in chosen if in_arrears(c, as_of)})),
        note="no cost estimate: the funding gap cannot be computed" if estimate is None else "",
    )


def _committed_as_of(c: Contribution, as_of: date) -> Decimal:
    if c.committed_usd is None or c.committed_on is None or c.committed_on > as_of:
        return ZERO
    return c.committed_usd


def _received_as_of(c: Contribution, as_of: date) -> Decimal:
    return sum((r.amount_usd for r in c.receipts if r.received_on <= as_of), ZERO)


def _positive(value: object, field: str) -> Decimal:
    amount = cents(to_usd(value, field=field))
    if amount <= 0:
        raise ValidationError(
            "amount must be positive", code=ErrorCode.NEGATIVE_COUNT, fields={field: "<= 0"}
        )
    return amount
