"""A small fixed-window rate limiter for costly actions anyone may start.

Why: verifying the whole ledger costs about 1.6 s of CPU per million entries (bench/ledger.py)
and is open to the public on purpose, so one client looping on it could keep a worker busy. A
window per (action, requester) in the database holds across app-server processes, unlike an
in-process cache. The requester is the signed-in user, or the client address for anonymous
calls (REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a trusted proxy sets it).

A refused call raises ``ContingentError(too_many_attempts)``: HTTP 429 with the usual error
envelope on pages and in the API (web/core/errors.py), with a Retry-After header.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from contingent.core.errors import ContingentError, ErrorCode

from .models import RateWindow


@dataclass(frozen=True)
class Limit:
    anonymous: int  # calls per window from one client address
    signed_in: int  # calls per window from one signed-in user
    window_s: int


STALE_WINDOWS = 10


class RateLimited(ContingentError):
    code = ErrorCode.TOO_MANY_ATTEMPTS

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message, fields={"retry_after": f"{retry_after_s} s"})
        self.retry_after_s = retry_after_s


def requester(request: HttpRequest, user: object | None = None) -> tuple[str, bool]:
    """(key, signed in?) of whoever makes the request; ``user`` overrides ``request.user``
    (the API authenticates by token, not by session)."""
    who = user if user is not None else getattr(request, "user", None)
    if who is not None and getattr(who, "is_authenticated", False):
        return f"user:{who.pk}", True
    return "ip:" + (request.META.get("REMOTE_ADDR", "")[:45] or "unknown"), False


@transaction.atomic
def take(action: str, request: HttpRequest, limit: Limit, user: object | None = None) -> None:
    """Count one call of ``action``; raise ``RateLimited`` (nothing counted) past the limit."""
    who, signed_in = requester(request, user)
    allowed = limit.signed_in if signed_in else limit.anonymous
    now = timezone.now()
    row, _ = RateWindow.objects.select_for_update().get_or_create(
        key=f"{action}|{who}"[:200], defaults={"window_start": now, "count": 0}
    )
    ends = row.window_start + timedelta(seconds=limit.window_s)
    if ends <= now:
        row.window_start, row.count = now, 0
        ends = now + timedelta(seconds=limit.window_s)
    if row.count >= allowed:
        wait = max(1, math.ceil((ends - now).total_seconds()))
        raise RateLimited(
            f"{action}: at most {allowed} per {limit.window_s} s; try again in {wait} s", wait
        )
    row.count += 1
    row.save(update_fields=["window_start", "count"])
    # Forget requesters idle for ten windows, so the table does not grow with every address.
    RateWindow.objects.filter(
        key__startswith=f"{action}|",
        window_start__lt=now - STALE_WINDOWS * timedelta(seconds=limit.window_s),
    ).delete()
