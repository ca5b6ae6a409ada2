"""The platform's Ed25519 receipt-signing key pair, kept under ``CONTINGENT_HOME/keys`` by the
one key store (``web.core.keys``: created on first use, 0600, never overwritten, safe against
two processes creating it at once). Cached per process: a receipt is signed on every notify."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contingent.core.access import receipts
from contingent.web.core import keys as key_store

PRIVATE_NAME = "receipt-signing-ed25519.pem"
PUBLIC_NAME = "receipt-signing-ed25519.pub.pem"


def keys_dir() -> Path:
    return key_store.home_dir("keys")


def public_key_path() -> Path:
    signing_key()
    return keys_dir() / PUBLIC_NAME


@lru_cache(maxsize=4)
def _load(private_path: Path) -> Ed25519PrivateKey:
    return key_store.load_or_create(private_path, private_path.with_name(PUBLIC_NAME))


def signing_key() -> Ed25519PrivateKey:
    return _load(keys_dir() / PRIVATE_NAME)


def public_key_pem() -> bytes:
    return receipts.public_key_pem(signing_key())
