"""Layers: one kind of object (movements, zones, …) projected to metres, as arrays the kernels use.

A layer holds, per object, its reference (id, version), its shape in the metric CRS, its time
window in microseconds, and the buffer it brings to a pair (a pair conflicts when the exact
distance is within the *sum* of both sides' buffers). Its STRtree over buffered bounding boxes is
built on first use, so a single check against a loaded index pays it only once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

from contingent.core.access.geometry import GAZA_UTM_EPSG, _transformer
from contingent.core.access.kernels import (
    TOLERANCE_M,
    ShapeSet,
    box_candidates,
    padded_tree,
    pair_distances_m,
    shapeset_from_geoms,
)
from contingent.core.access.model import (
    Corridor,
    ExclusionZone,
    MovementNotification,
    ObjectRef,
    PlannedOperation,
    SiteNotification,
)
from contingent.core.access.windows import FAR_FUTURE, TimeWindow, to_us, windows_overlap_us

Progress = Callable[[str, float], None]
_BATCH = 10_000
_FEW = 16  # objects of the left layer per candidate query (bounded memory, progress ticks)


@dataclass(slots=True)
class Layer:
    kind: str
    ids: list[str]
    versions: list[int]
    shapes: ShapeSet
    start_us: np.ndarray
    end_us: np.ndarray
    buffer_m: np.ndarray
    objects: Sequence[object]
    windows: Sequence[TimeWindow | None]
    _tree: shapely.STRtree | None = field(default=None, repr=False)
    _refs: list[ObjectRef] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def refs(self) -> list[ObjectRef]:
        """One shared ObjectRef per object (built once: conflicts reuse them)."""
        if self._refs is None:
            self._refs = [
                ObjectRef(self.kind, i, v) for i, v in zip(self.ids, self.versions, strict=True)
            ]
        return self._refs

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = padded_tree(self.shapes.bounds, self.buffer_m + TOLERANCE_M)
        return self._tree


def project_many(geoms_wgs84: Sequence[shapely.Geometry], epsg: int = GAZA_UTM_EPSG) -> np.ndarray:
    """Project an array of geometries in one pyproj call (shapely hands all vertices at once)."""
    t = _transformer(epsg)
    arr = np.array(geoms_wgs84, dtype=object) if len(geoms_wgs84) else np.empty(0, dtype=object)
    if not len(arr):
        return arr
    return shapely.transform(arr, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def make_layer(
    kind: str,
    objects: Sequence[object],
    geoms_wgs84: Sequence[shapely.Geometry],
    windows: Sequence[TimeWindow | None],
    buffer_m: Sequence[float],
    epsg: int = GAZA_UTM_EPSG,
) -> Layer:
    """``windows`` None means "always" (corridors are checked for coverage, not overlap)."""
    shapes = shapeset_from_geoms(project_many(geoms_wgs84, epsg))
    start = np.array([to_us(w.start) if w else np.iinfo(np.int64).min for w in windows], np.int64)
    end = np.array([to_us(w.end) if w else np.iinfo(np.int64).max for w in windows], np.int64)
    return Layer(
        kind,
        [o.id for o in objects],  # type: ignore[attr-defined]
        [o.version for o in objects],  # type: ignore[attr-defined]
        shapes,
        start,
        end,
        np.asarray(buffer_m, float),
        objects,
        windows,
    )


def spatio_temporal_join(
    left: Layer,
    right: Layer,
    *,
    use_time: bool = True,
    progress: Progress | None = None,
    label: str = "",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs (i, j) whose windows overlap and whose exact distance is within
    ``left.buffer_m[i] + right.buffer_m[j]`` (+ tolerance). Returns (i, j, distance_m)."""
    out_i, out_j, out_d = [], [], []
    n = len(left)
    if n == 0 or len(right) == 0:
        empty = np.empty(0, np.int64)
        return empty, empty, np.empty(0)
    if len(right) <= _FEW < n:
        # A single check against a big layer: query the few boxes into the big layer's tree
        # (built once per index) instead of making a box for every object of the big layer.
        j, i, d = spatio_temporal_join(right, left, use_time=use_time)
        order = np.lexsort((j, i))
        return i[order], j[order], d[order]
    for lo in range(0, n, _BATCH):
        hi = min(n, lo + _BATCH)
        ia, ib = box_candidates(left.shapes.bounds[lo:hi], left.buffer_m[lo:hi], right.tree)
        ia += lo
        if use_time:
            keep = windows_overlap_us(
                left.start_us[ia], left.end_us[ia], right.start_us[ib], right.end_us[ib]
            )
            ia, ib = ia[keep], ib[keep]
        order = np.lexsort((ib, ia))
        ia, ib = ia[order], ib[order]
        threshold = left.buffer_m[ia] + right.buffer_m[ib]
        d = pair_distances_m(left.shapes, ia, right.shapes, ib, threshold)
        keep = d <= threshold + TOLERANCE_M
        out_i.append(ia[keep])
        out_j.append(ib[keep])
        out_d.append(d[keep])
        if progress:
            progress(label, hi / n)
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_d)


def site_protection_window(site: SiteNotification) -> TimeWindow:
    return TimeWindow(site.validity.start, FAR_FUTURE)


def movement_layer(movements: tuple[MovementNotification, ...], epsg: int) -> Layer:
    return make_layer(
        "movement",
        movements,
        [m.route_wgs84 for m in movements],
        [m.window for m in movements],
        [m.route_buffer_m for m in movements],
        epsg,
    )


def site_layer(sites: tuple[SiteNotification, ...], epsg: int) -> Layer:
    geoms = [s.footprint_wgs84 if s.footprint_wgs84 is not None else s.point_wgs84 for s in sites]
    return make_layer(
        "site",
        sites,
        geoms,
        [site_protection_window(s) for s in sites],
        [s.buffer_m for s in sites],
        epsg,
    )


def area_layer(
    kind: str, objs: tuple[ExclusionZone, ...] | tuple[PlannedOperation, ...], epsg: int
) -> Layer:
    return make_layer(
        kind,
        objs,
        [o.area_wgs84 for o in objs],
        [o.window for o in objs],
        [o.buffer_m for o in objs],
        epsg,
    )


def corridor_layer(corridors: tuple[Corridor, ...], epsg: int) -> Layer:
    return make_layer(
        "corridor",
        corridors,
        [c.geom_wgs84 for c in corridors],
        [None] * len(corridors),
        [c.width_m / 2 for c in corridors],
        epsg,
    )
