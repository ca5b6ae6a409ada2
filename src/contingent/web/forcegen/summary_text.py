"""The operation summary as plain text (CLI) — the dashboard renders the same ``Summary``."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from contingent.core.forcegen.summary import Summary

ILLUSTRATIVE = "[yellow](illustrative)[/yellow]"


def _stance(level: object) -> str:
    return str(getattr(level, "value", "—")).replace("_", " ")


def print_summary(summary: Summary, console: Console) -> None:
    """Every text from the records is escaped: rich would read ``[...]`` in it as markup (and
    stop with an error at a stray closing tag)."""
    console.rule(f"[bold]{escape(summary.operation)}")
    console.print(
        f"{escape(summary.resolution)} · framework: {summary.framework.replace('_', ' ')}"
        f" · as of {summary.as_of}"
    )

    console.print("\n[bold]Contributors: latest stance, stated conditions, source[/bold]")
    for c in summary.contributors:
        when = f" since {c.stated_on}" if c.stated_on else ""
        console.print(f"[bold]{escape(c.name)} ({c.code})[/bold] — {_stance(c.level)}{when}")
        if c.speaker:
            console.print(f"    {escape(c.speaker)}: {escape(c.summary)}", overflow="fold")
        for text, met, said in c.conditions:
            mark = "[green]✔ met[/green]  " if met else "[red]✘ unmet[/red]"
            console.print(f"    condition {mark} {escape(text)} [dim](stated {escape(said)})[/dim]")
        console.print(f"    source: {escape(c.source) or '—'}", overflow="fold")
    console.print()

    t = Table(title="Force composition: personnel required vs pledged vs committed")
    for col in ("Unit type", "Requirements", "Required", "Pledged", "Committed", ""):
        t.add_column(
            col, justify="right" if col in ("Required", "Pledged", "Committed") else "left"
        )
    for line in summary.composition:
        t.add_row(
            escape(line.unit_type.replace("_", " ")),
            escape(", ".join(line.requirements)),
            f"{line.required:,}",
            f"{line.pledged:,}",
            f"{line.committed:,}",
            ILLUSTRATIVE if line.illustrative else "",
        )
    console.print(t)
    console.print(
        "[yellow]Requirements and unit-level pledges are illustrative: no public source gives them."
        " Committed = pledged by a contributor whose latest stance is 'committed'.[/yellow]"
    )

    t = Table(
        title=f"Is this force ready to deploy? {summary.gates_met} of {len(summary.gates)} gates met"
    )
    for col in ("Gate", "Met", "Evidence"):
        t.add_column(col, overflow="fold")
    for g in summary.gates:
        met = "[green]met[/green]" if g.met else f"[red]unmet[/red] ({escape(g.code)})"
        t.add_row(escape(g.title), met, escape(g.evidence))
    console.print(t)

    for code, reasons in summary.blockers.items():
        name = escape(next((c.name for c in summary.contributors if c.code == code), code))
        if not reasons:
            console.print(
                f"[green]{name} ({code}) may move to committed: every gate is met.[/green]"
            )
            continue
        t = Table(title=f"What blocks {name} ({code}) from moving to 'committed'")
        for col in ("Code", "Missing", "Evidence", "Source"):
            t.add_column(col, overflow="fold")
        for r in reasons:
            t.add_row(*(escape(x) for x in (r.code, r.message, r.evidence, r.source)))
        console.print(t)
