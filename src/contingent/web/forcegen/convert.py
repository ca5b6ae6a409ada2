"""ORM rows <-> core types. No rules here: only the shape changes."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m

from . import models as db


def sources_out(sources: tuple[m.Source, ...]) -> list[dict[str, Any]]:
    return [
        {
            "ref": s.ref,
            "tag": s.tag,
            "published_on": s.published_on.isoformat() if s.published_on else None,
            "note": s.note,
        }
        for s in sources
    ]


def sources_in(rows: list[dict[str, Any]]) -> tuple[m.Source, ...]:
    return tuple(
        m.Source(
            r["ref"],
            r.get("tag", ""),
            date.fromisoformat(r["published_on"]) if r.get("published_on") else None,
            r.get("note", ""),
        )
        for r in rows
    )


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def operation_row_fields(op: m.Operation) -> dict[str, Any]:
    r, md = op.resolution, op.mandate
    return {
        "name": op.name,
        "framework": op.framework.value,
        "host": op.host,
        "host_agreement": op.host_agreement.value,
        "roe": op.roe.value,
        "command": op.command.value,
        "funding_secured_usd": op.funding_secured_usd,
        "funding_required_usd": op.funding_required_usd,
        "starting_sector": op.starting_sector,
        "sectors": dict(op.sectors),
        "sourcing": dict(op.sourcing),
        "sources": sources_out(op.sources),
        "resolution_symbol": r.symbol,
        "adopted_on": r.adopted_on,
        "votes_for": r.votes_for,
        "votes_against": r.votes_against,
        "abstentions": r.abstentions,
        "abstaining": list(r.abstaining),
        "expires_on": r.expires_on,
        "renewal_conditions": r.renewal_conditions,
        "resolution_sources": sources_out(r.sources),
        "tasks": list(md.tasks),
        "mandate_from": md.valid_from,
        "mandate_to": md.valid_to,
        "mandate_sources": sources_out(md.sources),
    }


def operation_from_row(row: db.Operation) -> m.Operation:
    return m.Operation(
        key=row.key,
        name=row.name,
        framework=e.Framework(row.framework),
        host=row.host,
        resolution=m.Resolution(
            symbol=row.resolution_symbol,
            adopted_on=row.adopted_on,
            votes_for=row.votes_for,
            votes_against=row.votes_against,
            abstentions=row.abstentions,
            abstaining=tuple(row.abstaining),
            expires_on=row.expires_on,
            renewal_conditions=row.renewal_conditions,
            sources=sources_in(row.resolution_sources),
        ),
        mandate=m.Mandate(
            tasks=tuple(row.tasks),
            ceilings=tuple(
                m.Ceiling(e.PersonnelCategory(c.category), c.maximum, sources_in(c.sources))
                for c in row.ceilings.all()
            ),
            valid_from=row.mandate_from,
            valid_to=row.mandate_to,
            sources=sources_in(row.mandate_sources),
        ),
        benchmarks=tuple(
            m.Benchmark(
                b.key,
                b.description,
                b.assessed_by,
                e.BenchmarkStatus(b.status),
                sources_in(b.sources),
            )
            for b in row.benchmarks.all()
        ),
        host_agreement=e.HostAgreementStatus(row.host_agreement),
        roe=e.RoeStatus(row.roe),
        command=e.CommandArrangement(row.command),
        funding_secured_usd=row.funding_secured_usd,
        funding_required_usd=row.funding_required_usd,
        starting_sector=row.starting_sector,
        sectors=dict(row.sectors),
        sources=sources_in(row.sources),
        sourcing=row.sourcing,
    )


def contributor_from_row(row: db.Contributor) -> m.Contributor:
    return m.Contributor(
        row.code,
        row.name,
        row.m49 or None,
        row.parliament_approval_required,
        sources_in(row.sources),
    )


def statement_fields(s: m.Statement) -> dict[str, Any]:
    return {
        "level": s.level.value,
        "stated_on": s.stated_on,
        "speaker": s.speaker,
        "summary": s.summary,
        "conditions": _jsonable(s.conditions),
        "open_questions": list(s.open_questions),
        "personnel_mentioned": s.personnel_mentioned,
        "sources": sources_out(s.sources),
    }


def statement_from_row(row: db.Statement) -> m.Statement:
    return m.Statement(
        contributor=row.contributor.code,
        level=e.StanceLevel(row.level),
        stated_on=row.stated_on,
        speaker=row.speaker,
        summary=row.summary,
        conditions=tuple(
            m.Condition(c["text"], c.get("gate", ""), c.get("met", False)) for c in row.conditions
        ),
        open_questions=tuple(row.open_questions),
        sources=sources_in(row.sources),
        personnel_mentioned=row.personnel_mentioned,
    )


def pledge_fields(p: m.Pledge) -> dict[str, Any]:
    caveats = _jsonable(p.caveats)
    return {
        "unit_type": p.unit_type,
        "personnel": p.personnel,
        "women": p.women,
        "readiness": p.readiness.value,
        "earliest_deployment": p.earliest_deployment,
        "category": p.category.value,
        "caveats": caveats,
        "approvals": [
            {**a, "sources": sources_out(src.sources)}
            for a, src in zip(_jsonable(p.approvals), p.approvals, strict=True)
        ],
        "visits": _jsonable(p.visits),
        "documents": sorted(p.documents),
        "agreements": sorted(a.value for a in p.agreements),
        "host_accepted": p.host_accepted,
        "status": p.status.value,
        "illustrative": p.illustrative,
        "classification": p.classification.value,
        "sources": sources_out(p.sources),
    }


def pledge_from_row(row: db.Pledge) -> m.Pledge:
    return m.Pledge(
        key=row.key,
        contributor=row.contributor.code,
        unit_type=row.unit_type,
        personnel=row.personnel,
        women=row.women,
        readiness=e.ReadinessLevel(row.readiness),
        earliest_deployment=row.earliest_deployment,
        category=e.PersonnelCategory(row.category),
        caveats=tuple(
            m.Caveat(
                e.CaveatKind(c["kind"]),
                c["text"],
                tuple(c.get("sectors", ())),
                tuple(c.get("tasks", ())),
                e.Classification(c.get("classification", "confidential")),
            )
            for c in row.caveats
        ),
        approvals=tuple(
            m.Approval(
                e.ApprovalBody(a["body"]),
                e.ApprovalStatus(a["status"]),
                date.fromisoformat(a["decided_on"]) if a.get("decided_on") else None,
                sources_in(a.get("sources", [])),
            )
            for a in row.approvals
        ),
        visits=tuple(
            m.Visit(
                e.VisitKind(v["kind"]),
                e.VisitResult(v["result"]),
                date.fromisoformat(v["conducted_on"]),
            )
            for v in row.visits
        ),
        documents=frozenset(row.documents),
        agreements=frozenset(e.AgreementKind(a) for a in row.agreements),
        host_accepted=row.host_accepted,
        status=e.PledgeStatus(row.status),
        illustrative=row.illustrative,
        classification=e.Classification(row.classification),
        sources=sources_in(row.sources),
    )


def requirement_fields(r: m.Requirement) -> dict[str, Any]:
    return {
        "unit_type": r.unit_type,
        "quantity": r.quantity,
        "personnel_per_unit": r.personnel_per_unit,
        "sector": r.sector,
        "needed_by": r.needed_by,
        "min_readiness": r.min_readiness.value,
        "category": r.category.value,
        "tasks": list(r.tasks),
        "priority": r.priority,
        "illustrative": r.illustrative,
        "sources": sources_out(r.sources),
    }


def requirement_from_row(row: db.Requirement) -> m.Requirement:
    return m.Requirement(
        key=row.key,
        unit_type=row.unit_type,
        quantity=row.quantity,
        personnel_per_unit=row.personnel_per_unit,
        sector=row.sector,
        needed_by=row.needed_by,
        min_readiness=e.ReadinessLevel(row.min_readiness),
        category=e.PersonnelCategory(row.category),
        tasks=tuple(row.tasks),
        priority=row.priority,
        illustrative=row.illustrative,
        sources=sources_in(row.sources),
    )


def case_from_row(row: db.DeploymentCase) -> m.DeploymentCase:
    return m.DeploymentCase(
        row.requirement.key, row.pledge.key, e.CaseStage(row.stage), row.since, row.illustrative
    )


def scenario_from_db(op_row: db.Operation) -> m.Scenario:
    """A consistent snapshot of one operation as core types (caller decides the transaction)."""
    return m.Scenario(
        operation=operation_from_row(op_row),
        contributors=tuple(
            contributor_from_row(c) for c in db.Contributor.objects.order_by("code")
        ),
        statements=tuple(
            statement_from_row(s) for s in op_row.statements.select_related("contributor")
        ),
        pledges=tuple(pledge_from_row(p) for p in op_row.pledges.select_related("contributor")),
        requirements=tuple(requirement_from_row(r) for r in op_row.requirements.all()),
        cases=tuple(case_from_row(c) for c in op_row.cases.select_related("requirement", "pledge")),
        as_of=op_row.as_of,
    )
