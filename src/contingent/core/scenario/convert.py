"""Validated scenario schema -> core domain types."""

from __future__ import annotations

from ..forcegen.catalogue import country, unit_types
from ..forcegen.enums import PersonnelCategory
from ..forcegen.model import (
    Approval,
    Benchmark,
    Caveat,
    Ceiling,
    Condition,
    Contributor,
    DeploymentCase,
    Mandate,
    Operation,
    Pledge,
    Requirement,
    Resolution,
    Scenario,
    Source,
    Statement,
    Visit,
)
from .schema import OperationIn, PledgeIn, ScenarioIn, SourceIn, StatementIn


def _category(unit_type: str) -> PersonnelCategory:
    return PersonnelCategory(unit_types()[unit_type].category)


def _sources(rows: list[SourceIn]) -> tuple[Source, ...]:
    return tuple(Source(r.ref, r.tag, r.published_on, r.note) for r in rows)


def _operation(o: OperationIn) -> Operation:
    r, m = o.resolution, o.mandate
    return Operation(
        key=o.key,
        name=o.name,
        framework=o.framework,
        host=o.host,
        resolution=Resolution(
            symbol=r.symbol,
            adopted_on=r.adopted_on,
            votes_for=r.votes_for,
            votes_against=r.votes_against,
            abstentions=r.abstentions,
            abstaining=tuple(r.abstaining),
            expires_on=r.expires_on,
            renewal_conditions=r.renewal_conditions,
            sources=_sources(r.sources),
        ),
        mandate=Mandate(
            tasks=tuple(m.tasks),
            ceilings=tuple(Ceiling(c.category, c.maximum, _sources(c.sources)) for c in m.ceilings),
            valid_from=m.valid_from,
            valid_to=m.valid_to,
            sources=_sources(m.sources),
        ),
        benchmarks=tuple(
            Benchmark(b.key, b.description, b.assessed_by, b.status, _sources(b.sources))
            for b in o.benchmarks
        ),
        host_agreement=o.host_agreement,
        roe=o.roe,
        command=o.command,
        funding_secured_usd=o.funding_secured_usd,
        funding_required_usd=o.funding_required_usd,
        starting_sector=o.starting_sector,
        sectors=dict(o.sectors),
        sources=_sources(o.sources),
        sourcing=(
            {
                "deploy_days": {k.value: v for k, v in o.sourcing.deploy_days.items()},
                "source": o.sourcing.source,
                "illustrative": o.sourcing.illustrative,
            }
            if o.sourcing
            else {}
        ),
    )


def _statement(s: StatementIn) -> Statement:
    return Statement(
        contributor=s.contributor,
        level=s.level,
        stated_on=s.stated_on,
        speaker=s.speaker,
        summary=s.summary,
        conditions=tuple(Condition(c.text, c.gate, c.met) for c in s.conditions),
        open_questions=tuple(s.open_questions),
        sources=_sources(s.sources),
        personnel_mentioned=s.personnel_mentioned,
    )


def _pledge(p: PledgeIn) -> Pledge:
    return Pledge(
        key=p.key,
        contributor=p.contributor,
        unit_type=p.unit_type,
        personnel=p.personnel,
        women=p.women,
        readiness=p.readiness,
        earliest_deployment=p.earliest_deployment,
        category=_category(p.unit_type),
        caveats=tuple(
            Caveat(c.kind, c.text, tuple(c.sectors), tuple(c.tasks), c.classification)
            for c in p.caveats
        ),
        approvals=tuple(
            Approval(a.body, a.status, a.decided_on, _sources(a.sources)) for a in p.approvals
        ),
        visits=tuple(Visit(v.kind, v.result, v.conducted_on) for v in p.visits),
        documents=frozenset(p.documents),
        agreements=frozenset(p.agreements),
        host_accepted=p.host_accepted,
        illustrative=p.illustrative,
        classification=p.classification,
        sources=_sources(p.sources),
    )


def to_scenario(model: ScenarioIn, *, names: dict[str, str]) -> Scenario:
    contributors = tuple(
        Contributor(
            code=c.code,
            name=names[c.code],
            m49=(country(c.code) or ("", None))[1],
            parliament_approval_required=c.parliament_approval_required,
            sources=_sources(c.sources),
        )
        for c in model.contributors
    )
    requirements = tuple(
        Requirement(
            key=r.key,
            unit_type=r.unit_type,
            quantity=r.quantity,
            personnel_per_unit=r.personnel_per_unit,
            sector=r.sector,
            needed_by=r.needed_by,
            min_readiness=r.min_readiness,
            category=_category(r.unit_type),
            tasks=tuple(r.tasks),
            priority=r.priority,
            illustrative=r.illustrative,
            sources=_sources(r.sources),
        )
        for r in model.requirements
    )
    return Scenario(
        operation=_operation(model.operation),
        contributors=contributors,
        statements=tuple(_statement(s) for s in model.statements),
        pledges=tuple(_pledge(p) for p in model.pledges),
        requirements=requirements,
        cases=tuple(
            DeploymentCase(c.requirement, c.pledge, c.stage, c.since, c.illustrative)
            for c in model.cases
        ),
        as_of=model.scenario.as_of,
        notes=tuple(model.scenario.notes),
    )
