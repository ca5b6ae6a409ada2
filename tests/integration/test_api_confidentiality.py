"""A liaison sees its own contributor's confidential records and public records of others,
never another's confidential ones — through every API read."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from contingent.web.forcegen.models import Pledge

from .api_helpers import OP
from .personas import PERSONAS

pytestmark = pytest.mark.django_db

KAZ_CAVEAT = "Deir Al-Balah governorate only"  # a confidential caveat in the scenario


@pytest.fixture
def secret_pak(personas):
    """PAK-INF-1 made confidential, with a confidential caveat only PAK's side may read."""
    row = Pledge.objects.get(key="PAK-INF-1")
    row.classification = "confidential"
    row.caveats = row.caveats + [
        {"kind": "geographic", "text": "SECRET-PAK-CAVEAT", "classification": "confidential"}
    ]
    row.save()
    return row


def _everything_readable(client: Client) -> str:
    """Every API read this client may make, concatenated (what could leak, would leak here)."""
    urls = [
        "/api/v1/operations",
        OP,
        OP + "/contributors",
        OP + "/statements?limit=500",
        OP + "/pledges?limit=500",
        OP + "/requirements",
        OP + "/cases",
        "/api/v1/ledger/entries?limit=500",
    ] + [f"{OP}/pledges/{k}" for k in Pledge.objects.values_list("key", flat=True)]
    return "\n".join(client.get(u).content.decode() for u in urls)


def test_another_liaisons_confidential_pledge_is_invisible_everywhere(personas, secret_pak):
    seen = _everything_readable(personas["liaison_idn"].api)
    assert "SECRET-PAK-CAVEAT" not in seen
    assert personas["liaison_idn"].api.get(OP + "/pledges/PAK-INF-1").status_code == 404
    keys = [p["key"] for p in personas["liaison_idn"].api.get(OP + "/pledges").json()["items"]]
    assert "PAK-INF-1" not in keys and "PAK-INF-2" in keys


@pytest.mark.parametrize("name", ["liaison_pak", "planner", "auditor"])
def test_own_side_planner_and_auditor_read_the_confidential_pledge_in_full(
    personas, secret_pak, name
):
    body = personas[name].api.get(OP + "/pledges/PAK-INF-1").json()
    assert body["detail"] == "full"
    assert "SECRET-PAK-CAVEAT" in json.dumps(body)
    assert body["approvals"] is not None


def test_other_liaisons_see_restricted_pledges_as_a_summary_without_national_details(personas):
    body = personas["liaison_idn"].api.get(OP + "/pledges/PAK-INF-2").json()
    assert body["detail"] == "summary"
    assert body["approvals"] is None and body["visits"] is None and body["documents"] is None
    assert all(c["classification"] == "public" for c in body["caveats"])


@pytest.mark.parametrize("name", [p for p in PERSONAS if p != "anonymous"])
def test_a_confidential_caveat_reaches_only_planner_auditor_and_its_own_liaison(personas, name):
    seen = _everything_readable(personas[name].api)
    if name in ("planner", "auditor"):
        assert KAZ_CAVEAT in seen
    else:
        assert KAZ_CAVEAT not in seen


@pytest.mark.parametrize("name", ["ngo", "ops", "admin"])
def test_roles_outside_force_generation_see_only_public_pledges(personas, name):
    assert personas[name].api.get(OP + "/pledges").json()["count"] == 0
    Pledge.objects.filter(key="MAR-INF-1").update(classification="public")
    items = personas[name].api.get(OP + "/pledges").json()["items"]
    assert [(p["key"], p["detail"]) for p in items] == [("MAR-INF-1", "summary")]


def test_a_liaison_lists_only_the_cases_of_its_own_pledges(personas):
    idn = personas["liaison_idn"].api.get(OP + "/cases").json()
    pak = personas["liaison_pak"].api.get(OP + "/cases").json()
    planner = personas["planner"].api.get(OP + "/cases").json()
    assert {c["contributor"] for c in idn["items"]} == {"IDN"}
    assert pak["count"] == 0 < planner["count"]


def test_the_public_dashboard_and_summary_hold_no_confidential_caveat(personas, secret_pak):
    anon = Client()
    for url in ("/", "/operations/isf-gaza/", OP, OP + "/contributors"):
        text = anon.get(url).content.decode()
        assert KAZ_CAVEAT not in text and "SECRET-PAK-CAVEAT" not in text, url


def test_a_liaison_cannot_write_for_another_contributor(personas):
    from .api_helpers import census, post

    before = census()
    resp = post(
        personas["liaison_idn"].api,
        OP + "/pledges/IDN-INF-1/facts",
        {"visit": {"kind": "aav", "result": "pass", "conducted_on": "2026-03-01"}},
    )
    assert resp.status_code == 403
    assert resp.json()["error"]["fields"] == {"visit": "planner only"}
    resp = post(
        personas["liaison_idn"].api,
        OP + "/pledges/PAK-INF-2/facts",
        {"document": "note_verbale_2"},
    )
    assert resp.status_code == 403
    assert census() == before


@pytest.fixture
def silent_nor(personas):
    """Norway, with no public statement, linked to the operation only by a confidential pledge
    (a copy of PAK-INF-1)."""
    from contingent.web.forcegen.models import Contributor

    nor = Contributor.objects.create(code="NOR", name="Norway", m49="578")
    row = Pledge.objects.get(key="PAK-INF-1")
    row.pk, row.key, row.contributor, row.classification = None, "NOR-SECRET-1", nor, "confidential"
    row.save()
    return nor


@pytest.mark.parametrize("name", ["anonymous", "liaison_idn", "ngo", "ops"])
def test_a_contributor_known_only_by_a_confidential_pledge_is_not_listed(
    personas, silent_nor, name
):
    codes = {c["code"] for c in personas[name].api.get(OP + "/contributors").json()}
    assert "NOR" not in codes and {"PAK", "IDN"} <= codes
    page = personas[name].browser.get("/operations/isf-gaza/contributors/").content.decode()
    assert "Norway" not in page and "Pakistan" in page


@pytest.mark.parametrize("name", ["planner", "auditor"])
def test_readers_of_the_confidential_pledge_see_its_contributor_listed(personas, silent_nor, name):
    codes = {c["code"] for c in personas[name].api.get(OP + "/contributors").json()}
    assert "NOR" in codes
