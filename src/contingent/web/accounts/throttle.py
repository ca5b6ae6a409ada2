"""Login throttling: after ``MAX_FAILURES`` failed sign-ins for one (username, address) the pair
is locked for ``LOCK_MINUTES``. A success clears the count.

Counting by the pair (not the username alone) stops one attacker from locking a real user out
from everywhere. Accepted trade-off: a guesser spread over many addresses is limited only by
Argon2's cost per attempt and by the lock per address.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import FailedLogin

MAX_FAILURES = 5
LOCK_MINUTES = 15


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def locked_until(username: str, ip: str):  # noqa: ANN201 - datetime | None
    row = FailedLogin.objects.filter(username=_key(username), ip=ip).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


@transaction.atomic
def record_failure(username: str, ip: str) -> int:
    now = timezone.now()
    row, _ = FailedLogin.objects.select_for_update().get_or_create(
        username=_key(username), ip=ip, defaults={"last_failed_at": now}
    )
    if row.locked_until and row.locked_until <= now:
        row.failures = 0  # the lock ran out: start counting again
        row.locked_until = None
    row.failures += 1
    row.last_failed_at = now
    if row.failures >= MAX_FAILURES:
        row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
    row.save()
    return row.failures


def clear(username: str, ip: str) -> None:
    FailedLogin.objects.filter(username=_key(username), ip=ip).delete()
