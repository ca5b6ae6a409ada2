"""The access matrix: for every URL pattern (by name) and every API operation (by OpenAPI
operationId), which personas are allowed. Everyone else must be refused.

``test_access_matrix.py`` builds the list of endpoints from the URL configuration and the
OpenAPI document; an endpoint with no entry here fails the test with its name, so a new page or
operation cannot ship without a decision about who may use it.

How to add an entry: ``"url-name": Call(allowed=…, kwargs=…)``. ``kwargs`` fills the URL's
parameters (a function ``(ctx, persona) -> dict`` when it depends on fixtures: ``ctx`` has
``personas``, ``gaza``, ``invitation_code``). ``data`` is the form (pages) or JSON body (API).
``ok`` lists extra statuses that count as *allowed* (e.g. 409 for a gate refusal: the caller was
let in, the rulebook said no).

Refused means: anonymous → 401 (API) or a redirect to the login page (pages); signed in →
403, or 404 where the mere existence of a record must not leak.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .personas import EVERYONE, SIGNED_IN

NOBODY: frozenset[str] = frozenset()
PLANNER = frozenset({"planner"})
READERS_OF_EVERYTHING = frozenset({"planner", "auditor"})
LIAISONS = frozenset({"liaison_pak", "liaison_idn"})
MISSION_STAFF = READERS_OF_EVERYTHING | LIAISONS
PAK_WRITERS = frozenset({"planner", "liaison_pak"})
GAZA = {"key": "isf-gaza"}


@dataclass(frozen=True)
class Call:
    allowed: frozenset[str]
    method: str = "GET"
    kwargs: Mapping[str, Any] | Callable[[Any, Any], Mapping[str, Any]] = field(
        default_factory=dict
    )
    data: Mapping[str, Any] | None = None
    query: str = ""
    ok: tuple[int, ...] = ()


SOURCE = [{"ref": "https://example.org/statement", "tag": "T1", "published_on": "2026-03-01"}]

# ------------------------------------------------------------------ pages (URL names)

PAGES: dict[str, Call] = {
    # accounts (this app)
    "accounts:login": Call(EVERYONE),
    "accounts:logout": Call(EVERYONE, method="POST"),
    "accounts:invitations": Call(frozenset({"admin"})),
    "accounts:accept-invitation": Call(
        EVERYONE, kwargs=lambda ctx, p: {"code": ctx.invitation_code}
    ),
    "accounts:tokens": Call(SIGNED_IN),
    "accounts:revoke-token": Call(
        SIGNED_IN,
        method="POST",
        kwargs=lambda ctx, p: {"token_id": ctx.token_id(p)},
    ),
    # API documentation: public
    "api-docs": Call(EVERYONE),
    "api:openapi-json": Call(EVERYONE),
    "api:api-root": Call(NOBODY),  # ninja's bare root view at /api/v1/: 404 for everyone
    # language switch (django.conf.urls.i18n)
    "set_language": Call(EVERYONE, method="POST", data={"language": "fr", "next": "/"}),
    # transparency portal and open data: public by definition. Pages that need a published
    # checkpoint (none in the bare scenario) or a dataset with geometry answer 404 to everyone
    # alike; ``ok=(404,)`` accepts that, still refusing any 401/403/login redirect.
    "transparency:portal": Call(EVERYONE),
    "transparency:iati": Call(EVERYONE),
    "transparency:hxl": Call(EVERYONE, kwargs={"name": "statements"}),
    "transparency:csv": Call(EVERYONE, kwargs={"name": "statements"}),
    "transparency:json": Call(EVERYONE, kwargs={"name": "statements"}),
    "transparency:geojson": Call(EVERYONE, kwargs={"name": "incidents-by-governorate"}, ok=(404,)),
    "transparency:chart": Call(EVERYONE, kwargs={"name": "composition"}),
    "transparency:ledger": Call(EVERYONE),
    "transparency:ledger-export": Call(EVERYONE, ok=(404,)),
    "transparency:ledger-key": Call(EVERYONE, ok=(404,)),
    # force-generation pages (the UI's views; they read through forcegen.access)
    "dashboard": Call(EVERYONE),
    "operation-dashboard": Call(EVERYONE, kwargs=GAZA),
    "ledger": Call(EVERYONE),
    "ledger-verify": Call(EVERYONE, method="POST"),
    "contributor-list": Call(EVERYONE, kwargs=GAZA),
    "contributor-detail": Call(EVERYONE, kwargs={**GAZA, "code": "PAK"}),
    "pledge-board": Call(SIGNED_IN, kwargs=GAZA),
    "pledge-new": Call(PAK_WRITERS, kwargs={**GAZA, "code": "PAK"}),
    "pledge-detail": Call(MISSION_STAFF, kwargs={**GAZA, "pledge": "PAK-INF-1"}),
    # the gate refuses both changes (no passed visit; no case open): the planner is let in and
    # gets the refusal next to the field
    "pledge-readiness": Call(
        PLANNER,
        method="POST",
        kwargs={**GAZA, "pledge": "PAK-INF-1"},
        data={"target": "L2"},
        ok=(400, 409, 422),
    ),
    "pledge-case": Call(
        PLANNER,
        method="POST",
        kwargs={**GAZA, "pledge": "PAK-INF-1"},
        data={"target": "agreement_signed"},
        ok=(400, 409, 422),
    ),
    # a liaison records national approvals and documents on its own pledges; the other liaison
    # sees PAK-INF-1 only as a summary (403), roles that see public pledges only get 404
    "pledge-fact": Call(
        PAK_WRITERS,
        method="POST",
        kwargs={**GAZA, "pledge": "PAK-INF-1"},
        data={"fact": "document", "document": "table_of_organization"},
    ),
    "requirement-list": Call(MISSION_STAFF, kwargs=GAZA),
    "plan": Call(READERS_OF_EVERYTHING, kwargs=GAZA),
    "plan-csv": Call(READERS_OF_EVERYTHING, kwargs={**GAZA, "table": "gaps"}),
}

# ------------------------------------------------------------------ API (OpenAPI operationId)

API: dict[str, Call] = {
    "get_sourcing_plan": Call(READERS_OF_EVERYTHING, kwargs=GAZA, query="forecast_runs=0"),
    "what_if_sourcing_plan": Call(
        READERS_OF_EVERYTHING,
        method="POST",
        kwargs=GAZA,
        data={"changes": [{"kind": "drop_requirement", "requirement": "RAF-MP"}]},
    ),
    "list_operations": Call(EVERYONE),
    "get_operation": Call(EVERYONE, kwargs=GAZA),
    "list_contributors": Call(EVERYONE, kwargs=GAZA),
    "list_statements": Call(EVERYONE, kwargs=GAZA, query="contributor=PAK"),
    "create_statement": Call(
        PAK_WRITERS,
        method="POST",
        kwargs=GAZA,
        data={
            "contributor": "PAK",
            "level": "considering",
            "stated_on": "2026-03-01",
            "speaker": "Spokesperson",
            "summary": "Still considering.",
            "sources": SOURCE,
        },
    ),
    "list_requirements": Call(MISSION_STAFF, kwargs=GAZA),
    # every signed-in role may list; what each sees is filtered (tests in test_api_access.py)
    "list_pledges": Call(SIGNED_IN, kwargs=GAZA),
    # restricted pledge: in full to its own liaison, planner, auditor; as a summary to the
    # other liaison; not at all (404) to roles that see public pledges only
    "get_pledge": Call(MISSION_STAFF, kwargs={**GAZA, "pledge_key": "PAK-INF-1"}),
    "create_pledge": Call(
        PAK_WRITERS,
        method="POST",
        kwargs=GAZA,
        data={
            "key": "PAK-ENG-9",
            "contributor": "PAK",
            "unit_type": "engineer_company",
            "personnel": 150,
            "women": 10,
            "readiness": "L1",
            "earliest_deployment": "2026-09-01",
            "classification": "restricted",
        },
    ),
    "transition_pledge": Call(
        PLANNER,
        method="POST",
        kwargs={**GAZA, "pledge_key": "PAK-INF-1"},
        data={"target": "L2"},
        ok=(409,),  # PAK-INF-1 has no passed assessment visit: let in, refused by the gate
    ),
    "record_pledge_fact": Call(
        PAK_WRITERS,
        method="POST",
        kwargs={**GAZA, "pledge_key": "PAK-INF-1"},
        data={"approval": {"body": "government", "status": "obtained", "decided_on": "2026-03-02"}},
    ),
    "list_cases": Call(MISSION_STAFF, kwargs=GAZA),
    "advance_case": Call(
        PLANNER,
        method="POST",
        kwargs={**GAZA, "pledge_key": "IDN-INF-1"},
        data={"target": "agreement_signed"},
        ok=(409,),
    ),
    "list_ledger_entries": Call(EVERYONE, query="limit=5"),
    "verify_ledger": Call(EVERYONE),
    "get_me": Call(SIGNED_IN),
}

# ------------------------------------------------------------------ humanitarian access
# (the access app: pages under /access/, API under /api/v1/access/). Records a call needs are
# created by its kwargs function, inside the savepoint each persona's call runs in.

ACCESS_READERS = frozenset({"ngo", "ops", "planner", "auditor"})
FORCE_WRITERS = frozenset({"ops", "planner"})
NGO = frozenset({"ngo"})
OPS = frozenset({"ops"})
_RAFAH = [34.2485, 31.287]
_ROUTE = {"type": "LineString", "coordinates": [_RAFAH, [34.303, 31.346]]}
_SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[34.29, 31.33], [34.32, 31.33], [34.32, 31.36], [34.29, 31.36], [34.29, 31.33]]
    ],
}
_SITE = {
    "name": "Matrix clinic",
    "category": "hospital_clinic",
    "humanitarian_function": "primary health care",
    "point": {"type": "Point", "coordinates": _RAFAH},
    "valid_from": "2026-11-01T00:00:00Z",
}
_MOVEMENT = {
    "purpose": "food",
    "route": _ROUTE,
    "window_start": "2026-12-10T06:00:00Z",
    "window_end": "2026-12-10T14:00:00Z",
}
_AREA = {
    "key": "matrix-area",
    "name": "Matrix area",
    "area": _SQUARE,
    "window_start": "2026-12-10T00:00:00Z",
    "window_end": "2026-12-11T00:00:00Z",
}


def _access_records(ctx: Any, p: Any) -> dict[str, Any]:
    """A recipient, a site and a movement of the ngo persona's organisation, and a coordination
    request for the movement (keys fixed so that static bodies can name them)."""
    from contingent.web.access import actions
    from contingent.web.access.models import Notification, Recipient
    from contingent.web.access.validate import movement_fields, site_fields
    from contingent.web.accounts.models import Organisation

    org = Organisation.objects.get(key="unrwa")
    Recipient.objects.get_or_create(key="fhq-ops", defaults={"name": "Force HQ operations"})
    actions.do_notify("site", org, site_fields(_SITE), actor="test", new_key="site-matrix")
    actions.do_notify(
        "movement", org, movement_fields(_MOVEMENT), actor="test", new_key="mv-matrix"
    )
    mv = Notification.objects.get(key="mv-matrix")
    coord = actions.do_request_coordination(org, mv, actor="test")
    return {"key": "site-matrix", "version": 1, "coord": coord.key}


def _site_ref(ctx: Any, p: Any) -> dict[str, Any]:
    r = _access_records(ctx, p)
    return {"key": r["key"]}


def _version_ref(ctx: Any, p: Any) -> dict[str, Any]:
    r = _access_records(ctx, p)
    return {"key": r["key"], "version": r["version"]}


def _coord_ref(ctx: Any, p: Any) -> dict[str, Any]:
    return {"key": _access_records(ctx, p)["coord"]}


def _records_only(ctx: Any, p: Any) -> dict[str, Any]:
    _access_records(ctx, p)
    return {}


PAGES.update(
    {
        "access:map": Call(ACCESS_READERS),
        "access:map-data": Call(ACCESS_READERS, kwargs=_records_only),
        "access:notifications": Call(ACCESS_READERS, kwargs=_records_only),
        "access:notification": Call(ACCESS_READERS, kwargs=_site_ref),
        "access:receipt": Call(ACCESS_READERS, kwargs=_version_ref),
        "access:acknowledge": Call(
            OPS, method="POST", kwargs=_version_ref, data={"recipient": "fhq-ops"}
        ),
        "access:notify-site": Call(NGO),
        "access:notify-movement": Call(NGO),
        "access:conflicts": Call(ACCESS_READERS, kwargs=_records_only),
        "access:coordination": Call(ACCESS_READERS, kwargs=_records_only),
        "access:coordination-outcome": Call(
            FORCE_WRITERS, method="POST", kwargs=_coord_ref, data={"outcome": "facilitated"}
        ),
    }
)

API.update(
    {
        "notify_site": Call(NGO, method="POST", data=_SITE),
        "notify_movement": Call(NGO, method="POST", data=_MOVEMENT),
        "list_notifications": Call(ACCESS_READERS, kwargs=_records_only),
        "get_notification": Call(ACCESS_READERS, kwargs=_site_ref),
        "get_receipt": Call(ACCESS_READERS, kwargs=_version_ref),
        "get_receipt_public_key": Call(EVERYONE),
        "pull_notifications": Call(OPS, kwargs=_records_only, query="recipient=fhq-ops"),
        "acknowledge_notification": Call(
            OPS, method="POST", kwargs=_version_ref, data={"recipient": "fhq-ops"}
        ),
        "list_conflicts": Call(ACCESS_READERS, kwargs=_records_only),
        "request_coordination": Call(
            NGO, method="POST", kwargs=_records_only, data={"movement": "mv-matrix"}
        ),
        "list_coordination_requests": Call(ACCESS_READERS, kwargs=_records_only),
        "record_coordination_outcome": Call(
            FORCE_WRITERS, method="POST", kwargs=_coord_ref, data={"outcome": "facilitated"}
        ),
        "list_corridors": Call(ACCESS_READERS),
        "declare_corridor": Call(
            FORCE_WRITERS,
            method="POST",
            data={"key": "matrix-corridor", "name": "Matrix corridor", "geom": _ROUTE},
        ),
        "list_force_areas": Call(frozenset({"ops", "planner", "auditor"})),
        "declare_exclusion_zone": Call(FORCE_WRITERS, method="POST", data=_AREA),
        "declare_planned_operation": Call(FORCE_WRITERS, method="POST", data=_AREA),
        "list_lead_time_rules": Call(ACCESS_READERS),
        "set_lead_time_rule": Call(
            PLANNER,
            method="POST",
            data={
                "operation": "isf-gaza",
                "standard_h": 72,
                "emergency_h": 36,
                "source": "matrix test",
            },
        ),
    }
)
