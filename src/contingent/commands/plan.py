"""``contingent plan``: the sourcing plan, every gap explained, the FOC forecast, what-ifs.

contingent plan [--json] [--csv DIR] [--method auto|highs-mip|greedy] [--time-limit 10]
                [--commit-more PAK:infantry_battalion:850[:UNITS[:LEVEL[:DATE]]]]
                [--raise-readiness PAK-INF-1:L2:2026-05-01] [--drop-requirement RAF-MP]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("plan", help="the sourcing plan, its gaps and the FOC forecast")
    p.add_argument("--operation", default=None)
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.add_argument(
        "--csv",
        type=Path,
        default=None,
        metavar="DIR",
        help="also write plan-assignments.csv and plan-gaps.csv into DIR (today's plan)",
    )
    p.add_argument("--method", default="auto", choices=["auto", "colgen", "highs-mip", "greedy"])
    p.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    p.add_argument("--forecast-runs", type=int, default=1000, help="Monte Carlo runs (0: none)")
    p.add_argument("--commit-more", action="append", default=[], metavar="CODE:TYPE:PERSONNEL")
    p.add_argument("--raise-readiness", action="append", default=[], metavar="PLEDGE:LEVEL:DATE")
    p.add_argument("--drop-requirement", action="append", default=[], metavar="REQUIREMENT")
    p.set_defaults(func=run)


def _changes(args: argparse.Namespace) -> list:
    from contingent.core.forcegen.whatif_spec import parse_cli_change

    out = []
    for kind, values in (
        ("commit_more", args.commit_more),
        ("raise_readiness", args.raise_readiness),
        ("drop_requirement", args.drop_requirement),
    ):
        for i, text in enumerate(values):
            out.append(parse_cli_change(kind, text, f"--{kind.replace('_', '-')}[{i}]"))
    return out


def run(args: argparse.Namespace) -> int:
    from contingent.cli import operation_row

    op = operation_row(args.operation)
    changes = _changes(args)
    if args.csv is not None:
        _csv_folder(args.csv)  # refused before the solve, not after it
    view = _solve(op, changes, args)
    if args.csv is not None:
        _write_csv(view, args.csv)
    if args.json:
        print(json.dumps(view.as_dict(), indent=2, ensure_ascii=False))
    else:
        from contingent import cli

        print_plan(view, cli.console)
    return 0


def _solve(op, changes, args):  # noqa: ANN001, ANN202
    from contingent.web.forcegen.planning import plan_operation

    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("planning", total=1.0)

        def progress(stage: str, fraction: float) -> None:
            bar.update(task, description=stage, completed=min(max(fraction, 0.0), 1.0))

        view = plan_operation(
            op,
            changes=changes,
            method=args.method,
            time_limit_s=args.time_limit,
            forecast_runs=args.forecast_runs,
            progress=progress,
        )
    return view


def print_plan(view, console: Console) -> None:  # noqa: ANN001
    from contingent.core.sourcing import format_plan_table

    console.rule(
        "[bold]Sourcing plan[/bold] [yellow](illustrative pledges and requirements)[/yellow]"
    )
    console.print(escape(format_plan_table(view.plan)), overflow="fold")
    days = view.parameters.get("deploy_days", {})
    console.print(
        f"[dim]deployment days by readiness {escape(json.dumps(days))}: "
        f"{escape(str(view.parameters.get('source', '')))}[/dim]"
    )
    if view.forecast:
        f = view.forecast
        console.print(
            f"Forecast of full operating capability (≥{f.foc_coverage:.0%} of priority-weighted "
            f"requirements, {f.runs} runs): P50 {f.foc_p50 or 'not reached'}, "
            f"P90 {f.foc_p90 or 'not reached'}, reached within the horizon in "
            f"{f.foc_probability:.0%} of runs"
        )
        for key, src in sorted(f.sources.items()):
            console.print(f"[dim]  {escape(key)}: {escape(src)}[/dim]")
    if view.diff is not None and view.whatif_plan is not None:
        d = view.diff
        console.rule("[bold]What-if[/bold]")
        console.print(escape(format_plan_table(view.whatif_plan)), overflow="fold")
        console.print(
            escape(
                f"coverage {d.coverage_share_before:.1%} → {d.coverage_share_after:.1%}; "
                f"added {', '.join(f'{u}→{r}' for u, r in d.added) or 'none'}; "
                f"removed {', '.join(f'{u}→{r}' for u, r in d.removed) or 'none'}; "
                f"gaps closed {', '.join(d.gaps_closed) or 'none'}; "
                f"opened {', '.join(d.gaps_opened) or 'none'}"
            )
        )


def _csv_folder(folder: Path) -> None:
    """Create ``--csv DIR`` if needed; a path that is a file or cannot be written is a coded
    error naming the option."""
    from contingent.core.errors import ValidationError

    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".contingent-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ValidationError(
            f"--csv: cannot write into {folder}: {exc.strerror}",
            fields={"--csv": f"{folder}: {exc.strerror}"},
        ) from None


def _write_csv(view, folder: Path) -> None:  # noqa: ANN001
    from contingent.core.sourcing.export import TABLES, plan_csv

    for table in TABLES:
        path = folder / f"plan-{table}.csv"
        path.write_text(plan_csv(view.plan, table, view.illustrative), encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
