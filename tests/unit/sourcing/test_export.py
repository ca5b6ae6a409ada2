"""The plan as CSV: every assignment once, every gap reason once, RFC 4180 quoting survives
commas and quotes in messages, and the illustrative flag is on every row."""

from __future__ import annotations

import csv
import io

import pytest

from contingent.core.sourcing import example_problem, solve_plan
from contingent.core.sourcing.export import (
    ASSIGNMENT_COLUMNS,
    GAP_COLUMNS,
    assignments_csv,
    gaps_csv,
    plan_csv,
)


@pytest.fixture(scope="module")
def plan():  # noqa: ANN201
    return solve_plan(example_problem())


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def test_assignments_round_trip(plan):
    header, rows = _rows(assignments_csv(plan, illustrative=False))
    assert tuple(header) == ASSIGNMENT_COLUMNS
    assert sorted((r["unit_id"], r["requirement_id"]) for r in rows) == sorted(
        plan.assignment_pairs()
    )
    by_unit = {a.unit_id: a for a in plan.assignments}
    for r in rows:
        a = by_unit[r["unit_id"]]
        assert (int(r["personnel"]), r["arrives"], r["illustrative"]) == (
            a.personnel,
            a.arrives.isoformat(),
            "false",
        )


def test_gaps_have_one_row_per_reason_and_keep_commas_and_quotes(plan):
    header, rows = _rows(gaps_csv(plan, illustrative=True))
    assert tuple(header) == GAP_COLUMNS
    expected = [(g.requirement_id, str(r.code), r.message) for g in plan.gaps for r in g.reasons]
    assert [(r["requirement_id"], r["reason_code"], r["reason"]) for r in rows] == expected
    assert expected and any("," in m for _, _, m in expected)  # quoting is exercised
    assert {r["illustrative"] for r in rows} == {"true"}


def test_an_unknown_table_is_refused(plan):
    with pytest.raises(ValueError, match="no plan table"):
        plan_csv(plan, "secrets", illustrative=False)


def test_a_reason_that_looks_like_a_formula_is_neutralised(plan):
    from dataclasses import replace

    from contingent.core.sourcing.result import GapReason

    gap = replace(
        plan.gaps[0], reasons=(GapReason(plan.gaps[0].reasons[0].code, '=HYPERLINK("x")'),)
    )
    _, rows = _rows(gaps_csv(replace(plan, gaps=(gap,)), illustrative=False))
    assert rows[0]["reason"] == '\'=HYPERLINK("x")'
