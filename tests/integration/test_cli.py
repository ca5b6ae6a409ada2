"""The `contingent` command in-process, against the test database."""

from __future__ import annotations

import pytest
from django.db import connection

from contingent.cli import main
from contingent.web.core.models import LedgerEntry
from contingent.web.forcegen.models import Operation

from .conftest import GAZA

pytestmark = pytest.mark.django_db


def test_demo_no_serve_shows_pakistan_its_conditions_source_and_blocking_gates(capsys):
    assert main(["demo", "--no-serve"]) == 0
    out = capsys.readouterr().out
    assert "Pakistan (PAK)" in out and "considering" in out
    assert "terms of reference and mandate set before any decision" in out  # a stated condition
    assert "[G20] https://diplomaticaffairs.com/" in out  # the source of the latest stance
    assert "What blocks Pakistan (PAK) from moving to 'committed'" in out
    for code in (
        "roe_not_agreed",
        "government_approval_not_recorded",
        "parliamentary_approval_not_recorded",
    ):
        assert code in out
    assert "(illustrative)" in out
    assert "3 of 7 gates met" in out


def test_the_ledger_verifies_after_the_demo_load(gaza, capsys):
    assert main(["ledger", "verify"]) == 0
    assert "ledger OK: 33 entries" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        ("UPDATE core_ledgerentry SET actor = 'someone-else' WHERE seq = 7", "altered"),
        ("UPDATE core_ledgerentry SET payload_sha256 = '%s' WHERE seq = 7" % ("0" * 64), "altered"),
        ("DELETE FROM core_ledgerentry WHERE seq = 7", "removed"),
    ],
    ids=["actor", "payload-hash", "deleted"],
)
def test_altering_one_ledger_row_makes_verify_fail_and_name_the_entry(
    gaza, capsys, tamper, problem
):
    with connection.cursor() as cur:
        cur.execute(tamper)
    assert main(["ledger", "verify"]) == 1
    err = capsys.readouterr().err
    assert "ledger BROKEN at entry #7" in err and problem in err


def test_swapping_two_entries_is_detected(gaza, capsys):
    a = LedgerEntry.objects.get(seq=5)
    b = LedgerEntry.objects.get(seq=6)
    with connection.cursor() as cur:
        cur.execute("UPDATE core_ledgerentry SET seq = -1 WHERE id = %s", [a.id])
        cur.execute("UPDATE core_ledgerentry SET seq = 5 WHERE id = %s", [b.id])
        cur.execute("UPDATE core_ledgerentry SET seq = 6 WHERE id = %s", [a.id])
    assert main(["ledger", "verify"]) == 1
    assert "ledger BROKEN at entry #5" in capsys.readouterr().err


def test_a_bad_scenario_is_refused_by_the_cli_and_nothing_is_stored(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(GAZA.read_text(encoding="utf-8").replace('code = "MAR"', 'code = "ZZZ"'))
    assert main(["load", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "[unknown_country]" in err and "bad.toml: contributors[ZZZ].code" in err
    assert Operation.objects.count() == 0 and LedgerEntry.objects.count() == 0


def test_an_unknown_operation_is_a_coded_error_in_every_command(gaza, capsys, tmp_path):
    for argv in (["summary"], ["plan"], ["export", "csv", "--out", str(tmp_path)], ["deconflict"]):
        assert main([*argv, "--operation", "no-such-op"]) == 2, argv
        err = capsys.readouterr().err
        assert "[unknown_reference]" in err and "--operation: no-such-op" in err


def test_the_text_summary_prints_record_text_with_brackets_as_written(gaza):
    import dataclasses

    from rich.console import Console

    from contingent.core.forcegen.summary import summarize
    from contingent.web.forcegen.convert import scenario_from_db
    from contingent.web.forcegen.summary_text import print_summary

    summary = summarize(scenario_from_db(gaza), gaza.as_of, blockers_for=("PAK",))
    gate = dataclasses.replace(summary.gates[0], evidence="see [/] and [bold]x[/bold]")
    console = Console(record=True, width=400)
    print_summary(dataclasses.replace(summary, gates=(gate, *summary.gates[1:])), console)
    assert "see [/] and [bold]x[/bold]" in console.export_text()
