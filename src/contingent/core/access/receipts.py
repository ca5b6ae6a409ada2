"""Signed receipts for notification versions (Ed25519), verifiable offline with the public key.

A receipt says what the platform received (notification id, version, the canonical payload and
its SHA-256), when, and under which platform key. The receipt *file* is self-contained:

    {"algorithm": "Ed25519", "receipt": {...}, "signature": "<128 lowercase hex>"}

written as canonical JSON (:mod:`contingent.core.canonical`) plus one newline. The signature
covers ``canonical_json(receipt)``. Verification refuses a file whose bytes are not exactly that
canonical form, so **any modified byte fails** — including changes JSON would otherwise ignore
(whitespace, key order, ``\\u`` escapes, hex case), which a signature over parsed content alone
would let through.

Command line (wired by the integrator as ``contingent receipt verify``)::

    python -m contingent.core.access.receipts verify RECEIPT.json PUBLIC_KEY.pem
    python -m contingent.core.access.receipts keygen PRIVATE.pem PUBLIC.pem
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from contingent.core.canonical import canonical_json, iso_utc, payload_hash
from contingent.core.errors import ErrorCode, ValidationError

# The one definition of the key helpers is the ledger's (it must stay self-contained); they are
# also imported from here by web.access.keys and the CLI.
from contingent.core.ledger.checkpoint import generate_signing_key, key_id
from contingent.core.ledger.checkpoint import private_key_to_pem as private_key_pem
from contingent.core.ledger.checkpoint import public_key_to_pem as public_key_pem

RECEIPT_FORMAT = "contingent-receipt/1"


def write_key_pair(private_path: Path, public_path: Path) -> Ed25519PrivateKey:
    """Create a key pair; the private file is created with mode 0600 and never overwritten."""
    key = generate_signing_key()
    with open(private_path, "xb", opener=lambda p, f: os.open(p, f, 0o600)) as fh:
        fh.write(private_key_pem(key))
    Path(public_path).write_bytes(public_key_pem(key))
    return key


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError(
            "not an Ed25519 private key", code=ErrorCode.BAD_SIGNATURE, fields={"key": "type"}
        )
    return key


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise ValidationError(
            "not a PEM public key", code=ErrorCode.BAD_SIGNATURE, fields={"key": "pem"}
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ValidationError(
            "not an Ed25519 public key", code=ErrorCode.BAD_SIGNATURE, fields={"key": "type"}
        )
    return key


def build_receipt(
    notification_id: str,
    version: int,
    payload: Any,
    received_at: datetime,
    key: Ed25519PrivateKey,
    *,
    include_payload: bool = True,
) -> dict[str, Any]:
    """The signed receipt file content (a dict; write it with :func:`receipt_bytes`).

    ``payload`` is the canonical JSON value of the notification version (the same value whose
    SHA-256 the ledger records). ``include_payload=False`` leaves only the hash, for receipts
    handed to parties who must not see the content.
    """
    body: dict[str, Any] = {
        "format": RECEIPT_FORMAT,
        "notification_id": notification_id,
        "version": version,
        "sha256": payload_hash(payload),
        "received_at": iso_utc(received_at),
        "platform_key_id": key_id(key),
    }
    if include_payload:
        body["payload"] = payload
    return {
        "algorithm": "Ed25519",
        "receipt": body,
        "signature": key.sign(canonical_json(body)).hex(),
    }


def receipt_bytes(receipt: dict[str, Any]) -> bytes:
    return canonical_json(receipt) + b"\n"


def write_receipt_file(path: Path, receipt: dict[str, Any]) -> None:
    Path(path).write_bytes(receipt_bytes(receipt))


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    reason: str  # "valid" or a stable reason code
    message: str
    receipt: dict[str, Any] | None = None


def _fail(reason: str, message: str) -> VerifyResult:
    return VerifyResult(False, reason, message)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def verify_receipt_bytes(data: bytes, public_key_pem_bytes: bytes) -> VerifyResult:
    """Check a receipt file's exact bytes against a public key (PEM). Never raises on bad input."""
    try:
        pub = load_public_key(public_key_pem_bytes)
    except ValidationError as exc:
        return _fail("bad_public_key", exc.message)
    try:
        doc = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError):
        return _fail("not_json", "the receipt file is not valid UTF-8 JSON")
    if (
        not isinstance(doc, dict)
        or set(doc) != {"algorithm", "receipt", "signature"}
        or doc["algorithm"] != "Ed25519"
    ):
        return _fail("bad_format", "not a Contingent receipt (keys or algorithm)")
    if receipt_bytes(doc) != data:
        return _fail(
            "not_canonical", "the file is not byte-for-byte the canonical form that was signed"
        )
    body, sig = doc["receipt"], doc["signature"]
    if (
        not isinstance(body, dict)
        or not isinstance(sig, str)
        or len(sig) != 128
        or sig != sig.lower()
    ):
        return _fail("bad_format", "malformed receipt body or signature")
    try:
        pub.verify(bytes.fromhex(sig), canonical_json(body))
    except (InvalidSignature, ValueError):
        return _fail("bad_signature", "the signature does not match this public key and content")
    if body.get("platform_key_id") != key_id(pub):
        return _fail("wrong_key", "signed by this key but naming another key id")
    if "payload" in body and payload_hash(body["payload"]) != body.get("sha256"):
        return _fail("hash_mismatch", "the payload does not hash to the receipt's sha256")
    return VerifyResult(True, "valid", "signature valid", body)


def verify_receipt_file(path: Path | str, public_key: bytes | Path | str) -> VerifyResult:
    """``public_key`` is PEM bytes or a path to a PEM file."""
    pem = public_key if isinstance(public_key, bytes) else Path(public_key).read_bytes()
    return verify_receipt_bytes(Path(path).read_bytes(), pem)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) == 3 and args[0] == "verify":
        result = verify_receipt_file(args[1], Path(args[2]))
        if result.ok and result.receipt:
            r = result.receipt
            print(
                f"VALID: notification {r['notification_id']} version {r['version']} sha256 {r['sha256']} received {r['received_at']} (key {r['platform_key_id']})"
            )
            return 0
        print(f"INVALID ({result.reason}): {result.message}")
        return 1
    if len(args) == 3 and args[0] == "keygen":
        key = write_key_pair(Path(args[1]), Path(args[2]))
        print(f"key id {key_id(key)}: private {args[1]} (keep it secret), public {args[2]}")
        return 0
    print(
        "usage: receipts verify RECEIPT.json PUBLIC_KEY.pem | receipts keygen PRIVATE.pem PUBLIC.pem",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
