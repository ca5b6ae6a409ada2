"""Humanitarian-access API, mounted at ``/api/v1/access`` on the platform's NinjaAPI (its auth,
error envelope and Idempotency-Key handling). Every read goes through ``access``."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from contingent.web.accounts.roles import Role
from contingent.web.api.auth import PUBLIC
from contingent.web.api.idempotency import run_once
from contingent.web.api.operations import ERRORS, IdempotencyKey, actor
from contingent.web.api.paging import PageQuery, paginate

from . import access, actions, keys, serialize
from . import models as db
from .actions.delivery import recipient_for
from .schemas import (
    AcknowledgeIn,
    AreaIn,
    CoordinationIn,
    CorridorIn,
    LeadTimeRuleIn,
    MovementIn,
    NotifyOut,
    OutcomeIn,
    SiteIn,
)

router = Router(tags=["humanitarian access"])


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _notify_out(result: actions.NotifyResult, user: Any) -> dict[str, Any]:
    v = result.version
    conflicts = list(result.records)  # as stored by this notify; no need to read them back
    # Only the notifier's own keys among these conflicts matter (not all its notifications).
    named = {c.a_key for c in conflicts} | {c.b_key for c in conflicts}
    own = set(
        db.Notification.objects.filter(
            key__in=named, organisation=v.notification.organisation
        ).values_list("key", flat=True)
    )
    return NotifyOut.model_validate(
        {
            **serialize.version_out(v, with_payload=False),
            "conflicts": [access.conflict_view(user, c, own) for c in conflicts],
        }
    ).model_dump(mode="json")


def _notify(
    request: HttpRequest, kind: str, payload: Schema, idem: str | None
) -> tuple[int, dict[str, Any]]:
    user = _user(request)
    access.require(user, *access.NOTIFY)
    data = payload.model_dump()
    key = data.pop("key", None)

    def create() -> tuple[int, dict[str, Any]]:
        check = actions.check_notify_site if kind == "site" else actions.check_notify_movement
        # run_once runs this inside its own atomic block, and an error rolls that whole block
        # back (nothing is caught inside it): no savepoint needed.
        result = check(user, data, key=key, actor=actor(request), savepoint=False)
        return 201, _notify_out(result, user)

    return run_once(request, idem, create)


@router.post("/sites", response={201: NotifyOut, **ERRORS, 413: dict}, operation_id="notify_site")
def notify_site(
    request: HttpRequest, payload: SiteIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    """Notify a static site (or, with ``key``, a new version of one). Informative, never a
    request for permission; returns the version's hash, its receipt URL and conflicts found."""
    return _notify(request, "site", payload, idempotency_key)


