"""Coverage of a plan by sector (for Gaza, a governorate P-code): how many of the units the
requirements of each sector ask for are filled, and the priority-weighted share, the same
measure as the plan's overall coverage (plan.py). Sectors in the order first asked."""

from __future__ import annotations

from dataclasses import dataclass

from .result import PlanResult
from .types import SourcingProblem


@dataclass(frozen=True)
class SectorCoverage:
    sector: str
    requirements: int
    asked_units: int
    filled_units: int
    share: float  # priority-weighted: sum(priority x filled) / sum(priority x quantity)

    def as_dict(self) -> dict[str, object]:
        return {
            "sector": self.sector,
            "requirements": self.requirements,
            "asked_units": self.asked_units,
            "filled_units": self.filled_units,
            "share": self.share,
        }


def coverage_by_sector(problem: SourcingProblem, plan: PlanResult) -> tuple[SectorCoverage, ...]:
    filled = {c.requirement_id: c.filled for c in plan.coverage}
    totals: dict[str, list[int]] = {}  # sector -> [requirements, asked, filled, w_asked, w_got]
    for r in problem.requirements:
        t = totals.setdefault(r.sector, [0, 0, 0, 0, 0])
        got = filled.get(r.id, 0)
        t[0] += 1
        t[1] += r.quantity
        t[2] += got
        t[3] += r.priority * r.quantity
        t[4] += r.priority * got
    return tuple(
        SectorCoverage(sector, n, asked, got, (w_got / w_asked) if w_asked else 1.0)
        for sector, (n, asked, got, w_asked, w_got) in totals.items()
    )
