"""The public side of the ledger: the platform's Ed25519 key, signed checkpoints, the export.

The signing key lives under ``CONTINGENT_HOME/ledger/``, kept by the one key store
(``web.core.keys``: the directory 0700, the private key 0600 and never overwritten, safe against
two processes creating it at once); the public key PEM sits beside it and is published with
every checkpoint. Read from disk on every use (not cached), so a key replaced by an operator is
the one that signs next. Hazard: whoever can read the private key can sign a rewritten chain;
keep CONTINGENT_HOME off shared volumes and back the key up offline.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import transaction
from django.utils import timezone

from contingent.core.errors import LedgerBroken
from contingent.core.ledger import (
    Checkpoint,
    export_chain,
    public_key_from_pem,
    public_key_to_pem,
    sign_checkpoint,
)
from contingent.core.ledger import LedgerEntry as CoreEntry
from contingent.web.core import keys as key_store
from contingent.web.core.ledger import iter_entries, verify_stored
from contingent.web.core.models import LedgerEntry, LedgerHead

from . import actions
from . import models as db

SIGNING_KEY_FILE = "ledger-signing-key.pem"
PUBLIC_KEY_FILE = "ledger-public-key.pem"


def key_dir() -> Path:
    return key_store.home_dir("ledger")


def signing_key() -> Ed25519PrivateKey:
    """The platform's ledger key, generated on first use."""
    return key_store.load_or_create(key_dir() / SIGNING_KEY_FILE, key_dir() / PUBLIC_KEY_FILE)


def public_key_pem() -> bytes:
    return public_key_to_pem(signing_key().public_key())


@transaction.atomic
def checkpoint_head() -> db.PublishedCheckpoint:
    """Sign the current head (read under the ledger lock, so no append slips in between),
    after verifying the stored chain: a broken chain is refused, never certified."""
    LedgerHead.objects.select_for_update().get_or_create(singleton=1)
    report = verify_stored()
    if not report.ok:
        raise LedgerBroken(
            "the stored ledger does not verify: no checkpoint signed",
            fields={f"entry #{report.first_bad_seq}": report.message},
        )
    last = LedgerEntry.objects.order_by("-seq").first()
    key = signing_key()
    head = (
        CoreEntry(**{f: getattr(last, f) for f in CoreEntry.__dataclass_fields__}) if last else None
    )
    checkpoint = sign_checkpoint(head, at=timezone.now(), signing_key=key)
    return actions.do_publish_checkpoint(checkpoint, key.public_key())


def latest_checkpoint() -> db.PublishedCheckpoint | None:
    return db.PublishedCheckpoint.objects.order_by("-seq", "-at", "-id").first()


def as_core(row: db.PublishedCheckpoint) -> Checkpoint:
    return Checkpoint(row.seq, row.head_hash, row.at, row.key_id, row.signature)


def export_public_chain(path: Path, row: db.PublishedCheckpoint | None = None) -> int:
    """Write the chain up to a published checkpoint (default: the latest) as JSON Lines.

    Entries appended after the checkpoint are left for the next one. Raises ValueError when the
    stored chain no longer ends where the checkpoint says (the export is then refused, not
    written: a tampered database is not published as if it were signed)."""
    row = row or latest_checkpoint() or checkpoint_head()
    public_key_from_pem(row.public_key_pem.encode("ascii"))  # refuses a malformed stored key
    entries = (e for e in iter_entries() if e.seq <= row.seq)
    return export_chain(entries, as_core(row), Path(path))
