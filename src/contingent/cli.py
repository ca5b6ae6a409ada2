"""The ``contingent`` command.

    contingent demo [--no-serve]        create the database, load the Gaza scenario, print the
                                        summary, then serve the web UI on 127.0.0.1:8000
    contingent load SCENARIO.toml       load a scenario file (all or nothing)
    contingent summary [--blockers PAK] the operation summary (text or --json)
    contingent serve                    serve the web UI (gunicorn)
    contingent ledger verify            verify the hash chain in the database
    contingent reset-password USERNAME  give a user a new generated password (printed once)

Errors print their stable code and where the problem is, and exit 2 (bad input) or 1 (a check
failed, e.g. a broken ledger).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from contingent.core.errors import ContingentError, ErrorCode, NotFound

DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "gaza-isf.toml"
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def _make_consoles() -> None:
    """Rich reads the terminal width when a console is made; when the output is piped (a log,
    a transcript) use a width that keeps codes and URLs whole."""
    global console, err_console
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "160"))
    console = Console(highlight=False, width=width)
    err_console = Console(stderr=True, highlight=False, width=width)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "contingent.web.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def operation_row(key: str | None):  # noqa: ANN202 - returns an ORM row
    """The operation ``key`` (default: the first loaded) for every command; a coded error, not a
    traceback, when there is none."""
    from contingent.web.forcegen.models import Operation

    qs = Operation.objects.all()
    op = qs.filter(key=key).first() if key else qs.order_by("id").first()
    if op is None and key:
        raise NotFound(
            f"no operation {key!r}",
            code=ErrorCode.UNKNOWN_REFERENCE,
            fields={"--operation": key},
        )
    if op is None:
        raise ContingentError(
            "no operation loaded: run `contingent demo` or `contingent load SCENARIO` first"
        )
    return op


def cmd_load(args: argparse.Namespace) -> int:
    from contingent.core.scenario import load_scenario
    from contingent.web.forcegen.actions import do_load_scenario

    migrate()
    scenario = load_scenario(args.scenario)
    op = do_load_scenario(scenario, actor="cli:load")
    console.print(
        f"loaded {op.key}: {len(scenario.statements)} statements, "
        f"{len(scenario.pledges)} pledges, {len(scenario.requirements)} requirements"
    )
    return 0


def _print_summary(op_key: str | None, blockers: Sequence[str], as_json: bool) -> None:
    from contingent.core.forcegen.summary import summarize
    from contingent.web.forcegen.convert import scenario_from_db
    from contingent.web.forcegen.serialize import summary_as_dict
    from contingent.web.forcegen.summary_text import print_summary

    op = operation_row(op_key)
    snap = scenario_from_db(op)
    from django.utils import timezone

    summary = summarize(snap, op.as_of or timezone.now().date(), blockers_for=tuple(blockers))
    if as_json:
        print(json.dumps(summary_as_dict(summary), indent=2, ensure_ascii=False))
    else:
        print_summary(summary, console)


def cmd_summary(args: argparse.Namespace) -> int:
    _print_summary(args.operation, [c for c in args.blockers.split(",") if c], args.json)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from contingent.core.scenario import load_scenario
    from contingent.web.forcegen.actions import do_load_scenario
    from contingent.web.forcegen.models import Operation

    migrate()
    scenario = load_scenario(args.scenario)
    if Operation.objects.filter(key=scenario.operation.key).exists():
        console.print(f"[dim]{scenario.operation.key} already loaded in {_where()}[/dim]")
    else:
        do_load_scenario(scenario, actor="cli:demo")
        console.print(f"[dim]created {_where()} and loaded {args.scenario}[/dim]")
    from contingent.web.access.demo import load_access_demo
    from contingent.web.transparency.demo import load_demo_for_all  # illustrative funding

    load_demo_for_all()
    load_access_demo(console)
    _print_summary(scenario.operation.key, ["PAK"], False)
    _print_demo_plan(scenario.operation.key)
    _print_demo_users()
    if args.no_serve:
        return 0
    if args.host in LOOPBACK:
        # The demo speaks plain HTTP. Chromium and Firefox treat http://127.0.0.1 and localhost
        # as secure contexts and keep Secure cookies there, but not every browser does: on
        # loopback only, drop the Secure flag so signing in works everywhere.
        os.environ["CONTINGENT_INSECURE_COOKIES"] = "1"
    return _serve(args.host, args.port, workers=1)


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _print_demo_plan(op_key: str) -> None:
    """The sourcing plan, its gaps and the FOC forecast for the demo operation."""
    from contingent.commands.plan import print_plan
    from contingent.web.forcegen.planning import plan_operation

    print_plan(
        plan_operation(operation_row(op_key), time_limit_s=10.0, forecast_runs=1000), console
    )


def _print_demo_users() -> None:
    """One user per role with a generated password, printed this once (only the Argon2 hash
    is stored). Users that already exist are not touched and their passwords not shown."""
    from contingent.web.accounts.demo import create_demo_users

    created = create_demo_users()
    if not created:
        console.print(
            "[dim]demo users already exist; passwords are shown only when created. "
            "New password: `contingent reset-password USERNAME`[/dim]"
        )
        return
    console.print("\ndemo users (passwords are shown once — note them now):")
    for u in created:
        bound = f" ({u.bound_to})" if u.bound_to else ""
        console.print(f"  {u.username:<14} {u.role.value + bound:<24} {escape(u.password)}")


def cmd_reset_password(args: argparse.Namespace) -> int:
    from contingent.web.accounts.demo import reset_password

    migrate()
    password = reset_password(args.username)
    console.print(f"new password for {escape(args.username)} (shown once): {escape(password)}")
    return 0


def _where() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return str(db["NAME"]) if "sqlite" in db["ENGINE"] else f"PostgreSQL database {db['NAME']}"


def _serve(host: str, port: int, workers: int) -> int:
    from django.core.management import call_command

    call_command("collectstatic", verbosity=0, interactive=False)
    console.print(f"serving the web UI on http://{host}:{port}/ (Ctrl-C to stop)")
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "contingent.web.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
    ]
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover - execv does not return


def cmd_serve(args: argparse.Namespace) -> int:
    migrate()
    return _serve(args.host, args.port, args.workers)


def cmd_ledger_verify(args: argparse.Namespace) -> int:
    from contingent.web.core.ledger import verify_stored

    report = verify_stored()
    if report.ok:
        console.print(
            f"ledger OK: {report.count} entries, head #{report.head_seq} {report.head_hash}"
        )
        return 0
    err_console.print(
        f"ledger BROKEN at entry #{report.first_bad_seq}: "
        f"{report.problem.value if report.problem else ''} — {report.message}"
    )
    return 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="contingent", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)

    d = sub.add_parser("demo", help="load the Gaza scenario, print the summary, serve the UI")
    d.add_argument("--no-serve", action="store_true", help="stop after the summary")
    d.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    d.add_argument("--host", default="127.0.0.1")
    d.add_argument("--port", type=int, default=8000)
    d.set_defaults(func=cmd_demo)

    ld = sub.add_parser("load", help="load a scenario file (all or nothing)")
    ld.add_argument("scenario", type=Path)
    ld.set_defaults(func=cmd_load)

    s = sub.add_parser("summary", help="print the operation summary")
    s.add_argument("--operation", default=None)
    s.add_argument("--blockers", default="PAK", help="comma-separated contributor codes")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_summary)

    sv = sub.add_parser("serve", help="serve the web UI")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--workers", type=int, default=2)
    sv.set_defaults(func=cmd_serve)

    rp = sub.add_parser("reset-password", help="give a user a new generated password")
    rp.add_argument("username")
    rp.set_defaults(func=cmd_reset_password)

    lg = sub.add_parser("ledger", help="the hash-chained ledger")
    lsub = lg.add_subparsers(dest="ledger_command", required=True)
    v = lsub.add_parser("verify", help="verify the chain stored in the database")
    v.set_defaults(func=cmd_ledger_verify)

    from contingent.commands import register_all

    register_all(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _make_consoles()
    _django()
    try:
        return int(args.func(args))
    except ContingentError as exc:
        err_console.print(f"[red]error[/red] \\[{exc.code}]: {escape(exc.message)}")
        for where, what in exc.fields.items():
            err_console.print(f"  {escape(where)}: {escape(what)}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
