"""A plan as CSV, the tables a planner hands on: one row per assignment, one row per reason a
requirement is short (a requirement with two reasons has two rows). Every row carries the
``illustrative`` flag of the data it was computed from (DESIGN.md: illustrative data is flagged
in the data, not only in the UI). RFC 4180, UTF-8, header row, ISO dates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from .result import PlanResult

ASSIGNMENT_COLUMNS = (
    "requirement_id",
    "unit_id",
    "contributor",
    "unit_type",
    "personnel",
    "women",
    "arrives",
    "needed_by",
    "points",
    "illustrative",
)
GAP_COLUMNS = (
    "requirement_id",
    "unit_type",
    "quantity",
    "filled",
    "missing",
    "reason_code",
    "reason",
    "illustrative",
)
TABLES = ("assignments", "gaps")


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP, "CSV
    Injection"); keys cannot start so (they start with a letter or digit), but reasons quote
    names that come from outside."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def assignments_csv(plan: PlanResult, illustrative: bool) -> str:
    flag = "true" if illustrative else "false"
    rows = [
        (
            a.requirement_id,
            a.unit_id,
            a.contributor,
            a.unit_type,
            a.personnel,
            a.women,
            a.arrives.isoformat(),
            a.needed_by.isoformat(),
            a.points,
            flag,
        )
        for a in sorted(plan.assignments, key=lambda a: (a.requirement_id, a.unit_id))
    ]
    return _csv(ASSIGNMENT_COLUMNS, rows)


def gaps_csv(plan: PlanResult, illustrative: bool) -> str:
    flag = "true" if illustrative else "false"
    rows: list[tuple[object, ...]] = []
    for g in plan.gaps:
        head = (g.requirement_id, g.unit_type, g.quantity, g.filled, g.missing)
        reasons = [(str(r.code), r.message) for r in g.reasons] or [("", "")]
        rows.extend((*head, code, message, flag) for code, message in reasons)
    return _csv(GAP_COLUMNS, rows)


def plan_csv(plan: PlanResult, table: str, illustrative: bool) -> str:
    """``table`` is one of ``TABLES``."""
    if table == "assignments":
        return assignments_csv(plan, illustrative)
    if table == "gaps":
        return gaps_csv(plan, illustrative)
    raise ValueError(f"no plan table {table!r}; one of {', '.join(TABLES)}")
