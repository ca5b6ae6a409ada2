"""Force-generation pages. Thin: load, call the core, render."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from contingent.core.forcegen.summary import Summary, summarize

from .convert import scenario_from_db
from .models import Operation

BLOCKERS_SHOWN = ("PAK",)


def summary_as_dict(s: Summary) -> dict[str, Any]:
    return {
        "operation": s.operation,
        "framework": s.framework,
        "resolution": s.resolution,
        "as_of": s.as_of.isoformat(),
        "contributors": [
            {
                "code": c.code,
                "name": c.name,
                "stance": c.level.value if c.level else None,
                "stated_on": c.stated_on.isoformat() if c.stated_on else None,
                "speaker": c.speaker,
                "summary": c.summary,
                "conditions": [
                    {"text": t, "met": met, "stated": said} for t, met, said in c.conditions
                ],
                "source": c.source,
                "pledged_personnel": c.pledged_personnel,
                "illustrative_pledges": c.illustrative_pledges,
            }
            for c in s.contributors
        ],
        "composition": [
            {
                "unit_type": line.unit_type,
                "requirements": list(line.requirements),
                "required": line.required,
                "pledged": line.pledged,
                "committed": line.committed,
                "illustrative": line.illustrative,
            }
            for line in s.composition
        ],
        "gates": [g.as_dict() for g in s.gates],
        "blockers": {k: [r.as_dict() for r in v] for k, v in s.blockers.items()},
    }


def _bars(s: Summary) -> list[dict[str, Any]]:
    """Bar widths (percent of the largest value) for the server-rendered SVG chart."""
    top = max([1] + [max(x.required, x.pledged) for x in s.composition])
    return [
        {
            "line": x,
            "label": x.unit_type.replace("_", " "),
            "required_pct": round(100 * x.required / top, 1),
            "pledged_pct": round(100 * x.pledged / top, 1),
            "committed_pct": round(100 * x.committed / top, 1),
        }
        for x in s.composition
    ]


def dashboard(request: HttpRequest, key: str | None = None) -> HttpResponse:
    op = (
        Operation.objects.filter(key=key).first()
        if key
        else Operation.objects.order_by("id").first()
    )
    if op is None:
        if key:
            raise Http404("no such operation")
        return render(request, "forcegen/empty.html", status=200)
    summary = summarize(
        scenario_from_db(op), op.as_of or timezone.now().date(), blockers_for=BLOCKERS_SHOWN
    )
    blockers = [
        (next((c for c in summary.contributors if c.code == code), None), reasons)
        for code, reasons in summary.blockers.items()
    ]
    return render(
        request,
        "forcegen/dashboard.html",
        {"op": op, "s": summary, "bars": _bars(summary), "blockers": blockers},
    )
