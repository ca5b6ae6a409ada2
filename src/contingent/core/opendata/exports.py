"""The standard public tables and their HXL hashtags (access.md §4.1).

Each ``*_table`` function turns domain values into a ``PublicTable`` through the publication
gate; each ``*_HXL_TAGS`` maps that table's columns to hashtags built only from the tags and
attributes listed in access.md §4.1 (attributes such as ``+pledged`` are free-form HXL
attributes; ``#x_`` tags are HXL's custom-tag space).

Weekly summaries (access outcomes, incidents) aggregate records of every classification by
governorate P-code (adm2, e.g. PS0260) and ISO week (Monday–Sunday), after a publication delay:
a record dated ``day`` is counted only when ``day <= as_of - delay_days``. Groups smaller than
``min_count`` are suppressed (see ``publication.publish_aggregate``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from contingent.core.costs.estimate import CostEstimate
from contingent.core.costs.funding import Contribution, arrears_usd, contribution_state
from contingent.core.opendata.publication import (
    PublicTable,
    public_only,
    publish_aggregate,
    publish_records,
)

FUNDING_HXL_TAGS = {
    "donor": "#org+funding+name",
    "fund_holder": "#org+impl+name",
    "iati_identifier": "#activity+project+code",
    "fund": "#activity+programme+name",
    "state": "#status",
    "pledged_usd": "#value+pledged",
    "committed_usd": "#value+committed",
    "received_usd": "#value+incoming",
    "arrears_usd": "#value+arrears",
    "currency": "#currency+code",
    "as_of": "#date+reported",
}

COST_ESTIMATE_HXL_TAGS = {
    "contributor": "#country+code",
    "month_start": "#date+start",
    "month_end": "#date+end",
    "fiscal_year": "#x_fiscalyear",
    "personnel": "#x_personnel+num",
    "days_deployed": "#x_days+num",
    "personnel_cost_usd": "#value+budget+personnel",
    "equipment_cost_usd": "#value+budget+equipment",
    "rate_source": "#meta+source",
    "rate_unconfirmed": "#x_unconfirmed",
    "currency": "#currency+code",
}

ACCESS_SUMMARY_HXL_TAGS = {
    "week_start": "#date+start",
    "week_end": "#date+end",
    "adm2_pcode": "#adm2+code",
    "outcome": "#access+type",
    "count": "#indicator+num",
}

INCIDENT_SUMMARY_HXL_TAGS = {
    "week_start": "#date+start",
    "week_end": "#date+end",
    "adm2_pcode": "#adm2+code",
    "category": "#event+type",
    "count": "#indicator+num",
}


def funding_table(
    contributions: Iterable[Contribution],
    as_of: date,
    *,
    fund_holder: str,
    identifier_of: Callable[[str], str],
) -> PublicTable:
    """One row per public contribution; ``identifier_of(fund)`` gives the IATI activity id."""
    records = [
        {
            "classification": c.classification,
            "donor": c.donor,
            "fund_holder": fund_holder,
            "iati_identifier": identifier_of(c.fund),
            "fund": c.fund,
            "state": contribution_state(c),
            "pledged_usd": c.pledged_usd,
            "committed_usd": c.committed_usd,
            "received_usd": c.received_usd,
            "arrears_usd": arrears_usd(c, as_of),
            "currency": "USD",
            "as_of": as_of,
        }
        for c in public_only(contributions)
    ]
    return publish_records("funding", records, list(FUNDING_HXL_TAGS))


def cost_estimate_table(estimate: CostEstimate, *, classification: str) -> PublicTable:
    """One row per contributor-month; ``classification`` is the plan's (often not public)."""
    no_rate = "no reimbursement schedule" if estimate.schedule_id is None else "no rate in force"
    records = [
        {
            "classification": classification,
            "contributor": cell.contributor,
            "month_start": cell.month,
            "month_end": cell.month + timedelta(days=cell.days_in_month - 1),
            "fiscal_year": cell.fiscal_year,
            "personnel": cell.personnel,
            "days_deployed": cell.days_deployed,
            "personnel_cost_usd": cell.personnel_cost_usd,
            "equipment_cost_usd": cell.equipment_cost_usd,
            "rate_source": " ".join(f"{r.decided_by} {r.source_tag}" for r in cell.rates_used)
            or no_rate,
            "rate_unconfirmed": "yes" if cell.unconfirmed_rate else "no",
            "currency": "USD",
        }
        for cell in estimate.months
    ]
    return publish_records("cost-estimate", records, list(COST_ESTIMATE_HXL_TAGS))


def weekly_summary_table(
    name: str,
    records: Iterable[Any],
    *,
    category_column: str,
    pcode_of: Callable[[Any], str],
    day_of: Callable[[Any], date],
    category_of: Callable[[Any], str],
    as_of: date,
    delay_days: int,
    min_count: int = 1,
) -> PublicTable:
    """Counts per (ISO week, adm2 P-code, category) of records old enough to publish."""
    cutoff = as_of - timedelta(days=delay_days)
    old_enough = [r for r in records if day_of(r) <= cutoff]

    def monday(r: Any) -> date:
        day = day_of(r)
        return day - timedelta(days=day.weekday())

    return publish_aggregate(
        name,
        old_enough,
        {
            "week_start": monday,
            "week_end": lambda r: monday(r) + timedelta(days=6),
            "adm2_pcode": pcode_of,
            category_column: category_of,
        },
        min_count=min_count,
    )
