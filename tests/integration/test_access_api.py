"""Humanitarian access through the JSON API, over HTTP, against a real database: notify,
receipts that verify offline, bad input refused with a code and nothing stored, delivery to the
force, coordination outcomes, lead-time flags, conflicts."""

from __future__ import annotations

import json

import pytest

from contingent.core.access.receipts import verify_receipt_bytes

from .access_data import BAD_INPUTS, SQUARE, movement, oversized_route, site, stored_counts

pytestmark = pytest.mark.django_db

BASE = "/api/v1/access"


@pytest.fixture
def recipient(db):
    from contingent.web.access.models import Recipient

    return Recipient.objects.create(
        key="fhq-ops", name="Force HQ operations centre", is_operational_system=True
    )


def post(client, path, body, **headers):
    return client.post(
        f"{BASE}{path}", json.dumps(body), content_type="application/json", headers=headers
    )


def test_a_site_notification_gets_a_version_a_hash_and_a_receipt_that_verifies_offline(
    personas, recipient, tmp_path
):
    ngo = personas["ngo"].api
    r = post(ngo, "/sites", site())
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["version"] == 1 and len(body["sha256"]) == 64
    assert "not an approval" in body["notice"]
    receipt = ngo.get(body["receipt_url"])
    assert receipt.status_code == 200
    pem = personas["anonymous"].api.get(f"{BASE}/public-key").content
    # offline: only the receipt bytes and the public key
    ok = verify_receipt_bytes(receipt.content, pem)
    assert ok.ok, ok.reason
    assert ok.receipt["sha256"] == body["sha256"] and ok.receipt["notification_id"] == body["key"]
    assert ok.receipt["payload"]["adm2_pcode"] == "PS0275"  # Rafah, from the boundaries


def test_a_receipts_hash_is_found_in_the_public_chain_without_naming_the_notification(
    personas, recipient
):
    ngo = personas["ngo"].api
    body = post(ngo, "/sites", site()).json()
    entries = personas["anonymous"].api.get("/api/v1/ledger/entries?limit=500").json()["items"]
    (entry,) = [e for e in entries if e["payload_sha256"] == body["sha256"]]
    assert entry["action"] == "notification.received" and entry["classification"] == "confidential"
    assert entry["object_id"].startswith("~") and body["key"] not in str(entries)
    assert entry["object_id_named"] is None  # the public is not given the name


def test_any_modified_byte_of_a_receipt_fails_verification(personas, recipient):
    ngo = personas["ngo"].api
    body = post(ngo, "/sites", site()).json()
    data = ngo.get(body["receipt_url"]).content
    pem = personas["anonymous"].api.get(f"{BASE}/public-key").content
    for i in range(len(data)):  # every byte, one at a time
        flipped = bytearray(data)
        flipped[i] ^= 0x01
        assert not verify_receipt_bytes(bytes(flipped), pem).ok, (
            f"byte {i} modified and still valid"
        )
    assert verify_receipt_bytes(data, pem).ok


def test_a_new_version_is_a_new_immutable_row_and_the_old_one_is_kept(personas, recipient):
    from contingent.web.access.models import NotificationVersion

    ngo = personas["ngo"].api
    first = post(ngo, "/sites", site()).json()
    second = post(
        ngo, "/sites", site(key=first["key"], status="withdrawn", withdrawal_reason="closed")
    ).json()
    assert second["key"] == first["key"] and second["version"] == 2
    assert second["sha256"] != first["sha256"]
    v1 = NotificationVersion.objects.get(notification__key=first["key"], version=1)
    assert v1.payload_sha256 == first["sha256"]
    with pytest.raises(RuntimeError):
        v1.save()
    with pytest.raises(RuntimeError):
        v1.delete()


@pytest.mark.parametrize("case", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_gets_a_coded_4xx_and_stores_nothing(personas, recipient, case):
    name, kind, over, status, code = case
    if name == "oversized upload":
        over = {"route": oversized_route()}
    body = site(**over) if kind == "site" else movement(**over)
    before = stored_counts()
    r = post(personas["ngo"].api, f"/{kind}s" if kind == "site" else "/movements", body)
    assert r.status_code == status, r.content[:300]
    assert r.json()["error"]["code"] == code
    assert r.json()["error"]["fields"]
    assert stored_counts() == before


def test_an_idempotent_replay_stores_the_notification_once(personas, recipient):
    ngo = personas["ngo"].api
    before = stored_counts()
    a = post(ngo, "/movements", movement(), **{"Idempotency-Key": "mv-1"})
    b = post(ngo, "/movements", movement(), **{"Idempotency-Key": "mv-1"})
    assert a.status_code == b.status_code == 201 and a.json() == b.json()
    assert stored_counts()[1] == before[1] + 1
    c = post(ngo, "/movements", movement(personnel_count=9), **{"Idempotency-Key": "mv-1"})
    assert c.status_code == 409 and c.json()["error"]["code"] == "idempotency_key_reused"


def test_a_late_movement_is_accepted_and_flagged(personas, recipient):
    from datetime import UTC, datetime, timedelta

    soon = datetime.now(UTC) + timedelta(hours=5)
    body = movement(
        window_start=soon.isoformat(), window_end=(soon + timedelta(hours=3)).isoformat()
    )
    r = post(personas["ngo"].api, "/movements", body)
    assert r.status_code == 201
    assert r.json()["late"] is True and r.json()["lead_required_h"] == 48.0
    on_time = post(personas["ngo"].api, "/movements", movement())  # December 2026: far ahead
    assert on_time.json()["late"] is False


def test_an_emergency_movement_is_held_to_the_24_hour_rule(personas, recipient):
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC) + timedelta(hours=30)
    body = movement(
        is_emergency=True,
        window_start=start.isoformat(),
        window_end=(start + timedelta(hours=2)).isoformat(),
    )
    r = post(personas["ngo"].api, "/movements", body).json()
    assert r["late"] is False and r["lead_required_h"] == 24.0


