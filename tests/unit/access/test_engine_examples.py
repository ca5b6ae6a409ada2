"""Hand-made cases for each rule, with the awkward edges named."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from shapely.geometry import LineString, Point, box

from contingent.core.access.engine import deconflict
from contingent.core.access.model import (
    CheckpointPassage,
    ConflictKind,
    Corridor,
    ExclusionZone,
    LegalBasis,
    MovementNotification,
    MovementPurpose,
    Plan,
    PlannedOperation,
    Severity,
    SiteCategory,
    SiteNotification,
    SiteRelation,
    SiteStatus,
)
from contingent.core.access.windows import TimeWindow

from .strategies import T0


def w(a: float, b: float) -> TimeWindow:
    return TimeWindow(T0 + timedelta(hours=a), T0 + timedelta(hours=b))


ZONE = ExclusionZone("z1", 2, box(34.40, 31.40, 34.42, 31.42), w(2, 4))


def move(
    route: list[tuple[float, float]], window: TimeWindow, mid: str = "m1", **kw
) -> MovementNotification:  # type: ignore[no-untyped-def]
    r = LineString(route)
    return MovementNotification(
        mid,
        1,
        "org",
        MovementPurpose.MEDICAL,
        False,
        Point(r.coords[0]),
        Point(r.coords[-1]),
        r,
        window,
        **kw,
    )


def test_a_route_through_an_active_zone_conflicts_at_distance_zero_naming_both_versions():
    m = move([(34.39, 31.41), (34.43, 31.41)], w(3, 5))
    [c] = deconflict(Plan(movements=(m,), zones=(ZONE,)))
    assert (c.kind, c.a.id, c.a.version, c.b.id, c.b.version) == (
        ConflictKind.ROUTE_CROSSES_ZONE,
        "m1",
        1,
        "z1",
        2,
    )
    assert c.distance_m == 0.0
    assert c.overlap == w(3, 4)


def test_a_route_that_only_touches_the_zone_boundary_conflicts():
    m = move([(34.42, 31.43), (34.42, 31.42)], w(3, 5))  # ends on the zone's corner
    [c] = deconflict(Plan(movements=(m,), zones=(ZONE,)))
    assert c.distance_m < 1e-6


def test_a_movement_that_starts_when_the_zone_closes_does_not_conflict():
    m = move([(34.39, 31.41), (34.43, 31.41)], w(4, 6))
    assert deconflict(Plan(movements=(m,), zones=(ZONE,))) == []


def test_a_zero_length_movement_window_inside_the_zone_window_conflicts_as_an_instant():
    m = move([(34.39, 31.41), (34.43, 31.41)], w(3, 3))
    [c] = deconflict(Plan(movements=(m,), zones=(ZONE,)))
    assert c.overlap == w(3, 3)


def test_a_route_passing_near_a_zone_conflicts_only_within_the_sum_of_the_buffers():
    m = move([(34.39, 31.4225), (34.43, 31.4225)], w(3, 5))  # ~277 m north of the zone
    wide_zone = replace(ZONE, buffer_m=200.0)
    assert deconflict(Plan(movements=(m,), zones=(ZONE,))) == []
    assert deconflict(Plan(movements=(m,), zones=(wide_zone,))) == []
    [c] = deconflict(Plan(movements=(replace(m, route_buffer_m=100.0),), zones=(wide_zone,)))
    assert 270 < c.distance_m < 285


def test_a_route_that_leaves_the_area_is_still_checked_where_it_is():
    m = move([(34.41, 31.41), (35.5, 32.5)], w(3, 5))
    [c] = deconflict(Plan(movements=(m,), zones=(ZONE,)))
    assert c.distance_m == 0.0


def test_an_operation_near_a_withdrawn_site_still_conflicts_and_says_so():
    site = SiteNotification(
        "s1",
        4,
        "org",
        "clinic",
        SiteCategory.HOSPITAL_CLINIC,
        LegalBasis.MEDICAL_UNIT,
        "health",
        SiteRelation.OPERATES,
        Point(34.4305, 31.41),
        w(-100, -50),
        status=SiteStatus.WITHDRAWN,
        buffer_m=150.0,
    )
    op = PlannedOperation("op1", 1, box(34.43, 31.40, 34.44, 31.42), w(1, 2))
    [c] = deconflict(Plan(sites=(site,), operations=(op,)))
    assert (c.kind, c.a.id, c.b.id, c.b.version, c.distance_m) == (
        ConflictKind.OPERATION_NEAR_SITE,
        "op1",
        "s1",
        4,
        0.0,
    )
    assert c.detail == "site withdrawn: still protected"
    far = replace(op, area_wgs84=box(34.432, 31.40, 34.44, 31.42))  # ~142 m east of the site
    assert len(deconflict(Plan(sites=(site,), operations=(far,)))) == 1
    assert deconflict(Plan(sites=(replace(site, buffer_m=100.0),), operations=(far,))) == []


def test_a_movement_needing_a_corridor_outside_its_open_windows_conflicts_with_the_first_gap():
    corridor = Corridor(
        "c1",
        1,
        "Salah al-Din",
        LineString([(34.40, 31.38), (34.40, 31.44)]),
        (w(6, 16), w(30, 40)),
        100.0,
    )
    inside = move([(34.39, 31.41), (34.41, 31.41)], w(7, 9))
    late = move([(34.39, 31.41), (34.41, 31.41)], w(15, 18), mid="m2")
    elsewhere = move([(34.45, 31.41), (34.46, 31.41)], w(20, 21), mid="m3")
    [c] = deconflict(Plan(movements=(inside, late, elsewhere), corridors=(corridor,)))
    assert (c.kind, c.a.id, c.overlap) == (ConflictKind.CORRIDOR_CLOSED, "m2", w(16, 18))


def test_movements_at_one_checkpoint_within_the_interval_are_informational():
    def at(h: float) -> tuple[CheckpointPassage, ...]:
        return (CheckpointPassage("wadi-gaza", Point(34.4, 31.4), T0 + timedelta(hours=h)),)

    m1 = move([(34.45, 31.45), (34.46, 31.45)], w(0, 9), mid="m1", checkpoints=at(5))
    m2 = move([(34.45, 31.45), (34.46, 31.45)], w(0, 9), mid="m2", checkpoints=at(5.4))
    m3 = move([(34.45, 31.45), (34.46, 31.45)], w(0, 9), mid="m3", checkpoints=at(6))
    [c] = deconflict(Plan(movements=(m1, m2, m3), checkpoint_interval_s=1800))
    assert (c.kind, c.severity, c.a.id, c.b.id, c.checkpoint_id) == (
        ConflictKind.CHECKPOINT_CONVERGENCE,
        Severity.INFORMATIONAL,
        "m1",
        "m2",
        "wadi-gaza",
    )
    assert c.overlap == w(5, 5.4)


def test_bulk_mode_reports_progress_up_to_the_end():
    seen: list[tuple[str, float]] = []
    m = move([(34.39, 31.41), (34.43, 31.41)], w(3, 5))
    deconflict(
        Plan(movements=(m,), zones=(ZONE,)), progress=lambda label, frac: seen.append((label, frac))
    )
    assert seen and seen[-1][1] == 1.0
    assert all(0.0 <= f <= 1.0 for _, f in seen)


def test_negative_buffers_and_outcomes_dated_before_the_request_are_refused():
    import pytest

    from contingent.core.access.model import CoordinationRequest, Outcome
    from contingent.core.errors import ErrorCode, ValidationError

    with pytest.raises(ValidationError) as exc:
        replace(ZONE, buffer_m=-1.0)
    assert exc.value.code is ErrorCode.NEGATIVE_COUNT
    with pytest.raises(ValidationError) as exc:
        CoordinationRequest("cr1", 1, "org", "m1", T0, Outcome.DENIED, T0 - timedelta(hours=1))
    assert exc.value.code is ErrorCode.END_BEFORE_START
    ok = CoordinationRequest(
        "cr1", 1, "org", "m1", T0, Outcome.FACILITATED_THEN_IMPEDED, T0, hours_waiting=6.5
    )
    assert ok.outcome is Outcome.FACILITATED_THEN_IMPEDED
