"""Cross-cutting storage: the ledger, and the windows of the rate limiter (ratelimit.py).
Ledger rows mirror ``contingent.core.ledger.LedgerEntry``."""

from __future__ import annotations

from django.db import models


class LedgerEntry(models.Model):
    """One link of the hash chain. Written only through ``contingent.web.core.ledger.append``.

    The payload itself is never stored here, only its SHA-256: the chain can be published
    whole while confidential payloads stay in their own tables.
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=120)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=160)
    classification = models.CharField(max_length=16)
    payload_sha256 = models.CharField(max_length=64)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    # For an entry that is not public, ``actor`` and ``object_id`` above hold pseudonyms
    # (core/ledger/pseudonym.py) and the real values are kept here, outside the chain, for
    # readers of everything; empty for public entries. Verification checks them.
    actor_named = models.CharField(max_length=120, blank=True, default="")
    object_id_named = models.CharField(max_length=160, blank=True, default="")

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class LedgerHead(models.Model):
    """A single row locked (SELECT … FOR UPDATE) by every append, so that on PostgreSQL two
    app servers can never append the same ``seq``. On SQLite the IMMEDIATE transaction mode
    already serialises writers; the lock is then a no-op."""

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)


class RateWindow(models.Model):
    """How many times one requester started one costly action in the current window
    (``ratelimit.take``). One row per (action, requester); old windows are reused in place."""

    key = models.CharField(max_length=200, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count} since {self.window_start:%H:%M:%S}"
