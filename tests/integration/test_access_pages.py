"""Humanitarian-access pages over HTTP: the map and its data, the notify forms (every bad input
refused with a coded 4xx and nothing stored), the notification page and its plain words."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .access_data import BAD_INPUTS, SQUARE, movement, oversized_route, site, stored_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def recipient(db):
    from contingent.web.access.models import Recipient

    return Recipient.objects.create(key="fhq-ops", name="Force HQ operations centre")


def form_of(kind: str, body: dict) -> dict:
    """An API body as the browser form sends it: geometry as GeoJSON text."""
    data = {k: v for k, v in body.items() if v is not None}
    for name in ("point", "footprint", "route"):
        if name in data:
            data[name] = json.dumps(data[name])
    if kind == "movement" and "vehicles" in data:
        data["vehicles"] = ", ".join(data["vehicles"])
    data.setdefault("relation", "operates")
    data.setdefault("status", "active")
    return data


def test_a_humanitarian_officer_notifies_a_site_through_the_form_and_reads_its_page(
    personas, recipient
):
    browser = personas["ngo"].browser
    r = browser.post("/access/notify/site/", form_of("site", site(valid_from="2026-11-01T00:00")))
    assert r.status_code == 302, r.content.decode()[:2000]
    page = browser.get(r["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "An acknowledgement is not an approval." in html
    assert "receipt.json" in html and 'data-event="sent"' in html


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_through_the_form_gets_a_coded_4xx_and_stores_nothing(personas, recipient, case):
    name, kind, over, status, code = case
    files = {}
    if name == "oversized upload":
        over = {"route": None}
        raw = json.dumps(oversized_route()).encode()
        files["route_file"] = SimpleUploadedFile("route.geojson", raw, "application/geo+json")
    body = form_of(kind, site(**over) if kind == "site" else movement(**over))
    before = stored_counts()
    r = personas["ngo"].browser.post(f"/access/notify/{kind}/", {**body, **files})
    assert r.status_code == status, r.content.decode()[:1500]
    assert f'data-error-code="{code}"' in r.content.decode()
    assert stored_counts() == before


def test_a_geojson_file_upload_is_accepted_as_the_route(personas, recipient):
    body = form_of("movement", movement(route=None))
    route = SimpleUploadedFile("route.geojson", json.dumps(movement()["route"]).encode())
    r = personas["ngo"].browser.post("/access/notify/movement/", {**body, "route_file": route})
    assert r.status_code == 302


def test_only_humanitarian_officers_get_the_notify_forms(personas):
    for name in ("ops", "planner", "auditor", "liaison_pak"):
        assert personas[name].browser.get("/access/notify/site/").status_code == 403
    assert personas["anonymous"].browser.get("/access/notify/site/").status_code == 302
    assert personas["ngo"].browser.get("/access/notify/movement/").status_code == 200


def test_the_map_page_loads_leaflet_from_the_app_and_its_data_is_filtered_by_role(
    personas, recipient
):
    from contingent.web.access import actions

    actions.check_declare_area(
        "zone",
        {
            "key": "z1",
            "name": "zone",
            "area": SQUARE,
            "window_start": "2026-12-10T00:00Z",
            "window_end": "2026-12-11T00:00Z",
        },
        actor="test",
    )
    personas["ngo"].browser.post("/access/notify/movement/", form_of("movement", movement()))
    page = personas["ngo"].browser.get("/access/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/access/map.js" in html
    assert "<script>" not in html  # CSP: no inline script
    ngo = personas["ngo"].browser.get("/access/map.json").json()
    ops = personas["ops"].browser.get("/access/map.json").json()
    assert len(ngo["movements"]["features"]) == 1 and ngo["areas"]["features"] == []
    assert len(ops["areas"]["features"]) == 1
    assert ngo["conflicts"][0]["b"] == {"kind": "zone", "key": None, "version": None}
    assert ops["conflicts"][0]["b"]["key"] == "z1"
    assert personas["liaison_pak"].browser.get("/access/map.json").status_code == 403
    assert personas["anonymous"].browser.get("/access/map.json").status_code == 302
    assert personas["anonymous"].browser.get("/static/access/map.js").status_code == 200


def test_an_operations_officer_acknowledges_through_the_page(personas, recipient):
    from contingent.web.access.models import DeliveryEvent

    r = personas["ngo"].browser.post("/access/notify/site/", form_of("site", site()))
    key = r["Location"].rstrip("/").rsplit("/", 1)[-1]
    ack = personas["ops"].browser.post(
        f"/access/notifications/{key}/v1/acknowledge",
        {"recipient": "fhq-ops", "reference": "radio log 4"},
    )
    assert ack.status_code == 302
    assert DeliveryEvent.objects.filter(event="acknowledged", reference="radio log 4").count() == 1
    page = personas["ops"].browser.get(f"/access/notifications/{key}/").content.decode()
    assert 'data-event="acknowledged"' in page and "An acknowledgement is not an approval." in page


def test_a_withdrawn_site_is_shown_as_still_protected(personas, recipient):
    r = personas["ngo"].browser.post("/access/notify/site/", form_of("site", site()))
    key = r["Location"].rstrip("/").rsplit("/", 1)[-1]
    again = personas["ngo"].browser.post(
        f"/access/notify/site/?key={key}",
        form_of("site", site(status="withdrawn", withdrawal_reason="moved")),
    )
    assert again.status_code == 302
    html = personas["ops"].browser.get("/access/notifications/").content.decode()
    assert "withdrawn — still protected" in html
