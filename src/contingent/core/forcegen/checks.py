"""The named preconditions a rulebook can ask for.

A rulebook (data, see ``rulebooks/*.json``) says *which* checks guard *which* transition and with
which code and message; this module says *how* each check is decided from the facts at hand.
Each check returns ``(met, evidence)``; evidence is a short sentence quoting the facts used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import readiness as op_gates
from .enums import (
    READINESS_ORDER,
    STANCE_LADDER,
    AgreementKind,
    ApprovalBody,
    ApprovalStatus,
    PersonnelCategory,
    PledgeStatus,
    ReadinessLevel,
    StanceLevel,
    VisitKind,
    VisitResult,
)
from .model import Contributor, Operation, Pledge, Requirement, Statement


@dataclass(frozen=True)
class GateContext:
    """The facts a transition is judged on. Callers pass only what the machine needs."""

    operation: Operation
    as_of: date
    contributor: Contributor | None = None
    pledge: Pledge | None = None
    requirement: Requirement | None = None
    statements: tuple[Statement, ...] = ()  # this contributor's, any order
    pledges: tuple[Pledge, ...] = ()  # this contributor's
    deployed: Mapping[PersonnelCategory, int] = field(default_factory=dict)


Check = Callable[[GateContext, Mapping[str, Any]], tuple[bool, str]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return register


def _pledge(ctx: GateContext) -> Pledge:
    if ctx.pledge is None:
        raise ValueError("this check needs a pledge in the context")
    return ctx.pledge


def _requirement(ctx: GateContext) -> Requirement:
    if ctx.requirement is None:
        raise ValueError("this check needs a requirement in the context")
    return ctx.requirement


def _passed(p: Pledge, kind: VisitKind) -> bool:
    return any(v.kind == kind and v.result != VisitResult.FAIL for v in p.visits)


def _missing_documents(p: Pledge, needed: list[str]) -> list[str]:
    return [d for d in needed if d not in p.documents]


@check("documents")
def documents(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    missing = _missing_documents(_pledge(ctx), list(params["documents"]))
    if missing:
        return False, "missing: " + ", ".join(d.replace("_", " ") for d in missing)
    return True, "all documents on file"


@check("visit_passed")
def visit_passed(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    kinds = [VisitKind(k) for k in params["kinds"]]
    p = _pledge(ctx)
    for v in p.visits:
        if v.kind in kinds and v.result != VisitResult.FAIL:
            return True, f"{v.kind.value} {v.result.value} on {v.conducted_on}"
    failed = [v for v in p.visits if v.kind in kinds]
    if failed:
        return False, f"{failed[-1].kind.value} failed on {failed[-1].conducted_on}"
    return False, "no " + " or ".join(k.value for k in kinds) + " recorded"


@check("agreement_signed")
def agreement_signed(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    kind = AgreementKind(params["kind"])
    ok = kind in _pledge(ctx).agreements
    return ok, f"{kind.value} {'signed' if ok else 'not signed'}"


@check("readiness_at_least")
def readiness_at_least(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    level = ReadinessLevel(params["level"])
    have = _pledge(ctx).readiness
    ok = READINESS_ORDER[have] >= READINESS_ORDER[level]
    return ok, f"pledge at {have.value}, {level.value} or above needed"


@check("readiness_meets_requirement")
def readiness_meets_requirement(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    have, need = _pledge(ctx).readiness, _requirement(ctx).min_readiness
    ok = READINESS_ORDER[have] >= READINESS_ORDER[need]
    return ok, f"pledge at {have.value}, requirement minimum {need.value}"


@check("unit_type_matches")
def unit_type_matches(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    have, need = _pledge(ctx).unit_type, _requirement(ctx).unit_type
    return have == need, f"pledged {have}, required {need}"


@check("caveats_allow")
def caveats_allow(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    p, r = _pledge(ctx), _requirement(ctx)
    blocking = [
        c.text for c in p.caveats if r.sector in c.sectors or any(t in c.tasks for t in r.tasks)
    ]
    if blocking:
        return False, "blocked by caveat: " + "; ".join(blocking)
    return True, "no caveat covers the sector or its tasks"


@check("host_accepts")
def host_accepts(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    accepted = _pledge(ctx).host_accepted
    text = {True: "host accepted", False: "host refused", None: "host not yet asked"}[accepted]
    return accepted is True, text


def _approval(p: Pledge, body: ApprovalBody) -> ApprovalStatus | None:
    for a in p.approvals:
        if a.body == body:
            return a.status
    return None


@check("approval_obtained")
def approval_obtained(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    """A national approval; parliament only where the contributor's law requires it."""
    body = ApprovalBody(params["body"])
    if body == ApprovalBody.PARLIAMENT and not (
        ctx.contributor and ctx.contributor.parliament_approval_required
    ):
        return True, "parliamentary approval not required by this contributor"
    pledges = [ctx.pledge] if ctx.pledge else [p for p in ctx.pledges if _is_live(p)]
    if not pledges:
        return False, f"{body.value} approval not recorded (no pledge on file)"
    missing = [p.key for p in pledges if _approval(p, body) != ApprovalStatus.OBTAINED]
    if missing:
        return False, f"{body.value} approval not recorded for {', '.join(missing)}"
    return True, f"{body.value} approval obtained"


