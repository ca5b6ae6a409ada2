"""Public money datasets: the rate schedule, the cost estimate of the required force, donor
contributions, the funding position against the estimate, and the IATI 2.03 file.

Only ``public`` contributions are published or summed (``public_only``): a restricted or
confidential contribution must not be recoverable from a total. The portal says so.

Cost basis. A UN peacekeeping operation is costed at the UN personnel reimbursement schedule
(domain.md §4). A UN-authorised coalition such as the ISF has no published reimbursement
schedule (res. 2803 funds it by voluntary contributions [G2][G7]); its estimate is then made at
the UN rate *for comparison only*, and every output says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from contingent.core.costs import (
    Contribution,
    CostEstimate,
    DeploymentLine,
    FundingPosition,
    RateSchedule,
    estimate_plan_cost,
    funding_position,
    load_un_personnel_schedule,
)
from contingent.core.forcegen import model as m
from contingent.core.forcegen.enums import Framework
from contingent.core.opendata import (
    COST_ESTIMATE_HXL_TAGS,
    FUNDING_HXL_TAGS,
    cost_estimate_table,
    funding_table,
    public_only,
)
from contingent.core.opendata.iati import (
    FundingExportContext,
    IatiOrg,
    build_iati_activities,
    funding_activities,
    identifier_for,
)

from .dataset import PublicDataset, public_rows

ESTIMATE_MONTHS = 12
REQUIREMENT_CODE = "XRQ"  # user-assigned alpha-3: "a requirement, no contributor assigned yet"

RATE_TAGS = {
    "schedule": "#meta+id",
    "amount_usd": "#value+budget+personnel",
    "effective_from": "#date+start",
    "effective_to": "#date+end",
    "decided_by": "#x_decision",
    "source": "#meta+source",
    "source_url": "#meta+url",
    "currency": "#currency+code",
}
POSITION_TAGS = {
    "as_of": "#date+reported",
    "estimate_usd": "#value+budget",
    "estimate_basis": "#meta+source",
    "pledged_usd": "#value+pledged",
    "committed_usd": "#value+committed",
    "received_usd": "#value+incoming",
    "arrears_usd": "#value+arrears",
    "gap_vs_pledged_usd": "#value+gap+pledged",
    "gap_vs_received_usd": "#value+gap+incoming",
    "currency": "#currency+code",
}


@dataclass(frozen=True)
class CostBasis:
    schedule: RateSchedule
    for_comparison: bool  # True: the framework has no schedule of its own

    @property
    def label(self) -> str:
        base = f"{self.schedule.title} ({self.schedule.schedule_id})"
        return (
            f"{base}, for comparison only: the framework has no published schedule"
            if (self.for_comparison)
            else base
        )


def cost_basis(s: m.Scenario, schedule: RateSchedule | None) -> CostBasis:
    """The framework's schedule, or the UN one for comparison (coalitions have none)."""
    un = schedule or load_un_personnel_schedule()
    return CostBasis(un, for_comparison=s.operation.framework != Framework.UN_PKO)


def required_force_lines(s: m.Scenario) -> list[DeploymentLine]:
    """One line per requirement: its personnel for ESTIMATE_MONTHS from its needed-by date."""
    return [
        DeploymentLine(
            contributor=REQUIREMENT_CODE,
            personnel=r.quantity * r.personnel_per_unit,
            start_day=r.needed_by,
            months=ESTIMATE_MONTHS,
            unit_label=r.key,
        )
        for r in s.requirements
    ]


def estimate(s: m.Scenario, basis: CostBasis) -> CostEstimate:
    return estimate_plan_cost(required_force_lines(s), basis.schedule)


def rates(basis: CostBasis) -> PublicDataset:
    rows = [
        {
            "schedule": basis.schedule.schedule_id,
            "amount_usd": r.amount_usd,
            "effective_from": r.effective_from,
            "effective_to": r.effective_to,
            "decided_by": r.decided_by,
            "source": r.source_tag,
            "source_url": r.source_url,
            "currency": basis.schedule.currency,
        }
        for r in basis.schedule.rows
    ]
    notes = tuple(
        f"Unconfirmed from {g.from_day}: {g.note} {g.source_tag}" for g in basis.schedule.gaps
    )
    return PublicDataset(
        "rates",
        f"Rate schedule: {basis.schedule.title}",
        public_rows("rates", rows, list(RATE_TAGS)),
        RATE_TAGS,
        notes=notes,
    )


def cost_estimate(est: CostEstimate, basis: CostBasis) -> PublicDataset:
    return PublicDataset(
        "cost-estimate",
        "Cost estimate of the required force, by month",
        cost_estimate_table(est, classification="public"),
        COST_ESTIMATE_HXL_TAGS,
        notes=(
            f"Personnel × months × the rate in force each month; basis: {basis.label}.",
            f"{REQUIREMENT_CODE} marks a requirement not yet assigned to a contributor; "
            f"each requirement is costed for {ESTIMATE_MONTHS} months from its needed-by date.",
            *est.notes,
        ),
    )


def funding(
    contributions: list[Contribution], as_of: date, holder: str, ctx: FundingExportContext
) -> PublicDataset:
    return PublicDataset(
        "funding",
        "Donor contributions: pledged, committed, received, arrears",
        funding_table(
            contributions, as_of, fund_holder=holder, identifier_of=lambda f: identifier_for(ctx, f)
        ),
        FUNDING_HXL_TAGS,
        notes=(
            "Public contributions only: contributions that are not public are left out of "
            "every row and every total.",
        ),
    )


def position(
    contributions: list[Contribution], est: CostEstimate, basis: CostBasis, as_of: date
) -> tuple[PublicDataset, FundingPosition]:
    pos = funding_position(est.total_cost_usd, public_only(contributions), as_of)
    row = {
        "as_of": as_of,
        "estimate_usd": pos.estimate_usd,
        "estimate_basis": basis.label,
        "pledged_usd": pos.pledged_usd,
        "committed_usd": pos.committed_usd,
        "received_usd": pos.received_usd,
        "arrears_usd": pos.arrears_usd,
        "gap_vs_pledged_usd": pos.gap_vs_pledged_usd,
        "gap_vs_received_usd": pos.gap_vs_received_usd,
        "currency": "USD",
    }
    dataset = PublicDataset(
        "funding-position",
        "Funding against cost: the gap",
        public_rows("funding-position", [row], list(POSITION_TAGS)),
        POSITION_TAGS,
        notes=(pos.note,) if pos.note else (),
    )
    return dataset, pos


def iati_context(
    s: m.Scenario, holder: str, holder_ref: str, updated: datetime
) -> FundingExportContext:
    op = s.operation
    return FundingExportContext(
        reporting_org=IatiOrg(name=holder, ref=holder_ref, type_code="40"),
        operation_code=op.key.upper(),
        operation_name=f"{op.name} ({op.resolution.symbol})",
        planned_start=op.mandate.valid_from,
        planned_end=op.mandate.valid_to,
        last_updated=updated,
    )


def iati_xml(
    contributions: list[Contribution], ctx: FundingExportContext, donor_names: dict[str, str]
) -> bytes:
    donors = {code: IatiOrg(name=name) for code, name in donor_names.items()}
    return build_iati_activities(
        funding_activities(contributions, ctx, donors=donors), ctx.last_updated
    )
