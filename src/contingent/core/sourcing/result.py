"""Result objects of the sourcing plan; each has ``as_dict()`` for JSON (dates as ISO strings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .eligibility import BlockCode
from .solver import SolveStatus


@dataclass(frozen=True)
class Assignment:
    unit_id: str
    requirement_id: str
    contributor: str
    unit_type: str
    personnel: int
    women: int
    arrives: date
    needed_by: date
    points: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit_id": self.unit_id,
            "requirement_id": self.requirement_id,
            "contributor": self.contributor,
            "unit_type": self.unit_type,
            "personnel": self.personnel,
            "women": self.women,
            "arrives": self.arrives.isoformat(),
            "needed_by": self.needed_by.isoformat(),
            "points": self.points,
        }


@dataclass(frozen=True)
class BindingConstraint:
    """A constraint at its limit that shapes the plan, named by family and key (``cap[PAK]``)."""

    name: str
    family: str
    key: str
    limit: float
    used: float
    shadow_price: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "family": self.family,
            "key": self.key,
            "limit": self.limit,
            "used": self.used,
            "shadow_price": self.shadow_price,
        }


@dataclass(frozen=True)
class GapReason:
    code: BlockCode
    message: str
    fields: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": str(self.code), "message": self.message, "fields": self.fields}


@dataclass(frozen=True)
class Gap:
    """A requirement left (partly) unfilled and every reason why, most decisive first."""

    requirement_id: str
    unit_type: str
    quantity: int
    filled: int
    reasons: tuple[GapReason, ...]

    @property
    def missing(self) -> int:
        return self.quantity - self.filled

    def as_dict(self) -> dict[str, Any]:
        return {
            "requirement_id": self.requirement_id,
            "unit_type": self.unit_type,
            "quantity": self.quantity,
            "filled": self.filled,
            "missing": self.missing,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True)
class RequirementCoverage:
    requirement_id: str
    unit_type: str
    priority: int
    quantity: int
    filled: int
    unit_ids: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "requirement_id": self.requirement_id,
            "unit_type": self.unit_type,
            "priority": self.priority,
            "quantity": self.quantity,
            "filled": self.filled,
            "unit_ids": list(self.unit_ids),
        }


@dataclass(frozen=True)
class PlanResult:
    """The sourcing plan. ``objective`` and ``bound`` are in whole points (model.py);
    ``gap`` is relative, ``(bound - objective) / max(1, bound)``; ``message`` says the outcome in
    words. ``coverage_share`` is priority-weighted filled / priority-weighted required units."""

    status: SolveStatus
    method: str
    message: str
    assignments: tuple[Assignment, ...]
    coverage: tuple[RequirementCoverage, ...]
    gaps: tuple[Gap, ...]
    binding: tuple[BindingConstraint, ...]
    objective: float
    bound: float
    gap: float
    coverage_share: float
    seconds: float
    stats: dict[str, float] = field(default_factory=dict)

    def assignment_pairs(self) -> list[tuple[str, str]]:
        return [(a.unit_id, a.requirement_id) for a in self.assignments]

    def as_dict(self) -> dict[str, Any]:
        finite = self.bound == self.bound and abs(self.bound) != float("inf")
        return {
            "status": str(self.status),
            "method": self.method,
            "message": self.message,
            "objective": self.objective,
            "bound": self.bound if finite else None,
            "gap": self.gap if self.gap != float("inf") else None,
            "coverage_share": self.coverage_share,
            "seconds": self.seconds,
            "assignments": [a.as_dict() for a in self.assignments],
            "coverage": [c.as_dict() for c in self.coverage],
            "gaps": [g.as_dict() for g in self.gaps],
            "binding": [b.as_dict() for b in self.binding],
            "stats": dict(self.stats),
        }
