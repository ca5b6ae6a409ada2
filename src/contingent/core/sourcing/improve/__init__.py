"""Local search on a feasible plan: moves and one-for-one exchanges that raise the objective.

Why: on the binding-caps instances HiGHS spends seconds in its root cut loop before its own
heuristics run, and the LP dive lands a few per cent below the optimum; the proven bound is
only as useful as the plan it is compared with. This is a first-improvement search over the
eligible columns, best value first, with these moves:

* **insert** a free unit into a requirement with room;
* **move** an assigned unit to a better column (another requirement, or a better one of its own);
* **exchange**: the same, after taking out one assigned column ``k`` that blocks it (same
  requirement, same contributor or same category), when the gain exceeds ``k``'s value;
* **chain**: insert a free unit into a full requirement and push one of its units on to another
  requirement, and so on, ending in a requirement with room or by dropping a unit (moving a
  used unit between requirements leaves every cap unchanged);
* **exchange and refill**: take out a blocking column at a loss and refill the room it frees;
* **make room**: bring a free unit in by dropping its contributor's units of least value per
  person, and refill the requirements they leave with free units of other contributors.

Modules: ``working`` (the plan under search), ``moves`` (all but chains), ``chains``.

Measured at 500 x 100 (seed 1, bench/sourcing.py): the 1 s plan rose from 3,099,982 to
3,165,929 points in ~0.1 s; the plans HiGHS finds after several seconds (3,208,136) differ from
it in 95 units across most contributors, beyond the reach of these moves.

Every move keeps the plan feasible (unit rows, covers including mandatory lower bounds, caps,
ceilings), so the result is a plan at least as good as the input; it proves nothing.
"""

from __future__ import annotations

import time

import numpy as np

from ..model import SourcingModel
from .chains import chain_moves, unit_columns
from .moves import make_room, try_column
from .working import WorkingPlan

__all__ = ["improve_plan"]


def _local_pass(
    plan: WorkingPlan, value: list[float], order: list[int], refill: bool, deadline
) -> bool:
    """One pass over the columns, best value first; True if the plan improved."""
    improved = False
    for i, j in enumerate(order):
        if i % 16 == 0 and time.perf_counter() > deadline:
            break
        if try_column(plan, value, j, refill) or (refill and make_room(plan, value, j)):
            improved = True
    return improved


def improve_plan(model: SourcingModel, cols: np.ndarray, deadline: float) -> np.ndarray:
    """A feasible plan at least as good as ``cols`` (feasible), by local search until ``deadline``.

    Rounds of the cheap moves and exchanges, then chains (``chains.chain_moves``), then the
    costlier exchange-and-refill, until a round changes nothing or time is up.
    """
    if model.n_pairs == 0:
        return cols
    plan = WorkingPlan(model, cols)
    value = model.value.tolist()
    order = np.argsort(-model.value, kind="stable").tolist()
    unit_cols = unit_columns(plan, model)
    while time.perf_counter() < deadline:
        while _local_pass(plan, value, order, False, deadline):
            pass
        chained = chain_moves(plan, value, unit_cols, deadline)
        if not _local_pass(plan, value, order, True, deadline) and not chained:
            break
    return np.array(sorted(j for j in plan.at if j >= 0), np.int64)
