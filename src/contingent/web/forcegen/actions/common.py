"""Helpers shared by the force-generation actions."""

from __future__ import annotations

from datetime import date

from contingent.core.errors import ErrorCode, NotFound
from contingent.core.forcegen import model as m

from .. import convert
from .. import models as db


def _snapshot(op: db.Operation) -> m.Scenario:
    return convert.scenario_from_db(op)


def _today(op: db.Operation, day: date | None) -> date:
    from django.utils import timezone

    return day or op.as_of or timezone.now().date()


def _contributor(code: str) -> db.Contributor:
    try:
        return db.Contributor.objects.get(code=code)
    except db.Contributor.DoesNotExist:
        raise NotFound(
            f"no contributor {code!r}",
            code=ErrorCode.UNKNOWN_CONTRIBUTOR,
            fields={"contributor": "unknown"},
        ) from None


def _pledge_row(op: db.Operation, key: str, *, for_update: bool = False) -> db.Pledge:
    """``for_update``: lock the pledge row until the caller's transaction ends (a
    read-modify-write of its facts must not lose a concurrent one)."""
    qs = op.pledges.select_related("contributor")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(key=key)
    except db.Pledge.DoesNotExist:
        raise NotFound(f"no pledge {key!r}", fields={"pledge": "unknown"}) from None
