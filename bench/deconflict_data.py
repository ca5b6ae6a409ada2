"""Seeded synthetic data for bench/deconflict.py: a 40 km × 9 km strip rotated like the Gaza Strip.

Hazard: every generator draws from the caller's `numpy` Generator, so the ORDER of the draws is
part of the data. Reordering calls (even inside one function) changes every movement, site and
conflict count of a seeded run; compare `bench/deconflict.py --quick` before and after any edit.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import shapely

from contingent.core.access import geometry
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

T0 = datetime(2026, 12, 1, tzinfo=UTC)
HOURS = 72
CHECKPOINTS = [f"checkpoint-{k}" for k in range(20)]


class Strip:
    """A rotated rectangle in UTM 36N around Gaza City's latitude; inverse-projects to WGS84."""

    def __init__(self) -> None:
        from pyproj import Transformer

        self.fwd = Transformer.from_crs(4326, geometry.GAZA_UTM_EPSG, always_xy=True)
        self.inv = Transformer.from_crs(geometry.GAZA_UTM_EPSG, 4326, always_xy=True)
        self.cx, self.cy = self.fwd.transform(34.39, 31.42)
        self.angle = np.radians(50)

    def points(self, rng: np.random.Generator, n: int) -> np.ndarray:
        u, v = rng.uniform(-20_000, 20_000, n), rng.uniform(-4_500, 4_500, n)
        c, s = np.cos(self.angle), np.sin(self.angle)
        return np.column_stack([self.cx + u * c - v * s, self.cy + u * s + v * c])

    def to_wgs84(self, xy: np.ndarray) -> np.ndarray:
        return np.column_stack(self.inv.transform(xy[:, 0], xy[:, 1]))


def random_windows(rng: np.random.Generator, n: int, lo_h: float, hi_h: float) -> list[TimeWindow]:
    """n windows starting within the three days, lasting lo_h..hi_h hours, on whole minutes."""
    start = np.round(rng.uniform(0, HOURS * 60, n))
    dur = np.round(rng.uniform(lo_h * 60, hi_h * 60, n))
    return [
        TimeWindow(T0 + timedelta(minutes=float(s)), T0 + timedelta(minutes=float(s + d)))
        for s, d in zip(start, dur, strict=True)
    ]


def random_polygons(
    strip: Strip, rng: np.random.Generator, n: int, r_lo: float, r_hi: float, k: int
) -> np.ndarray:
    """n irregular k-gons (WGS84) of radius r_lo..r_hi metres centred in the strip."""
    centre = strip.points(rng, n)
    r = rng.uniform(r_lo, r_hi, n)[:, None] * rng.uniform(0.7, 1.0, (n, k))
    a = np.linspace(0, 2 * np.pi, k, endpoint=False)[None, :] + rng.uniform(0, 1, (n, 1))
    xy = np.stack([centre[:, :1] + r * np.cos(a), centre[:, 1:] + r * np.sin(a)], axis=-1).reshape(
        -1, 2
    )
    ll = strip.to_wgs84(xy).reshape(n, k, 2)
    ll = np.concatenate([ll, ll[:, :1]], axis=1)
    return shapely.polygons(ll)


def _random_routes(strip: Strip, rng: np.random.Generator, n: int) -> np.ndarray:
    """n WGS84 linestrings of 6–10 vertices, 700–1000 m steps around a random heading."""
    nv = rng.integers(6, 11, n)
    start = strip.points(rng, n)
    owner = np.repeat(np.arange(n), nv)
    heading = np.repeat(rng.uniform(0, 2 * np.pi, n), nv) + rng.normal(0, 0.4, owner.size)
    step = rng.uniform(700, 1000, owner.size)
    first = np.cumsum(nv) - nv
    step[first] = 0.0
    dx, dy = step * np.cos(heading), step * np.sin(heading)
    xy = np.column_stack([start[owner, 0], start[owner, 1]])
    for arr, d in ((xy[:, 0], dx), (xy[:, 1], dy)):
        c = np.cumsum(d)
        arr += c - np.repeat(c[first], nv)
    return shapely.linestrings(strip.to_wgs84(xy), indices=owner)


