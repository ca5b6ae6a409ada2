"""Signed checkpoints: an Ed25519 signature over the head of the chain at one moment.

Checkpoint encoding, version 1 (``contingent-ledger-checkpoint-v1``)::

    signed_bytes = CHECKPOINT_TAG || u64(seq) || str(head_hash) || i64(at_us) || str(key_id)
    signature    = Ed25519(private_key, signed_bytes), written as 128 lowercase hex characters

with ``u64``, ``i64``, ``str`` and ``at_us`` as in the entry encoding (``chain``), and
``CHECKPOINT_TAG`` the ASCII bytes ``contingent-ledger-checkpoint-v1`` and a newline. ``seq`` is
the last entry covered (0 for an empty chain, whose ``head_hash`` is ``GENESIS_HASH``).
``key_id`` is the first 16 hex characters of SHA-256 over the 32 raw bytes of the public key; it
names the key, the signature is what proves it.

Keys are stored as PEM: the private key as PKCS#8 (optionally encrypted with a password), the
public key as SubjectPublicKeyInfo, which is what ``openssl pkey -pubout`` prints.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .chain import GENESIS_HASH, LedgerEntry, _text, at_microseconds

CHECKPOINT_TAG = b"contingent-ledger-checkpoint-v1\n"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int
    head_hash: str
    at: datetime
    key_id: str
    signature: str


def generate_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def key_id(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """First 16 hex of the SHA-256 of the raw public key: names the key without revealing more.

    The notification receipts (``core.access.receipts``) use this same id and PEM helpers; they
    live here because this package must stay copyable on its own (the standalone verifier).
    """
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def checkpoint_preimage(*, seq: int, head_hash: str, at: datetime, key_id: str) -> bytes:
    return b"".join(
        (
            CHECKPOINT_TAG,
            seq.to_bytes(8, "big"),
            _text(head_hash),
            at_microseconds(at).to_bytes(8, "big", signed=True),
            _text(key_id),
        )
    )


def sign_checkpoint(
    head: LedgerEntry | None, *, at: datetime, signing_key: Ed25519PrivateKey
) -> Checkpoint:
    """Sign the chain whose last entry is ``head`` (None: the empty chain).

    Precondition: ``head`` was read under the ledger lock or from a verified chain; signing a
    head nobody verified only certifies whatever is stored.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("naive datetime: checkpoints carry aware UTC datetimes only")
    seq, head_hash = (0, GENESIS_HASH) if head is None else (head.seq, head.entry_hash)
    kid = key_id(signing_key.public_key())
    at_utc = at.astimezone(UTC)
    message = checkpoint_preimage(seq=seq, head_hash=head_hash, at=at_utc, key_id=kid)
    return Checkpoint(seq, head_hash, at_utc, kid, signing_key.sign(message).hex())


def checkpoint_problem(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> str | None:
    """Why ``checkpoint`` is not a valid signature by ``public_key``, or None when it is."""
    expected_id = key_id(public_key)
    if checkpoint.key_id != expected_id:
        return f"checkpoint names key {checkpoint.key_id!r}, the given public key is {expected_id}"
    try:
        signature = bytes.fromhex(checkpoint.signature)
        if signature.hex() != checkpoint.signature:
            return "checkpoint signature is not lowercase hex"
        message = checkpoint_preimage(
            seq=checkpoint.seq, head_hash=checkpoint.head_hash, at=checkpoint.at, key_id=expected_id
        )
        public_key.verify(signature, message)
    except InvalidSignature:
        return "checkpoint signature does not match its contents and the public key"
    except (TypeError, ValueError, OverflowError, AttributeError) as exc:
        return f"checkpoint is malformed: {exc}"
    return None


def verify_checkpoint(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> bool:
    return checkpoint_problem(checkpoint, public_key) is None


def private_key_to_pem(key: Ed25519PrivateKey, password: bytes | None = None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def public_key_to_pem(key: Ed25519PublicKey | Ed25519PrivateKey) -> bytes:
    """SubjectPublicKeyInfo PEM of the public half (a private key is reduced to it)."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def private_key_from_pem(data: bytes, password: bytes | None = None) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(data, password=password)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"not an Ed25519 private key: {type(key).__name__}")
    return key


def public_key_from_pem(data: bytes) -> Ed25519PublicKey:
    """Load an Ed25519 public key; a private key PEM is refused (publish the public half)."""
    if b"PRIVATE KEY" in data:
        raise ValueError("this is a private key; give the verifier the public key PEM")
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"not an Ed25519 public key: {type(key).__name__}")
    return key


def save_signing_key(key: Ed25519PrivateKey, path: Path, password: bytes | None = None) -> None:
    """Write the private key readable by its owner only (created 0600, never widened)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_key_to_pem(key, password))


def load_signing_key(path: Path, password: bytes | None = None) -> Ed25519PrivateKey:
    return private_key_from_pem(Path(path).read_bytes(), password)


def save_public_key(key: Ed25519PublicKey, path: Path) -> None:
    Path(path).write_bytes(public_key_to_pem(key))


def load_public_key(path: Path) -> Ed25519PublicKey:
    return public_key_from_pem(Path(path).read_bytes())
