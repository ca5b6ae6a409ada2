"""Plain-text rendering of a plan for the CLI and logs (no colours, fixed-width columns)."""

from __future__ import annotations

from .result import PlanResult


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    lines = [_row(header, widths), _row(["-" * w for w in widths], widths)]
    return lines + [_row(r, widths) for r in rows]


def format_plan_table(result: PlanResult) -> str:
    """The plan as text: a status line, coverage per requirement, gaps with reasons, bindings."""
    bound = f"{result.bound:,.0f}" if result.bound == result.bound else "-"
    lines = [
        f"Status: {result.status} ({result.method}) - {result.message}",
        f"Objective {result.objective:,.0f} points, bound {bound}, gap {result.gap:.4%}, "
        f"{result.seconds:.2f} s",
        "",
    ]
    arrivals = {a.unit_id: a.arrives.isoformat() for a in result.assignments}
    rows = [
        [
            c.requirement_id,
            c.unit_type,
            str(c.priority),
            f"{c.filled}/{c.quantity}",
            ", ".join(f"{u} ({arrivals[u]})" for u in c.unit_ids) or "-",
        ]
        for c in result.coverage
    ]
    lines += _table(["requirement", "type", "prio", "filled", "units (arrival)"], rows)
    if result.gaps:
        lines += ["", "Gaps:"]
        for g in result.gaps:
            lines.append(f"  {g.requirement_id} ({g.unit_type}): {g.missing} missing")
            lines += [f"    [{r.code}] {r.message}" for r in g.reasons]
    if result.binding:
        lines += ["", "Binding constraints:"]
        lines += [f"  {b.name}: {b.used:,.0f} of {b.limit:,.0f}" for b in result.binding]
    return "\n".join(lines) + "\n"
