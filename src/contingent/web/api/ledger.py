"""The ledger chain is public (hashes and identifiers, never payloads)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from contingent.web.core.ledger import VERIFY_LIMIT, verify_stored_chain
from contingent.web.core.models import LedgerEntry
from contingent.web.forcegen.access import access_ledger_entries, ledger_names

from .auth import PUBLIC
from .paging import PageQuery, paginate
from .schemas import ErrorOut, LedgerEntryOut, LedgerVerifyOut, page_of

router = Router(tags=["ledger"])
EntryPage = page_of(LedgerEntryOut)


class LedgerQuery(PageQuery):
    object_type: str | None = None
    action: str | None = None
    after_seq: int | None = None


@router.get(
    "/entries",
    response={200: EntryPage, 422: ErrorOut},
    auth=PUBLIC,
    operation_id="list_ledger_entries",
)
def list_ledger_entries(request: HttpRequest, q: Query[LedgerQuery]) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    qs = access_ledger_entries(user)
    if q.object_type:
        qs = qs.filter(object_type=q.object_type)
    if q.action:
        qs = qs.filter(action=q.action)
    if q.after_seq is not None:
        qs = qs.filter(seq__gt=q.after_seq)
    return paginate(qs, q, lambda row: _entry_out(user, row))


def _entry_out(user: object, row: LedgerEntry) -> dict:
    """An entry as chained, plus its names where this user may read them (else null)."""
    actor, object_id = ledger_names(user, row)
    out = {f: getattr(row, f) for f in LedgerEntryOut.model_fields if not f.endswith("_named")}
    out["actor_named"] = actor if actor != row.actor else None
    out["object_id_named"] = object_id if object_id != row.object_id else None
    return out


@router.get(
    "/verify",
    response={200: LedgerVerifyOut, 429: ErrorOut},
    auth=PUBLIC,
    operation_id="verify_ledger",
    description=f"Verifies the whole stored chain. Rate-limited per requester "
    f"({VERIFY_LIMIT.anonymous} per {VERIFY_LIMIT.window_s} s anonymous, "
    f"{VERIFY_LIMIT.signed_in} signed in): past it, 429 with a Retry-After header.",
)
def verify_ledger(request: HttpRequest) -> dict:
    access_ledger_entries(request.auth)  # type: ignore[attr-defined]  # the same gate as reading
    r = verify_stored_chain(request, user=request.auth)  # type: ignore[attr-defined]
    return {
        "ok": r.ok,
        "count": r.count,
        "head_seq": r.head_seq if r.count else None,
        "head_hash": r.head_hash if r.count else None,
        "first_bad_seq": r.first_bad_seq,
        "problem": r.problem.value if r.problem else None,
        "message": r.message,
    }
