"""What makes the 500 x 100 instance hard to prove: the same units and requirements, one
personnel constraint family changed at a time, each solved by ours (1 s, then 10 s) and by HiGHS
on the whole model (10 s).

The benchmark's instances (generate.py) carry two families of personnel constraints: every
contributor capped at 25 % of the personnel it pledged, and each category's ceiling at 80 % of
the personnel its requirements ask for. Both are knapsacks over units of 10 to 935 people, and a
plan must be within one point of its bound (out of about 3.2 million) to count as proven. The
variants below keep everything else (units, requirements, dates, caveats, host exclusions,
objective) and change only those rows, so the lines say which family the proof is fighting.

Run on its own:  nice .venv/bin/python bench/sourcing_variants.py
(bench/sourcing.py runs it after the sizes unless given --no-variants.)
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from contingent.core.sourcing import generate_problem, solve_plan
from contingent.core.sourcing.types import ContributorCap, SourcingProblem

UNITS_CAP_SHARE = 0.4  # "whole units" variant: at most 40 % of each contributor's pledged units


def _asked(problem: SourcingProblem) -> dict[str, int]:
    asked: dict[str, int] = {}
    for r in problem.requirements:
        asked[r.category] = asked.get(r.category, 0) + r.quantity * r.personnel_per_unit
    return asked


def variants(problem: SourcingProblem) -> list[tuple[str, SourcingProblem]]:
    """(label, problem) pairs: the benchmarked instance first, then one change each."""
    lifted = {cat: 10 * p for cat, p in _asked(problem).items()}  # never reached
    count: dict[str, int] = {}
    for u in problem.units:
        count[u.contributor] = count.get(u.contributor, 0) + 1
    unit_caps = tuple(
        ContributorCap(c, max_units=max(1, int(UNITS_CAP_SHARE * n)))
        for c, n in sorted(count.items())
    )
    return [
        ("as benchmarked: personnel caps + ceilings", problem),
        ("ceilings lifted, personnel caps kept", replace(problem, ceilings=lifted)),
        ("personnel caps lifted, ceilings kept", replace(problem, caps=())),
        ("both lifted (assignment only)", replace(problem, caps=(), ceilings=lifted)),
        ("caps in whole units (40 %), ceilings kept", replace(problem, caps=unit_caps)),
    ]


def _run(problem: SourcingProblem, method: str, limit: float) -> str:
    t0 = time.perf_counter()
    result = solve_plan(problem, method=method, target_gap=0.0, time_limit_s=limit)
    wall = time.perf_counter() - t0
    proven = "proven optimal" if result.status == "optimal" else f"gap {result.gap:.4%}"
    return f"{wall:5.2f} s {proven:<16}"


def main() -> int:
    base = generate_problem(500, 100, seed=1)
    print("\n## What makes 500 x 100 hard (seed 1; same units, requirements and objective)")
    print(f"{'variant':<44} {'ours, 1 s':<25} {'ours, 10 s':<25} {'highs-mip, 10 s':<25}")
    for label, problem in variants(base):
        cells = [
            _run(problem, "auto", 1.0),
            _run(problem, "auto", 10.0),
            _run(problem, "highs-mip", 10.0),
        ]
        print(f"{label:<44} " + " ".join(f"{c:<25}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