def _is_live(p: Pledge) -> bool:
    return p.status != PledgeStatus.WITHDRAWN


@check("operation_gate")
def operation_gate(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    gates = {g.key: g for g in op_gates.operation_gates(ctx.operation, ctx.as_of, ctx.deployed)}
    g = gates[params["gate"]]
    return g.met, g.evidence


@check("within_ceiling_after")
def within_ceiling_after(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    p = _pledge(ctx)
    cap = ctx.operation.mandate.ceiling_for(p.category)
    now = ctx.deployed.get(p.category, 0)
    if cap is None:
        return True, f"no {p.category.value} ceiling in the mandate"
    after = now + p.personnel
    return (
        after <= cap,
        f"{p.category.value}: {now:,} deployed + {p.personnel:,} = {after:,} of {cap:,}",
    )


@check("has_pledge")
def has_pledge(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    live = [p for p in ctx.pledges if _is_live(p)]
    if not live:
        return False, "no unit-level pledge recorded"
    return True, f"{len(live)} pledge(s), {sum(p.personnel for p in live):,} personnel"


def latest_statement(statements: tuple[Statement, ...]) -> Statement | None:
    return max(statements, key=lambda s: s.stated_on, default=None)


@check("stance_at_least")
def stance_at_least(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    need = StanceLevel(params["level"])
    last = latest_statement(ctx.statements)
    if last is None:
        return False, "no stance recorded"
    ok = last.level in STANCE_LADDER and STANCE_LADDER.index(last.level) >= STANCE_LADDER.index(
        need
    )
    return ok, f"latest stance {last.level.value} ({last.stated_on})"


@check("stated_conditions_met")
def stated_conditions_met(ctx: GateContext, params: Mapping[str, Any]) -> tuple[bool, str]:
    """Every condition the contributor has stated (any statement) is met, either on its own
    record or through the operation-level gate it maps to."""
    gates = {g.key: g for g in op_gates.operation_gates(ctx.operation, ctx.as_of, ctx.deployed)}
    unmet: list[str] = []
    seen: set[str] = set()
    for s in sorted(ctx.statements, key=lambda s: s.stated_on):
        for c in s.conditions:
            if c.text in seen:
                continue
            seen.add(c.text)
            gate = gates.get(c.gate)
            if not (c.met or (gate is not None and gate.met)):
                unmet.append(c.text)
    if unmet:
        return False, "unmet: " + "; ".join(unmet)
    return True, f"{len(seen)} stated condition(s), all met"
