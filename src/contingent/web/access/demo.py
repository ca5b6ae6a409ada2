"""The illustrative humanitarian-access part of the demo (``scenarios/gaza-access.toml``).

Loaded by ``contingent demo`` after the force-generation scenario; idempotent (a second run
finds the demo notifications and does nothing). Everything is flagged illustrative. Order
matters: sites, zones and corridors first, then the planned operation (checked against the
sites) and the movements (checked against zones, operations, corridors and each other's
checkpoints), so the single checks store the conflicts the demo is meant to show.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import actions
from . import models as db
from .validate import movement_fields, site_fields

DEMO_FILE = Path(__file__).resolve().parents[4] / "scenarios" / "gaza-access.toml"
ACTOR = "cli:demo"


def _at(now: datetime, hours: float) -> str:
    return (now + timedelta(hours=hours)).isoformat()


def _point(xy: list[float]) -> dict[str, Any]:
    return {"type": "Point", "coordinates": xy}


def _sites(doc: dict[str, Any], org: Any, now: datetime) -> None:
    for s in doc.get("sites", []):
        data = {k: v for k, v in s.items() if k not in ("ref", "point")}
        data |= {"point": _point(s["point"]), "valid_from": _at(now, -24 * 30)}
        fields = site_fields(data)
        actions.do_notify(
            "site", org, fields, actor=ACTOR, new_key=f"demo-{s['ref']}", illustrative=True
        )


def _areas(doc: dict[str, Any], kind: str, table: str, now: datetime) -> None:
    for a in doc.get(table, []):
        data = {
            "key": a["key"],
            "name": a["name"],
            "area": {"type": "Polygon", "coordinates": [a["polygon"]]},
            "window_start": _at(now, a["start_in_h"]),
            "window_end": _at(now, a["end_in_h"]),
            "buffer_m": a.get("buffer_m", 0),
        }
        actions.check_declare_area(kind, data, actor=ACTOR, illustrative=True)


def _corridors(doc: dict[str, Any], now: datetime) -> None:
    for c in doc.get("corridors", []):
        data = {
            "key": c["key"],
            "name": c["name"],
            "geom": {"type": "LineString", "coordinates": c["line"]},
            "width_m": c["width_m"],
            "open_windows": [[_at(now, s), _at(now, e)] for s, e in c["open"]],
        }
        actions.check_declare_corridor(data, actor=ACTOR, illustrative=True)


def _movements(doc: dict[str, Any], org: Any, now: datetime) -> dict[str, Any]:
    heads = {}
    for m in doc.get("movements", []):
        data = {
            "purpose": m["purpose"],
            "is_emergency": m.get("emergency", False),
            "route": {"type": "LineString", "coordinates": m["route"]},
            "window_start": _at(now, m["start_in_h"]),
            "window_end": _at(now, m["start_in_h"] + m["duration_h"]),
            "vehicles": m.get("vehicles", []),
            "personnel_count": m.get("personnel", 0),
            "checkpoints": [
                {
                    "checkpoint_id": c["id"],
                    "point": _point(c["point"]),
                    "at": _at(now, c["at_in_h"]),
                }
                for c in m.get("checkpoints", [])
            ],
        }
        result = actions.do_notify(
            "movement",
            org,
            movement_fields(data),
            actor=ACTOR,
            new_key=f"demo-{m['ref']}",
            illustrative=True,
        )
        heads[m["ref"]] = result.version
    return heads


def _deliveries_and_coordination(doc: dict[str, Any], org: Any, versions: dict[str, Any]) -> None:
    feed = db.Recipient.objects.filter(is_operational_system=True).first()
    ops = db.Recipient.objects.filter(is_operational_system=False).first()
    first = versions.get("food-convoy")
    if first is not None and feed is not None and ops is not None:
        actions.record_pull([first], feed, actor="system:demo-feed")
        actions.do_record_delivery([first], ops, db.DeliveryEvent.DELIVERED, actor=ACTOR)
        actions.do_record_delivery(
            [first],
            ops,
            db.DeliveryEvent.ACKNOWLEDGED,
            actor=ACTOR,
            reference="duty log (illustrative)",
        )
    for c in doc.get("coordination", []):
        r = actions.do_request_coordination(
            org, versions[c["movement"]].notification, actor=ACTOR, illustrative=True
        )
        actions.check_record_outcome(
            r,
            {"outcome": c["outcome"], "hours_waiting": c["hours_waiting"], "reason": c["reason"]},
            actor=ACTOR,
        )


def load_access_demo(console: Any = None, path: Path = DEMO_FILE) -> str:
    """Load the illustrative access data once; returns (and prints) a one-line summary."""
    from contingent.web.accounts.actions import do_get_or_create_organisation

    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    if db.Notification.objects.filter(key__startswith="demo-", illustrative=True).exists():
        message = "[dim]illustrative access data already loaded[/dim]"
    else:
        now = timezone.now().replace(minute=0, second=0, microsecond=0)
        with transaction.atomic():
            org, _ = do_get_or_create_organisation(
                doc["organisation"]["key"], doc["organisation"]["name"], actor="system:demo"
            )
            for r in doc.get("recipients", []):
                db.Recipient.objects.get_or_create(
                    key=r["key"],
                    defaults={"name": r["name"], "is_operational_system": r["operational_system"]},
                )
            _sites(doc, org, now)
            _areas(doc, db.ForceArea.ZONE, "zones", now)
            _corridors(doc, now)
            _areas(doc, db.ForceArea.OPERATION, "operations", now)
            versions = _movements(doc, org, now)
            _deliveries_and_coordination(doc, org, versions)
        conflicts = db.ConflictRecord.objects.count()
        message = (
            f"[dim]loaded illustrative humanitarian-access data from {path.name}: "
            f"{len(doc.get('sites', []))} sites, {len(doc.get('movements', []))} movements, "
            f"{conflicts} conflicts — see /access/[/dim]"
        )
    if console is not None:
        console.print(message)
    return message
