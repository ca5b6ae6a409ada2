"""Public force-generation datasets: composition against requirements and ceilings, the
contributors' public statements with their sources, the stance funnel and its history.

Pledges are counted only when their classification is ``public``: a restricted pledge's size
must not be recoverable from a per-unit-type total. Caveats, approvals and visits never appear.
Statements are public facts with sources (forcegen models); they appear whole.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from contingent.core.costs import add_months
from contingent.core.forcegen import model as m
from contingent.core.forcegen.enums import Classification, PledgeStatus, StanceLevel
from contingent.core.forcegen.summary import deployed_by_category, summarize

from .dataset import PublicDataset, public_rows

LADDER = (
    StanceLevel.WELCOMED,
    StanceLevel.CONSIDERING,
    StanceLevel.AGREED_IN_PRINCIPLE,
    StanceLevel.OFFERED,
    StanceLevel.COMMITTED,
)
ASIDE = (StanceLevel.DECLINED, StanceLevel.WITHDRAWN)

COMPOSITION_TAGS = {
    "unit_type": "#x_unittype+name",
    "required_personnel": "#x_personnel+required+num",
    "pledged_personnel": "#x_personnel+pledged+num",
    "committed_personnel": "#x_personnel+committed+num",
    "illustrative": "#x_illustrative",
    "as_of": "#date+reported",
}
CEILING_TAGS = {
    "category": "#x_category+name",
    "ceiling_personnel": "#x_personnel+ceiling+num",
    "deployed_personnel": "#x_personnel+deployed+num",
    "source": "#meta+source",
}
STATEMENT_TAGS = {
    "contributor_code": "#country+code",
    "contributor": "#country+name",
    "stance": "#status",
    "stated_on": "#date+reported",
    "speaker": "#contact+name",
    "summary": "#x_summary",
    "conditions": "#x_conditions",
    "source": "#meta+source",
}
FUNNEL_TAGS = {
    "stage": "#status",
    "at_stage": "#x_contributors+num",
    "reached": "#x_contributors+reached+num",
}
COMPOSITION_HISTORY_TAGS = {
    "month_end": "#date+end",
    "required_personnel": "#x_personnel+required+num",
    "pledged_personnel": "#x_personnel+pledged+num",
    "ceiling_personnel": "#x_personnel+ceiling+num",
}
TIMELINE_TAGS = {
    "month_end": "#date+end",
    "stage": "#status",
    "contributors": "#x_contributors+num",
}


def public_scenario(s: m.Scenario) -> m.Scenario:
    """The scenario as the public may see it: public pledges (and their cases) only."""
    pledges = tuple(p for p in s.pledges if p.classification == Classification.PUBLIC)
    keys = {p.key for p in pledges}
    return dataclasses.replace(
        s, pledges=pledges, cases=tuple(c for c in s.cases if c.pledge in keys)
    )


def _source_text(sources: tuple[m.Source, ...]) -> str:
    return "; ".join(f"[{x.tag}] {x.ref}" if x.tag else x.ref for x in sources)


def composition(s: m.Scenario, as_of: date) -> PublicDataset:
    summary = summarize(s, as_of)
    rows = [
        {
            "unit_type": line.unit_type,
            "required_personnel": line.required,
            "pledged_personnel": line.pledged,
            "committed_personnel": line.committed,
            "illustrative": "yes" if line.illustrative else "no",
            "as_of": as_of,
        }
        for line in summary.composition
    ]
    return PublicDataset(
        "composition",
        "Force composition: personnel required, pledged and committed, by unit type",
        public_rows("composition", rows, list(COMPOSITION_TAGS)),
        COMPOSITION_TAGS,
        notes=(
            "Pledged and committed count public pledges only; pledges that are not public "
            "are left out, so the published totals can be lower than the real ones.",
        ),
    )


def ceilings(s: m.Scenario) -> PublicDataset:
    deployed = deployed_by_category(s)
    rows = [
        {
            "category": c.category.value,
            "ceiling_personnel": c.maximum,
            "deployed_personnel": deployed.get(c.category, 0),
            "source": _source_text(c.sources) or _source_text(s.operation.mandate.sources),
        }
        for c in s.operation.mandate.ceilings
    ]
    return PublicDataset(
        "ceilings",
        "Authorised ceilings and personnel on the ground, by category",
        public_rows("ceilings", rows, list(CEILING_TAGS)),
        CEILING_TAGS,
    )


def statements(s: m.Scenario, start: date | None = None, end: date | None = None) -> PublicDataset:
    names = {c.code: c.name for c in s.contributors}
    rows = [
        {
            "contributor_code": st.contributor,
            "contributor": names.get(st.contributor, st.contributor),
            "stance": st.level.value,
            "stated_on": st.stated_on,
            "speaker": st.speaker,
            "summary": st.summary,
            "conditions": "; ".join(c.text for c in st.conditions),
            "source": _source_text(st.sources),
        }
        for st in sorted(s.statements, key=lambda x: (x.stated_on, x.contributor))
        if (start is None or st.stated_on >= start) and (end is None or st.stated_on <= end)
    ]
    return PublicDataset(
        "statements",
        "Contributors' public statements, with their sources",
        public_rows("statements", rows, list(STATEMENT_TAGS)),
        STATEMENT_TAGS,
    )


def _latest_levels(s: m.Scenario, day: date) -> dict[str, StanceLevel]:
    latest: dict[str, m.Statement] = {}
    for st in sorted(s.statements, key=lambda x: x.stated_on):
        if st.stated_on <= day:
            latest[st.contributor] = st
    return {code: st.level for code, st in latest.items()}


def funnel(s: m.Scenario, as_of: date) -> PublicDataset:
    """Contributors at each stage of the stance ladder, and how many reached it or beyond."""
    levels = list(_latest_levels(s, as_of).values())
    rows = []
    for i, stage in enumerate((*LADDER, *ASIDE)):
        at_stage = sum(1 for v in levels if v == stage)
        reached = sum(1 for v in levels if v in LADDER[i:]) if stage in LADDER else at_stage
        rows.append({"stage": stage.value, "at_stage": at_stage, "reached": reached})
    return PublicDataset(
        "pipeline",
        "The pipeline: contributors by latest public stance",
        public_rows("pipeline", rows, list(FUNNEL_TAGS)),
        FUNNEL_TAGS,
        notes=("'reached' counts contributors at that stage or further up the ladder.",),
    )


def stance_timeline(s: m.Scenario, as_of: date) -> PublicDataset:
    """Contributors per stage at the end of each month, from the first statement to ``as_of``."""
    rows = []
    if s.statements:
        first = min(st.stated_on for st in s.statements).replace(day=1)
        month = first
        while month <= as_of:
            end = min(add_months(month, 1) - timedelta(days=1), as_of)
            levels = list(_latest_levels(s, end).values())
            for stage in (*LADDER, *ASIDE):
                rows.append(
                    {"month_end": end, "stage": stage.value, "contributors": levels.count(stage)}
                )
            month = add_months(month, 1)
    return PublicDataset(
        "pipeline-history",
        "The pipeline over time: contributors per stage at each month's end",
        public_rows("pipeline-history", rows, list(TIMELINE_TAGS)),
        TIMELINE_TAGS,
    )


def _month_ends(first: date, last: date) -> list[date]:
    ends, month = [], first.replace(day=1)
    while month <= last:
        ends.append(add_months(month, 1) - timedelta(days=1))
        month = add_months(month, 1)
    return ends


def composition_history(s: m.Scenario, as_of: date) -> PublicDataset:
    """Month by month: personnel required by then (requirements due), public pledged personnel
    available by then (earliest deployment), and the total authorised ceiling."""
    days = [r.needed_by for r in s.requirements] + [p.earliest_deployment for p in s.pledges]
    ceiling = sum(c.maximum for c in s.operation.mandate.ceilings)
    rows = [
        {
            "month_end": end,
            "required_personnel": sum(
                r.quantity * r.personnel_per_unit for r in s.requirements if r.needed_by <= end
            ),
            "pledged_personnel": sum(
                p.personnel
                for p in s.pledges
                if p.earliest_deployment <= end and p.status != PledgeStatus.WITHDRAWN
            ),
            "ceiling_personnel": ceiling,
        }
        for end in (_month_ends(min(days), max([*days, as_of])) if days else [])
    ]
    return PublicDataset(
        "composition-history",
        "Force composition over time: required and pledged (public) against the ceiling",
        public_rows("composition-history", rows, list(COMPOSITION_HISTORY_TAGS)),
        COMPOSITION_HISTORY_TAGS,
        notes=("Required: requirements due by that month. Pledged: public pledges that can "
               "deploy by then. Ceiling: the sum of the authorised ceilings.",),
    )  # fmt: skip
