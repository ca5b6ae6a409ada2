"""Operation-level readiness: each gate answered met or unmet with its evidence."""

from __future__ import annotations

import dataclasses
from datetime import date

from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.core.forcegen.readiness import GATE_KEYS, operation_gates

from .builders import DAY, operation


def _gates(op: m.Operation, deployed=None) -> dict[str, object]:
    return {g.key: g for g in operation_gates(op, DAY, deployed or {})}


def test_a_fully_prepared_operation_meets_every_gate_in_a_fixed_order():
    gates = operation_gates(operation(e.Framework.UN_PKO), DAY, {})
    assert [g.key for g in gates] == list(GATE_KEYS)
    assert all(g.met and g.code == "" for g in gates)


def test_each_gate_is_unmet_with_a_code_and_evidence_when_its_fact_is_missing():
    op = operation(e.Framework.UN_AUTHORIZED_COALITION)
    cases = {
        "mandate_in_force": dataclasses.replace(
            op, mandate=dataclasses.replace(op.mandate, valid_to=date(2026, 2, 28))
        ),
        "roe_agreed": dataclasses.replace(op, roe=e.RoeStatus.DRAFTING),
        "host_agreement": dataclasses.replace(
            op, host_agreement=e.HostAgreementStatus.PROVISIONAL_MODEL
        ),
        "funding_secured": dataclasses.replace(op, funding_secured_usd=99),
        "exit_benchmarks_defined": dataclasses.replace(
            op, benchmarks=(m.Benchmark("b", "withdrawal milestones", assessed_by=""),)
        ),
        "command_arrangement_set": dataclasses.replace(op, command=e.CommandArrangement.UNSET),
    }
    for key, broken in cases.items():
        gate = _gates(broken)[key]
        assert not gate.met and gate.code and gate.evidence, key
        others = [g for k, g in _gates(broken).items() if k != key]
        assert all(g.met for g in others), key


def test_no_published_budget_is_reported_as_a_gap_not_as_zero_need():
    op = dataclasses.replace(
        operation(e.Framework.UN_AUTHORIZED_COALITION), funding_required_usd=None
    )
    gate = _gates(op)["funding_secured"]
    assert (gate.met, gate.code) == (False, "no_budget")
    assert "no budget published" in gate.evidence


def test_deployed_strength_over_a_ceiling_is_named_by_category():
    op = operation(e.Framework.UN_PKO)
    gate = _gates(op, {e.PersonnelCategory.TROOPS: 10_001})["within_ceilings"]
    assert not gate.met and "over the ceiling: troops" in gate.evidence
    assert _gates(op, {e.PersonnelCategory.TROOPS: 10_000})["within_ceilings"].met


def test_exit_benchmarks_need_at_least_one_benchmark():
    op = dataclasses.replace(operation(e.Framework.UN_PKO), benchmarks=())
    assert _gates(op)["exit_benchmarks_defined"].evidence == "no exit benchmark recorded"
