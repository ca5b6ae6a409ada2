"""An independent checker of a plan: every constraint re-checked from the raw problem.

It does not read the model (model.py) or a solver: it walks the plan's (unit, requirement)
pairs with the plain rulebook (eligibility.py) and recounts quantities, caps and ceilings. It
returns a list of violations in words, each starting with the constraint's name; an empty list
means the plan is valid. Tests run it on every plan they get.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .eligibility import pair_blockers
from .types import SourcingProblem


def check_plan(problem: SourcingProblem, pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Violations of ``pairs`` (unit id, requirement id) against ``problem``; [] when valid."""
    units = {u.id: u for u in problem.units}
    reqs = {r.id: r for r in problem.requirements}
    out: list[str] = []
    uses: Counter[str] = Counter()
    filled: Counter[str] = Counter()
    personnel_by: Counter[str] = Counter()
    units_by: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    for unit_id, req_id in pairs:
        unit, req = units.get(unit_id), reqs.get(req_id)
        if unit is None or req is None:
            out.append(f"unknown[{unit_id}->{req_id}]: no such unit or requirement")
            continue
        for blocker in pair_blockers(problem, unit, req):
            out.append(f"eligible[{unit_id}->{req_id}]: {blocker.code} {blocker.detail}")
        uses[unit_id] += 1
        filled[req_id] += 1
        personnel_by[unit.contributor] += unit.personnel
        units_by[unit.contributor] += 1
        by_category[req.category] += unit.personnel
    out += [f"unit[{u}]: used {n} times" for u, n in sorted(uses.items()) if n > 1]
    for r in problem.requirements:
        if filled[r.id] > r.quantity:
            out.append(f"cover[{r.id}]: {filled[r.id]} units > quantity {r.quantity}")
        if r.mandatory and filled[r.id] < r.quantity:
            out.append(f"cover[{r.id}]: mandatory, {filled[r.id]} < {r.quantity}")
    for cap in problem.caps:
        c = cap.contributor
        if cap.max_personnel is not None and personnel_by[c] > cap.max_personnel:
            out.append(f"cap[{c}]: {personnel_by[c]} personnel > {cap.max_personnel}")
        if cap.max_units is not None and units_by[c] > cap.max_units:
            out.append(f"cap_units[{c}]: {units_by[c]} units > {cap.max_units}")
    for cat, ceiling in problem.ceilings.items():
        if by_category[cat] > ceiling:
            out.append(f"ceiling[{cat}]: {by_category[cat]} personnel > {ceiling}")
    return out
