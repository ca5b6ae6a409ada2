"""Deployment cases: selection of a pledge for a requirement and its stages."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from contingent.core.errors import NotFound, ValidationError
from contingent.core.forcegen import enums as e
from contingent.core.forcegen.rulebook import START, require, rulebook_for
from contingent.core.forcegen.summary import gate_context
from contingent.web.core import ledger

from .. import convert
from .. import models as db
from .common import _pledge_row, _snapshot, _today


@transaction.atomic
def check_advance_case(
    op: db.Operation,
    pledge_key: str,
    target: e.CaseStage,
    *,
    actor: str,
    requirement_key: str | None = None,
    day: date | None = None,
) -> db.DeploymentCase:
    """Open a case (selection, needs ``requirement_key``) or move it to its next stage. The
    pledge is locked from reading its case to the write: two selections at once open one case."""
    row = _pledge_row(op, pledge_key, for_update=True)
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
