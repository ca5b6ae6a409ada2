"""API input schemas → core types, and ORM rows / access views → output dicts."""

from __future__ import annotations

from typing import Any

from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.summary import Summary
from contingent.web.forcegen import models as db
from contingent.web.forcegen.access import VisiblePledge
from contingent.web.forcegen.serialize import composition_line_as_dict

from . import schemas as s


def source_in(x: s.SourceIn) -> m.Source:
    return m.Source(x.ref, x.tag, x.published_on, x.note)


def approval_in(x: s.ApprovalIn) -> m.Approval:
    return m.Approval(x.body, x.status, x.decided_on, tuple(source_in(y) for y in x.sources))


def visit_in(x: s.VisitIn) -> m.Visit:
    return m.Visit(x.kind, x.result, x.conducted_on)


def statement_in(x: s.StatementIn) -> m.Statement:
    return m.Statement(
        contributor=x.contributor,
        level=x.level,
        stated_on=x.stated_on,
        speaker=x.speaker,
        summary=x.summary,
        conditions=tuple(m.Condition(c.text, c.gate, c.met) for c in x.conditions),
        open_questions=tuple(x.open_questions),
        sources=tuple(source_in(y) for y in x.sources),
        personnel_mentioned=x.personnel_mentioned,
    )


def pledge_in(x: s.PledgeIn) -> m.Pledge:
    return m.Pledge(
        key=x.key,
        contributor=x.contributor,
        unit_type=x.unit_type,
        personnel=x.personnel,
        women=x.women,
        readiness=e.ReadinessLevel(x.readiness),
        earliest_deployment=x.earliest_deployment,
        category=x.category,
        caveats=tuple(
            m.Caveat(c.kind, c.text, tuple(c.sectors), tuple(c.tasks), c.classification)
            for c in x.caveats
        ),
        approvals=tuple(approval_in(a) for a in x.approvals),
        documents=frozenset(x.documents),
        classification=x.classification,
        illustrative=x.illustrative,
        sources=tuple(source_in(y) for y in x.sources),
    )


def operation_out(op: db.Operation, summary: Summary) -> dict[str, Any]:
    return {
        "key": op.key,
        "name": op.name,
        "framework": op.framework,
        "host": op.host,
        "resolution": op.resolution_symbol,
        "as_of": summary.as_of,
        "mandate_from": op.mandate_from,
        "mandate_to": op.mandate_to,
        "starting_sector": op.starting_sector,
        "sectors": dict(op.sectors),
        "gates": [g.as_dict() for g in summary.gates],
        "gates_met": sum(g.met for g in summary.gates),
        "gates_unmet": sum(not g.met for g in summary.gates),
        "composition": [composition_line_as_dict(c) for c in summary.composition],
        "contributors": [
            {
                "code": c.code,
                "name": c.name,
                "stance": c.level.value if c.level else None,
                "stated_on": c.stated_on,
                "pledged_personnel": c.pledged_personnel,
                "illustrative_pledges": c.illustrative_pledges,
            }
            for c in summary.contributors
        ],
    }


def statement_out(row: db.Statement) -> dict[str, Any]:
    return {
        "id": row.pk,
        "contributor": row.contributor.code,
        "level": row.level,
        "stated_on": row.stated_on,
        "speaker": row.speaker,
        "summary": row.summary,
        "conditions": row.conditions,
        "open_questions": row.open_questions,
        "personnel_mentioned": row.personnel_mentioned,
        "sources": row.sources,
    }


def pledge_out(p: VisiblePledge) -> dict[str, Any]:
    def lst(x: Any) -> Any:
        return None if x is None else list(x)

    return {
        "key": p.key,
        "contributor": p.contributor_code,
        "contributor_name": p.contributor_name,
        "unit_type": p.unit_type,
        "personnel": p.personnel,
        "women": p.women,
        "readiness": p.readiness,
        "earliest_deployment": p.earliest_deployment,
        "category": p.category,
        "status": p.status,
        "classification": p.classification,
        "illustrative": p.illustrative,
        "detail": "full" if p.full else "summary",
        "caveats": list(p.caveats),
        "approvals": lst(p.approvals),
        "visits": lst(p.visits),
        "documents": lst(p.documents),
        "agreements": lst(p.agreements),
        "host_accepted": p.host_accepted,
        "sources": list(p.sources),
    }


def requirement_out(r: db.Requirement) -> dict[str, Any]:
    return {
        "key": r.key,
        "unit_type": r.unit_type,
        "quantity": r.quantity,
        "personnel_per_unit": r.personnel_per_unit,
        "sector": r.sector,
        "needed_by": r.needed_by,
        "min_readiness": r.min_readiness,
        "category": r.category,
        "tasks": r.tasks,
        "priority": r.priority,
        "illustrative": r.illustrative,
    }


def case_out(c: db.DeploymentCase) -> dict[str, Any]:
    return {
        "pledge": c.pledge.key,
        "contributor": c.pledge.contributor.code,
        "requirement": c.requirement.key,
        "stage": c.stage,
        "since": c.since,
        "illustrative": c.illustrative,
    }
