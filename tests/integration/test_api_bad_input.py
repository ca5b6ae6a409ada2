"""Bad input at every API write gets the field-level error envelope and writes nothing: no row,
no ledger entry, no idempotency record."""

from __future__ import annotations

import pytest

from .api_helpers import OP, assert_envelope, census, post

pytestmark = pytest.mark.django_db

SRC = [{"ref": "https://example.org/s"}]
STATEMENT = {
    "contributor": "PAK",
    "level": "considering",
    "stated_on": "2026-03-01",
    "speaker": "Spokesperson",
    "summary": "Considering.",
    "sources": SRC,
}
PLEDGE = {
    "key": "PAK-ENG-9",
    "contributor": "PAK",
    "unit_type": "engineer_company",
    "personnel": 150,
    "readiness": "L1",
    "earliest_deployment": "2026-09-01",
    "classification": "restricted",
}

# (operation path, good body, change to the body, the field the error must name)
CASES = [
    ("/statements", STATEMENT, {"level": "enthusiastic"}, "level"),
    ("/statements", STATEMENT, {"stated_on": "2026-02-30"}, "stated_on"),
    ("/statements", STATEMENT, {"stated_on": "0001-01-01"}, "stated_on"),
    ("/statements", STATEMENT, {"contributor": "pak"}, "contributor"),
    ("/statements", STATEMENT, {"speaker": "   "}, "speaker"),
    ("/statements", STATEMENT, {"sources": []}, "sources"),
    ("/statements", STATEMENT, {"sources": [{"ref": ""}]}, "sources.0.ref"),
    ("/statements", STATEMENT, {"personnel_mentioned": -5}, "personnel_mentioned"),
    ("/statements", STATEMENT, {"surprise": 1}, "surprise"),
    ("/statements", STATEMENT, {"contributor": None}, "contributor"),
    ("/pledges", PLEDGE, {"personnel": 0}, "personnel"),
    ("/pledges", PLEDGE, {"personnel": "many"}, "personnel"),
    ("/pledges", PLEDGE, {"women": 151}, "women"),
    ("/pledges", PLEDGE, {"unit_type": "dragoons"}, "unit_type"),
    ("/pledges", PLEDGE, {"readiness": "RDL"}, "readiness"),
    ("/pledges", PLEDGE, {"key": "has space"}, "key"),
    ("/pledges", PLEDGE, {"classification": "secret"}, "classification"),
    ("/pledges", PLEDGE, {"earliest_deployment": "soon"}, "earliest_deployment"),
    (
        "/pledges",
        PLEDGE,
        {"caveats": [{"kind": "task", "text": "x", "classification": "nope"}]},
        "caveats.0.classification",
    ),
    (
        "/pledges",
        PLEDGE,
        {"approvals": [{"body": "parliament", "status": "obtained"}]},
        "approvals.0",
    ),
    ("/pledges/PAK-INF-1/transition", {"target": "L2"}, {"target": "L9"}, "target"),
    ("/pledges/PAK-INF-1/transition", {"target": "L2"}, {"target": None}, "target"),
    ("/pledges/PAK-INF-1/facts", {"document": "x"}, {"document": ""}, "document"),
    ("/pledges/PAK-INF-1/facts", {"document": "x"}, {"document": None}, "body"),
    (
        "/pledges/PAK-INF-1/facts",
        {"document": "x"},
        {"visit": {"kind": "aav", "result": "maybe", "conducted_on": "2026-03-01"}},
        "visit.result",
    ),
    ("/cases/IDN-INF-1/advance", {"target": "agreement_signed"}, {"target": "x"}, "target"),
    (
        "/cases/PAK-INF-1/advance",
        {"target": "selected", "requirement": "RAF-INF"},
        {"requirement": "no such/key"},
        "requirement",
    ),
]


@pytest.mark.parametrize(
    ("path", "good", "change", "field"),
    CASES,
    ids=[f"{p}:{f}" for p, _g, _c, f in CASES],
)
def test_bad_input_names_the_field_and_writes_nothing(personas, path, good, change, field):
    before = census()
    resp = post(personas["planner"].api, OP + path, {**good, **change}, **{"Idempotency-Key": "k1"})
    err = assert_envelope(resp, 422, "invalid_input")
    assert any(k == field or k.startswith(field + ".") for k in err["fields"]), err["fields"]
    assert census() == before


@pytest.mark.parametrize(
    "body",
    ["{not json", "[]", '"a string"', "null", ""],
    ids=["broken", "list", "str", "null", "empty"],
)
def test_a_body_that_is_not_an_object_is_refused_as_input(personas, body):
    before = census()
    resp = post(personas["planner"].api, OP + "/pledges", body)
    assert resp.status_code in (400, 422), resp.content
    assert "error" in resp.json()
    assert census() == before


def test_unknown_contributor_is_a_field_error_and_writes_nothing(personas):
    before = census()
    resp = post(personas["planner"].api, OP + "/statements", {**STATEMENT, "contributor": "ZZZ"})
    err = assert_envelope(resp, 404, "not_found")
    assert "contributor" in err["fields"]
    assert census() == before


def test_duplicate_pledge_key_is_a_conflict_on_the_key(personas):
    before = census()
    resp = post(personas["planner"].api, OP + "/pledges", {**PLEDGE, "key": "PAK-INF-1"})
    err = assert_envelope(resp, 409, "duplicate_key")
    assert err["fields"] == {"key": "already exists"}
    assert census() == before


def test_a_gate_refusal_carries_one_reason_per_unmet_condition_and_writes_nothing(personas):
    before = census()
    body = {**STATEMENT, "level": "committed"}
    resp = post(personas["planner"].api, OP + "/statements", body)
    err = assert_envelope(resp, 409, "transition_refused")
    codes = [r["code"] for r in err["reasons"]]
    assert "parliamentary_approval_not_recorded" in codes
    assert set(codes) == set(err["fields"])
    assert census() == before


def test_bad_list_parameters_are_field_errors(personas):
    c = personas["planner"].api
    err = assert_envelope(c.get(OP + "/pledges?limit=0"), 422, "invalid_input")
    assert "query.limit" in err["fields"]
    err = assert_envelope(c.get(OP + "/pledges?offset=-1"), 422, "invalid_input")
    assert "query.offset" in err["fields"]
    err = assert_envelope(c.get("/api/v1/ledger/entries?after_seq=x"), 422, "invalid_input")
    assert "query.after_seq" in err["fields"]


def test_a_nul_character_anywhere_is_refused_at_the_edge_and_writes_nothing(personas):
    """PostgreSQL cannot hold a NUL in text; without this guard it would be a server error."""
    c = personas["planner"].api
    before = census()
    body = {**STATEMENT, "speaker": "Spoke\u0000sperson"}
    err = assert_envelope(post(c, OP + "/statements", body), 422, "invalid_input")
    assert err["fields"] == {"body": "contains a NUL character"}
    err = assert_envelope(c.get(OP + "/pledges/PAK%00"), 422, "invalid_input")
    assert "path" in err["fields"]
    err = assert_envelope(c.get(OP + "/pledges?contributor=P%00K"), 422, "invalid_input")
    assert "query.contributor" in err["fields"]
    page = personas["planner"].browser.post("/accounts/tokens/", {"name": "a\x00b"})
    assert page.status_code == 400 and page.json()["error"]["fields"] == {
        "name": "contains a NUL character"
    }
    assert census() == before
