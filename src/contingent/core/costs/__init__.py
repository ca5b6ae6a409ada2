"""Costs and funding: versioned rate schedules, plan cost estimates, contributions and the gap.

Framework-free. Money is ``Decimal`` dollars rounded to the cent (see ``money``); rates are
sourced data rows (see ``rates`` and ``data/``); estimates state which rate they used and
whether it is confirmed (see ``estimate``); contributions and the funding gap are in ``funding``; approved budget versus cash in ``budget``.
"""

from contingent.core.costs.budget import (
    Budget,
    BudgetPosition,
    budget_position,
    new_budget,
    un_fiscal_period,
)
from contingent.core.costs.estimate import (
    CostEstimate,
    DeploymentLine,
    EstimateStatus,
    MonthCost,
    RateUse,
    estimate_plan_cost,
    line_end_day,
)
from contingent.core.costs.funding import (
    Contribution,
    ContributionState,
    ContributionType,
    FundingPosition,
    Receipt,
    arrears_usd,
    contribution_state,
    funding_position,
    in_arrears,
    new_pledge,
    record_commitment,
    record_receipt,
)
from contingent.core.costs.periods import add_months, fiscal_year_of, month_spans
from contingent.core.costs.rates import (
    RateGap,
    RateKind,
    RateRow,
    RateSchedule,
    gap_on,
    load_schedule,
    load_un_personnel_schedule,
    rate_in_force,
    schedule_from_dict,
)

__all__ = [
    "Budget",
    "BudgetPosition",
    "budget_position",
    "new_budget",
    "un_fiscal_period",
    "Contribution",
    "ContributionState",
    "ContributionType",
    "CostEstimate",
    "DeploymentLine",
    "EstimateStatus",
    "FundingPosition",
    "MonthCost",
    "RateGap",
    "RateKind",
    "RateRow",
    "RateSchedule",
    "RateUse",
    "Receipt",
    "arrears_usd",
    "contribution_state",
    "estimate_plan_cost",
    "fiscal_year_of",
    "funding_position",
    "add_months",
    "gap_on",
    "month_spans",
    "in_arrears",
    "line_end_day",
    "load_schedule",
    "load_un_personnel_schedule",
    "new_pledge",
    "rate_in_force",
    "record_commitment",
    "record_receipt",
    "schedule_from_dict",
]
