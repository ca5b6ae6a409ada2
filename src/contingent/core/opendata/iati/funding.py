"""Donor contributions → IATI activities: one activity per (operation, fund), as reported by the
body that receives the money (the operation's fund holder).

Mapping (domain.md §7.2 E → IATI TransactionType, embedded/TransactionType.xml):
- the pledge → 13 Incoming Pledge, dated ``pledged_on``;
- the commitment (agreement signed) → 11 Incoming Commitment, dated ``committed_on``;
- each receipt → 1 Incoming Funds, dated ``received_on``.
Donors appear as participating-org role 1 (Funding) and as each transaction's provider-org; the
fund holder as role 2 (Accountable) and receiver-org; implementers, if given, as role 4.

Only ``public`` contributions are exported (``publication.public_only``): a restricted or
confidential contribution contributes nothing to the file, not even its donor's name. Published
totals therefore can be lower than the internal ones; the portal says so beside the download.
Identifiers are ``<reporting org ref>-<operation code>-<fund slug>``, with characters outside
``[A-Za-z0-9._-]`` replaced by ``-`` (IATI rulesets forbid ``/ & | ?`` in identifiers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from contingent.core.costs.funding import Contribution
from contingent.core.errors import ValidationError
from contingent.core.opendata.iati.model import (
    IatiActivity,
    IatiOrg,
    IatiSector,
    IatiTransaction,
    TransactionKind,
)
from contingent.core.opendata.publication import public_only

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class FundingExportContext:
    """What the export needs beyond the contributions themselves."""

    reporting_org: IatiOrg  # must have a ref: it prefixes every identifier
    operation_code: str  # e.g. "ISF"
    operation_name: str  # e.g. "International Stabilization Force (S/RES/2803 (2025))"
    planned_start: date
    planned_end: date | None
    last_updated: datetime
    recipient_country: str | None = "PS"
    status_code: str = "2"  # ActivityStatus 2 Implementation
    implementers: tuple[IatiOrg, ...] = ()
    sectors: tuple[IatiSector, ...] = (IatiSector("15230"),)


def identifier_for(context: FundingExportContext, fund: str) -> str:
    ref = context.reporting_org.ref or ""
    return "-".join(
        _UNSAFE.sub("-", part).strip("-") for part in (ref, context.operation_code, fund)
    )


def funding_activities(
    contributions: Iterable[Contribution],
    context: FundingExportContext,
    *,
    donors: Mapping[str, IatiOrg] | None = None,
) -> list[IatiActivity]:
    """One activity per fund, sorted by fund; ``donors`` maps a donor code to its IATI org."""
    if not context.reporting_org.ref:
        raise ValidationError(
            "the reporting org needs an IATI organisation identifier",
            fields={"reporting_org.ref": "required: it prefixes every activity identifier"},
        )
    by_fund: dict[str, list[Contribution]] = {}
    for c in public_only(contributions):
        by_fund.setdefault(c.fund, []).append(c)
    return [
        _fund_activity(fund, sorted(items, key=lambda c: c.contribution_id), context, donors or {})
        for fund, items in sorted(by_fund.items())
    ]


def _fund_activity(
    fund: str,
    contributions: list[Contribution],
    context: FundingExportContext,
    donors: Mapping[str, IatiOrg],
) -> IatiActivity:
    holder = context.reporting_org
    donor_orgs = {c.donor: donors.get(c.donor, IatiOrg(name=c.donor)) for c in contributions}
    participating = (
        *((org, "1") for _, org in sorted(donor_orgs.items())),
        (holder, "2"),
        *((org, "4") for org in context.implementers),
    )
    transactions = tuple(
        t for c in contributions for t in _transactions(c, donor_orgs[c.donor], holder)
    )
    return IatiActivity(
        identifier=identifier_for(context, fund),
        reporting_org=holder,
        title=f"{context.operation_name}: {fund}",
        description=(
            f"Donor contributions to the {fund} fund of {context.operation_name}: "
            "pledges, commitments and funds received, as recorded in Contingent."
        ),
        participating=participating,
        status_code=context.status_code,
        planned_start=context.planned_start,
        planned_end=context.planned_end,
        last_updated=context.last_updated,
        recipient_country=context.recipient_country,
        sectors=context.sectors,
        transactions=transactions,
    )


def _transactions(c: Contribution, donor: IatiOrg, holder: IatiOrg) -> list[IatiTransaction]:
    def make(
        kind: TransactionKind, day: date, value: Decimal, what: str, n: int = 0
    ) -> IatiTransaction:
        return IatiTransaction(
            kind=kind,
            day=day,
            value_usd=value,
            provider=donor,
            receiver=holder,
            description=f"{what} by {donor.name} ({c.fund})",
            ref=f"{c.contribution_id}-{kind.name.lower()}" + (f"-{n}" if n else ""),
        )

    result = [make(TransactionKind.INCOMING_PLEDGE, c.pledged_on, c.pledged_usd, "Pledge")]
    if c.committed_usd is not None and c.committed_on is not None:
        result.append(
            make(TransactionKind.INCOMING_COMMITMENT, c.committed_on, c.committed_usd, "Commitment")
        )
    for n, receipt in enumerate(c.receipts, start=1):
        result.append(
            make(
                TransactionKind.INCOMING_FUNDS,
                receipt.received_on,
                receipt.amount_usd,
                "Receipt",
                n,
            )
        )
    return result
