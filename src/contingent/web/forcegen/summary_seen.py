"""The operation summary as one reader may see it (dashboard and API).

Gates and blockers are judged on every pledge: whether the force may deploy is a yes/no the
public is owed, and a blocker's evidence is redacted where it is shown. Totals — personnel
pledged and committed per unit type, per contributor and per category — count only the pledges
the reader may see (``access.access_pledge_keys_by_operation``): a total over a confidential
pledge gives its size away, alone in its unit type or by subtracting the pledges that are shown.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from contingent.core.forcegen import model as m
from contingent.core.forcegen.summary import Summary, summarize

from . import access
from . import models as db


def scenario_seen(user: Any, op: db.Operation, full: m.Scenario) -> m.Scenario:
    """``full`` with only the pledges (and their deployment cases) ``user`` may see."""
    keys = access.access_pledge_keys_by_operation(user, op)
    return dataclasses.replace(
        full,
        pledges=tuple(p for p in full.pledges if p.key in keys),
        cases=tuple(c for c in full.cases if c.pledge in keys),
    )


def summary_seen(
    user: Any,
    op: db.Operation,
    full: m.Scenario,
    day: date,
    blockers_for: tuple[str, ...] = (),
) -> Summary:
    judged = summarize(full, day, blockers_for=blockers_for)
    totals = summarize(scenario_seen(user, op, full), day)
    by_code = {c.code: c for c in totals.contributors}
    contributors = tuple(
        dataclasses.replace(
            c,
            pledged_personnel=by_code[c.code].pledged_personnel if c.code in by_code else 0,
            illustrative_pledges=by_code[c.code].illustrative_pledges if c.code in by_code else 0,
        )
        for c in judged.contributors
    )
    return dataclasses.replace(judged, composition=totals.composition, contributors=contributors)
