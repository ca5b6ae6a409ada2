"""Humanitarian-access commands.

contingent deconflict [--operation KEY] [--day YYYY-MM-DD] [--json] [--store]
    bulk deconfliction of everything in force (or one UTC day's plan), with a progress bar
contingent receipt verify RECEIPT.json PUBLIC_KEY.pem
    offline check of a signed receipt: exit 0 valid, 1 invalid, 2 unreadable
contingent import sites FILE.geojson|FILE.csv --organisation KEY [--boundaries PATH]
    protected sites from GeoJSON or CSV, all or nothing, with a row-level report
contingent keys
    where the platform's receipt-signing public key is (give it to anyone who verifies)
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from contingent.core.access.model import SiteCategory
from contingent.core.errors import ContingentError, ErrorCode

if TYPE_CHECKING:
    from contingent.web.access.actions.sites_import import ImportReport


def _console() -> Any:
    from contingent import cli

    return cli.console, cli.err_console


def _progress(disable: bool) -> Progress:
    return Progress(
        TextColumn("{task.description:<28}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=_console()[1],
        disable=disable,
        transient=False,
    )


def cmd_deconflict(args: argparse.Namespace) -> int:
    from contingent.core.access.engine import deconflict
    from contingent.web.access import convert, plan
    from contingent.web.access.actions import do_store_conflicts

    out, _ = _console()
    operation = None
    if args.operation:
        from contingent.cli import operation_row

        operation = operation_row(args.operation)
    day = date.fromisoformat(args.day) if args.day else None
    the_plan = plan.current_plan(operation, day)
    with _progress(disable=args.json) as bar:
        tasks: dict[str, Any] = {}

        def tick(label: str, fraction: float) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=1.0)
            bar.update(tasks[label], completed=fraction)

        conflicts = deconflict(the_plan, progress=tick)
    if args.store:
        do_store_conflicts(conflicts, f"bulk {args.day or 'all'}", actor="cli:deconflict")
    if args.json:
        print(
            json.dumps([convert.conflict_json(c) for c in conflicts], indent=2, ensure_ascii=False)
        )
        return 0
    sizes = (
        f"{len(the_plan.movements)} movements, {len(the_plan.sites)} sites, "
        f"{len(the_plan.zones)} zones, {len(the_plan.operations)} planned operations, "
        f"{len(the_plan.corridors)} corridors"
    )
    out.print(f"checked {sizes}: {len(conflicts)} conflict(s)")
    for c in conflicts:
        line = (
            f"  {c.kind}  {c.a.kind} {c.a.id}/v{c.a.version} × {c.b.kind} {c.b.id}/v{c.b.version}"
            f"  {c.distance_m:.0f} m  {c.overlap.start:%Y-%m-%d %H:%M}–{c.overlap.end:%H:%M}Z"
            f"{'  ' + c.detail if c.detail else ''}"
        )
        out.print(escape(line))  # keys and details are record text, not rich markup
    return 0


def cmd_receipt_verify(args: argparse.Namespace) -> int:
    from contingent.core.access.receipts import verify_receipt_bytes

    out, err = _console()
    try:
        data = Path(args.receipt).read_bytes()
        pem = Path(args.public_key).read_bytes()
    except OSError as exc:
        err.print(f"UNREADABLE: {exc}")
        return 2
    result = verify_receipt_bytes(data, pem)
    if result.reason in ("bad_public_key", "not_json"):
        err.print(f"UNREADABLE ({result.reason}): {result.message}")
        return 2
    if not result.ok or result.receipt is None:
        err.print(f"INVALID ({result.reason}): {result.message}")
        return 1
    r = result.receipt
    out.print(
        f"VALID: notification {r['notification_id']} version {r['version']} "
        f"sha256 {r['sha256']} received {r['received_at']} (platform key {r['platform_key_id']})"
    )
    return 0


IMPORT_ACTOR = "cli:import-sites"


def _import_organisation(key: str, name: str | None) -> tuple[Any, bool]:
    """(the organisation the sites are imported for, created?): created when ``name`` is given.
    The caller holds the import's transaction, so a refused file leaves no new organisation
    behind, and records a new one in the ledger after the import's own entries."""
    from contingent.web.accounts.actions import do_get_or_create_organisation
    from contingent.web.accounts.models import Organisation

    org, created = Organisation.objects.filter(key=key).first(), False
    if org is None and name:
        org, created = do_get_or_create_organisation(
            key, name, actor=IMPORT_ACTOR, record_now=False
        )
    if org is None:
        raise ContingentError(
            f"no organisation {key!r}",
            code=ErrorCode.UNKNOWN_REFERENCE,
            fields={"--organisation": f"{key} (add --organisation-name to create it)"},
        )
    return org, created


