"""The ledger: latest entries, the head hash, and a button that verifies the whole chain.

The chain holds hashes and identifiers, never payloads: it is public (access_ledger_entries),
and anyone may ask for it to be verified (a few times a minute: core/ledger.VERIFY_LIMIT)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from contingent.web.core.errors import with_error_headers
from contingent.web.core.ledger import verify_stored_chain
from contingent.web.core.models import LedgerHead
from contingent.web.core.ratelimit import RateLimited
from contingent.web.forcegen import access

from ._common import operation_for

PAGE_SIZE = 50


def _context(request: HttpRequest) -> dict[str, object]:
    page = Paginator(
        access.access_ledger_entries(request.user).order_by("-seq"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for row in page.object_list:
        row.shown_actor, row.shown_object_id = access.ledger_names(request.user, row)
    return {
        "op": operation_for(request, None),
        "page": page,
        "head": LedgerHead.objects.filter(singleton=1).first(),
    }


def ledger_page(request: HttpRequest) -> HttpResponse:
    return render(request, "forcegen/ledger.html", _context(request))


@require_POST
def ledger_verify(request: HttpRequest) -> HttpResponse:
    htmx = request.headers.get("HX-Request") == "true"
    try:
        report = verify_stored_chain(request)
    except RateLimited as exc:
        if not htmx:
            raise  # the error page, 429 (core/middleware.py)
        limited = render(request, "forcegen/_verify_result.html", {"limited": exc}, status=429)
        return with_error_headers(limited, exc)
    ctx = {"report": report, "problem": report.problem.value if report.problem else ""}
    if htmx:
        return render(request, "forcegen/_verify_result.html", ctx)
    return render(request, "forcegen/ledger.html", _context(request) | ctx)
