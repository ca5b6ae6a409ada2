"""Standalone verifier: ``python -m contingent.core.ledger verify EXPORT KEY``.

Needs nothing but the export, the public key PEM, Python 3.11+ and the ``cryptography`` package:
this package imports nothing else (``append`` aside, which the verifier never loads). To run it
outside Contingent, copy the ``ledger`` folder anywhere under any name and run
``python -m <name> verify EXPORT KEY``.

Exit status: 0 the export is untouched (one line: count, head seq and hash, signing key);
1 it was tampered with (names the first bad entry and the kind of change); 2 the export or the
key cannot be read (says why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm

from .checkpoint import load_public_key
from .export import ExportUnreadable, format_at, read_checkpoint, verify_export

EXIT_OK, EXIT_TAMPERED, EXIT_UNREADABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m contingent.core.ledger",
        description="Verify a public Contingent ledger export against the ledger's public key.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify EXPORT (JSON Lines) with KEY (PEM)")
    verify.add_argument("export", type=Path, help="the exported chain (.jsonl)")
    verify.add_argument("key", type=Path, help="the ledger's Ed25519 public key (PEM)")
    return parser


def run_verify(export: Path, key: Path) -> int:
    try:
        public_key = load_public_key(key)
    except (OSError, ValueError, UnsupportedAlgorithm) as exc:
        print(f"error: cannot read public key {key}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        report = verify_export(export, public_key)
        checkpoint = read_checkpoint(export)
    except (OSError, ExportUnreadable) as exc:
        print(f"error: cannot read export {export}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if report.ok:
        print(
            f"OK: {report.count} entries, head seq {report.head_seq}, head hash "
            f"{report.head_hash}, signed by key {checkpoint.key_id} at {format_at(checkpoint.at)}"
        )
        return EXIT_OK
    where = f"first bad entry: seq {report.first_bad_seq}; " if report.first_bad_seq else ""
    print(f"TAMPERED ({report.problem}): {where}{report.message}")
    return EXIT_TAMPERED


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return run_verify(args.export, args.key)


if __name__ == "__main__":
    sys.exit(main())
