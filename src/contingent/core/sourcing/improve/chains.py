"""Chains of moves between requirements: a free unit enters a full requirement, one of that
requirement's units moves on to another, and so on, ending where there is room or by dropping a
unit. Moving a used unit between requirements leaves every cap unchanged."""

from __future__ import annotations

import time

import numpy as np

from ..model import SourcingModel
from .working import WorkingPlan, undo

_CHAIN_DEPTH = 6  # requirements a chain may pass through


def _chain_ends(plan: WorkingPlan, value: list[float], unit_cols: list[list[int]]):
    """Best gain of placing one more unit on each requirement, by chains of moves.

    ``end[r]`` is the most the plan can gain when a unit arrives on ``r``: 0 if ``r`` has room;
    else move one of its units to another requirement (``value`` difference plus that
    requirement's ``end``), or drop one of its units (minus its value). Bounded-depth dynamic
    programme over requirements; ``step[r]`` is the chosen (leaving column, entering column or
    -1 for a drop).
    """
    m = plan.m
    n_u = m.n_units
    end = [-np.inf] * m.n_reqs
    step: list[tuple[int, int] | None] = [None] * m.n_reqs
    for r in range(m.n_reqs):
        row = n_u + r
        if plan.room[row] >= 1.0 - 1e-9:
            end[r] = 0.0
            continue
        if plan.count[row] - 1.0 >= plan.lower[row] - 1e-9 and plan.on_row[row]:
            k = min(plan.on_row[row], key=value.__getitem__)
            end[r], step[r] = -value[k], (k, -1)
    for _ in range(_CHAIN_DEPTH):
        new_end, new_step, changed = list(end), list(step), False
        for r in range(m.n_reqs):
            if end[r] == 0.0 and step[r] is None:
                continue
            for k in plan.on_row[n_u + r]:
                for c in unit_cols[plan.pu[k]]:
                    r2 = plan.pr[c]
                    if r2 == r or end[r2] == -np.inf:
                        continue
                    g = value[c] - value[k] + end[r2]
                    if g > new_end[r] + 1e-9:
                        new_end[r], new_step[r], changed = g, (k, c), True
        end, step = new_end, new_step
        if not changed:
            break
    return end, step


def _apply_chain(plan: WorkingPlan, j: int, step) -> list[tuple[bool, int]] | None:
    """Bring ``j`` in and follow the chain; None (plan unchanged) if a step does not fit.

    Returns the steps done as (added, column) so that the caller can undo them.
    """
    done: list[tuple[bool, int]] = []
    seen_units = {plan.pu[j]}
    arriving, r = j, plan.pr[j]
    for _ in range(_CHAIN_DEPTH + 2):
        if step[r] is None:
            break
        k, c = step[r]
        if plan.at[plan.pu[k]] != k or (c >= 0 and plan.pu[c] in seen_units):
            undo(plan, done)
            return None
        plan.remove(k)
        done.append((False, k))
        if plan.blocked(arriving, ()):
            undo(plan, done)
            return None
        plan.add(arriving)
        done.append((True, arriving))
        if c < 0:
            return done
        seen_units.add(plan.pu[c])
        arriving, r = c, plan.pr[c]
    if step[r] is not None or plan.blocked(arriving, ()) or plan.at[plan.pu[arriving]] >= 0:
        undo(plan, done)
        return None
    plan.add(arriving)
    done.append((True, arriving))
    return done


def unit_columns(plan: WorkingPlan, model: SourcingModel) -> list[list[int]]:
    unit_cols: list[list[int]] = [[] for _ in range(model.n_units)]
    for j in range(model.n_pairs):
        unit_cols[plan.pu[j]].append(j)
    return unit_cols


def chain_moves(plan: WorkingPlan, value: list[float], unit_cols, deadline: float) -> bool:
    """Insert free units through chains of moves (see ``_chain_ends``); True if improved."""
    m = plan.m
    any_gain, improved = False, True
    while improved and time.perf_counter() < deadline:
        improved = False
        end, step = _chain_ends(plan, value, unit_cols)
        cand = [
            (value[j] + end[plan.pr[j]], j)
            for j in range(m.n_pairs)
            if plan.at[plan.pu[j]] < 0 and end[plan.pr[j]] > -np.inf
        ]
        for gain, j in sorted(cand, reverse=True):
            if gain <= 0.5:
                break
            if plan.blocked(j, ()) not in ([], [m.n_units + plan.pr[j]]):
                continue  # the unit's own cap or ceiling has no room: no chain helps
            before = plan.total(value)
            done = _apply_chain(plan, j, step)
            if done is None:
                continue
            if plan.total(value) > before + 0.5:
                improved = any_gain = True
                break
            undo(plan, done)
    return any_gain
