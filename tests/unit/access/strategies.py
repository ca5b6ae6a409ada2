"""Hypothesis strategies for small random access plans.

Coordinates sit on a coarse 0.002° grid near Gaza City and times on a whole-hour grid, so touching
boundaries, shared vertices, zero-length windows and windows that meet end to start come up
often; some routes run far outside the zones' neighbourhood (and outside the Strip) on purpose.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon, box

from contingent.core.access.model import (
    CheckpointPassage,
    Corridor,
    ExclusionZone,
    LegalBasis,
    MovementNotification,
    MovementPurpose,
    Plan,
    PlannedOperation,
    SiteCategory,
    SiteNotification,
    SiteRelation,
    SiteStatus,
)
from contingent.core.access.windows import TimeWindow

T0 = datetime(2026, 11, 30, tzinfo=UTC)
LON0, LAT0, STEP = 34.40, 31.45, 0.002

grid = st.integers(0, 10)
far = st.integers(-40, 50)  # leaves the neighbourhood (and the Strip) on purpose


def _xy(i: int, j: int) -> tuple[float, float]:
    return (LON0 + i * STEP, LAT0 + j * STEP)


@st.composite
def windows(draw: st.DrawFn) -> TimeWindow:
    start = draw(st.integers(0, 6))
    length = draw(st.sampled_from([0, 0, 1, 2, 3]))
    return TimeWindow(T0 + timedelta(hours=start), T0 + timedelta(hours=start + length))


@st.composite
def rectangles(draw: st.DrawFn) -> Polygon:
    i, j = draw(grid), draw(grid)
    w, h = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    (x0, y0), (x1, y1) = _xy(i, j), _xy(i + w, j + h)
    if draw(st.booleans()):
        return box(x0, y0, x1, y1)
    return Polygon([(x0, y0), (x1, y0), (x0, y1)])  # a triangle: slanted edges too


@st.composite
def routes(draw: st.DrawFn) -> LineString:
    n = draw(st.integers(2, 4))
    coord = st.one_of(grid, grid, far)
    pts = [_xy(draw(coord), draw(coord)) for _ in range(n)]
    if len(set(pts)) < 2:
        pts[-1] = (pts[0][0] + STEP, pts[0][1])
    return LineString(pts)


ids = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@st.composite
def movements(draw: st.DrawFn) -> MovementNotification:
    route = draw(routes())
    window = draw(windows())
    cps = draw(st.lists(st.tuples(st.sampled_from(["cp1", "cp2"]), st.integers(0, 8)), max_size=2))
    return MovementNotification(
        id=draw(ids),
        version=draw(st.integers(1, 2)),
        organisation_id="org",
        purpose=MovementPurpose.FOOD,
        is_emergency=False,
        origin_wgs84=Point(route.coords[0]),
        destination_wgs84=Point(route.coords[-1]),
        route_wgs84=route,
        window=window,
        route_buffer_m=draw(st.sampled_from([0.0, 0.0, 50.0, 250.0])),
        checkpoints=tuple(
            CheckpointPassage(c, Point(_xy(0, 0)), T0 + timedelta(minutes=15 * k)) for c, k in cps
        ),
    )


@st.composite
def sites(draw: st.DrawFn) -> SiteNotification:
    i, j = draw(grid), draw(grid)
    footprint = None
    if draw(st.booleans()):
        footprint = box(*_xy(i, j), *_xy(i + 1, j + 1))
    return SiteNotification(
        id=draw(ids),
        version=1,
        organisation_id="org",
        name="site",
        category=SiteCategory.HOSPITAL_CLINIC,
        legal_basis=LegalBasis.MEDICAL_UNIT,
        humanitarian_function="health",
        relation=SiteRelation.OPERATES,
        point_wgs84=Point(_xy(i, j)),
        validity=draw(windows()),
        status=draw(st.sampled_from(list(SiteStatus))),
        footprint_wgs84=footprint,
        buffer_m=draw(st.sampled_from([0.0, 100.0, 200.0])),
    )


@st.composite
def zones(draw: st.DrawFn) -> ExclusionZone:
    return ExclusionZone(
        draw(ids), 1, draw(rectangles()), draw(windows()), draw(st.sampled_from([0.0, 0.0, 100.0]))
    )


@st.composite
def operations(draw: st.DrawFn) -> PlannedOperation:
    return PlannedOperation(
        draw(ids), 1, draw(rectangles()), draw(windows()), draw(st.sampled_from([0.0, 50.0]))
    )


@st.composite
def corridors(draw: st.DrawFn) -> Corridor:
    geom = draw(st.one_of(routes(), rectangles()))
    opens = tuple(draw(st.lists(windows(), max_size=3)))
    return Corridor(draw(ids), 1, "corridor", geom, opens, draw(st.sampled_from([0.0, 100.0])))


def _id(obj: object) -> str:
    return obj.id  # type: ignore[attr-defined, no-any-return]


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    return Plan(
        sites=tuple(draw(st.lists(sites(), max_size=5, unique_by=_id))),
        movements=tuple(
            draw(st.lists(movements(), max_size=6, unique_by=lambda m: (m.id, m.version)))
        ),
        zones=tuple(draw(st.lists(zones(), max_size=4, unique_by=_id))),
        operations=tuple(draw(st.lists(operations(), max_size=4, unique_by=_id))),
        corridors=tuple(draw(st.lists(corridors(), max_size=2, unique_by=_id))),
        checkpoint_interval_s=draw(st.sampled_from([0.0, 900.0, 1800.0])),
    )