@router.post(
    "/movements", response={201: NotifyOut, **ERRORS, 413: dict}, operation_id="notify_movement"
)
def notify_movement(
    request: HttpRequest, payload: MovementIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    """Notify a movement; a late one (lead-time rule of the operation) is accepted and flagged."""
    return _notify(request, "movement", payload, idempotency_key)


class NotificationQuery(PageQuery):
    kind: Literal["site", "movement"] | None = None


@router.get("/notifications", response={200: dict, **ERRORS}, operation_id="list_notifications")
def list_notifications(request: HttpRequest, q: Query[NotificationQuery]) -> dict:
    qs = access.access_notifications(_user(request)).order_by("id")
    if q.kind:
        qs = qs.filter(kind=q.kind)
    return paginate(qs, q, lambda n: serialize.notification_out(n, deliveries=False))


@router.get("/notifications/{key}", response={200: dict, **ERRORS}, operation_id="get_notification")
def get_notification(request: HttpRequest, key: str) -> dict:
    return serialize.notification_out(access.access_notification_by_key(_user(request), key))


@router.get(
    "/notifications/{key}/versions/{version}/receipt",
    response={200: dict, **ERRORS},
    operation_id="get_receipt",
)
def get_receipt(request: HttpRequest, key: str, version: int) -> HttpResponse:
    """The signed receipt file, byte for byte (verify offline: ``contingent receipt verify``)."""
    v = access.access_version_by_key(_user(request), key, version)
    response = HttpResponse(v.receipt_file.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="receipt-{key}-v{version}.json"'
    return response


@router.get("/public-key", response={200: dict}, auth=PUBLIC, operation_id="get_receipt_public_key")
def get_public_key(request: HttpRequest) -> HttpResponse:
    """The platform's Ed25519 public key (PEM): all anyone needs to verify a receipt."""
    return HttpResponse(keys.public_key_pem(), content_type="application/x-pem-file")


class FeedQuery(PageQuery):
    recipient: str | None = None


@router.get("/feed", response={200: dict, **ERRORS}, operation_id="pull_notifications")
def pull_notifications(request: HttpRequest, q: Query[FeedQuery]) -> dict:
    """For an operational consumer: the versions this recipient has not consumed yet, each with
    its full payload. Pulling records "delivered" and "consumed" for this recipient."""
    user = _user(request)
    access.require(user, *access.RECEIVE)
    recipient = recipient_for(user, q.recipient)
    done = db.DeliveryEvent.objects.filter(
        recipient=recipient, event=db.DeliveryEvent.CONSUMED
    ).values("version_id")
    qs = access.access_versions(user).exclude(id__in=done).order_by("id")
    count = qs.count()
    rows = list(qs[: q.limit])
    actions.record_pull(rows, recipient, actor=actor(request))
    return {
        "recipient": recipient.key,
        "items": [serialize.version_out(v) for v in rows],
        "count": count,
        "limit": q.limit,
        "offset": 0,
    }


@router.post(
    "/notifications/{key}/versions/{version}/acknowledge",
    response={200: dict, **ERRORS},
    operation_id="acknowledge_notification",
)
def acknowledge(request: HttpRequest, key: str, version: int, payload: AcknowledgeIn) -> dict:
    """The recipient says it has this version. An acknowledgement is not an approval."""
    user = _user(request)
    access.require(user, *access.RECEIVE)
    v = access.access_version_by_key(user, key, version)
    recipient = recipient_for(user, payload.recipient)
    actions.do_acknowledge(v, recipient, actor=actor(request), reference=payload.reference)
    return {"notice": serialize.NOTICE, "deliveries": serialize.deliveries_out(v)}


@router.get("/conflicts", response={200: dict, **ERRORS}, operation_id="list_conflicts")
def list_conflicts(request: HttpRequest, q: Query[PageQuery]) -> dict:
    user = _user(request)
    own = access.own_keys_for(user)
    return paginate(access.access_conflicts(user), q, lambda c: access.conflict_view(user, c, own))


@router.post("/coordination", response={201: dict, **ERRORS}, operation_id="request_coordination")
def request_coordination(
    request: HttpRequest, payload: CoordinationIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    user = _user(request)
    access.require(user, *access.NOTIFY)

    def create() -> tuple[int, dict]:
        r = actions.check_request_coordination(
            access.organisation_of(user), payload.movement, actor=actor(request)
        )
        return 201, _jsonable(serialize.coordination_out(r))

    return run_once(request, idempotency_key, create)


@router.get(
    "/coordination", response={200: dict, **ERRORS}, operation_id="list_coordination_requests"
)
def list_coordination(request: HttpRequest, q: Query[PageQuery]) -> dict:
    return paginate(
        access.access_coordination_requests(_user(request)), q, serialize.coordination_out
    )


@router.post(
    "/coordination/{key}/outcome",
    response={200: dict, **ERRORS},
    operation_id="record_coordination_outcome",
)
def record_outcome(request: HttpRequest, key: str, payload: OutcomeIn) -> dict:
    user = _user(request)
    r = access.access_coordination_by_key(user, key)
    access.require(user, *access.RECORD_OUTCOME)
    return serialize.coordination_out(
        actions.check_record_outcome(r, payload.model_dump(), actor=actor(request))
    )


@router.get("/corridors", response={200: dict, **ERRORS}, operation_id="list_corridors")
def list_corridors(request: HttpRequest, q: Query[PageQuery]) -> dict:
    return paginate(access.access_corridors(_user(request)), q, serialize.corridor_out)


@router.post(
    "/corridors", response={201: dict, **ERRORS, 413: dict}, operation_id="declare_corridor"
)
def declare_corridor(
    request: HttpRequest, payload: CorridorIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    user = _user(request)
    access.require(user, *access.DECLARE_FORCE)

    def create() -> tuple[int, dict]:
        data = payload.model_dump()
        data["open_windows"] = [list(w) for w in data["open_windows"]]
        return 201, _jsonable(
            serialize.corridor_out(actions.check_declare_corridor(data, actor=actor(request)))
        )

    return run_once(request, idempotency_key, create)


@router.get("/areas", response={200: dict, **ERRORS}, operation_id="list_force_areas")
def list_areas(request: HttpRequest, q: Query[PageQuery]) -> dict:
    """Exclusion zones and planned operations (restricted: the force side only)."""
    return paginate(access.access_force_areas(_user(request)), q, serialize.area_out)


def _declare(
    request: HttpRequest, kind: str, payload: AreaIn, idem: str | None
) -> tuple[int, dict]:
    user = _user(request)
    access.require(user, *access.DECLARE_FORCE)

    def create() -> tuple[int, dict]:
        row, conflicts = actions.check_declare_area(
            kind, payload.model_dump(), actor=actor(request)
        )
        return 201, _jsonable(serialize.area_out(row) | {"conflicts": len(conflicts)})

    return run_once(request, idem, create)


@router.post(
    "/zones", response={201: dict, **ERRORS, 413: dict}, operation_id="declare_exclusion_zone"
)
def declare_zone(
    request: HttpRequest, payload: AreaIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    return _declare(request, db.ForceArea.ZONE, payload, idempotency_key)


@router.post(
    "/planned-operations",
    response={201: dict, **ERRORS, 413: dict},
    operation_id="declare_planned_operation",
)
def declare_operation(
    request: HttpRequest, payload: AreaIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    return _declare(request, db.ForceArea.OPERATION, payload, idempotency_key)


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    """Stored idempotent responses must be plain JSON (datetimes as ISO strings)."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(d, cls=DjangoJSONEncoder))


def _rule_out(r: db.LeadTimeRule) -> dict[str, Any]:
    return {
        "operation": r.operation.key,
        "standard_h": r.standard_h,
        "emergency_h": r.emergency_h,
        "source": r.source,
        "effective_from": r.effective_from,
        "effective_to": r.effective_to,
    }


@router.get("/lead-time-rules", response={200: dict, **ERRORS}, operation_id="list_lead_time_rules")
def list_lead_time_rules(request: HttpRequest, q: Query[PageQuery]) -> dict:
    """Lead-time rules per operation (none: 48 h, 24 h for emergencies, Yemen HNS, access.md §1.2)."""
    access.require(_user(request), *access.READERS)
    rows = db.LeadTimeRule.objects.select_related("operation").order_by(
        "operation_id", "-effective_from"
    )
    return paginate(rows, q, _rule_out)


@router.post("/lead-time-rules", response={201: dict, **ERRORS}, operation_id="set_lead_time_rule")
def set_lead_time_rule(
    request: HttpRequest, payload: LeadTimeRuleIn, idempotency_key: IdempotencyKey = None
) -> tuple[int, dict]:
    """A new rule for an operation from ``effective_from`` (default now); the rule in force ends there."""
    user = _user(request)
    access.require(user, Role.PLANNER)
    from contingent.web.forcegen.access import access_operation_by_key

    operation = access_operation_by_key(user, payload.operation)

    def create() -> tuple[int, dict]:
        row = actions.check_set_lead_time_rule(
            operation, payload.model_dump(), actor=actor(request)
        )
        return 201, _jsonable(_rule_out(row))

    return run_once(request, idempotency_key, create)
