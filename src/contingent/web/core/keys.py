"""The one store of the platform's Ed25519 key pairs under ``CONTINGENT_HOME``.

Two keys live here, each in its own folder: the notification-receipt key (``keys/``, see
``web.access.keys``) and the ledger checkpoint key (``ledger/``, see
``web.transparency.ledger_public``); beside the latter, the secret of the ledger's pseudonyms. Folders are created 0700; a private key file is created
0600 with an exclusive create and never overwritten, and a widened mode is narrowed back.

Hazards: two processes (two gunicorn workers, a worker and the CLI) may both find no key at
start; the exclusive create lets exactly one win and the other reads the winner's key (retrying
briefly while the winner is still writing). The public key is always re-derived from the
private one, so a missing or stale public file is rewritten rather than trusted. Whoever can
read a private key can sign in the platform's name: keep CONTINGENT_HOME off shared volumes.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contingent.core.ledger.checkpoint import (
    generate_signing_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_to_pem,
)
from contingent.core.ledger.pseudonym import SECRET_BYTES


def home_dir(name: str) -> Path:
    """``CONTINGENT_HOME/<name>``, created owner-only on first use."""
    from django.conf import settings

    path = Path(settings.HOME) / name
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def load_or_create(private_path: Path, public_path: Path) -> Ed25519PrivateKey:
    """The key pair at these paths, generated on first use (see the hazards above)."""
    if not private_path.exists():
        with contextlib.suppress(FileExistsError):  # another process created it first
            _create(private_path)
    if private_path.stat().st_mode & 0o077:
        os.chmod(private_path, 0o600)
    key = _read_private(private_path)
    pem = public_key_to_pem(key)
    if not public_path.exists() or public_path.read_bytes() != pem:
        public_path.write_bytes(pem)
    return key


def _create(private_path: Path) -> None:
    opener = lambda p, f: os.open(p, f, 0o600)  # noqa: E731 - created owner-only, not chmod-ed after
    with open(private_path, "xb", opener=opener) as fh:
        fh.write(private_key_to_pem(generate_signing_key()))


def _read_private(path: Path) -> Ed25519PrivateKey:
    # The winner of the creation race may still be writing: retry briefly before giving up.
    for _ in range(50):
        try:
            return private_key_from_pem(path.read_bytes())
        except ValueError:
            time.sleep(0.02)
    return private_key_from_pem(path.read_bytes())


# ------------------------------------------------------------------ ledger pseudonym secret

_SECRETS: dict[Path, bytes] = {}


def ledger_pseudonym_secret() -> bytes:
    """The HMAC secret behind the ledger's pseudonyms (core/ledger/pseudonym.py), 32 random
    bytes in ``CONTINGENT_HOME/ledger/pseudonym.secret``, created 0600 on first use with the
    same exclusive create as the key pairs. Losing it does not break verification, but new
    pseudonyms of a record would no longer match its old ones."""
    path = home_dir("ledger") / "pseudonym.secret"
    if path in _SECRETS:
        return _SECRETS[path]
    if not path.exists():
        opener = lambda p, f: os.open(p, f, 0o600)  # noqa: E731
        with contextlib.suppress(FileExistsError), open(path, "xb", opener=opener) as fh:
            fh.write(os.urandom(SECRET_BYTES))
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    for _ in range(50):  # the winner of a creation race may still be writing
        secret = path.read_bytes()
        if len(secret) >= SECRET_BYTES:
            break
        time.sleep(0.02)
    _SECRETS[path] = secret
    return secret
