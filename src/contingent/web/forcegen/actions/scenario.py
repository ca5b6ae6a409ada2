"""Loading a whole scenario, all or nothing."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction

from contingent.core.errors import ErrorCode, ValidationError
from contingent.core.forcegen import model as m
from contingent.web.core import ledger

from .. import convert
from .. import models as db
from .pledges import do_record_pledge
from .stances import do_record_statement


@transaction.atomic
def do_load_scenario(s: m.Scenario, *, actor: str) -> db.Operation:
    """Store a whole validated scenario; all of it or nothing. The ``operation.created`` entry
    covers the operation with its ceilings and benchmarks and the contributors as loaded
    (contributors are shared between operations: a load updates them); statements,
    requirements, pledges and cases get entries of their own."""
    if db.Operation.objects.filter(key=s.operation.key).exists():
        raise ValidationError(
            f"operation {s.operation.key!r} is already loaded",
            code=ErrorCode.DUPLICATE_KEY,
            fields={"operation.key": "already exists"},
        )
    op = _create_operation(s)
    contributors = _record_contributors(s.contributors)
    ledger.append(
        actor=actor,
        action="operation.created",
        object_type="operation",
        object_id=op.key,
        payload=_operation_payload(s, op),
        classification="public",
    )
    for st in sorted(s.statements, key=lambda x: x.stated_on):
        do_record_statement(op, contributors[st.contributor], st, actor=actor)
    for r in s.requirements:
        _create_requirement(op, r, actor)
    for p in s.pledges:
        do_record_pledge(op, contributors[p.contributor], p, actor=actor)
    for case in s.cases:
        _create_case(op, case, actor)
    return op


def _create_operation(s: m.Scenario) -> db.Operation:
    op = db.Operation.objects.create(
        key=s.operation.key, as_of=s.as_of, **convert.operation_row_fields(s.operation)
    )
    for c in s.operation.mandate.ceilings:
        db.Ceiling.objects.create(operation=op, **_ceiling_fields(c))
    for b in s.operation.benchmarks:
        db.Benchmark.objects.create(operation=op, **_benchmark_fields(b))
    return op


def _ceiling_fields(c: m.Ceiling) -> dict[str, Any]:
    return {
        "category": c.category.value,
        "maximum": c.maximum,
        "sources": convert.sources_out(c.sources),
    }


def _benchmark_fields(b: m.Benchmark) -> dict[str, Any]:
    return {
        "key": b.key,
        "description": b.description,
        "assessed_by": b.assessed_by,
        "status": b.status.value,
        "sources": convert.sources_out(b.sources),
    }


def _contributor_fields(c: m.Contributor) -> dict[str, Any]:
    return {
        "name": c.name,
        "m49": c.m49 or "",
        "parliament_approval_required": c.parliament_approval_required,
        "sources": convert.sources_out(c.sources),
    }


def _record_contributors(contributors: tuple[m.Contributor, ...]) -> dict[str, db.Contributor]:
    rows = {}
    for c in contributors:
        rows[c.code], _ = db.Contributor.objects.update_or_create(
            code=c.code, defaults=_contributor_fields(c)
        )
    return rows


def _operation_payload(s: m.Scenario, op: db.Operation) -> dict[str, Any]:
    return convert.operation_row_fields(s.operation) | {
        "key": op.key,
        "ceilings": [_ceiling_fields(c) for c in s.operation.mandate.ceilings],
        "benchmarks": [_benchmark_fields(b) for b in s.operation.benchmarks],
        "contributors": [{"code": c.code, **_contributor_fields(c)} for c in s.contributors],
    }


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
