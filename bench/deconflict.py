"""Bulk deconfliction benchmark: engine vs a naive loop (sampled) vs the same join in PostGIS.

    nice .venv/bin/python bench/deconflict.py                 # 100,000 movements, 50,000 sites
    nice .venv/bin/python bench/deconflict.py --quick         # 10,000 / 5,000, a smoke run

Seeded synthetic data in a 40 km × 9 km strip rotated like the Gaza Strip, over three days:
movements with ~7 km routes (6–10 vertices) and 1–8 h windows, 5 % passing one of twenty
checkpoints; exclusion zones and planned operations (16-/12-gon areas, 1–6 h windows); protected
sites (10 % with a footprint, 3 % withdrawn); three crossing corridors open 06:00–16:00 daily.
Targets (DESIGN.md): bulk ≥ 3× faster than PostGIS on the same answers; single check p99 ≤ 10 ms.
Timings are wall-clock on whatever else the machine is doing; ratios come from one run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from contingent.core.access import geometry  # noqa: E402
from contingent.core.access.engine import build_index, deconflict_index  # noqa: E402
from contingent.core.access.model import (  # noqa: E402
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
from contingent.core.access.single import check_movement, check_operation  # noqa: E402
from contingent.core.access.windows import TimeWindow  # noqa: E402

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


def _window(rng: np.random.Generator, n: int, lo_h: float, hi_h: float) -> list[TimeWindow]:
    start = np.round(rng.uniform(0, HOURS * 60, n))
    dur = np.round(rng.uniform(lo_h * 60, hi_h * 60, n))
    return [
        TimeWindow(T0 + timedelta(minutes=float(s)), T0 + timedelta(minutes=float(s + d)))
        for s, d in zip(start, dur, strict=True)
    ]


def _polygons(
    strip: Strip, rng: np.random.Generator, n: int, r_lo: float, r_hi: float, k: int
) -> np.ndarray:
    centre = strip.points(rng, n)
    r = rng.uniform(r_lo, r_hi, n)[:, None] * rng.uniform(0.7, 1.0, (n, k))
    a = np.linspace(0, 2 * np.pi, k, endpoint=False)[None, :] + rng.uniform(0, 1, (n, 1))
    xy = np.stack([centre[:, :1] + r * np.cos(a), centre[:, 1:] + r * np.sin(a)], axis=-1).reshape(
        -1, 2
    )
    ll = strip.to_wgs84(xy).reshape(n, k, 2)
    ll = np.concatenate([ll, ll[:, :1]], axis=1)
    return shapely.polygons(ll)


def make_movements(
    strip: Strip, rng: np.random.Generator, n: int, prefix: str = "m"
) -> list[MovementNotification]:
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
    routes = shapely.linestrings(strip.to_wgs84(xy), indices=owner)
    windows = _window(rng, n, 1, 8)
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


def make_plan(n_moves: int, n_sites: int, n_areas: int, seed: int) -> tuple[Plan, Strip]:
    rng = np.random.default_rng(seed)
    strip = Strip()
    moves = make_movements(strip, rng, n_moves)
    nz = n_areas // 2
    zones = [
        ExclusionZone(f"z{i}", 1, p, w, b)
        for i, (p, w, b) in enumerate(
            zip(
                _polygons(strip, rng, nz, 100, 600, 16),
                _window(rng, nz, 1, 6),
                rng.choice([0.0, 100.0], nz),
                strict=True,
            )
        )
    ]
    no = n_areas - nz
    ops = [
        PlannedOperation(f"o{i}", 1, p, w, 0.0)
        for i, (p, w) in enumerate(
            zip(_polygons(strip, rng, no, 100, 800, 12), _window(rng, no, 1, 6), strict=True)
        )
    ]
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


def _ids(conflicts) -> set[tuple]:  # type: ignore[no-untyped-def]
    return {(str(c.kind), c.a.id, c.b.id, c.checkpoint_id) for c in conflicts}


def run_engine(plan: Plan, progress: bool) -> tuple[float, float, float, list, object]:
    """(load wall s, join wall s, load+join CPU s, conflicts, index)."""

    def tick(label: str, frac: float) -> None:
        if progress:
            print(f"\r  {label:<28} {frac:6.1%}", end="", file=sys.stderr, flush=True)

    cpu = time.process_time()
    t = time.perf_counter()
    index = build_index(plan, progress=tick)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    conflicts = deconflict_index(index, progress=tick)
    join_s = time.perf_counter() - t
    cpu = time.process_time() - cpu
    if progress:
        print(file=sys.stderr)
    return load_s, join_s, cpu, conflicts, index


def run_naive(plan: Plan, conflicts: list, fraction: float, seed: int) -> tuple[float, bool, int]:
    """A plain double loop (shapely distance per pair, pre-projected) on a sample of movements
    and operations; returns (extrapolated seconds, same answers on the sample, sample size)."""
    from contingent.core.access.bruteforce import corridor_conflicts
    from contingent.core.access.kernels import TOLERANCE_M
    from contingent.core.access.layers import project_many, site_protection_window

    rng = np.random.default_rng(seed + 1)
    moves = [
        plan.movements[i]
        for i in sorted(
            rng.choice(
                len(plan.movements), max(1, int(len(plan.movements) * fraction)), replace=False
            )
        )
    ]
    ops = [
        plan.operations[i]
        for i in sorted(
            rng.choice(
                len(plan.operations), max(1, int(len(plan.operations) * fraction)), replace=False
            )
        )
    ]
    t = time.perf_counter()
    areas = [("route_crosses_zone", z) for z in plan.zones] + [
        ("route_crosses_operation", o) for o in plan.operations
    ]
    area_m = project_many([a.area_wgs84 for _, a in areas])
    found = set()
    for m, route in zip(moves, project_many([m.route_wgs84 for m in moves]), strict=True):
        for (kind, a), geom in zip(areas, area_m, strict=True):
            if (
                m.window.overlaps(a.window)
                and shapely.distance(route, geom) <= m.route_buffer_m + a.buffer_m + TOLERANCE_M
            ):
                found.add((kind, m.id, a.id, ""))
        found |= _ids(corridor_conflicts(m, plan.corridors))
    sites_m = project_many(
        [s.footprint_wgs84 if s.footprint_wgs84 is not None else s.point_wgs84 for s in plan.sites]
    )
    for op, geom in zip(ops, project_many([o.area_wgs84 for o in ops]), strict=True):
        for s, sg in zip(plan.sites, sites_m, strict=True):
            near = shapely.distance(geom, sg) <= s.buffer_m + op.buffer_m + TOLERANCE_M
            if near and op.window.overlaps(site_protection_window(s)):
                found.add(("operation_near_site", op.id, s.id, ""))
    elapsed = (time.perf_counter() - t) / fraction
    mids, oids = {m.id for m in moves}, {o.id for o in ops}
    expected = {
        k
        for k in _ids(conflicts)
        if k[0] != "checkpoint_convergence"
        and (k[1] in mids or (k[1] in oids and k[0] == "operation_near_site"))
    }
    return elapsed, found == expected, len(moves) + len(ops)


def run_postgis(plan: Plan) -> tuple[float, float, float, set[tuple], dict[tuple, float]] | str:
    import postgis

    reason = postgis.postgis_missing_reason()
    if reason:
        return f"PostGIS not available: {reason}"
    with postgis.throwaway_cluster() as cluster:
        load_s, join_s, join_cpu_s, rows = postgis.load_and_join(
            cluster, plan, geometry.GAZA_UTM_EPSG, int(plan.checkpoint_interval_s * 1e6)
        )
    got, dist = set(), {}
    prefixes = {
        "operation_near_site": "os",
        "corridor_closed": "mc",
        "route_crosses_zone": "mz",
        "route_crosses_operation": "mo",
    }
    for name, rs in rows.items():
        for r in rs:
            if name == "checkpoint_convergence":
                a_id, b_id = sorted((f"m{r[1]}", f"m{r[2]}"))  # the engine orders the pair by id
                got.add((r[0], a_id, b_id, r[3]))
                continue
            pa, pb = prefixes[r[0]]
            key = (r[0], f"{pa}{r[1]}", f"{pb}{r[2]}", "")
            got.add(key)
            dist[key] = r[3]
    return load_s, join_s, join_cpu_s, got, dist


def single_checks(
    index: object, strip: Strip, plan: Plan, n: int, seed: int
) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed + 2)
    new_moves = make_movements(strip, rng, n, prefix="new")
    new_ops = [
        PlannedOperation(f"newop{i}", 1, p, w)
        for i, (p, w) in enumerate(
            zip(
                _polygons(strip, rng, n // 10, 100, 800, 12),
                _window(rng, n // 10, 1, 6),
                strict=True,
            )
        )
    ]
    for m in new_moves[:20]:
        check_movement(index, m)  # warm-up (lazy trees)
    check_operation(index, new_ops[0])
    out = {}
    for name, fn, objs in (
        ("movement", check_movement, new_moves),
        ("operation", check_operation, new_ops),
    ):
        times, cpu = [], []
        for o in objs:
            c, t = time.thread_time(), time.perf_counter()
            fn(index, o)
            times.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
        out[name] = np.array(times) * 1000
        out[name + " CPU"] = np.array(cpu) * 1000
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--movements", type=int, default=100_000)
    ap.add_argument("--sites", type=int, default=50_000)
    ap.add_argument(
        "--zones", type=int, default=1_000, help="exclusion zones + planned operations (half each)"
    )
    ap.add_argument("--seed", type=int, default=2803)
    ap.add_argument("--sample", type=float, default=0.01, help="fraction for the naive loop")
    ap.add_argument(
        "--checks",
        type=int,
        default=1_000,
        help="single movement checks (and a tenth as many operations)",
    )
    ap.add_argument("--quick", action="store_true", help="10,000 movements, 5,000 sites, 200 zones")
    ap.add_argument("--no-postgis", action="store_true")
    ap.add_argument("--progress", action="store_true")
    a = ap.parse_args(argv)
    if a.quick:
        a.movements, a.sites, a.zones, a.sample = 10_000, 5_000, 200, 0.05
    t = time.perf_counter()
    plan, strip = make_plan(a.movements, a.sites, a.zones, a.seed)
    print(
        f"data: {a.movements:,} movements, {a.sites:,} sites, {a.zones:,} zones+operations, "
        f"{len(plan.corridors)} corridors, seed {a.seed} (generated in {time.perf_counter() - t:.1f} s)"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start (shared; wall times suffer, CPU times less)"
    )
    load_s, join_s, engine_cpu_s, conflicts, index = run_engine(plan, a.progress)
    engine_s = load_s + join_s
    by_kind: dict[str, int] = {}
    for c in conflicts:
        by_kind[str(c.kind)] = by_kind.get(str(c.kind), 0) + 1
    print(
        f"engine: load {load_s:.2f} s + join {join_s:.2f} s = {engine_s:.2f} s wall, {engine_cpu_s:.2f} s CPU "
        f"(one thread); {len(conflicts):,} conflicts {dict(sorted(by_kind.items()))}"
    )
    naive_s, naive_same, n = run_naive(plan, conflicts, a.sample, a.seed)
    print(
        f"naive loop: {n:,} sampled objects ({a.sample:.0%}), extrapolated {naive_s:.1f} s "
        f"-> engine {naive_s / engine_s:.1f}x faster (extrapolated); same answers on the sample: {naive_same}"
    )
    if a.no_postgis:
        print("PostGIS: skipped (--no-postgis)")
    else:
        report_postgis(plan, conflicts, join_s, engine_s, engine_cpu_s)
    report_single_checks(single_checks(index, strip, plan, a.checks, a.seed))
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


def report_postgis(
    plan: Plan, conflicts: list, join_s: float, engine_s: float, engine_cpu_s: float
) -> None:
    """Run the same join in PostGIS and print its timings, answers and ratios to the engine's."""
    res = run_postgis(plan)
    if isinstance(res, str):
        print(res)
        return
    pg_load, pg_join, pg_cpu, pg_keys, pg_dist = res
    mine = _ids(conflicts)
    dmax = max(
        (
            abs(c.distance_m - pg_dist[k])
            for c in conflicts
            if (k := (str(c.kind), c.a.id, c.b.id, "")) in pg_dist
        ),
        default=0.0,
    )
    print(
        f"PostGIS: load+index {pg_load:.2f} s (not counted), join {pg_join:.2f} s wall, {pg_cpu:.2f} s CPU "
        f"(all server processes, up to 2 parallel workers); {len(pg_keys):,} conflicts; "
        f"same answers: {pg_keys == mine} (only engine {len(mine - pg_keys)}, only PostGIS {len(pg_keys - mine)}); "
        f"max distance difference {dmax:.2e} m"
    )
    wall, cpu = pg_join / engine_s, pg_cpu / engine_cpu_s
    print(
        f"ratio PostGIS join / engine load+join: {wall:.2f}x wall, {cpu:.2f}x CPU "
        f"(target >= 3x: {'met' if min(wall, cpu) >= 3 else 'MISSED'}); "
        f"PostGIS join / engine join only: {pg_join / join_s:.2f}x wall"
    )


def report_single_checks(lat: dict[str, np.ndarray]) -> None:
    """Print p50/p99 of the single-check latencies (wall, then thread CPU) against 10 ms."""
    for name, ms in lat.items():
        if name.endswith("CPU"):
            print(
                f"  same checks, thread CPU time: p50 {np.percentile(ms, 50):.2f} ms, p99 {np.percentile(ms, 99):.2f} ms "
                f"(p99 <= 10 ms on CPU time: {'met' if np.percentile(ms, 99) <= 10 else 'MISSED'})"
            )
            continue
        p99 = np.percentile(ms, 99)
        print(
            f"single check ({name}, n={len(ms)}): p50 {np.percentile(ms, 50):.2f} ms, p99 {p99:.2f} ms, max {ms.max():.2f} ms "
            f"(target p99 <= 10 ms: {'met' if p99 <= 10 else 'MISSED'})"
        )


if __name__ == "__main__":
    raise SystemExit(main())
