"""The illustrative access part of the demo: loaded once, flagged illustrative everywhere, and
showing each kind of conflict the engine names."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_access_data_is_illustrative_idempotent_and_shows_every_conflict_kind(gaza):
    from contingent.web.access import models as db
    from contingent.web.access.demo import load_access_demo

    assert "loaded illustrative" in load_access_demo()
    assert "already loaded" in load_access_demo()
    assert db.Notification.objects.count() == 7
    assert not db.Notification.objects.filter(illustrative=False).exists()
    assert not db.ForceArea.objects.filter(illustrative=False).exists()
    assert not db.Corridor.objects.filter(illustrative=False).exists()
    kinds = set(db.ConflictRecord.objects.values_list("kind", flat=True))
    assert kinds == {
        "route_crosses_zone",
        "operation_near_site",
        "corridor_closed",
        "checkpoint_convergence",
    }
    assert db.NotificationVersion.objects.get(notification__key="demo-staff-move").late
    r = db.CoordinationRequest.objects.get()
    assert r.outcome == "facilitated_then_impeded" and r.hours_waiting == 3.5
    events = set(db.DeliveryEvent.objects.values_list("event", flat=True))
    assert events == {"sent", "delivered", "consumed", "acknowledged"}


def test_the_demo_humanitarian_user_sees_the_demo_notifications_marked_illustrative(gaza, client):
    from contingent.web.access.demo import load_access_demo
    from contingent.web.accounts.demo import create_demo_users

    load_access_demo()
    users = {u.role.value: u for u in create_demo_users()}
    assert client.login(
        username=users["humanitarian"].username, password=users["humanitarian"].password
    )
    html = client.get("/access/notifications/").content.decode()
    assert "demo-food-convoy" in html and "illustrative" in html
