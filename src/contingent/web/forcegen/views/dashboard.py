"""The operation dashboard: gates met and unmet, force composition against requirements and
ceilings (server-rendered SVG bars), the governorate map, and what blocks Pakistan."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from contingent.core.errors import ContingentError
from contingent.core.forcegen import model as m
from contingent.core.forcegen.enums import PledgeStatus
from contingent.core.forcegen.rulebook import Reason
from contingent.core.forcegen.summary import Summary, deployed_by_category
from contingent.web.forcegen import access

from ..convert import scenario_from_db
from ..models import Operation
from ..summary_seen import scenario_seen, summary_seen
from ._common import operation_for

BLOCKERS_SHOWN = ("PAK",)
HIDDEN = "\x00"  # stands for a redacted pledge key while counting runs of them


def _pct(value: int, top: int) -> float:
    return round(100 * value / top, 1) if top else 0.0


def _bars(s: Summary) -> list[dict[str, Any]]:
    """Bar widths (percent of the largest value) for the server-rendered SVG chart."""
    top = max([1] + [max(x.required, x.pledged) for x in s.composition])
    return [
        {
            "line": x,
            "label": x.unit_type.replace("_", " "),
            "required_pct": _pct(x.required, top),
            "pledged_pct": _pct(x.pledged, top),
            "committed_pct": _pct(x.committed, top),
        }
        for x in s.composition
    ]


def _ceiling_bars(scenario: m.Scenario) -> list[dict[str, Any]]:
    """Per personnel category: the mandate's ceiling against live pledges and units deployed,
    over the pledges of ``scenario`` (the ones the reader may see: ``summary_seen``)."""
    pledged: dict[str, int] = defaultdict(int)
    for p in scenario.pledges:
        if p.status != PledgeStatus.WITHDRAWN:
            pledged[p.category.value] += p.personnel
    deployed = {k.value: v for k, v in deployed_by_category(scenario).items()}
    rows = []
    for c in scenario.operation.mandate.ceilings:
        cat = c.category.value
        top = max(c.maximum, pledged[cat], 1)
        rows.append(
            {
                "category": cat,
                "label": cat.replace("_", " "),
                "ceiling": c.maximum,
                "pledged": pledged[cat],
                "deployed": deployed.get(cat, 0),
                "ceiling_pct": _pct(c.maximum, top),
                "pledged_pct": _pct(pledged[cat], top),
                "deployed_pct": _pct(deployed.get(cat, 0), top),
                "over": pledged[cat] > c.maximum,
            }
        )
    return rows


def _visible_pledge_keys(request: HttpRequest, op: Operation) -> set[str]:
    try:
        return {p.key for p in access.access_pledges_by_operation(request.user, op)}
    except ContingentError:  # anonymous: the public sees pledges only as aggregates
        return set()


def _redact(text: str, hidden: set[str]) -> str:
    """Replace the keys of pledges this user may not know of by a count: a gate's evidence
    names the pledges it looked at, and a confidential pledge's mere existence is not public."""
    if not hidden or not text:
        return text
    pattern = "|".join(re.escape(k) for k in sorted(hidden, key=len, reverse=True))
    marked = re.sub(rf"(?<![\w-])(?:{pattern})(?![\w-])", HIDDEN, text)

    def count(m: re.Match[str]) -> str:
        n = m.group(0).count(HIDDEN)
        return ngettext("%(n)d pledge not shown", "%(n)d pledges not shown", n) % {"n": n}

    return re.sub(rf"{HIDDEN}(?:, {HIDDEN})*", count, marked)


def _blockers(
    request: HttpRequest, op: Operation, scenario: m.Scenario, summary: Summary
) -> list[tuple[Any, list[Reason]]]:
    hidden = {p.key for p in scenario.pledges} - _visible_pledge_keys(request, op)
    return [
        (
            next((c for c in summary.contributors if c.code == code), None),
            [replace(r, evidence=_redact(r.evidence, hidden)) for r in reasons],
        )
        for code, reasons in summary.blockers.items()
    ]


def _may_read_requirements(request: HttpRequest, op: Operation) -> bool:
    try:
        access.access_requirements_by_operation(request.user, op)
    except ContingentError:
        return False
    return True


def dashboard(request: HttpRequest, key: str | None = None) -> HttpResponse:
    op = operation_for(request, key)
    if op is None:
        return render(request, "forcegen/empty.html", status=200)
    scenario = scenario_from_db(op)
    day = op.as_of or timezone.now().date()
    summary = summary_seen(request.user, op, scenario, day, blockers_for=BLOCKERS_SHOWN)
    return render(
        request,
        "forcegen/dashboard.html",
        {
            "op": op,
            "s": summary,
            "bars": _bars(summary),
            "ceilings": _ceiling_bars(scenario_seen(request.user, op, scenario)),
            "blockers": _blockers(request, op, scenario, summary),
            "show_requirements": _may_read_requirements(request, op),
            "sectors": sorted(op.sectors.items()),
        },
    )
