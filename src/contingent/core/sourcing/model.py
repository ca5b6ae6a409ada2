"""The sourcing model as arrays: one column per eligible (unit, requirement) pair.

Variables ``x[u, r]`` in {0, 1} exist only for eligible pairs (eligibility.py states the rules).
Constraints, named by family and key:

* ``unit[U-7]``       each pledged unit used at most once: ``sum_r x[u, r] <= 1``
* ``cover[req-17]``   at most the requirement's quantity (exactly it when ``mandatory``)
* ``cap[PAK]``        contributor balance cap in personnel: ``sum p_u x[u, r] <= cap``
* ``cap_units[PAK]``  the same in whole units
* ``ceiling[troops]`` the mandate's personnel ceiling per category (category of the requirement)

Objective (maximised), lexicographic through scaled weights, without any big-M constraint, and
in **whole points** so that optimality is proved exactly (a gap below one point is zero)::

    value[u, r] = W * priority_r + points[u, r]
    points      = round(12 * early) + round(4 * women) + round(4 * cheap) [+ 1 * kept]  (0..20)
    W           = 1 + N * max_points,   N = min(#units, sum of quantities), max_points = 20
                  (21 in a what-if run, with the stability point)

Any plan has at most N assignments, so its secondary points stay below W: one more point of
priority-weighted coverage always beats every possible gain in earliness, women's share and
cost. Among the secondary goals the points add up (earliness first by weight):

* ``early = clamp(1 - days(as_of -> arrival) / horizon, 0, 1)`` (horizon 365 days by default);
* ``women = min(1, unit's women share / target of the category)`` against the UGPS 2028 targets
  [S54] (1 when the category has no target): a linear soft goal, so the model stays an
  assignment; it rewards units that meet the target rather than penalising a plan-wide shortfall;
* ``cheap = 1 - cost_usd / max cost_usd`` over the pledged units;
* ``kept = 1`` for a pair of ``problem.incumbent`` (what-if stability: keep today's plan where
  nothing is gained by moving; empty outside what-if runs).

Why whole points: with continuous scores nearly every pair of plans differs by a sliver, and a
MIP solver cannot prove optimality (HiGHS needed 4-6 s on 500 x 100 for the last 1e-8 of
relative gap; with whole points the same proof takes a fraction of a second). The price is that
two units whose scores differ by less than half a point tie. Values stay exact in float64
(at 5,000 x 1,000 the objective is ~1e8, far below 2**53).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .eligibility import effective_min_readiness
from .types import SourcingProblem


@dataclass(frozen=True)
class SourcingModel:
    problem: SourcingProblem
    pair_u: np.ndarray  # int64, unit index of each column
    pair_r: np.ndarray  # int64, requirement index of each column
    value: np.ndarray  # float64, objective coefficient (maximised)
    secondary: np.ndarray  # float64, whole secondary points of each column
    coverage_weight: float
    personnel: np.ndarray  # float64 per unit
    req_qty: np.ndarray  # float64 per requirement
    req_lower: np.ndarray  # float64 per requirement (quantity when mandatory, else 0)
    unit_cap_p_row: np.ndarray  # int64 per unit: row of its personnel cap, -1 if none
    unit_cap_u_row: np.ndarray  # int64 per unit: row of its units cap, -1 if none
    req_ceiling_row: np.ndarray  # int64 per requirement: row of its ceiling, -1 if none
    row_names: tuple[str, ...]
    row_lower: np.ndarray
    row_upper: np.ndarray

    @property
    def n_units(self) -> int:
        return len(self.problem.units)

    @property
    def n_reqs(self) -> int:
        return len(self.problem.requirements)

    @property
    def n_pairs(self) -> int:
        return int(self.pair_u.size)

    def cover_row(self, r: int) -> int:
        return self.n_units + r


def eligible_pairs(problem: SourcingProblem) -> tuple[np.ndarray, np.ndarray]:
    units, reqs = problem.units, problem.requirements
    if not units or not reqs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    as_of = np.datetime64(problem.as_of, "D")
    start = np.maximum(np.array([u.earliest_deployment for u in units], "datetime64[D]"), as_of)
    days = np.array([problem.deploy_times.days(u.readiness) for u in units], "timedelta64[D]")
    arrival = start + days
    rank = np.array([u.readiness.rank for u in units])
    ungated = np.array([not u.approvals_missing for u in units])
    host_ok = np.array([u.host_acceptable for u in units])
    types = np.array([u.unit_type for u in units], dtype=object)
    contributors = np.array([u.contributor for u in units], dtype=object)
    excluded: dict[str, set[str]] = {}
    for c, s in problem.host_exclusions:
        excluded.setdefault(s, set()).add(c)
    cav_sector = [u.caveat_sectors for u in units]
    cav_task = [u.caveat_tasks for u in units]
    by_type: dict[str, np.ndarray] = {}
    us: list[np.ndarray] = []
    rs: list[np.ndarray] = []
    for r_idx, req in enumerate(reqs):
        fillers = problem.fillers_of(req.unit_type)
        key = "\x1f".join(fillers)
        if key not in by_type:
            by_type[key] = np.flatnonzero(np.isin(types, list(fillers)))
        cand = by_type[key]
        need = effective_min_readiness(problem, req).rank
        ok = (rank[cand] >= need) & ungated[cand] & host_ok[cand]
        ok &= arrival[cand] <= np.datetime64(req.needed_by, "D")
        if req.sector in excluded:
            ok &= ~np.isin(contributors[cand], list(excluded[req.sector]))
        cand = cand[ok]
        keep = [
            i for i in cand if req.sector not in cav_sector[i] and not (req.tasks & cav_task[i])
        ]
        us.append(np.asarray(keep, np.int64))
        rs.append(np.full(len(keep), r_idx, np.int64))
    return np.concatenate(us), np.concatenate(rs)


def _secondary(problem: SourcingProblem, pair_u: np.ndarray, pair_r: np.ndarray) -> np.ndarray:
    """Whole secondary points of every pair (see the module doc)."""
    units, reqs, w = problem.units, problem.requirements, problem.weights
    if pair_u.size == 0:
        return np.zeros(0)
    as_of = np.datetime64(problem.as_of, "D")
    start = np.maximum(np.array([u.earliest_deployment for u in units], "datetime64[D]"), as_of)
    days = np.array([problem.deploy_times.days(u.readiness) for u in units])
    delay = (start - as_of).astype(np.int64) + days
    early = np.clip(1.0 - delay / w.earliness_horizon_days, 0.0, 1.0)[pair_u]
    personnel = np.array([u.personnel for u in units], float)
    share = np.divide(
        np.array([u.women for u in units], float),
        personnel,
        out=np.zeros(len(units)),
        where=personnel > 0,
    )
    target = np.array([problem.women_targets.get(r.category, 0.0) for r in reqs])[pair_r]
    women = np.where(
        target > 0, np.minimum(1.0, share[pair_u] / np.where(target > 0, target, 1.0)), 1.0
    )
    cost = np.array([u.cost_usd for u in units], float)
    top = cost.max() if cost.size else 0.0
    cheap = (1.0 - cost / top)[pair_u] if top > 0 else np.ones(pair_u.size)
    keep = np.zeros(pair_u.size)
    if problem.incumbent:
        uid = [u.id for u in units]
        rid = [r.id for r in reqs]
        keep = np.array(
            [(uid[u], rid[r]) in problem.incumbent for u, r in zip(pair_u, pair_r, strict=True)],
            float,
        )
    return (
        np.rint(w.earliness_points * early)
        + np.rint(w.women_points * women)
        + np.rint(w.cost_points * cheap)
        + w.stability_points * keep
    )


def _rows(problem: SourcingProblem) -> tuple[list[str], list[float], list[float], dict, dict]:
    names = [f"unit[{u.id}]" for u in problem.units]
    lower = [-np.inf] * len(names)
    upper = [1.0] * len(names)
    for r in problem.requirements:
        names.append(f"cover[{r.id}]")
        lower.append(float(r.quantity) if r.mandatory else -np.inf)
        upper.append(float(r.quantity))
    cap_rows: dict[tuple[str, str], int] = {}
    for cap in problem.caps:
        for kind, limit in (("cap", cap.max_personnel), ("cap_units", cap.max_units)):
            if limit is not None:
                cap_rows[(kind, cap.contributor)] = len(names)
                names.append(f"{kind}[{cap.contributor}]")
                lower.append(-np.inf)
                upper.append(float(limit))
    ceil_rows: dict[str, int] = {}
    for cat, limit in sorted(problem.ceilings.items()):
        ceil_rows[cat] = len(names)
        names.append(f"ceiling[{cat}]")
        lower.append(-np.inf)
        upper.append(float(limit))
    return names, lower, upper, cap_rows, ceil_rows


def max_points(problem: SourcingProblem) -> int:
    """Most secondary points one assignment can earn (stability counts only in what-if runs)."""
    w = problem.weights
    return w.max_points - (0 if problem.incumbent else w.stability_points)


def build_model(problem: SourcingProblem) -> SourcingModel:
    """Arrays of the model; the problem must have passed ``validate_problem``."""
    pair_u, pair_r = eligible_pairs(problem)
    secondary = _secondary(problem, pair_u, pair_r)
    reqs = problem.requirements
    qty = np.array([r.quantity for r in reqs], float)
    n_max = min(len(problem.units), int(qty.sum()))
    weight = float(1 + n_max * max_points(problem))
    priority = np.array([r.priority for r in reqs], float)
    value = weight * priority[pair_r] + secondary if pair_r.size else np.zeros(0)
    names, lower, upper, cap_rows, ceil_rows = _rows(problem)
    return SourcingModel(
        problem=problem,
        pair_u=pair_u,
        pair_r=pair_r,
        value=value,
        secondary=secondary,
        coverage_weight=weight,
        personnel=np.array([u.personnel for u in problem.units], float),
        req_qty=qty,
        req_lower=np.array([r.quantity if r.mandatory else 0 for r in reqs], float),
        unit_cap_p_row=np.array(
            [cap_rows.get(("cap", u.contributor), -1) for u in problem.units], np.int64
        ),
        unit_cap_u_row=np.array(
            [cap_rows.get(("cap_units", u.contributor), -1) for u in problem.units], np.int64
        ),
        req_ceiling_row=np.array([ceil_rows.get(r.category, -1) for r in reqs], np.int64),
        row_names=tuple(names),
        row_lower=np.array(lower, float),
        row_upper=np.array(upper, float),
    )


def column_entries(model: SourcingModel, cols: np.ndarray) -> tuple[np.ndarray, ...]:
    """CSC (starts, row indices, values) of the given columns, rows ascending in each column."""
    u, r = model.pair_u[cols], model.pair_r[cols]
    p = model.personnel[u]
    rows = np.stack(
        [
            u,
            model.n_units + r,
            model.unit_cap_p_row[u],
            model.unit_cap_u_row[u],
            model.req_ceiling_row[r],
        ],
        axis=1,
    )
    vals = np.stack([np.ones_like(p), np.ones_like(p), p, np.ones_like(p), p], axis=1)
    mask = rows >= 0
    counts = mask.sum(axis=1)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int32)
    return starts, rows[mask].astype(np.int32), vals[mask]
