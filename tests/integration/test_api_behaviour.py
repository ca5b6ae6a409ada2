"""API mechanics: authentication, the error envelope, pagination and filters, Idempotency-Key."""

from __future__ import annotations

import pytest
from django.test import Client

from contingent.web.accounts.models import ApiToken

from .api_helpers import OP, assert_envelope, census, post

pytestmark = pytest.mark.django_db

FACT = {"document": "table_of_organization"}


def test_no_or_bad_credentials_get_401_in_the_envelope(personas):
    for client in (Client(), Client(headers={"Authorization": "Bearer ctg_nope"})):
        resp = client.get(OP + "/pledges")
        assert_envelope(resp, 401, "not_authenticated")
        assert resp["WWW-Authenticate"] == "Bearer"


def test_a_bad_token_on_a_public_operation_is_refused_not_downgraded(personas):
    assert Client().get(OP).status_code == 200
    bad = Client(headers={"Authorization": "Bearer ctg_nope"})
    assert_envelope(bad.get(OP), 401, "not_authenticated")


def test_a_revoked_token_stops_working_and_use_is_recorded(personas):
    p = personas["planner"]
    assert p.api.get("/api/v1/me").json()["role"] == "planner"
    row = ApiToken.objects.get(user=p.user)
    assert row.last_used_at is not None
    assert row.token_sha256 != p.token and p.token not in row.prefix + row.token_sha256
    p.browser.post(f"/accounts/tokens/{row.pk}/revoke/")
    assert_envelope(p.api.get("/api/v1/me"), 401, "not_authenticated")


def test_browser_session_calls_need_the_csrf_token_for_writes(personas):
    user = personas["liaison_pak"].user
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get("/api/v1/me").json()["role"] == "liaison"
    before = census()
    resp = post(browser, OP + "/pledges/PAK-INF-1/facts", FACT)
    assert_envelope(resp, 403, "forbidden")
    assert census() == before
    browser.get("/accounts/login/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    resp = post(browser, OP + "/pledges/PAK-INF-1/facts", FACT, **{"X-CSRFToken": token})
    assert resp.status_code == 200, resp.content


def test_lists_paginate_and_filter(personas):
    c = personas["planner"].api
    page = c.get(OP + "/pledges?limit=3&offset=2").json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (10, 3, 2, 3)
    everything = [p["key"] for p in c.get(OP + "/pledges?limit=500").json()["items"]]
    assert [p["key"] for p in page["items"]] == everything[2:5]
    idn = c.get(OP + "/pledges?contributor=IDN&readiness=L2").json()
    assert {p["key"] for p in idn["items"]} == {"IDN-INF-1", "IDN-INF-2", "IDN-MED-1"}
    st = c.get(OP + "/statements?contributor=PAK&level=considering").json()
    assert st["count"] >= 1 and {s["contributor"] for s in st["items"]} == {"PAK"}
    ledger = c.get("/api/v1/ledger/entries?object_type=pledge&limit=2").json()
    assert ledger["count"] == 10 and len(ledger["items"]) == 2


def test_a_create_replayed_with_its_idempotency_key_runs_once(personas):
    c = personas["liaison_pak"].api
    body = {
        "key": "PAK-MED-1",
        "contributor": "PAK",
        "unit_type": "level2_hospital",
        "personnel": 60,
        "readiness": "none",
        "earliest_deployment": "2026-09-01",
        "classification": "confidential",
    }
    first = post(c, OP + "/pledges", body, **{"Idempotency-Key": "abc-1"})
    assert first.status_code == 201, first.content
    after_first = census()
    again = post(c, OP + "/pledges", body, **{"Idempotency-Key": "abc-1"})
    assert (again.status_code, again.json()) == (201, first.json())
    assert census() == after_first
    other = post(c, OP + "/pledges", {**body, "personnel": 61}, **{"Idempotency-Key": "abc-1"})
    err = assert_envelope(other, 409, "idempotency_key_reused")
    assert "Idempotency-Key" in err["fields"]
    assert census() == after_first


def test_idempotency_keys_belong_to_one_user(personas):
    body = {**FACT}
    a = post(
        personas["planner"].api,
        OP + "/pledges/PAK-INF-1/facts",
        body,
        **{"Idempotency-Key": "same"},
    )
    b = post(
        personas["liaison_pak"].api,
        OP + "/pledges/PAK-INF-1/facts",
        body,
        **{"Idempotency-Key": "same"},
    )
    assert a.status_code == b.status_code == 200


def test_a_refused_create_stores_no_idempotency_record_and_can_be_corrected(personas):
    c = personas["planner"].api
    key = {"Idempotency-Key": "retry-me"}
    assert post(c, OP + "/pledges/PAK-INF-1/transition", {"target": "L2"}, **key).status_code == 409
    ok = post(c, OP + "/pledges/PAK-INF-1/facts", FACT, **key)
    assert ok.status_code == 200, ok.content


def test_a_full_flow_through_the_api_moves_a_pledge_and_records_it_in_the_ledger(personas):
    c = personas["planner"].api
    before = census()["ledger"]
    visit = {"visit": {"kind": "aav", "result": "pass", "conducted_on": "2026-03-01"}}
    assert post(c, OP + "/pledges/PAK-INF-1/facts", visit).status_code == 200
    moved = post(c, OP + "/pledges/PAK-INF-1/transition", {"target": "L2"})
    assert moved.status_code == 200, moved.content
    assert moved.json()["readiness"] == "L2"
    entries = c.get(f"/api/v1/ledger/entries?after_seq={before}").json()["items"]
    assert [e["action"] for e in entries] == ["pledge.fact_recorded", "pledge.transitioned"]
    # PAK-INF-1 is restricted: the chain holds pseudonyms, the planner also gets the names.
    assert entries[-1]["actor"].startswith("~")
    assert entries[-1]["actor_named"] == "user:planner"
    assert entries[-1]["object_id_named"] == "isf-gaza/PAK-INF-1"
    assert c.get("/api/v1/ledger/verify").json()["ok"] is True


def test_the_openapi_document_is_valid_openapi_3(personas):
    # The OpenAPI 3.1 meta-schema that schemathesis ships (jsonschema-rs, draft 2020-12).
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

    doc = Client().get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    errors = [str(e) for e in OPENAPI_31_VALIDATOR.iter_errors(doc)]
    assert not errors, errors[:5]
    assert {"BearerToken", "SessionCsrf"} <= set(doc["components"]["securitySchemes"])


def test_the_docs_page_loads_its_scripts_from_the_app(personas):
    resp = Client().get("/api/docs")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "cdn" not in html.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in html


def test_unknown_api_paths_and_methods_answer_in_the_envelope(personas):
    c = personas["planner"].api
    assert_envelope(c.get("/api/v1/nothing-here"), 404, "not_found")
    resp = c.delete(OP + "/pledges")
    assert_envelope(resp, 405, "invalid_input")
    assert "GET" in resp["Allow"]


def test_the_operation_names_its_sectors_and_where_it_starts(personas):
    body = Client().get(OP).json()
    assert body["starting_sector"] == "PS0275"
    assert body["sectors"]["PS0275"] == "Rafah" and len(body["sectors"]) == 5
