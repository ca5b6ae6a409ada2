"""The engine's conflicts equal the brute-force answer on random small plans."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings

from contingent.core.access.bruteforce import deconflict_bruteforce
from contingent.core.access.engine import build_index, deconflict
from contingent.core.access.single import check_movement, check_operation, check_site, check_zone

from .strategies import plans

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _comparable(conflicts):  # type: ignore[no-untyped-def]
    return sorted(
        (c.key(), c.overlap.start, c.overlap.end, c.detail, c.severity) for c in conflicts
    )


@SETTINGS
@given(plans())
def test_bulk_conflicts_equal_the_brute_force_answer(plan):  # type: ignore[no-untyped-def]
    fast, slow = deconflict(plan), deconflict_bruteforce(plan)
    assert _comparable(fast) == _comparable(slow)
    for f, s in zip(fast, slow, strict=True):
        assert math.isclose(f.distance_m, s.distance_m, abs_tol=1e-3)


def _involves(c, kind: str, obj) -> bool:  # type: ignore[no-untyped-def]
    return (kind, obj.id, obj.version) in (
        (c.a.kind, c.a.id, c.a.version),
        (c.b.kind, c.b.id, c.b.version),
    )


@SETTINGS
@given(plans())
def test_single_checks_agree_with_the_bulk_answer(plan):  # type: ignore[no-untyped-def]
    """Each object checked alone against the loaded plan finds exactly its own bulk conflicts."""
    index = build_index(plan)
    bulk = deconflict_bruteforce(plan)
    for m in plan.movements:
        expected = [c for c in bulk if _involves(c, "movement", m)]
        assert _comparable(check_movement(index, m)) == _comparable(expected)
    for kind, objs, check in (
        ("operation", plan.operations, check_operation),
        ("site", plan.sites, check_site),
        ("zone", plan.zones, check_zone),
    ):
        for obj in objs:
            expected = [c for c in bulk if _involves(c, kind, obj)]
            assert _comparable(check(index, obj)) == _comparable(expected)
