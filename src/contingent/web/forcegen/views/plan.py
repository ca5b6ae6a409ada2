"""The sourcing plan page: assignment, every gap explained, the FOC forecast, what-ifs.

The plan reads every pledge, restricted ones included, so only the planner and the auditor may
open it. A what-if is a GET (nothing is written): its parameters are validated like any input
and errors are shown next to the field.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from contingent.core.errors import ValidationError
from contingent.core.forcegen.whatif_spec import FIELDS_BY_KIND, change_from_dict
from contingent.core.sourcing.export import TABLES, plan_csv
from contingent.core.sourcing.sectors import coverage_by_sector
from contingent.web.accounts.decorators import role_required
from contingent.web.accounts.roles import Role
from contingent.web.forcegen import access
from contingent.web.forcegen.planning import PlanView, plan_operation

WHATIF_FIELDS = ("kind",) + tuple(
    dict.fromkeys(f for fields in FIELDS_BY_KIND.values() for f in fields)
)
CHART_W, CHART_H, PAD = 640, 220, 36


def forecast_chart(view: PlanView) -> dict[str, Any] | None:
    """Coordinates of the coverage-by-date chart (mean line, P50 and P90 lines, FOC threshold)."""
    f = view.forecast
    if f is None or not f.coverage_by_date:
        return None
    pts = f.coverage_by_date
    first, last = pts[0].on.toordinal(), pts[-1].on.toordinal()
    span = max(1, last - first)

    def x(day_ordinal: int) -> float:
        return round(PAD + (CHART_W - 2 * PAD) * (day_ordinal - first) / span, 1)

    def y(share: float) -> float:
        return round(CHART_H - PAD - (CHART_H - 2 * PAD) * share, 1)

    def line(attr: str) -> str:
        return " ".join(f"{x(p.on.toordinal())},{y(getattr(p, attr))}" for p in pts)

    return {
        "w": CHART_W,
        "h": CHART_H,
        "mean": line("mean"),
        "foc": line("foc_probability"),
        "p50": line("p50"),
        "p90": line("p90"),
        "threshold_y": y(f.foc_coverage),
        "x0": PAD,
        "x1": CHART_W - PAD,
        "y0": y(0.0),
        "y1": y(1.0),
        "first": pts[0].on,
        "last": pts[-1].on,
    }


@role_required(Role.PLANNER, Role.AUDITOR)
def plan_page(request: HttpRequest, key: str) -> HttpResponse:
    op = access.access_plan_by_operation(
        request.user, access.access_operation_by_key(request.user, key)
    )
    whatif = {k: request.GET.get(k, "").strip() for k in WHATIF_FIELDS}
    errors: dict[str, str] = {}
    changes = []
    if whatif["kind"]:
        try:
            changes = [change_from_dict({k: v for k, v in whatif.items() if v}, "whatif")]
        except ValidationError as exc:
            errors = {k.removeprefix("whatif."): v for k, v in exc.fields.items()}
    try:
        view = plan_operation(op, changes=changes, forecast_runs=500)
    except ValidationError as exc:  # the core refused the what-if (unknown contributor, …)
        errors = {k.split(".")[-1]: v for k, v in exc.fields.items()} or {"kind": exc.message}
        view = plan_operation(op, forecast_runs=500)
    status = 422 if errors else 200
    return render(
        request,
        "forcegen/plan.html",
        {
            "op": op,
            "view": view,
            "plan": view.plan.as_dict(),
            "chart": forecast_chart(view),
            "sectors": _sectors(op, view),
            "whatif": whatif,
            "errors": errors,
        },
        status=status,
    )


def _sectors(op: Any, view: PlanView) -> dict[str, Any]:
    """Rows of the coverage-by-sector table, and the shares the map shades by (JSON)."""
    rows = [
        {**c.as_dict(), "name": op.sectors.get(c.sector, c.sector), "percent": round(100 * c.share)}
        for c in coverage_by_sector(view.problem, view.plan)
    ]
    shares = {
        r["sector"]: {
            "share": r["share"],
            "label": f"{r['name']}: {r['percent']} % ({r['filled_units']}/{r['asked_units']})",
        }
        for r in rows
    }
    return {"rows": rows, "json": json.dumps(shares, sort_keys=True)}


@role_required(Role.PLANNER, Role.AUDITOR)
def plan_table_csv(request: HttpRequest, key: str, table: str) -> HttpResponse:
    """Today's plan as CSV: ``assignments.csv`` or ``gaps.csv`` (core/sourcing/export.py)."""
    if table not in TABLES:
        raise Http404(f"no plan table {table!r}")
    op = access.access_plan_by_operation(
        request.user, access.access_operation_by_key(request.user, key)
    )
    view = plan_operation(op, forecast_runs=0)
    body = plan_csv(view.plan, table, illustrative=view.illustrative)
    response = HttpResponse(body.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{op.key}-plan-{table}-{view.as_of.isoformat()}.csv"'
    )
    return response
