"""``build_public``: the public picture of one operation on one day, optionally for a period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.utils import timezone

from contingent.core.costs import (
    CostEstimate,
    FundingPosition,
    RateSchedule,
    load_un_personnel_schedule,
)
from contingent.core.forcegen import model as m
from contingent.core.opendata import public_only
from contingent.web.core.models import LedgerHead
from contingent.web.forcegen.convert import scenario_from_db
from contingent.web.forcegen.models import Operation

from .. import convert
from .. import models as db
from . import events, force, money
from .dataset import PublicDataset

DEFAULT_HOLDER = ("Fund holder not recorded", "XI-IATI-CTGDEMO")


@dataclass(frozen=True)
class PublicPicture:
    operation: m.Operation
    as_of: date
    start: date | None
    datasets: dict[str, PublicDataset]
    estimate: CostEstimate
    basis: money.CostBasis
    position: FundingPosition
    iati_xml: bytes
    delay_days: int
    min_group_size: int
    illustrative_funding: bool
    ledger_head: tuple[int, str]
    sources: tuple[str, ...] = field(default=())


def operation_or_none(key: str | None = None) -> Operation | None:
    qs = Operation.objects.all()
    return qs.filter(key=key).first() if key else qs.order_by("id").first()


def default_as_of(op: Operation) -> date:
    return op.as_of or timezone.now().date()


def _holder(op: Operation) -> tuple[str, str]:
    fund = db.Fund.objects.filter(operation=op).order_by("id").first()
    return (fund.holder, fund.holder_iati_ref) if fund else DEFAULT_HOLDER


def _schedule_for(s: m.Scenario) -> RateSchedule | None:
    """The stored UN personnel schedule (seeded by migration 0002). Coalition frameworks are
    costed at it for comparison only (``money.cost_basis``); none stores its own yet."""
    return convert.schedule_by_id(load_un_personnel_schedule().schedule_id)


def build_public(
    op: Operation, as_of: date | None = None, start: date | None = None
) -> PublicPicture:
    """The public datasets as of ``as_of`` (default: the operation's date, else today);
    ``start`` limits statements and events to a period (reports)."""
    day = as_of or default_as_of(op)
    full = scenario_from_db(op)
    s = force.public_scenario(full)
    policy = convert.policy_of(op)
    basis = money.cost_basis(s, _schedule_for(s))
    est = money.estimate(s, basis)
    contributions = convert.contributions_of(op, pledged_to=day)
    holder, holder_ref = _holder(op)
    updated = datetime(day.year, day.month, day.day, tzinfo=UTC)
    ctx = money.iati_context(s, holder, holder_ref, updated)
    position_ds, position = money.position(contributions, est, basis, day)
    weekly = [
        events.incidents(op, day, policy.delay_days, policy.min_group_size, start),
        events.access_outcomes(op, day, policy.delay_days, policy.min_group_size, start),
    ]
    datasets = [
        force.composition(s, day),
        force.composition_history(s, day),
        force.ceilings(s),
        force.statements(s, start, day),
        force.funnel(s, day),
        force.stance_timeline(s, day),
        money.rates(basis),
        money.cost_estimate(est, basis),
        money.funding(contributions, day, holder, ctx),
        position_ds,
        *weekly,
        *(events.governorate_layer(w) for w in weekly),
    ]
    public_ids = {c.contribution_id for c in public_only(contributions)}
    donor_names = dict(
        db.Contribution.objects.filter(operation=op, contribution_id__in=public_ids).values_list(
            "donor", "donor_name"
        )
    )
    head = LedgerHead.objects.filter(singleton=1).first()
    return PublicPicture(
        operation=s.operation,
        as_of=day,
        start=start,
        datasets={d.name: d for d in datasets},
        estimate=est,
        basis=basis,
        position=position,
        iati_xml=money.iati_xml(contributions, ctx, donor_names),
        delay_days=policy.delay_days,
        min_group_size=policy.min_group_size,
        illustrative_funding=db.Fund.objects.filter(operation=op, illustrative=True).exists(),
        ledger_head=(head.seq, head.entry_hash) if head else (0, "0" * 64),
        sources=_sources(full),
    )


def _sources(s: m.Scenario) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    op = s.operation
    for src in (*op.sources, *op.resolution.sources, *op.mandate.sources):
        seen[f"[{src.tag}] {src.ref}" if src.tag else src.ref] = None
    for st in s.statements:
        for src in st.sources:
            seen[f"[{src.tag}] {src.ref}" if src.tag else src.ref] = None
    return tuple(seen)
