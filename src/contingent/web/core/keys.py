"""The one store of the platform's Ed25519 key pairs under ``CONTINGENT_HOME``.

Two keys live here, each in its own folder: the notification-receipt key (``keys/``, see
``web.access.keys``) and the ledger checkpoint key (``ledger/``, see
``web.transparency.ledger_public``); beside the latter, the secret of the ledger's pseudonyms.
Folders are created 0700; a private key file is created 0600 with an exclusive create and never
overwritten, and a widened mode is narrowed back.

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

from contingent.core.errors import LedgerBroken
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

PSEUDONYM_SECRET_FILE = "pseudonym.secret"
_SECRETS: dict[Path, bytes] = {}


def ledger_pseudonym_secret(*, create: bool = True) -> bytes:
    """The HMAC secret behind the ledger's pseudonyms (core/ledger/pseudonym.py), 32 random
    bytes in ``CONTINGENT_HOME/ledger/pseudonym.secret``, created 0600 on first use unless
    ``create`` is false (then ``FileNotFoundError``). Read once per process.

    The chain verifies without it, but the names kept beside pseudonymous entries are checked
    with it, and a record gets the same pseudonym only under the same secret: losing it makes
    every stored name look altered, so it is backed up with the signing key, and a new one is
    not minted under a ledger that already holds pseudonyms (``web.core.ledger``).

    Hazard: two processes may both find no secret. Each writes its own to a private temporary
    file and links it into place; the link fails for all but one, so a reader never sees a
    partly written secret and every process uses the winner's."""
    path = home_dir("ledger") / PSEUDONYM_SECRET_FILE
    if path in _SECRETS:
        return _SECRETS[path]
    if not path.exists():
        if not create:
            raise FileNotFoundError(path)
        _create_secret(path)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)
    secret = path.read_bytes()
    if len(secret) < SECRET_BYTES:
        raise LedgerBroken(
            "the ledger's pseudonym secret is damaged: restore it from a backup",
            fields={"pseudonym_secret": f"{len(secret)} bytes, at least {SECRET_BYTES} needed"},
        )
    _SECRETS[path] = secret
    return secret


def _create_secret(path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(SECRET_BYTES))
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process linked its secret first
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