def test_delivery_is_recorded_per_recipient_sent_consumed_acknowledged(personas, recipient):
    from contingent.web.access.models import DeliveryEvent, Recipient

    Recipient.objects.create(key="sector-south", name="Sector South")
    created = post(personas["ngo"].api, "/sites", site()).json()
    events = lambda: sorted(DeliveryEvent.objects.values_list("recipient__key", "event"))  # noqa: E731
    assert events() == [("fhq-ops", "sent"), ("sector-south", "sent")]
    ops = personas["ops"].api
    pulled = ops.get(f"{BASE}/feed?recipient=fhq-ops").json()
    assert [i["key"] for i in pulled["items"]] == [created["key"]]
    assert pulled["items"][0]["payload"]["name"] == "Field clinic (test)"
    assert ("fhq-ops", "consumed") in events() and ("sector-south", "consumed") not in events()
    assert ops.get(f"{BASE}/feed?recipient=fhq-ops").json()["items"] == []  # consumed once
    ack = post(
        ops,
        f"/notifications/{created['key']}/versions/1/acknowledge",
        {"recipient": "sector-south", "reference": "log 17"},
    )
    assert ack.status_code == 200 and "not an approval" in ack.json()["notice"]
    assert ("sector-south", "acknowledged") in events() and (
        "sector-south",
        "delivered",
    ) in events()
    detail = personas["ngo"].api.get(f"{BASE}/notifications/{created['key']}").json()
    assert {e["event"] for e in detail["deliveries"]["1"]} == {
        "sent",
        "delivered",
        "consumed",
        "acknowledged",
    }


def test_a_humanitarian_officer_cannot_pull_the_feed_or_acknowledge(personas, recipient):
    created = post(personas["ngo"].api, "/sites", site()).json()
    assert personas["ngo"].api.get(f"{BASE}/feed?recipient=fhq-ops").status_code == 403
    r = post(
        personas["ngo"].api,
        f"/notifications/{created['key']}/versions/1/acknowledge",
        {"recipient": "fhq-ops"},
    )
    assert r.status_code == 403


def test_a_movement_through_an_exclusion_zone_is_a_conflict_the_organisation_sees_without_the_zone(
    personas, recipient
):
    zone = {
        "key": "kz-1",
        "name": "Khan Younis east",
        "area": SQUARE,
        "window_start": "2026-12-10T00:00:00Z",
        "window_end": "2026-12-11T00:00:00Z",
    }
    assert post(personas["ops"].api, "/zones", zone).status_code == 201
    r = post(personas["ngo"].api, "/movements", movement()).json()
    kinds = [(c["kind"], c["b"]["kind"], c["b"]["key"]) for c in r["conflicts"]]
    assert kinds == [("route_crosses_zone", "zone", None)]  # the zone is restricted: not named
    ops_view = personas["ops"].api.get(f"{BASE}/conflicts").json()["items"]
    assert [(c["a"]["key"], c["b"]["key"]) for c in ops_view] == [(r["key"], "kz-1")]
    assert personas["ngo"].api.get(f"{BASE}/areas").status_code == 403


def test_a_planned_operation_near_a_withdrawn_site_is_still_a_conflict(personas, recipient):
    s = post(
        personas["ngo"].api, "/sites", site(point={"type": "Point", "coordinates": [34.30, 31.345]})
    ).json()
    post(
        personas["ngo"].api,
        "/sites",
        site(
            key=s["key"],
            point={"type": "Point", "coordinates": [34.30, 31.345]},
            status="withdrawn",
            withdrawal_reason="staff left",
        ),
    )
    op = {
        "key": "op-7",
        "name": "cordon",
        "area": SQUARE,
        "window_start": "2026-12-10T00:00:00Z",
        "window_end": "2026-12-11T00:00:00Z",
    }
    assert post(personas["planner"].api, "/planned-operations", op).json()["conflicts"] == 1
    c = personas["planner"].api.get(f"{BASE}/conflicts").json()["items"][0]
    assert c["kind"] == "operation_near_site" and c["b"] == {
        "kind": "site",
        "key": s["key"],
        "version": 2,
    }
    assert "still protected" in c["detail"]


