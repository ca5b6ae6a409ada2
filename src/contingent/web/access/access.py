"""Every read of a humanitarian-access object goes through here.

- humanitarian officer: its own organisation's notifications, versions, receipts, coordination
  requests and the conflicts that involve them (the force's side of such a conflict — a zone, an
  operation, another organisation's movement — is named only by its kind; corridors, which it
  may read, are named); corridors.
- operations officer: every notification of the area, coordination requests, corridors,
  exclusion zones and planned operations (restricted), conflicts.
- planner and auditor: all of it. Liaisons, administrators and the public: none of it (the
  public gets aggregates by governorate elsewhere, never these rows).

Another organisation's object answers "not found", not "forbidden": its existence is not
confirmed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from contingent.core.errors import Forbidden, NotFound
from contingent.web.accounts.roles import Role, role_of

from . import models as db
from .schemas import storable_text

FORCE_SIDE = frozenset({Role.OPERATIONS, Role.PLANNER, Role.AUDITOR})
READERS = FORCE_SIDE | {Role.HUMANITARIAN}


def _role(user: Any, allowed: frozenset[Role]) -> Role:
    role = role_of(user)
    if role is None or role not in allowed:
        raise Forbidden("your role may not see humanitarian-access records")
    return role


def organisation_of(user: Any) -> Any:
    return getattr(getattr(user, "profile", None), "organisation", None)


def access_notifications(user: Any) -> QuerySet[db.Notification]:
    role = _role(user, READERS)
    qs = db.Notification.objects.select_related("organisation")
    if role is Role.HUMANITARIAN:
        return qs.filter(organisation=organisation_of(user))
    return qs


def _storable_key(key: str) -> str:
    # A key with NUL would make PostgreSQL fail (500); no stored key holds one: "not found".
    if not storable_text(key):
        raise NotFound("no such record", fields={"key": "not found"})
    return key


def access_notification_by_key(user: Any, key: str) -> db.Notification:
    n = access_notifications(user).filter(key=_storable_key(key)).first()
    if n is None:
        raise NotFound("no such notification", fields={"key": key})
    return n


def access_versions(user: Any) -> QuerySet[db.NotificationVersion]:
    """Every version of the notifications the user may read (the operational feed's source)."""
    role = _role(user, READERS)
    qs = db.NotificationVersion.objects.select_related("notification__organisation")
    if role is Role.HUMANITARIAN:
        return qs.filter(notification__organisation=organisation_of(user))
    return qs


def access_version_by_key(user: Any, key: str, version: int) -> db.NotificationVersion:
    n = access_notification_by_key(user, key)
    v = n.versions.filter(version=version).first()
    if v is None:
        raise NotFound("no such version", fields={"version": str(version)})
    return v


def access_coordination_requests(user: Any) -> QuerySet[db.CoordinationRequest]:
    role = _role(user, READERS)
    qs = db.CoordinationRequest.objects.select_related("organisation", "movement")
    if role is Role.HUMANITARIAN:
        return qs.filter(organisation=organisation_of(user))
    return qs


def access_coordination_by_key(user: Any, key: str) -> db.CoordinationRequest:
    r = access_coordination_requests(user).filter(key=_storable_key(key)).first()
    if r is None:
        raise NotFound("no such coordination request", fields={"key": key})
    return r


def access_corridors(user: Any) -> QuerySet[db.Corridor]:
    _role(user, READERS)
    return db.Corridor.objects.all()


def access_force_areas(user: Any) -> QuerySet[db.ForceArea]:
    """Exclusion zones and planned operations: restricted to the force side."""
    _role(user, FORCE_SIDE)
    return db.ForceArea.objects.all()


def access_conflicts(user: Any) -> QuerySet[db.ConflictRecord]:
    role = _role(user, READERS)
    qs = db.ConflictRecord.objects.all()
    if role is not Role.HUMANITARIAN:
        return qs
    own = list(access_notifications(user).values_list("key", flat=True))
    return qs.filter(
        Q(a_key__in=own, a_kind__in=("site", "movement"))
        | Q(b_key__in=own, b_kind__in=("site", "movement"))
    )


def conflict_view(
    user: Any, c: db.ConflictRecord, own_keys: set[str] | None = None
) -> dict[str, Any]:
    """A conflict as the user may see it (``own_keys``: the humanitarian's notification keys)."""

    def side(kind: str, key: str, version: int) -> dict[str, Any]:
        if (
            own_keys is None
            or kind == "corridor"
            or (kind in ("site", "movement") and key in own_keys)
        ):
            return {"kind": kind, "key": key, "version": version}
        return {"kind": kind, "key": None, "version": None}  # the force's or another org's side

    return {
        "id": c.pk,
        "kind": c.kind,
        "severity": c.severity,
        "a": side(c.a_kind, c.a_key, c.a_version),
        "b": side(c.b_kind, c.b_key, c.b_version),
        "distance_m": c.distance_m,
        "overlap_start": c.overlap_start,
        "overlap_end": c.overlap_end,
        "detail": c.detail,
        "checkpoint_id": c.checkpoint_id if own_keys is None else "",
        "found_at": c.found_at,
        "trigger": c.trigger if own_keys is None else "",
    }


def own_keys_for(user: Any) -> set[str] | None:
    """None for the force side (sees everything); the organisation's keys for a humanitarian."""
    if role_of(user) is Role.HUMANITARIAN:
        return set(access_notifications(user).values_list("key", flat=True))
    return None


def may(user: Any, *roles: Role) -> bool:
    return role_of(user) in roles


def require(user: Any, *roles: Role) -> Role:
    return _role(user, frozenset(roles))


# Who may change what (checked by views and the API before calling actions).
NOTIFY = (Role.HUMANITARIAN,)
DECLARE_FORCE = (Role.OPERATIONS, Role.PLANNER)
RECORD_OUTCOME = (Role.OPERATIONS, Role.PLANNER)
RECEIVE = (Role.OPERATIONS,)
