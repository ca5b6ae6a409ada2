"""The published chain holds pseudonyms for entries that are not public: no page, API call or
export open to the public or to another contributor names a restricted pledge or who acted on
it; planners and auditors read the names, which verification checks against the pseudonyms."""

from __future__ import annotations

import json
import os

import pytest
from django.db import connection
from django.test import Client

from contingent.cli import main
from contingent.core.errors import LedgerBroken
from contingent.web.core.keys import PSEUDONYM_SECRET_FILE, ledger_pseudonym_secret
from contingent.web.core.ledger import verify_stored
from contingent.web.core.models import LedgerEntry

pytestmark = pytest.mark.django_db

RESTRICTED = "isf-gaza/PAK-INF-1"  # a restricted pledge of the scenario


def _ledger_seen(client: Client) -> str:
    pages = [client.get(f"/ledger/?page={n}").content.decode() for n in range(1, 8)]
    api = client.get("/api/v1/ledger/entries?limit=500").content.decode()
    return "\n".join(pages) + api


def _pledge_entries() -> list[LedgerEntry]:
    return list(LedgerEntry.objects.filter(object_id_named=RESTRICTED).order_by("seq"))


@pytest.mark.parametrize("name", ["anonymous", "liaison_idn", "ngo", "ops"])
def test_a_restricted_pledge_and_its_actor_are_not_named_in_the_public_chain(personas, name):
    personas["planner"].api.post(
        "/api/v1/operations/isf-gaza/pledges/PAK-INF-1/facts",
        {"visit": {"kind": "aav", "result": "pass", "conducted_on": "2026-03-01"}},
        content_type="application/json",
    )
    seen = _ledger_seen(personas[name].browser)
    assert "PAK-INF-1" not in seen and "user:planner" not in seen
    entries = _pledge_entries()
    assert len(entries) >= 2  # created by the scenario, then the fact recorded above
    assert len({e.object_id for e in entries}) == 1  # one record, one stable pseudonym
    assert entries[0].object_id in seen  # the entries themselves are published


@pytest.mark.parametrize("name", ["planner", "auditor"])
def test_readers_of_everything_see_the_names(personas, name):
    assert "isf-gaza/PAK-INF-1" in _ledger_seen(personas[name].browser)
    items = personas[name].api.get("/api/v1/ledger/entries?limit=500").json()["items"]
    named = [i for i in items if i["object_id_named"] == RESTRICTED]
    assert named and all(i["object_id"].startswith("~") for i in named)


def test_public_entries_keep_their_values(gaza):
    row = LedgerEntry.objects.get(action="operation.created")
    assert (row.object_id, row.object_id_named, row.actor_named) == ("isf-gaza", "", "")


def test_the_public_export_names_no_restricted_pledge(gaza, tmp_path):
    assert main(["ledger", "checkpoint"]) == 0
    out = tmp_path / "ledger.jsonl"
    assert main(["ledger", "export", str(out)]) == 0
    text = out.read_text()
    assert "PAK-INF-1" not in text
    assert any(json.loads(line).get("object_id", "").startswith("~") for line in text.splitlines())


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_ledgerentry SET object_id_named = 'isf-gaza/IDN-INF-1' WHERE seq = {seq}",
        "UPDATE core_ledgerentry SET actor_named = '' WHERE seq = {seq}",
    ],
)
def test_a_name_changed_or_removed_in_the_database_breaks_verification(gaza, capsys, sql):
    seq = _pledge_entries()[0].seq
    assert verify_stored().ok
    with connection.cursor() as cursor:
        cursor.execute(sql.format(seq=seq))
    report = verify_stored()
    assert not report.ok and report.first_bad_seq == seq and report.problem.value == "altered"
    assert main(["ledger", "verify"]) == 1
    assert f"ledger BROKEN at entry #{seq}: altered" in capsys.readouterr().err
    assert main(["ledger", "checkpoint"]) == 2  # and no checkpoint is signed over it


def test_a_lost_secret_is_not_replaced_under_a_ledger_that_holds_pseudonyms(
    personas, settings, tmp_path
):
    """CONTINGENT_HOME without the secret the stored pseudonyms were made with (lost, or the
    wrong folder): a change is refused whole, verification says why, and no new secret is made."""
    from contingent.web.forcegen.models import Pledge

    settings.HOME = tmp_path  # same database, no secret
    entries, visits = LedgerEntry.objects.count(), Pledge.objects.get(key="PAK-INF-1").visits
    resp = personas["planner"].api.post(
        "/api/v1/operations/isf-gaza/pledges/PAK-INF-1/facts",
        {"visit": {"kind": "aav", "result": "pass", "conducted_on": "2026-03-01"}},
        content_type="application/json",
    )
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "ledger_broken"
    assert "pseudonym_secret" in resp.json()["error"]["fields"]
    assert LedgerEntry.objects.count() == entries
    assert Pledge.objects.get(key="PAK-INF-1").visits == visits  # nothing half-written
    with pytest.raises(LedgerBroken):
        verify_stored()
    assert main(["ledger", "verify"]) == 2
    assert main(["ledger", "checkpoint"]) == 2
    assert not (tmp_path / "ledger" / PSEUDONYM_SECRET_FILE).exists()


def test_a_damaged_secret_is_refused_not_used(settings, tmp_path):
    settings.HOME = tmp_path
    (tmp_path / "ledger").mkdir(mode=0o700)
    (tmp_path / "ledger" / PSEUDONYM_SECRET_FILE).write_bytes(b"short")
    for _ in range(2):  # and not remembered as if it were good
        with pytest.raises(LedgerBroken, match="damaged"):
            ledger_pseudonym_secret()


def test_processes_racing_to_create_the_secret_all_use_the_winners(settings, tmp_path):
    import subprocess
    import sys

    settings.HOME = tmp_path
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='contingent.web.settings'; "
        "django.setup(); from contingent.web.core.keys import ledger_pseudonym_secret; "
        "print(ledger_pseudonym_secret().hex())"
    )
    env = {**os.environ, "CONTINGENT_HOME": str(tmp_path)}
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    seen = {p.communicate(timeout=60)[0].strip() for p in procs}
    stored = (tmp_path / "ledger" / PSEUDONYM_SECRET_FILE).read_bytes()
    assert seen == {stored.hex()} and len(stored) == 32
    assert [p.name for p in (tmp_path / "ledger").iterdir()] == [PSEUDONYM_SECRET_FILE]
