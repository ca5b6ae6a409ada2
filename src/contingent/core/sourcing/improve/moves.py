"""Moves, exchanges, exchange-and-refill and make-room (see the package doc)."""

from __future__ import annotations

from .working import WorkingPlan, undo

_REFILL_TRIES = 3  # blocking columns tried per exchange-and-refill


def try_column(plan: WorkingPlan, value: list[float], j: int, refill: bool) -> bool:
    """Apply the best-first improving move or exchange that brings ``j`` in; True if applied."""
    cur = plan.at[plan.pu[j]]
    if cur == j:
        return False
    gain = value[j] - (value[cur] if cur >= 0 else 0.0)
    if gain <= 0.5 or (cur >= 0 and not plan.can_leave(cur, j)):
        return False
    out = () if cur < 0 else (cur,)
    rows = plan.blocked(j, out)
    if not rows:
        for k in out:
            plan.remove(k)
        plan.add(j)
        return True
    # One more column must leave and free every blocked row: look on the smallest row.
    row = min(rows, key=lambda i: len(plan.on_row[i]))
    for k in sorted(plan.on_row[row], key=value.__getitem__):
        if value[k] >= gain - 0.5:
            break
        if k == cur or not plan.can_leave(k, j) or plan.blocked(j, (*out, k)):
            continue
        for gone in (*out, k):
            plan.remove(gone)
        plan.add(j)
        return True
    return refill and _exchange_and_refill(plan, value, j, out, row, gain)


def _exchange_and_refill(plan, value, j, out, row, gain) -> bool:
    """Take out one blocking column even at a loss, bring ``j`` in, refill the room it left
    with the best columns that fit; keep the result only if the total rises."""
    for k in sorted(plan.on_row[row], key=value.__getitem__)[:_REFILL_TRIES]:
        if k == cur_of(plan, j) or not plan.can_leave(k, j) or plan.blocked(j, (*out, k)):
            continue
        for gone in (*out, k):
            plan.remove(gone)
        plan.add(j)
        added = []
        net = gain - value[k]
        for c in plan.refill_candidates(k):
            if plan.at[plan.pu[c]] < 0 and not plan.blocked(c, ()):
                plan.add(c)
                added.append(c)
                net += value[c]
        if net > 0.5:
            return True
        for c in added:
            plan.remove(c)
        plan.remove(j)
        for gone in (*out, k):
            plan.add(gone)
    return False


def cur_of(plan: WorkingPlan, j: int) -> int:
    return plan.at[plan.pu[j]]


def make_room(plan: WorkingPlan, value: list[float], j: int) -> bool:
    """Bring the free unit of ``j`` in by dropping units of its contributor (lowest value per
    person first) and, if its requirement is full, that requirement's weakest column; refill
    each requirement a dropped unit leaves with the best free unit that fits. Kept only if the
    total rises."""
    u, r = plan.pu[j], plan.pr[j]
    if plan.at[u] >= 0:
        return False
    done: list[tuple[bool, int]] = []
    net = value[j]
    cover = plan.m.n_units + r
    if plan.room[cover] < 1.0 - 1e-9:
        k = min(plan.on_row[cover], key=value.__getitem__, default=-1)
        if k < 0 or value[k] >= value[j] - 0.5 or not plan.can_leave(k, j):
            return False
        plan.remove(k)
        done.append((False, k))
        net -= value[k]
    cap = plan.cap_p[u]
    if cap >= 0 and plan.room[cap] < plan.pers[u] - 1e-9:
        for k in sorted(plan.on_row[cap], key=lambda c: value[c] / max(1.0, plan.pers[plan.pu[c]])):
            if plan.room[cap] >= plan.pers[u] - 1e-9:
                break
            if plan.can_leave(k, j):
                plan.remove(k)
                done.append((False, k))
                net -= value[k]
    if plan.blocked(j, ()):
        undo(plan, done)
        return False
    plan.add(j)
    done.append((True, j))
    for added, k in list(done):
        if added:
            continue
        for c in plan.by_row[plan.m.n_units + plan.pr[k]]:
            if plan.at[plan.pu[c]] < 0 and plan.pu[c] != plan.pu[k] and not plan.blocked(c, ()):
                plan.add(c)
                done.append((True, c))
                net += value[c]
                break
    if net > 0.5:
        return True
    undo(plan, done)
    return False
