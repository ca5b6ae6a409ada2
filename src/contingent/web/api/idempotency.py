"""Idempotency-Key on creates.

The client sends ``Idempotency-Key: <up to 200 visible characters>``. Within one user's keys:

- first use: the create runs; if it succeeds its status and body are stored *in the same
  transaction* as the write, so a stored response always matches a committed write;
- replay with the same request (method, path, body): the stored response is returned and
  nothing runs again;
- the same key with a different request: refused, 409 ``idempotency_key_reused``.

Without the header a create simply runs. Accepted race: two first uses of one key at the same
instant — the loser's unique-constraint violation rolls its write back and it returns the
winner's response.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from contingent.core.errors import ErrorCode, ValidationError

from .models import IdempotencyRecord

MAX_KEY = 200


def _request_hash(request: HttpRequest) -> str:
    h = hashlib.sha256()
    h.update(request.method.encode() + b"\0" + request.path.encode() + b"\0")
    h.update(request.body)
    return h.hexdigest()


def _check_key(key: str) -> str:
    if not (0 < len(key) <= MAX_KEY) or not key.isprintable() or key != key.strip():
        raise ValidationError(
            "Idempotency-Key must be 1 to 200 printable characters",
            fields={"Idempotency-Key": "invalid"},
        )
    return key


def run_once(
    request: HttpRequest, key: str | None, create: Callable[[], tuple[int, Any]]
) -> tuple[int, Any]:
    """Run ``create`` (returning ``(status, jsonable body)``) at most once per key."""
    user = request.auth  # type: ignore[attr-defined]
    if key is None:
        with transaction.atomic():
            return create()
    key = _check_key(key)
    digest = _request_hash(request)
    found = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if found is None:
        try:
            with transaction.atomic():
                status, body = create()
                IdempotencyRecord.objects.create(
                    user=user, key=key, request_sha256=digest, status=status, response=body
                )
                return status, body
        except IntegrityError:
            found = IdempotencyRecord.objects.filter(user=user, key=key).first()
            if found is None:
                raise
    if found.request_sha256 != digest:
        raise ValidationError(
            "this Idempotency-Key was used for a different request",
            code=ErrorCode.IDEMPOTENCY_KEY_REUSED,
            fields={"Idempotency-Key": "used for a different request"},
        )
    return found.status, found.response
