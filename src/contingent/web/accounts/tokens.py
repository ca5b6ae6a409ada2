"""API tokens: issued once, stored as SHA-256, revocable, with ``last_used_at``.

A token reads ``ctg_<43 url-safe characters>`` (256 random bits). Only its digest is stored;
the plain token is shown once, when issued.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from .actions import record
from .models import ApiToken

PREFIX = "ctg_"
# Writing last_used_at on every request would make every API read a write; once a minute is
# enough to tell a live token from a forgotten one.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def issue_token(user: Any, name: str) -> tuple[str, ApiToken]:
    """Create a token for ``user``; returns the plain token (show it once) and its row."""
    raw = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user, name=name.strip()[:100] or "token", prefix=raw[:12], token_sha256=_digest(raw)
    )
    record(f"user:{user.username}", "token.issued", "token", str(row.pk), {"name": row.name})
    return raw, row


def user_for_token(raw: str) -> Any | None:
    """The active user holding this unrevoked token, or ``None``."""
    if not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user", "user__profile")
        .filter(token_sha256=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


@transaction.atomic
def revoke_token(user: Any, token_id: int) -> bool:
    """Revoke one of ``user``'s own tokens; False if there is no such live token."""
    n = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if n == 1:
        record(f"user:{user.username}", "token.revoked", "token", str(token_id), {})
    return n == 1