def test_coordination_requests_get_outcomes_with_hours_waiting_and_reason(personas, recipient):
    mv = post(personas["ngo"].api, "/movements", movement()).json()
    r = post(personas["ngo"].api, "/coordination", {"movement": mv["key"]})
    assert r.status_code == 201 and r.json()["outcome"] is None
    key = r.json()["key"]
    denied_by_ngo = post(
        personas["ngo"].api, f"/coordination/{key}/outcome", {"outcome": "denied", "reason": "x"}
    )
    assert denied_by_ngo.status_code == 403
    out = post(
        personas["ops"].api,
        f"/coordination/{key}/outcome",
        {
            "outcome": "facilitated_then_impeded",
            "hours_waiting": 6.5,
            "reason": "held at checkpoint",
        },
    )
    assert out.status_code == 200, out.content
    listed = personas["ngo"].api.get(f"{BASE}/coordination").json()["items"]
    assert listed[0]["outcome"] == "facilitated_then_impeded" and listed[0]["hours_waiting"] == 6.5
    no_reason = post(personas["ops"].api, f"/coordination/{key}/outcome", {"outcome": "denied"})
    assert no_reason.status_code == 422 and no_reason.json()["error"]["fields"] == {
        "reason": "required"
    }


def test_another_organisation_neither_sees_nor_versions_a_notification(personas, recipient):
    from django.test import Client

    from contingent.web.access.models import Notification
    from contingent.web.accounts.actions import do_create_user
    from contingent.web.accounts.models import Organisation
    from contingent.web.accounts.roles import Role
    from contingent.web.accounts.tokens import issue_token

    other = Organisation.objects.create(key="msf", name="MSF")
    user = do_create_user("msf_officer", None, Role.HUMANITARIAN, organisation=other)
    token, _ = issue_token(user, "t")
    msf = Client(headers={"Authorization": f"Bearer {token}"})
    s = post(personas["ngo"].api, "/sites", site()).json()
    assert msf.get(f"{BASE}/notifications/{s['key']}").status_code == 404
    assert msf.get(f"{BASE}/notifications/{s['key']}/versions/1/receipt").status_code == 404
    assert msf.get(f"{BASE}/notifications").json()["count"] == 0
    r = post(msf, "/sites", site(key=s["key"]))
    assert r.status_code == 404
    assert Notification.objects.get(key=s["key"]).versions.count() == 1


def test_a_lead_time_rule_set_for_the_operation_flags_a_movement_the_default_would_accept(
    personas, recipient
):
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC) + timedelta(hours=60)
    body = movement(
        window_start=start.isoformat(), window_end=(start + timedelta(hours=4)).isoformat()
    )
    assert post(personas["ngo"].api, "/movements", body).json()["late"] is False  # 48 h default
    rule = {
        "operation": "isf-gaza",
        "standard_h": 72,
        "emergency_h": 36,
        "source": "ISF SOP (test)",
    }
    assert post(personas["ngo"].api, "/lead-time-rules", rule).status_code == 403
    made = post(personas["planner"].api, "/lead-time-rules", rule)
    assert made.status_code == 201, made.content
    late = post(personas["ngo"].api, "/movements", body).json()
    assert late["late"] is True and late["lead_required_h"] == 72.0
    rules = personas["ngo"].api.get(f"{BASE}/lead-time-rules").json()["items"]
    assert [(r["standard_h"], r["effective_to"]) for r in rules] == [(72.0, None)]


def test_text_postgresql_cannot_store_is_refused_with_a_code_not_a_server_error(
    personas, recipient
):
    before = stored_counts()
    r = post(personas["ngo"].api, "/sites", site(name="clinic\x00"))
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input"
    r = post(
        personas["planner"].api,
        "/lead-time-rules",
        {"operation": "isf\x00", "standard_h": 1, "emergency_h": 1, "source": "x"},
    )
    assert r.status_code == 422
    odd_key = personas["ngo"].api.get(f"{BASE}/notifications/a%00b")
    assert odd_key.status_code in (404, 422) and "code" in odd_key.json()["error"]
    assert personas["ops"].api.get(f"{BASE}/feed?recipient=a%00b").status_code == 422
    assert stored_counts() == before


def test_a_corridor_declared_after_a_movement_names_the_time_it_is_closed(personas, recipient):
    mv = post(personas["ngo"].api, "/movements", movement()).json()
    corridor = {
        "key": "c-1",
        "name": "Rafah–Khan Younis",
        "geom": {"type": "LineString", "coordinates": [[34.2485, 31.287], [34.303, 31.346]]},
        "width_m": 200,
        "open_windows": [["2026-12-10T06:00:00Z", "2026-12-10T10:00:00Z"]],
    }
    assert post(personas["ops"].api, "/corridors", corridor).status_code == 201
    found = personas["ngo"].api.get(f"{BASE}/conflicts").json()["items"]
    assert [(c["kind"], c["a"]["key"]) for c in found] == [("corridor_closed", mv["key"])]
    assert found[0]["overlap_start"].startswith("2026-12-10T10:00")
    assert found[0]["b"] == {
        "kind": "corridor",
        "key": "c-1",
        "version": 1,
    }  # corridors are not restricted
