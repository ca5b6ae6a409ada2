"""Load the Gaza scenario into a real database, drive transitions through the actions, and
check that the ledger records every change and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from contingent.core.errors import ErrorCode, TransitionRefused
from contingent.core.forcegen import enums as e
from contingent.core.forcegen import model as m
from contingent.web.core.models import LedgerEntry
from contingent.web.forcegen import actions
from contingent.web.forcegen.models import DeploymentCase, Pledge, Statement

pytestmark = pytest.mark.django_db


def test_loading_the_scenario_records_every_record_in_the_ledger(gaza):
    assert gaza.statements.count() == 14
    assert gaza.pledges.count() == 10
    actions_seen = set(LedgerEntry.objects.values_list("action", flat=True))
    assert actions_seen == {
        "operation.created",
        "stance.recorded",
        "requirement.recorded",
        "pledge.recorded",
        "case.opened",
    }
    assert LedgerEntry.objects.count() == 1 + 14 + 6 + 10 + 2


def _operation_entry_hash(s: m.Scenario) -> str:
    from django.db import transaction

    with transaction.atomic():
        actions.do_load_scenario(s, actor="test:setup")
        entry = LedgerEntry.objects.get(action="operation.created", object_id=s.operation.key)
        transaction.set_rollback(True)
    return entry.payload_sha256


def test_the_operation_entry_covers_its_ceilings_benchmarks_and_contributors(db):
    import dataclasses

    from contingent.core.scenario import load_scenario

    from .conftest import GAZA

    s = load_scenario(GAZA)
    op, mandate = s.operation, s.operation.mandate
    ceiling = dataclasses.replace(mandate.ceilings[0], maximum=mandate.ceilings[0].maximum + 1)
    other_ceiling = dataclasses.replace(
        s,
        operation=dataclasses.replace(
            op, mandate=dataclasses.replace(mandate, ceilings=(ceiling, *mandate.ceilings[1:]))
        ),
    )
    other_benchmarks = dataclasses.replace(
        s, operation=dataclasses.replace(op, benchmarks=op.benchmarks[1:])
    )
    renamed = dataclasses.replace(s.contributors[0], name="Renamed")
    other_contributor = dataclasses.replace(s, contributors=(renamed, *s.contributors[1:]))
    hashes = {
        _operation_entry_hash(x) for x in (s, other_ceiling, other_benchmarks, other_contributor)
    }
    assert len(hashes) == 4


def test_a_pledge_moves_to_level_two_only_after_a_passed_assessment_visit(gaza):
    with pytest.raises(TransitionRefused) as refused:
        actions.check_transition_pledge(
            gaza, "PAK-INF-1", e.ReadinessLevel.L2, actor="test:planner"
        )
    assert [c for c, _ in refused.value.reasons] == ["no_passed_assessment_visit"]
    before = LedgerEntry.objects.count()
    actions.check_record_pledge_fact(
        gaza,
        "PAK-INF-1",
        actor="test:planner",
        visit=m.Visit(e.VisitKind.CONTRIBUTOR_RECON, e.VisitResult.PASS, date(2026, 3, 1)),
    )
    row = actions.check_transition_pledge(
        gaza, "PAK-INF-1", e.ReadinessLevel.L2, actor="test:planner"
    )
    assert row.readiness == "L2"
    assert list(LedgerEntry.objects.filter(seq__gt=before).values_list("action", flat=True)) == [
        "pledge.fact_recorded",
        "pledge.transitioned",
    ]


def test_pakistan_cannot_commit_and_the_refusal_writes_nothing(gaza):
    statements, entries = Statement.objects.count(), LedgerEntry.objects.count()
    commit = m.Statement(
        "PAK",
        e.StanceLevel.COMMITTED,
        date(2026, 3, 1),
        "Spokesperson",
        "We commit two battalions.",
        sources=(m.Source("https://example.org/x"),),
    )
    with pytest.raises(TransitionRefused) as refused:
        actions.check_record_statement(gaza, commit, actor="test:liaison")
    assert [c for c, _ in refused.value.reasons] == [
        "roe_not_agreed",
        "stated_conditions_unmet",
        "government_approval_not_recorded",
        "parliamentary_approval_not_recorded",
    ]
    assert (Statement.objects.count(), LedgerEntry.objects.count()) == (statements, entries)


def test_a_deployment_case_advances_through_its_gates(gaza):
    with pytest.raises(TransitionRefused) as refused:
        actions.check_advance_case(
            gaza, "IDN-INF-1", e.CaseStage.AGREEMENT_SIGNED, actor="test:planner"
        )
    assert [c for c, _ in refused.value.reasons] == ["no_bilateral_agreement"]
    actions.check_record_pledge_fact(
        gaza, "IDN-INF-1", actor="test:planner", agreement=e.AgreementKind.BILATERAL
    )
    case = actions.check_advance_case(
        gaza, "IDN-INF-1", e.CaseStage.AGREEMENT_SIGNED, actor="test:planner"
    )
    assert case.stage == "agreement_signed"


def test_selecting_a_pledge_checks_the_requirement_and_the_caveats(gaza):
    # PAK-INF-2 carries a public task caveat against demilitarization, a KYN-INF task.
    with pytest.raises(TransitionRefused) as refused:
        actions.check_advance_case(
            gaza, "PAK-INF-2", e.CaseStage.SELECTED, actor="test:planner", requirement_key="KYN-INF"
        )
    codes = [c for c, _ in refused.value.reasons]
    assert "blocked_by_caveat" in codes and "contributor_has_not_offered" in codes
    assert not DeploymentCase.objects.filter(pledge__key="PAK-INF-2").exists()
    case = actions.check_advance_case(
        gaza, "MAR-INF-1", e.CaseStage.SELECTED, actor="test:planner", requirement_key="RAF-INF"
    )
    assert case.stage == "selected" and Pledge.objects.get(key="MAR-INF-1").status == "selected"


def test_an_unknown_transition_is_refused_with_its_own_code(gaza):
    with pytest.raises(TransitionRefused) as refused:
        actions.check_transition_pledge(
            gaza, "PAK-INF-1", e.ReadinessLevel.RDL, actor="test:planner"
        )
    assert refused.value.code == ErrorCode.UNKNOWN_TRANSITION


def test_loading_the_same_operation_twice_is_refused_and_changes_nothing(gaza):
    from contingent.core.errors import ValidationError
    from contingent.core.scenario import load_scenario

    from .conftest import GAZA

    entries = LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.do_load_scenario(load_scenario(GAZA), actor="test:again")
    assert refused.value.code == ErrorCode.DUPLICATE_KEY
    assert LedgerEntry.objects.count() == entries
