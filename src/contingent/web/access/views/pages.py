"""Map, notification list and detail (with delivery per recipient), receipts, conflicts and
coordination requests. Access refusals escape to the error middleware (403/404/login)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contingent.core.access.model import Outcome
from contingent.core.errors import ContingentError, Forbidden
from contingent.web.accounts.decorators import role_required
from contingent.web.accounts.roles import Role, role_of

from .. import access, actions, serialize
from .. import models as db
from ..actions.delivery import recipient_for

READERS = (Role.HUMANITARIAN, Role.OPERATIONS, Role.PLANNER, Role.AUDITOR)


def _actor(request: HttpRequest) -> str:
    return f"user:{request.user.get_username()}"


def _common(request: HttpRequest) -> dict:
    role = role_of(request.user)
    return {
        "role": role.value if role else "",
        "may_notify": role is Role.HUMANITARIAN,
        "may_receive": role is Role.OPERATIONS,
        "may_record_outcome": role in access.RECORD_OUTCOME,
        "notice": serialize.NOTICE,
    }


@role_required(*READERS)
def map_page(request: HttpRequest) -> HttpResponse:
    return render(request, "access/map.html", _common(request))


@role_required(*READERS)
def notification_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for n in access.access_notifications(request.user).order_by("-id")[:500]:
        rows.append((n, n.current()))
    return render(request, "access/notifications.html", _common(request) | {"rows": rows})


@role_required(*READERS)
def notification_detail(request: HttpRequest, key: str) -> HttpResponse:
    n = access.access_notification_by_key(request.user, key)
    versions = list(n.versions.order_by("-version"))
    for v in versions:
        v.delivery_rows = list(v.deliveries.select_related("recipient").order_by("at", "id"))
    context = _common(request) | {
        "n": n,
        "versions": versions,
        "current": versions[0] if versions else None,
        "recipients": db.Recipient.objects.filter(active=True).order_by("key"),
        "coordination": access.access_coordination_requests(request.user).filter(movement=n),
    }
    return render(request, "access/notification.html", context)


@role_required(*READERS)
def receipt_download(request: HttpRequest, key: str, version: int) -> HttpResponse:
    v = access.access_version_by_key(request.user, key, version)
    response = HttpResponse(v.receipt_file.encode("utf-8"), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="receipt-{key}-v{version}.json"'
    return response


@require_POST
@role_required(Role.OPERATIONS)
def acknowledge(request: HttpRequest, key: str, version: int) -> HttpResponse:
    v = access.access_version_by_key(request.user, key, version)
    try:
        recipient = recipient_for(request.user, request.POST.get("recipient"))
        actions.do_acknowledge(
            v, recipient, actor=_actor(request), reference=request.POST.get("reference", "")
        )
        messages.success(request, _("Acknowledged. An acknowledgement is not an approval."))
    except ContingentError as exc:
        messages.error(request, f"{exc.message} ({exc.code})")
    return redirect("access:notification", key=key)


@role_required(*READERS)
def conflict_list(request: HttpRequest) -> HttpResponse:
    own = access.own_keys_for(request.user)
    rows = [
        access.conflict_view(request.user, c, own)
        for c in access.access_conflicts(request.user)[:1000]
    ]
    return render(request, "access/conflicts.html", _common(request) | {"conflicts": rows})


@role_required(*READERS)
def coordination_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if role_of(request.user) is not Role.HUMANITARIAN:
            raise Forbidden("coordination is requested by the humanitarian organisation")
        try:
            r = actions.check_request_coordination(
                access.organisation_of(request.user),
                request.POST.get("movement", ""),
                actor=_actor(request),
            )
            messages.success(request, _("Coordination requested: %(key)s") % {"key": r.key})
        except ContingentError as exc:
            messages.error(request, f"{exc.message} ({exc.code})")
        return redirect("access:coordination")
    context = _common(request) | {
        "requests": access.access_coordination_requests(request.user).order_by("-id")[:500],
        "outcomes": [(o.value, o.value.replace("_", " ")) for o in Outcome],
    }
    return render(request, "access/coordination.html", context)


@require_POST
@role_required(*access.RECORD_OUTCOME)
def coordination_outcome(request: HttpRequest, key: str) -> HttpResponse:
    r = access.access_coordination_by_key(request.user, key)
    try:
        actions.check_record_outcome(r, request.POST.dict(), actor=_actor(request))
        messages.success(request, _("Outcome recorded for %(key)s") % {"key": key})
    except ContingentError as exc:
        messages.error(request, f"{exc.message} ({exc.code})")
    return redirect("access:coordination")
