"""State changes of force generation.

``check_<verb>_<noun>`` validates against the rulebook and then calls ``do_<verb>_<noun>``;
``do_`` assumes valid input, runs in one transaction and appends to the ledger, so a change and
its ledger entry commit or roll back together.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from django.db import transaction

from contingent.core.errors import ErrorCode, NotFound, ValidationError
from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.rulebook import START, require, rulebook_for
from contingent.core.forcegen.summary import gate_context
from contingent.web.core import ledger

from . import convert
from . import models as db


def _snapshot(op: db.Operation) -> m.Scenario:
    return convert.scenario_from_db(op)


def _today(op: db.Operation, day: date | None) -> date:
    from django.utils import timezone

    return day or op.as_of or timezone.now().date()


# ------------------------------------------------------------------ scenario


@transaction.atomic
def do_load_scenario(s: m.Scenario, *, actor: str) -> db.Operation:
    """Store a whole validated scenario; all of it or nothing."""
    if db.Operation.objects.filter(key=s.operation.key).exists():
        raise ValidationError(
            f"operation {s.operation.key!r} is already loaded",
            code=ErrorCode.DUPLICATE_KEY,
            fields={"operation.key": "already exists"},
        )
    op = db.Operation.objects.create(
        key=s.operation.key, as_of=s.as_of, **convert.operation_row_fields(s.operation)
    )
    for c in s.operation.mandate.ceilings:
        db.Ceiling.objects.create(
            operation=op,
            category=c.category.value,
            maximum=c.maximum,
            sources=convert.sources_out(c.sources),
        )
    for b in s.operation.benchmarks:
        db.Benchmark.objects.create(
            operation=op,
            key=b.key,
            description=b.description,
            assessed_by=b.assessed_by,
            status=b.status.value,
            sources=convert.sources_out(b.sources),
        )
    ledger.append(
        actor=actor,
        action="operation.created",
        object_type="operation",
        object_id=op.key,
        payload=convert.operation_row_fields(s.operation) | {"key": op.key},
        classification="public",
    )
    contributors = {}
    for c in s.contributors:
        row, _ = db.Contributor.objects.update_or_create(
            code=c.code,
            defaults={
                "name": c.name,
                "m49": c.m49 or "",
                "parliament_approval_required": c.parliament_approval_required,
                "sources": convert.sources_out(c.sources),
            },
        )
        contributors[c.code] = row
    for st in sorted(s.statements, key=lambda x: x.stated_on):
        do_record_statement(op, contributors[st.contributor], st, actor=actor)
    for r in s.requirements:
        _create_requirement(op, r, actor)
    for p in s.pledges:
        do_record_pledge(op, contributors[p.contributor], p, actor=actor)
    for case in s.cases:
        _create_case(op, case, actor)
    return op


def _create_requirement(op: db.Operation, r: m.Requirement, actor: str) -> db.Requirement:
    fields = convert.requirement_fields(r)
    row = db.Requirement.objects.create(operation=op, key=r.key, **fields)
    ledger.append(
        actor=actor,
        action="requirement.recorded",
        object_type="requirement",
        object_id=f"{op.key}/{r.key}",
        payload=fields | {"key": r.key},
        classification="restricted",
    )
    return row


def _create_case(op: db.Operation, c: m.DeploymentCase, actor: str) -> db.DeploymentCase:
    row = db.DeploymentCase.objects.create(
        operation=op,
        requirement=op.requirements.get(key=c.requirement),
        pledge=op.pledges.get(key=c.pledge),
        stage=c.stage.value,
        since=c.since,
        illustrative=c.illustrative,
    )
    ledger.append(
        actor=actor,
        action="case.opened",
        object_type="case",
        object_id=f"{op.key}/{c.pledge}",
        payload=dataclasses.asdict(c) | {"since": c.since.isoformat()},
        classification="restricted",
    )
    return row


# ------------------------------------------------------------------ stances


@transaction.atomic
def do_record_statement(
    op: db.Operation, contributor: db.Contributor, st: m.Statement, *, actor: str
) -> db.Statement:
    fields = convert.statement_fields(st)
    row = db.Statement.objects.create(operation=op, contributor=contributor, **fields)
    ledger.append(
        actor=actor,
        action="stance.recorded",
        object_type="statement",
        object_id=f"{op.key}/{contributor.code}/{row.pk}",
        payload=fields | {"contributor": contributor.code},
        classification="public",
    )
    return row


def check_record_statement(
    op: db.Operation, st: m.Statement, *, actor: str, day: date | None = None
) -> db.Statement:
    """Record a stance statement; moving to *offered* or *committed* must pass the gates."""
    contributor = _contributor(st.contributor)
    snap = _snapshot(op)
    ctx = gate_context(snap, _today(op, day), contributor.code)
    last = max(ctx.statements, key=lambda x: x.stated_on, default=None)
    state = last.level.value if last else e.StanceLevel.WELCOMED.value
    require(rulebook_for(snap.operation.framework), "stance", state, st.level.value, ctx)
    return do_record_statement(op, contributor, st, actor=actor)


def _contributor(code: str) -> db.Contributor:
    try:
        return db.Contributor.objects.get(code=code)
    except db.Contributor.DoesNotExist:
        raise NotFound(
            f"no contributor {code!r}",
            code=ErrorCode.UNKNOWN_CONTRIBUTOR,
            fields={"contributor": "unknown"},
        ) from None


# ------------------------------------------------------------------ pledges


@transaction.atomic
def do_record_pledge(
    op: db.Operation, contributor: db.Contributor, p: m.Pledge, *, actor: str
) -> db.Pledge:
    if op.pledges.filter(key=p.key).exists():
        raise ValidationError(
            f"pledge {p.key!r} already exists",
            code=ErrorCode.DUPLICATE_KEY,
            fields={"key": "already exists"},
        )
    fields = convert.pledge_fields(p)
    row = db.Pledge.objects.create(operation=op, key=p.key, contributor=contributor, **fields)
    ledger.append(
        actor=actor,
        action="pledge.recorded",
        object_type="pledge",
        object_id=f"{op.key}/{p.key}",
        payload=fields | {"key": p.key},
        classification=p.classification.value,
    )
    return row


def _pledge_row(op: db.Operation, key: str) -> db.Pledge:
    try:
        return op.pledges.select_related("contributor").get(key=key)
    except db.Pledge.DoesNotExist:
        raise NotFound(f"no pledge {key!r}", fields={"pledge": "unknown"}) from None


@transaction.atomic
def do_update_pledge(row: db.Pledge, new: m.Pledge, *, actor: str, action: str) -> db.Pledge:
    fields = convert.pledge_fields(new)
    for k, v in fields.items():
        setattr(row, k, v)
    row.save()
    ledger.append(
        actor=actor,
        action=action,
        object_type="pledge",
        object_id=f"{row.operation.key}/{row.key}",
        payload=fields | {"key": row.key},
        classification=new.classification.value,
    )
    return row


def check_transition_pledge(
    op: db.Operation, key: str, target: e.ReadinessLevel, *, actor: str, day: date | None = None
) -> db.Pledge:
    """Move a pledge between readiness levels; refused with one reason per unmet condition."""
    row = _pledge_row(op, key)
    snap = _snapshot(op)
    pledge = convert.pledge_from_row(row)
    ctx = gate_context(snap, _today(op, day), pledge.contributor, pledge=pledge)
    require(
        rulebook_for(snap.operation.framework), "pledge", pledge.readiness.value, target.value, ctx
    )
    return do_update_pledge(
        row,
        dataclasses.replace(pledge, readiness=target),
        actor=actor,
        action="pledge.transitioned",
    )


def check_record_pledge_fact(
    op: db.Operation,
    key: str,
    *,
    actor: str,
    visit: m.Visit | None = None,
    approval: m.Approval | None = None,
    agreement: e.AgreementKind | None = None,
    document: str | None = None,
    host_accepted: bool | None = None,
) -> db.Pledge:
    """Record a fact the gates read: a visit, a national approval, an agreement, a document."""
    row = _pledge_row(op, key)
    p = convert.pledge_from_row(row)
    if visit is not None:
        p = dataclasses.replace(p, visits=p.visits + (visit,))
    if approval is not None:
        others = tuple(a for a in p.approvals if a.body != approval.body)
        p = dataclasses.replace(p, approvals=others + (approval,))
    if agreement is not None:
        p = dataclasses.replace(p, agreements=p.agreements | {agreement})
    if document is not None:
        if not document.strip():
            raise ValidationError("document name is empty", fields={"document": "required"})
        p = dataclasses.replace(p, documents=p.documents | {document.strip()})
    if host_accepted is not None:
        p = dataclasses.replace(p, host_accepted=host_accepted)
    return do_update_pledge(row, p, actor=actor, action="pledge.fact_recorded")


# ------------------------------------------------------------------ deployment cases


def check_advance_case(
    op: db.Operation,
    pledge_key: str,
    target: e.CaseStage,
    *,
    actor: str,
    requirement_key: str | None = None,
    day: date | None = None,
) -> db.DeploymentCase:
    """Open a case (selection, needs ``requirement_key``) or move it to its next stage."""
    row = _pledge_row(op, pledge_key)
    case = db.DeploymentCase.objects.filter(pledge=row).select_related("requirement").first()
    if case is None:
        if requirement_key is None:
            raise ValidationError(
                "selecting a pledge needs a requirement", fields={"requirement": "required"}
            )
        try:
            req_row = op.requirements.get(key=requirement_key)
        except db.Requirement.DoesNotExist:
            raise NotFound(
                f"no requirement {requirement_key!r}", fields={"requirement": "unknown"}
            ) from None
        state = START
    else:
        req_row, state = case.requirement, case.stage
    snap = _snapshot(op)
    pledge = convert.pledge_from_row(row)
    day = _today(op, day)
    ctx = gate_context(
        snap,
        day,
        pledge.contributor,
        pledge=pledge,
        requirement=convert.requirement_from_row(req_row),
    )
    require(rulebook_for(snap.operation.framework), "case", state, target.value, ctx)
    return do_advance_case(op, row, req_row, case, target, day, actor=actor)


@transaction.atomic
def do_advance_case(
    op: db.Operation,
    pledge: db.Pledge,
    req: db.Requirement,
    case: db.DeploymentCase | None,
    target: e.CaseStage,
    day: date,
    *,
    actor: str,
) -> db.DeploymentCase:
    if case is None:
        case = db.DeploymentCase.objects.create(
            operation=op,
            requirement=req,
            pledge=pledge,
            stage=target.value,
            since=day,
            illustrative=pledge.illustrative,
        )
        pledge.status = e.PledgeStatus.SELECTED.value
        pledge.save(update_fields=["status"])
    else:
        case.stage, case.since = target.value, day
        case.save(update_fields=["stage", "since"])
    ledger.append(
        actor=actor,
        action="case.advanced",
        object_type="case",
        object_id=f"{op.key}/{pledge.key}",
        payload={
            "requirement": req.key,
            "pledge": pledge.key,
            "stage": target.value,
            "since": day.isoformat(),
        },
        classification="restricted",
    )
    return case