def make_movements(
    strip: Strip, rng: np.random.Generator, n: int, prefix: str = "m"
) -> list[MovementNotification]:
    routes = _random_routes(strip, rng, n)
    windows = random_windows(rng, n, 1, 8)
    buffers = np.where(rng.random(n) < 0.3, 50.0, 0.0)
    cp_pick = rng.integers(0, len(CHECKPOINTS), n)
    cp_frac = rng.random(n)
    has_cp = rng.random(n) < 0.05
    out = []
    for i in range(n):
        w = windows[i]
        cps = ()
        if has_cp[i]:
            at = w.start + (w.end - w.start) * float(cp_frac[i])
            at = at.replace(second=0, microsecond=0)
            cps = (CheckpointPassage(CHECKPOINTS[cp_pick[i]], shapely.Point(0, 0), at),)
        r = routes[i]
        out.append(
            MovementNotification(
                f"{prefix}{i}",
                1,
                "org",
                MovementPurpose.FOOD,
                False,
                shapely.Point(r.coords[0]),
                shapely.Point(r.coords[-1]),
                r,
                w,
                route_buffer_m=float(buffers[i]),
                checkpoints=cps,
            )
        )
    return out


def make_operations(
    strip: Strip, rng: np.random.Generator, n: int, prefix: str = "o"
) -> list[PlannedOperation]:
    """n planned operations: 12-gons of 100–800 m, 1–6 h windows, no buffer."""
    return [
        PlannedOperation(f"{prefix}{i}", 1, p, w, 0.0)
        for i, (p, w) in enumerate(
            zip(
                random_polygons(strip, rng, n, 100, 800, 12),
                random_windows(rng, n, 1, 6),
                strict=True,
            )
        )
    ]


def make_plan(n_moves: int, n_sites: int, n_areas: int, seed: int) -> tuple[Plan, Strip]:
    rng = np.random.default_rng(seed)
    strip = Strip()
    moves = make_movements(strip, rng, n_moves)
    nz = n_areas // 2
    zones = [
        ExclusionZone(f"z{i}", 1, p, w, b)
        for i, (p, w, b) in enumerate(
            zip(
                random_polygons(strip, rng, nz, 100, 600, 16),
                random_windows(rng, nz, 1, 6),
                rng.choice([0.0, 100.0], nz),
                strict=True,
            )
        )
    ]
    ops = make_operations(strip, rng, n_areas - nz)
    return Plan(
        tuple(make_sites(strip, rng, n_sites)),
        tuple(moves),
        tuple(zones),
        tuple(ops),
        tuple(make_corridors(strip)),
    ), strip


def make_sites(strip: Strip, rng: np.random.Generator, n: int) -> list[SiteNotification]:
    xy = strip.points(rng, n)
    ll = strip.to_wgs84(xy)
    fp_mask = rng.random(n) < 0.1
    fps = shapely.box(xy[:, 0] - 20, xy[:, 1] - 20, xy[:, 0] + 20, xy[:, 1] + 20)
    buffers = rng.choice([100.0, 200.0, 300.0], n)
    withdrawn = rng.random(n) < 0.03
    start_d, end_d = rng.uniform(0, 30, n), rng.uniform(10, 60, n)
    out = []
    for i in range(n):
        fp = None
        if fp_mask[i]:
            fp = shapely.Polygon(strip.to_wgs84(np.asarray(fps[i].exterior.coords)))
        out.append(
            SiteNotification(
                f"s{i}",
                1,
                "org",
                f"site {i}",
                SiteCategory.HOSPITAL_CLINIC,
                LegalBasis.MEDICAL_UNIT,
                "health",
                SiteRelation.OPERATES,
                shapely.Point(ll[i]),
                TimeWindow(
                    T0 - timedelta(days=float(start_d[i])), T0 + timedelta(days=float(end_d[i]))
                ),
                SiteStatus.WITHDRAWN if withdrawn[i] else SiteStatus.ACTIVE,
                fp,
                float(buffers[i]),
            )
        )
    return out


def make_corridors(strip: Strip) -> list[Corridor]:
    """Three crossing lines across the strip (like the Wadi Gaza crossings), open 06–16 daily."""
    out = []
    c, s = np.cos(strip.angle), np.sin(strip.angle)
    opens = tuple(
        TimeWindow(T0 + timedelta(days=d, hours=6), T0 + timedelta(days=d, hours=16))
        for d in range(3)
    )
    for k, u in enumerate((-8_000.0, 0.0, 8_000.0)):
        v = np.linspace(-4_500, 4_500, 5)
        xy = np.column_stack([strip.cx + u * c - v * s, strip.cy + u * s + v * c])
        out.append(
            Corridor(
                f"c{k}", 1, f"corridor {k}", shapely.LineString(strip.to_wgs84(xy)), opens, 200.0
            )
        )
    return out
