"""Fakes for the gate tests: a world where every precondition holds, and one breaker per check
that makes exactly that check fail (as far as the checks are independent)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.checks import GateContext

DAY = date(2026, 3, 1)
ALL_DOCUMENTS = frozenset(
    {
        "note_verbale",
        "table_of_organization",
        "major_equipment_list",
        "self_sustainment_list",
        "level3_invitation",
        "ammunition_list",
        "load_plan",
        "port_of_embarkation",
        "days_to_readiness",
    }
)


def operation(framework: e.Framework) -> m.Operation:
    return m.Operation(
        key="op",
        name="Test operation",
        framework=framework,
        host="Host",
        resolution=m.Resolution("S/RES/1 (2025)", date(2025, 1, 1), 15, 0, 0, date(2027, 12, 31)),
        mandate=m.Mandate(
            tasks=("protect_civilians",),
            ceilings=(m.Ceiling(e.PersonnelCategory.TROOPS, 10_000),),
            valid_from=date(2025, 1, 1),
            valid_to=date(2027, 12, 31),
        ),
        benchmarks=(m.Benchmark("b1", "a benchmark", "the Security Council"),),
        host_agreement=e.HostAgreementStatus.SIGNED,
        roe=e.RoeStatus.AGREED,
        command=e.CommandArrangement.LEAD_NATION,
        funding_secured_usd=100,
        funding_required_usd=100,
    )


def pledge() -> m.Pledge:
    return m.Pledge(
        key="P1",
        contributor="PAK",
        unit_type="infantry_battalion",
        personnel=850,
        women=40,
        readiness=e.ReadinessLevel.L3,
        earliest_deployment=date(2026, 1, 1),
        approvals=(
            m.Approval(e.ApprovalBody.GOVERNMENT, e.ApprovalStatus.OBTAINED),
            m.Approval(e.ApprovalBody.PARLIAMENT, e.ApprovalStatus.OBTAINED),
        ),
        visits=tuple(m.Visit(k, e.VisitResult.PASS, date(2026, 1, 1)) for k in e.VisitKind),
        documents=ALL_DOCUMENTS,
        agreements=frozenset(e.AgreementKind),
        host_accepted=True,
    )


def requirement() -> m.Requirement:
    return m.Requirement(
        key="R1",
        unit_type="infantry_battalion",
        quantity=1,
        personnel_per_unit=850,
        sector="PS0275",
        needed_by=date(2026, 6, 1),
        min_readiness=e.ReadinessLevel.L1,
        tasks=("protect_civilians",),
    )


def statement(level: e.StanceLevel = e.StanceLevel.OFFERED) -> m.Statement:
    return m.Statement(
        contributor="PAK",
        level=level,
        stated_on=date(2026, 1, 1),
        speaker="Minister",
        summary="We offer a battalion.",
        conditions=(m.Condition("mandate set", gate="mandate_in_force"),),
        sources=(m.Source("https://example.org/statement"),),
    )


def context(framework: e.Framework, machine: str) -> GateContext:
    p = pledge()
    return GateContext(
        operation=operation(framework),
        as_of=DAY,
        contributor=m.Contributor("PAK", "Pakistan", "586", parliament_approval_required=True),
        pledge=None if machine == "stance" else p,
        requirement=None if machine == "stance" else requirement(),
        statements=(statement(),),
        pledges=(p,),
        deployed={e.PersonnelCategory.TROOPS: 0},
    )


def _with_pledge(ctx: GateContext, **changes: Any) -> GateContext:
    p = dataclasses.replace(ctx.pledges[0], **changes)
    return dataclasses.replace(ctx, pledge=p if ctx.pledge else None, pledges=(p,))


def _with_operation(ctx: GateContext, **changes: Any) -> GateContext:
    return dataclasses.replace(ctx, operation=dataclasses.replace(ctx.operation, **changes))


def _break_gate(ctx: GateContext, gate: str) -> GateContext:
    if gate == "mandate_in_force":
        md = dataclasses.replace(ctx.operation.mandate, valid_to=date(2026, 1, 1))
        return _with_operation(ctx, mandate=md)
    if gate == "roe_agreed":
        return _with_operation(ctx, roe=e.RoeStatus.NOT_AGREED)
    if gate == "host_agreement":
        return _with_operation(ctx, host_agreement=e.HostAgreementStatus.NONE)
    if gate == "command_arrangement_set":
        return _with_operation(ctx, command=e.CommandArrangement.UNSET)
    raise AssertionError(f"no breaker for operation gate {gate}")


def _break_visits(ctx: GateContext, kinds: list[str]) -> GateContext:
    visits = tuple(
        dataclasses.replace(v, result=e.VisitResult.FAIL) if v.kind.value in kinds else v
        for v in ctx.pledges[0].visits
    )
    return _with_pledge(ctx, visits=visits)


def _break_approval(ctx: GateContext, body: str) -> GateContext:
    approvals = tuple(
        dataclasses.replace(a, status=e.ApprovalStatus.REQUIRED) if a.body.value == body else a
        for a in ctx.pledges[0].approvals
    )
    return _with_pledge(ctx, approvals=approvals)


def _break_caveat(ctx: GateContext) -> GateContext:
    cav = m.Caveat(e.CaveatKind.GEOGRAPHIC, "not in Rafah", sectors=("PS0275",))
    return _with_pledge(ctx, caveats=(cav,))


def _break_stance(ctx: GateContext) -> GateContext:
    return dataclasses.replace(ctx, statements=(statement(e.StanceLevel.CONSIDERING),))


def _break_conditions(ctx: GateContext) -> GateContext:
    st = dataclasses.replace(statement(), conditions=(m.Condition("fighting completely stops"),))
    return dataclasses.replace(ctx, statements=(st,))


def _break_min_readiness(ctx: GateContext) -> GateContext:
    assert ctx.requirement is not None
    req = dataclasses.replace(ctx.requirement, min_readiness=e.ReadinessLevel.RDL)
    return dataclasses.replace(ctx, requirement=req)


BREAKERS: dict[str, Callable[[GateContext, dict[str, Any]], GateContext]] = {
    "documents": lambda c, p: _with_pledge(
        c, documents=c.pledges[0].documents - set(p["documents"])
    ),
    "visit_passed": lambda c, p: _break_visits(c, p["kinds"]),
    "agreement_signed": lambda c, p: _with_pledge(
        c, agreements=c.pledges[0].agreements - {e.AgreementKind(p["kind"])}
    ),
    "readiness_at_least": lambda c, p: _with_pledge(c, readiness=e.ReadinessLevel.L1),
    "readiness_meets_requirement": lambda c, p: _break_min_readiness(c),
    "unit_type_matches": lambda c, p: _with_pledge(c, unit_type="level2_hospital"),
    "caveats_allow": lambda c, p: _break_caveat(c),
    "host_accepts": lambda c, p: _with_pledge(c, host_accepted=None),
    "approval_obtained": lambda c, p: _break_approval(c, p["body"]),
    "operation_gate": lambda c, p: _break_gate(c, p["gate"]),
    "within_ceiling_after": lambda c, p: dataclasses.replace(
        c, deployed={e.PersonnelCategory.TROOPS: 9_500}
    ),
    "has_pledge": lambda c, p: _with_pledge(c, status=e.PledgeStatus.WITHDRAWN),
    "stance_at_least": lambda c, p: _break_stance(c),
    "stated_conditions_met": lambda c, p: _break_conditions(c),
}

# Breaking one check may, by the meaning of the facts, also fail another: a withdrawn pledge
# leaves no pledge whose approval could be recorded.
IMPLIES: dict[str, set[str]] = {
    "has_pledge": {"approval_obtained"},
    "operation_gate": {"stated_conditions_met"},
}