def cmd_import_sites(args: argparse.Namespace) -> int:
    from django.db import transaction

    from contingent.cli import migrate

    migrate()
    from contingent.web.accounts.actions import record_organisation

    with transaction.atomic():
        org, created = _import_organisation(args.organisation, args.organisation_name)
        report = _import_sites(args, Path(args.file).read_bytes(), org)
        if created:
            record_organisation(org, IMPORT_ACTOR)
    d = report.as_dict()
    _console()[0].print(
        f"imported {d['imported']} protected sites for {org.key} "
        f"({d['new_versions_of_existing']} new versions of existing ones); "
        f"{len(d['skipped_outside_area'])} rows outside the area skipped; boundaries {d['boundaries']}"
    )
    return 0


def _import_sites(args: argparse.Namespace, raw: bytes, org: Any) -> ImportReport:
    from contingent.web.access.actions import check_import_sites

    with _progress(disable=False) as bar:
        task = bar.add_task("storing sites", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = check_import_sites(
            raw,
            args.file.name,
            org,
            actor="cli:import",
            boundaries=str(args.boundaries) if args.boundaries else None,
            illustrative=args.illustrative,
            default_category=SiteCategory(args.default_category) if args.default_category else None,
            progress=tick,
        )
    return report


def cmd_keys(args: argparse.Namespace) -> int:
    from contingent.core.access.receipts import key_id
    from contingent.web.access import keys

    out, _ = _console()
    path = keys.public_key_path()
    out.print(f"receipt-signing public key: {path}")
    out.print(f"key id: {key_id(keys.signing_key())}")
    out.print("verify a receipt with: contingent receipt verify RECEIPT.json " + str(path))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    d = subparsers.add_parser("deconflict", help="bulk deconfliction with a progress bar")
    d.add_argument("--operation", default=None, help="only this operation's notifications/areas")
    d.add_argument(
        "--day", default=None, help="UTC day YYYY-MM-DD (movements and areas that touch it)"
    )
    d.add_argument("--json", action="store_true", help="conflicts as JSON on stdout")
    d.add_argument("--store", action="store_true", help="also store the conflicts found")
    d.set_defaults(func=cmd_deconflict)

    r = subparsers.add_parser("receipt", help="signed notification receipts")
    rsub = r.add_subparsers(dest="receipt_command", required=True)
    v = rsub.add_parser("verify", help="verify a receipt file offline with the public key")
    v.add_argument("receipt", type=Path)
    v.add_argument("public_key", type=Path)
    v.set_defaults(func=cmd_receipt_verify)

    i = subparsers.add_parser("import", help="import data files")
    isub = i.add_subparsers(dest="import_command", required=True)
    s = isub.add_parser("sites", help="protected sites from GeoJSON or CSV (all or nothing)")
    s.add_argument("file", type=Path)
    s.add_argument("--organisation", required=True, help="organisation key")
    s.add_argument("--organisation-name", default=None, help="create the organisation if new")
    s.add_argument("--boundaries", type=Path, default=None, help="admin-2 GeoJSON for P-codes")
    s.add_argument(
        "--default-category",
        default=None,
        choices=[c.value for c in SiteCategory],
        help="for rows with no category and no OSM health tag (amenity or healthcare=*)",
    )
    s.add_argument("--illustrative", action="store_true", help="flag the sites as illustrative")
    s.set_defaults(func=cmd_import_sites)

    k = subparsers.add_parser("keys", help="where the receipt-signing public key is")
    k.set_defaults(func=cmd_keys)
