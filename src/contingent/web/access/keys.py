"""The platform's Ed25519 receipt-signing key pair, kept under ``CONTINGENT_HOME/keys``.

Generated on first use; the private file is created with mode 0600 and never overwritten.
Hazard: two processes (two gunicorn workers) may both find no key at start; the exclusive
create (``open(..., "xb")`` in the core) lets exactly one win, the other reads the winner's key.
The public key is always re-derived from the private one, so a missing or stale public file is
rewritten rather than trusted.
"""

from __future__ import annotations

import contextlib
import time
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contingent.core.access import receipts

PRIVATE_NAME = "receipt-signing-ed25519.pem"
PUBLIC_NAME = "receipt-signing-ed25519.pub.pem"


def keys_dir() -> Path:
    from django.conf import settings

    d = Path(settings.HOME) / "keys"
    d.mkdir(mode=0o700, parents=True, exist_ok=True)
    return d


def public_key_path() -> Path:
    signing_key()
    return keys_dir() / PUBLIC_NAME


@lru_cache(maxsize=4)
def _load(private_path: Path) -> Ed25519PrivateKey:
    public_path = private_path.with_name(PUBLIC_NAME)
    if not private_path.exists():
        with contextlib.suppress(FileExistsError):  # another process created it first
            receipts.write_key_pair(private_path, public_path)
    key = _read_private(private_path)
    pem = receipts.public_key_pem(key)
    if not public_path.exists() or public_path.read_bytes() != pem:
        public_path.write_bytes(pem)
    return key


def _read_private(path: Path) -> Ed25519PrivateKey:
    # The winner of the creation race may still be writing: retry briefly before giving up.
    for _ in range(50):
        try:
            return receipts.load_private_key(path.read_bytes())
        except ValueError:
            time.sleep(0.02)
    return receipts.load_private_key(path.read_bytes())


def signing_key() -> Ed25519PrivateKey:
    return _load(keys_dir() / PRIVATE_NAME)


def public_key_pem() -> bytes:
    return receipts.public_key_pem(signing_key())
