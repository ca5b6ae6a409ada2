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
    "api:api-root": Call(NOBODY),  # ninja's placeholder at /api/v1/: 404 for everyone
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
    "requirement-list": Call(MISSION_STAFF, kwargs=GAZA),
}

# ------------------------------------------------------------------ API (OpenAPI operationId)

API: dict[str, Call] = {
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
