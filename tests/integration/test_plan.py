"""The sourcing plan of the stored Gaza scenario through the CLI: table, JSON, what-if, errors."""

from __future__ import annotations

import json

import pytest

from contingent.cli import main

pytestmark = pytest.mark.django_db


def test_the_demo_shows_the_plan_its_gaps_and_the_forecast(capsys):
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert "Sourcing plan" in out and "proven optimal" in out
    assert "RAF-INF" in out and "[gate_readiness_below_minimum]" in out
    assert "Forecast of full operating capability" in out and "P50 " in out


def test_plan_json_assigns_each_pledged_unit_at_most_once_and_explains_every_gap(gaza, capsys):
    assert main(["plan", "--json", "--forecast-runs", "200"]) == 0
    data = json.loads(capsys.readouterr().out)
    plan = data["plan"]
    units = [a["unit_id"] for a in plan["assignments"]]
    assert len(units) == len(set(units)) and units
    assert plan["status"] == "optimal"
    for gap in plan["gaps"]:
        assert gap["reasons"], gap
    assert data["forecast"]["runs"] == 200 and data["illustrative"] is True


def test_a_what_if_shows_the_new_plan_as_a_difference(gaza, capsys):
    assert (
        main(
            [
                "plan",
                "--json",
                "--forecast-runs",
                "0",
                "--commit-more",
                "IDN:infantry_battalion:1700:2:L2:2026-04-15",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    diff = data["whatif"]["diff"]
    assert sorted(r for _, r in diff["added"]).count("RAF-INF") == 2
    assert "RAF-INF" in diff["gaps_closed"]
    assert diff["coverage_share_after"] > diff["coverage_share_before"]


def test_raising_readiness_alone_leaves_the_approval_gate_named(gaza, capsys):
    assert (
        main(
            [
                "plan",
                "--json",
                "--forecast-runs",
                "0",
                "--raise-readiness",
                "PAK-INF-1:L2:2026-04-01",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    gap = next(g for g in data["whatif"]["plan"]["gaps"] if g["requirement_id"] == "RAF-INF")
    assert "gate_national_approval_missing" in [r["code"] for r in gap["reasons"]]


@pytest.mark.parametrize(
    ("flag", "value", "code"),
    [
        ("--commit-more", "ZZZ:infantry_battalion:850", "unknown_contributor"),
        ("--commit-more", "PAK:infantry_battalion:-5", "negative_count"),
        ("--commit-more", "PAK:hovercraft:850", "unknown_unit_type"),
        ("--raise-readiness", "PAK-INF-1:L2:2026-13-01", "malformed_date"),
    ],
)
def test_a_bad_what_if_gets_a_coded_error(gaza, capsys, flag, value, code):
    assert main(["plan", flag, value]) == 2
    assert f"[{code}]" in capsys.readouterr().err


def test_plan_json_on_a_pipe_is_only_json(tmp_path):
    """HiGHS prints a banner from C++ on its first use; it must not reach a piped --json."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["CONTINGENT_HOME"] = str(tmp_path)
    exe = [sys.executable, "-m", "contingent.cli"]
    scenario = Path(__file__).resolve().parents[2] / "scenarios" / "gaza-isf.toml"
    subprocess.run([*exe, "load", str(scenario)], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [*exe, "plan", "--json", "--forecast-runs", "10"], env=env, check=True, capture_output=True
    ).stdout
    assert json.loads(out)["plan"]["status"] == "optimal"


def test_plan_csv_writes_the_assignments_and_the_gaps_as_in_the_json(gaza, capsys, tmp_path):
    import csv

    assert main(["plan", "--json", "--forecast-runs", "0", "--csv", str(tmp_path)]) == 0
    plan = json.loads(capsys.readouterr().out)["plan"]
    with (tmp_path / "plan-assignments.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["unit_id"], r["requirement_id"]) for r in rows} == {
        (a["unit_id"], a["requirement_id"]) for a in plan["assignments"]
    }
    assert {r["illustrative"] for r in rows} == {"true"}
    with (tmp_path / "plan-gaps.csv").open(newline="", encoding="utf-8") as fh:
        gaps = list(csv.DictReader(fh))
    assert [(g["requirement_id"], g["reason_code"]) for g in gaps] == [
        (g["requirement_id"], r["code"]) for g in plan["gaps"] for r in g["reasons"]
    ]


def test_plan_csv_into_a_path_that_is_a_file_is_a_coded_error_before_solving(
    gaza, capsys, tmp_path
):
    target = tmp_path / "not-a-folder"
    target.write_text("x")
    assert main(["plan", "--forecast-runs", "0", "--csv", str(target)]) == 2
    captured = capsys.readouterr()
    assert "invalid_input" in captured.err and "--csv" in captured.err
    assert "Sourcing plan" not in captured.out  # refused before the plan was computed
    assert target.read_text() == "x"
