"""Transparency commands.

    contingent report --from YYYY-MM-DD --to YYYY-MM-DD --out DIR   HTML + PDF report
    contingent export {csv,hxl,geojson,json,iati,all} --out DIR      open data files
    contingent ledger checkpoint                                     sign the head, publish it
    contingent ledger export OUT.jsonl                               the public chain

``ledger checkpoint`` and ``ledger export`` join the existing ``ledger`` command of
``contingent.cli`` when it is there (found through argparse's registered sub-parsers), else
they are offered as ``ledger-public``.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from contingent.core.errors import ValidationError


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _console():  # noqa: ANN202
    from contingent import cli

    return cli.console


def cmd_report(args: argparse.Namespace) -> int:
    from contingent.cli import migrate, operation_row
    from contingent.web.transparency.report import write_report

    migrate()
    console = _console()
    with console.status("rendering the transparency report (HTML, then PDF)…"):
        files = write_report(operation_row(args.operation), args.start, args.end, args.out)
    console.print(f"wrote {files.html}")
    console.print(f"wrote {files.pdf}")
    console.print(f"built from ledger entry #{files.ledger_seq} {files.ledger_head_hash}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from contingent.cli import migrate, operation_row
    from contingent.web.transparency.exports import FORMATS, write_exports
    from contingent.web.transparency.public import build_public

    migrate()
    picture = build_public(operation_row(args.operation))
    formats = FORMATS if args.format == "all" else (args.format,)
    for fmt in formats:
        for path in write_exports(picture, fmt, args.out):
            _console().print(f"wrote {path}")
    return 0


def cmd_checkpoint(args: argparse.Namespace) -> int:
    from contingent.cli import migrate
    from contingent.web.transparency import ledger_public

    migrate()
    row = ledger_public.checkpoint_head()
    console = _console()
    console.print(
        f"checkpoint signed: entry #{row.seq} head {row.head_hash} key {row.key_id} "
        f"at {row.at.isoformat()}"
    )
    console.print(f"public key ({ledger_public.key_dir() / ledger_public.PUBLIC_KEY_FILE}):")
    print(row.public_key_pem, end="")
    if args.public_key_out:
        args.public_key_out.write_text(row.public_key_pem, encoding="ascii")
        console.print(f"wrote {args.public_key_out}")
    return 0


def cmd_ledger_export(args: argparse.Namespace) -> int:
    from contingent.cli import migrate
    from contingent.web.transparency import ledger_public

    migrate()
    row = ledger_public.latest_checkpoint()
    if row is None or args.checkpoint:
        row = ledger_public.checkpoint_head()
    try:
        count = ledger_public.export_public_chain(args.out, row)
    except ValueError as exc:
        raise ValidationError(
            "the stored chain does not end where the checkpoint says", fields={"ledger": str(exc)}
        ) from None
    _console().print(f"wrote {args.out}: {count} entries up to #{row.seq}, key {row.key_id}")
    if args.public_key_out:
        args.public_key_out.write_text(row.public_key_pem, encoding="ascii")
        _console().print(f"wrote {args.public_key_out}")
    return 0


def _ledger_subparsers(subparsers: argparse._SubParsersAction):  # type: ignore[type-arg]  # noqa: ANN202
    ledger = subparsers.choices.get("ledger")
    if ledger is not None:
        for action in ledger._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
    group = subparsers.add_parser("ledger-public", help="sign and export the public ledger")
    return group.add_subparsers(dest="ledger_public_command", required=True)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    r = subparsers.add_parser("report", help="write the transparency report (HTML and PDF)")
    r.add_argument("--from", dest="start", type=_day, required=True)
    r.add_argument("--to", dest="end", type=_day, required=True)
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--operation", default=None)
    r.set_defaults(func=cmd_report)

    e = subparsers.add_parser("export", help="write the public open data files")
    e.add_argument("format", choices=("csv", "hxl", "geojson", "json", "iati", "all"))
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--operation", default=None)
    e.set_defaults(func=cmd_export)

    lsub = _ledger_subparsers(subparsers)
    c = lsub.add_parser("checkpoint", help="sign the current head with the platform key")
    c.add_argument("--public-key-out", type=Path, default=None)
    c.set_defaults(func=cmd_checkpoint)
    x = lsub.add_parser("export", help="export the public chain up to the latest checkpoint")
    x.add_argument("out", type=Path)
    x.add_argument("--checkpoint", action="store_true", help="sign a fresh checkpoint first")
    x.add_argument("--public-key-out", type=Path, default=None)
    x.set_defaults(func=cmd_ledger_export)
