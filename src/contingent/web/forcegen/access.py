"""The one access choke point for force-generation records.

Every read of a protected object — page, API, export, search, report — goes through an
``access_*`` function here; every change is asked for with a ``can_*`` function first. The
functions take the user (``AnonymousUser`` included) and raise ``NotFound`` (the object does
not exist *or you may not know it exists*), ``Forbidden`` (a signed-in role that may not read
this kind of record at all) or ``NotAuthenticated`` (anonymous asking for a non-public kind).

Who sees what (DESIGN.md "Roles and what they may touch"):

=================  ===========================================================================
operation,         everyone, anonymous included: the operation, its mandate and gates, the
statements,        contributors' public stance statements (statements are public facts with
contributors,      sources), the aggregated summary (no caveat text, no unit-level record; its
ledger             totals count only the pledges the reader may see, see
                   ``access_pledge_keys_by_operation``) and the ledger chain (hashes, never
                   payloads).
pledges            planner, auditor: every pledge in full. Liaison: its own contributor's pledges
                   in full (confidential ones included); other contributors' *public* and
                   *restricted* pledges as a **summary** (contributor, unit type, personnel,
                   women, readiness, earliest deployment, category, status — plus only the
                   caveats classified public; never approvals, visits, documents, agreements or
                   host acceptance); other contributors' *confidential* pledges not at all (they
                   are 404, as if absent). Operations officer, humanitarian officer,
                   administrator: *public* pledges as a summary only. Anonymous: refused
                   (401) — the public sees pledges only as dashboard aggregates.
requirements       planner, auditor, liaisons (contributors pledge against them). Others: 403.
cases              planner, auditor: all; liaison: the cases of its own pledges. Others: 403.
=================  ===========================================================================

Changes: planner changes everything; a liaison records stance statements and pledges for its
own contributor only, and records national approvals and documents on its own pledges; readiness
transitions, visits, agreements, host acceptance and deployment cases are the planner's.
Auditors and administrators change nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from contingent.core.errors import Forbidden, NotFound
from contingent.web.accounts.roles import READS_EVERYTHING, Role, role_of
from contingent.web.core.errors import NotAuthenticated
from contingent.web.core.models import LedgerEntry

from . import models as db

PUBLIC = "public"
RESTRICTED = "restricted"
CONFIDENTIAL = "confidential"

# Fact kinds a liaison may record on its own pledge (national matters); the rest are the planner's.
LIAISON_FACTS = frozenset({"approval", "document"})


# ------------------------------------------------------------------ who is asking


def _contributor_id(user: Any) -> int | None:
    return user.profile.contributor_id if role_of(user) == Role.LIAISON else None


def _require_signed_in(user: Any) -> Role:
    role = role_of(user)
    if role is None:
        if getattr(user, "is_authenticated", False):
            raise Forbidden("this account has no role")
        raise NotAuthenticated("sign in to see this")
    return role


# ------------------------------------------------------------------ public records


def access_operations(user: Any) -> QuerySet[db.Operation]:  # noqa: ARG001 - public for all
    return db.Operation.objects.order_by("id")


def access_operation_by_key(user: Any, key: str) -> db.Operation:
    """The operation record (resolution, mandate, gates) is public."""
    op = access_operations(user).filter(key=key).first()
    if op is None:
        raise NotFound(f"no operation {key!r}", fields={"operation": "unknown"})
    return op


def access_contributors_by_operation(user: Any, op: db.Operation) -> QuerySet[db.Contributor]:
    """Contributors that have stated a stance on the operation (public facts), or whose pledge
    to it the user may see: a contributor known only through a pledge the reader may not know
    of is not listed, since the listing alone would tell that it pledged."""
    from django.db.models import Q

    return (
        db.Contributor.objects.filter(
            Q(statements__operation=op) | Q(pledges__in=_pledges_known_to(user, op))
        )
        .distinct()
        .order_by("code")
    )


def access_contributor_by_code(user: Any, code: str) -> db.Contributor:  # noqa: ARG001
    row = db.Contributor.objects.filter(code=code).first()
    if row is None:
        raise NotFound(f"no contributor {code!r}", fields={"contributor": "unknown"})
    return row


def access_statements_by_operation(
    user: Any,  # noqa: ARG001 - statements are public facts with sources
    op: db.Operation,
    contributor_code: str | None = None,
) -> QuerySet[db.Statement]:
    qs = op.statements.select_related("contributor").order_by("stated_on", "id")
    if contributor_code:
        qs = qs.filter(contributor__code=contributor_code)
    return qs


def access_ledger_entries(user: Any) -> QuerySet[LedgerEntry]:  # noqa: ARG001
    """The chain holds hashes, and identifiers or their pseudonyms, never payloads: it is
    published whole. Show the names kept beside it only through ``ledger_names``."""
    return LedgerEntry.objects.order_by("seq")


def ledger_names(user: Any, row: LedgerEntry) -> tuple[str, str]:
    """(actor, object id) of an entry as this user may see them: the names kept beside a
    pseudonymous entry for readers of everything (planner, auditor), else as chained."""
    if role_of(user) in READS_EVERYTHING:
        return row.actor_named or row.actor, row.object_id_named or row.object_id
    return row.actor, row.object_id


# ------------------------------------------------------------------ pledges


@dataclass(frozen=True)
class VisiblePledge:
    """A pledge as one user may see it. ``full`` is False for a summary: then the detail fields
    are ``None`` and ``caveats`` holds only public caveats. Templates and serializers read this,
    never the ORM row, so a redacted field cannot leak through a forgotten attribute."""

    key: str
    contributor_code: str
    contributor_name: str
    unit_type: str
    personnel: int
    women: int
    readiness: str
    earliest_deployment: date
    category: str
    status: str
    classification: str
    illustrative: bool
    caveats: tuple[dict[str, Any], ...]
    full: bool
    approvals: tuple[dict[str, Any], ...] | None = None
    visits: tuple[dict[str, Any], ...] | None = None
    documents: tuple[str, ...] | None = None
    agreements: tuple[str, ...] | None = None
    host_accepted: bool | None = None
    sources: tuple[dict[str, Any], ...] = ()


def _visible(row: db.Pledge, full: bool) -> VisiblePledge:
    caveats = tuple(
        c for c in row.caveats if full or c.get("classification", CONFIDENTIAL) == PUBLIC
    )
    common = dict(
        key=row.key,
        contributor_code=row.contributor.code,
        contributor_name=row.contributor.name,
        unit_type=row.unit_type,
        personnel=row.personnel,
        women=row.women,
        readiness=row.readiness,
        earliest_deployment=row.earliest_deployment,
        category=row.category,
        status=row.status,
        classification=row.classification,
        illustrative=row.illustrative,
        caveats=caveats,
        full=full,
    )
    if not full:
        return VisiblePledge(**common)  # type: ignore[arg-type]
    return VisiblePledge(
        **common,  # type: ignore[arg-type]
        approvals=tuple(row.approvals),
        visits=tuple(row.visits),
        documents=tuple(row.documents),
        agreements=tuple(row.agreements),
        host_accepted=row.host_accepted,
        sources=tuple(row.sources),
    )


def _sees_in_full(user: Any, row: db.Pledge) -> bool:
    role = role_of(user)
    return role in READS_EVERYTHING or (
        role == Role.LIAISON and row.contributor_id == _contributor_id(user)
    )


def _sees_summary(user: Any, row: db.Pledge) -> bool:
    role = role_of(user)
    if role == Role.LIAISON:
        return row.classification in (PUBLIC, RESTRICTED)
    return role is not None and row.classification == PUBLIC


def _pledges_qs(user: Any, op: db.Operation) -> QuerySet[db.Pledge]:
    """Rows the user may see in any form, filtered in SQL (so pagination counts are right)."""
    from django.db.models import Q

    role = _require_signed_in(user)
    qs = op.pledges.select_related("contributor").order_by("contributor__code", "key")
    if role in READS_EVERYTHING:
        return qs
    if role == Role.LIAISON:
        return qs.filter(
            Q(contributor_id=_contributor_id(user)) | Q(classification__in=[PUBLIC, RESTRICTED])
        )
    return qs.filter(classification=PUBLIC)


def access_pledge_rows_by_operation(user: Any, op: db.Operation) -> QuerySet[db.Pledge]:
    """The queryset behind ``access_pledges_by_operation``, for filtering and paginating.
    Convert each row with ``visible_pledge(user, row)`` before showing it."""
    return _pledges_qs(user, op)


def visible_pledge(user: Any, row: db.Pledge) -> VisiblePledge:
    """Redact one row for this user; the row must come from an ``access_pledge*`` query."""
    if _sees_in_full(user, row):
        return _visible(row, True)
    if _sees_summary(user, row):
        return _visible(row, False)
    raise NotFound(f"no pledge {row.key!r}", fields={"pledge": "unknown"})


def access_pledges_by_operation(user: Any, op: db.Operation) -> list[VisiblePledge]:
    return [visible_pledge(user, row) for row in _pledges_qs(user, op)]


def access_pledge_by_key(user: Any, op: db.Operation, key: str) -> VisiblePledge:
    """One pledge, full or summary; ``NotFound`` if it does not exist or may not be known."""
    row = _pledges_qs(user, op).filter(key=key).first()
    if row is None:
        raise NotFound(f"no pledge {key!r}", fields={"pledge": "unknown"})
    return visible_pledge(user, row)


def access_pledge_row_for_change(user: Any, op: db.Operation, key: str) -> db.Pledge:
    """The row a change will touch: ``NotFound`` if the user may not know it, ``Forbidden`` if
    it may see but not change it."""
    row = _pledges_qs(user, op).filter(key=key).first()
    if row is None:
        raise NotFound(f"no pledge {key!r}", fields={"pledge": "unknown"})
    if not can_change_pledge(user, row):
        raise Forbidden("you may not change this pledge", fields={"pledge": "not yours"})
    return row


def access_pledge_keys_by_operation(user: Any, op: db.Operation) -> set[str]:
    """Keys of the pledges the user may see in some form. Anonymous users and accounts without
    a role get the public pledges: the basis of every total they are shown, so that no total
    can be differenced back to a pledge they may not know."""
    return set(_pledges_known_to(user, op).values_list("key", flat=True))


def _pledges_known_to(user: Any, op: db.Operation) -> QuerySet[db.Pledge]:
    """Pledges the user may see in some form; the public ones for anonymous users and accounts
    without a role (who get no pledge list, but do see totals and contributor lists)."""
    if role_of(user) is None:
        return op.pledges.filter(classification=PUBLIC)
    return _pledges_qs(user, op)


# ------------------------------------------------------------------ requirements and cases


def access_requirements_by_operation(user: Any, op: db.Operation) -> QuerySet[db.Requirement]:
    role = _require_signed_in(user)
    if role not in READS_EVERYTHING | {Role.LIAISON}:
        raise Forbidden("requirements are restricted to planners, auditors and liaisons")
    return op.requirements.all()


def access_cases_by_operation(user: Any, op: db.Operation) -> QuerySet[db.DeploymentCase]:
    role = _require_signed_in(user)
    qs = op.cases.select_related("requirement", "pledge", "pledge__contributor").order_by(
        "pledge__key"
    )
    if role in READS_EVERYTHING:
        return qs
    if role == Role.LIAISON:
        return qs.filter(pledge__contributor_id=_contributor_id(user))
    raise Forbidden("deployment cases are restricted to planners, auditors and liaisons")


# ------------------------------------------------------------------ may this user change …


def can_record_statement(user: Any, contributor: db.Contributor) -> bool:
    role = role_of(user)
    return role == Role.PLANNER or (
        role == Role.LIAISON and contributor.pk == _contributor_id(user)
    )


def can_create_pledge(user: Any, contributor: db.Contributor) -> bool:
    return can_record_statement(user, contributor)


def can_change_pledge(user: Any, pledge: db.Pledge) -> bool:
    """Planner: any pledge. Liaison: its own contributor's pledges (national facts only — see
    ``can_record_pledge_fact``)."""
    role = role_of(user)
    return role == Role.PLANNER or (
        role == Role.LIAISON and pledge.contributor_id == _contributor_id(user)
    )


def can_record_pledge_fact(user: Any, pledge: db.Pledge, kinds: set[str]) -> bool:
    role = role_of(user)
    if role == Role.PLANNER:
        return True
    return can_change_pledge(user, pledge) and kinds <= LIAISON_FACTS


def can_transition_pledge(user: Any, pledge: db.Pledge) -> bool:  # noqa: ARG001
    """Readiness levels move on the planner's (UN/force HQ's) decision, not the contributor's."""
    return role_of(user) == Role.PLANNER


def can_advance_case(user: Any) -> bool:
    return role_of(user) == Role.PLANNER


def access_plan_by_operation(user: Any, op: db.Operation) -> db.Operation:
    """The sourcing plan reads every pledge, restricted and confidential ones included: only
    the roles that read everything (planner, auditor) may compute or see it."""
    role = _require_signed_in(user)
    if role not in READS_EVERYTHING:
        raise Forbidden("the sourcing plan is restricted to planners and auditors")
    return op
