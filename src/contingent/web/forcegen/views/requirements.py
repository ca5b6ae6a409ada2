"""Requirements of an operation: what the force needs, by unit type, sector and date."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from contingent.web.accounts.decorators import role_required
from contingent.web.forcegen import access

from ._common import operation_for


@role_required()
def requirement_list(request: HttpRequest, key: str) -> HttpResponse:
    """Planners, auditors and liaisons (access_requirements_by_operation refuses the others);
    each row lists only the deployment cases this user may see."""
    op = operation_for(request, key)
    rows = access.access_requirements_by_operation(request.user, op)
    cases: dict[int, list[object]] = {}
    for c in access.access_cases_by_operation(request.user, op):
        cases.setdefault(c.requirement_id, []).append(c)
    sectors = op.sectors or {}
    lines = [
        {
            "r": r,
            "sector_name": sectors.get(r.sector, r.sector),
            "personnel": r.quantity * r.personnel_per_unit,
            "cases": cases.get(r.pk, []),
        }
        for r in rows
    ]
    return render(request, "forcegen/requirements.html", {"op": op, "lines": lines})
