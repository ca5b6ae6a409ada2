"""Vectorised exact distance kernels (numpy) over candidate pairs of shapes in metres.

Why not GEOS per pair: measured here (stack-notes.md, Geometry), almost all the time of a
spatial join is the exact test; splitting shapes into segments and computing exact
point–segment / segment–segment distances in numpy over index candidates beat PostGIS ~7×.

A :class:`ShapeSet` flattens points, lines and polygons into one table of segments (a point is a
zero-length segment; a polygon contributes every edge of every ring). The distance between two
shapes is 0 when one's first vertex lies inside the other (polygons only, even–odd rule so holes
count) and otherwise the minimum segment–segment distance (0 when segments cross). This equals
the GEOS/shapely distance for valid geometries, up to floating-point rounding; the engine compares
with :data:`TOLERANCE_M` so that shapes which touch exactly are conflicts on both sides.

Contract of :func:`pair_distances_m`: for each candidate pair, the exact distance when it is within
that pair's threshold, otherwise some value above the threshold (segments far from the other
shape's bounding box are skipped).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

TOLERANCE_M = 1e-6  # one micrometre: absorbs rounding on shapes that touch exactly
_CHUNK = 400_000  # segment×edge elements per numpy pass (bounded memory, ~20 temporaries)


@dataclass(frozen=True, slots=True)
class ShapeSet:
    ax: np.ndarray
    ay: np.ndarray
    bx: np.ndarray
    by: np.ndarray
    seg_start: np.ndarray  # CSR: segments of shape i are seg_start[i]:seg_start[i+1]
    first_x: np.ndarray
    first_y: np.ndarray
    is_polygon: np.ndarray
    bounds: np.ndarray  # (n, 4) minx, miny, maxx, maxy

    def __len__(self) -> int:
        return len(self.first_x)


def shapeset_from_parts(
    x: np.ndarray, y: np.ndarray, part: np.ndarray, part_owner: np.ndarray, is_polygon: np.ndarray
) -> ShapeSet:
    """Vertices ``x, y`` grouped in chains ``part`` (non-decreasing), each chain owned by a shape
    (``part_owner`` non-decreasing). Consecutive vertices of a chain form a segment; a chain of
    one vertex is a zero-length segment (a point)."""
    n = len(is_polygon)
    owner_v = part_owner[part]
    same = np.zeros(len(x), bool)
    same[:-1] = part[1:] == part[:-1]
    single = np.ones(len(x), bool)  # vertex alone in its chain
    single[1:] &= part[1:] != part[:-1]
    single[:-1] &= part[:-1] != part[1:]
    i = np.flatnonzero(same | single)
    j = np.where(same[i], i + 1, i)
    order = np.argsort(owner_v[i], kind="stable")
    i, j = i[order], j[order]
    seg_start = np.searchsorted(owner_v[i], np.arange(n + 1)).astype(np.int64)
    firsts = np.searchsorted(owner_v, np.arange(n))
    bounds = np.empty((n, 4))
    for k, (fn, arr) in enumerate(
        ((np.minimum, x), (np.minimum, y), (np.maximum, x), (np.maximum, y))
    ):
        bounds[:, k] = fn.reduceat(arr, firsts) if len(arr) else 0.0
    return ShapeSet(
        x[i],
        y[i],
        x[j],
        y[j],
        seg_start,
        x[firsts],
        y[firsts],
        np.asarray(is_polygon, bool),
        bounds,
    )


def shapeset_from_geoms(geoms: np.ndarray) -> ShapeSet:
    """Shapely Points, LineStrings and Polygons (already in metres) to a ShapeSet, in order."""
    geoms = np.asarray(geoms, dtype=object)
    types = shapely.get_type_id(geoms)
    poly = types == 3
    xs, ys, parts, owners = [], [], [], []
    base = 0
    lin = np.flatnonzero(~poly)
    if len(lin):
        c, idx = shapely.get_coordinates(geoms[lin], return_index=True)
        xs.append(c[:, 0])
        ys.append(c[:, 1])
        parts.append(idx + base)
        owners.append(lin)
        base += len(lin)
    pol = np.flatnonzero(poly)
    if len(pol):
        rings, ridx = shapely.get_rings(geoms[pol], return_index=True)
        c, cidx = shapely.get_coordinates(rings, return_index=True)
        xs.append(c[:, 0])
        ys.append(c[:, 1])
        parts.append(cidx + base)
        owners.append(pol[ridx])
    part_owner = np.concatenate(owners) if owners else np.empty(0, np.int64)
    part = np.concatenate(parts) if parts else np.empty(0, np.int64)
    x = np.concatenate(xs) if xs else np.empty(0)
    y = np.concatenate(ys) if ys else np.empty(0)
    # Re-number chains so that owners are non-decreasing (stable keeps vertex order in a chain).
    order = np.argsort(part_owner[part], kind="stable")
    part_order = np.argsort(part_owner, kind="stable")
    rank = np.empty_like(part_order)
    rank[part_order] = np.arange(len(part_order))
    return shapeset_from_parts(x[order], y[order], rank[part[order]], part_owner[part_order], poly)


def _point_segment(px, py, ax, ay, bx, by):  # type: ignore[no-untyped-def]
    vx, vy = bx - ax, by - ay
    wx, wy = px - ax, py - ay
    length2 = vx * vx + vy * vy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(length2 > 0, (wx * vx + wy * vy) / length2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    return np.hypot(wx - t * vx, wy - t * vy)


def segment_distances(ax, ay, bx, by, cx, cy, dx, dy) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Exact distance between segments AB and CD, element-wise (0 when they cross)."""
    d = np.minimum(
        np.minimum(_point_segment(ax, ay, cx, cy, dx, dy), _point_segment(bx, by, cx, cy, dx, dy)),
        np.minimum(_point_segment(cx, cy, ax, ay, bx, by), _point_segment(dx, dy, ax, ay, bx, by)),
    )
    o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
    o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
    o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
    crossing = (o1 * o2 < 0) & (o3 * o4 < 0)
    return np.where(crossing, 0.0, d)


def _expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For groups of sizes ``counts``: group index and offset inside the group, per element."""
    group = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return group, np.arange(int(counts.sum())) - starts[group]


def _inside(px: np.ndarray, py: np.ndarray, poly: ShapeSet, j: np.ndarray) -> np.ndarray:
    """Even–odd point-in-polygon of point k in polygon j[k] (holes count as outside)."""
    out = np.zeros(len(j), bool)
    for lo, hi in _chunks(poly.seg_start[j + 1] - poly.seg_start[j]):
        counts = poly.seg_start[j[lo:hi] + 1] - poly.seg_start[j[lo:hi]]
        g, off = _expand(counts)
        e = poly.seg_start[j[lo:hi]][g] + off
        x1, y1, x2, y2 = poly.ax[e], poly.ay[e], poly.bx[e], poly.by[e]
        qx, qy = px[lo:hi][g], py[lo:hi][g]
        with np.errstate(invalid="ignore", divide="ignore"):
            cross = ((y1 > qy) != (y2 > qy)) & (qx < x1 + (qy - y1) * (x2 - x1) / (y2 - y1))
        out[lo:hi] = np.bincount(g, weights=cross, minlength=hi - lo) % 2 == 1
    return out


def _chunks(sizes: np.ndarray) -> list[tuple[int, int]]:
    """Split consecutive items so each run's total size stays near _CHUNK."""
    ends = np.cumsum(sizes)
    cuts: Any = (
        np.searchsorted(ends, np.arange(_CHUNK, int(ends[-1]) + _CHUNK, _CHUNK)) + 1
        if len(ends)
        else []
    )
    bounds = [0, *sorted({min(int(c), len(sizes)) for c in cuts}), len(sizes)]
    return [(a, b) for a, b in zip(bounds[:-1], bounds[1:], strict=True) if b > a]


def _near_segments(
    sh: ShapeSet, idx: np.ndarray, other_bounds: np.ndarray, threshold_m: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(pair, segment) for each segment of ``sh[idx[pair]]`` whose box is within the threshold
    of the other shape's box; pairs come out non-decreasing."""
    g, off = _expand(sh.seg_start[idx + 1] - sh.seg_start[idx])
    s = sh.seg_start[idx][g] + off
    bb, t = other_bounds[g], threshold_m[g]
    near = (
        (np.minimum(sh.ax[s], sh.bx[s]) <= bb[:, 2] + t)
        & (np.maximum(sh.ax[s], sh.bx[s]) >= bb[:, 0] - t)
        & (np.minimum(sh.ay[s], sh.by[s]) <= bb[:, 3] + t)
        & (np.maximum(sh.ay[s], sh.by[s]) >= bb[:, 1] - t)
    )
    return g[near], s[near]


def pair_distances_m(
    a: ShapeSet, ia: np.ndarray, b: ShapeSet, ib: np.ndarray, threshold_m: np.ndarray
) -> np.ndarray:
    """Distance between shape ``a[ia[k]]`` and ``b[ib[k]]`` for every k (see module contract)."""
    dist = np.full(len(ia), np.inf)
    if not len(ia):
        return dist
    # Only segments near the other shape's box can be within the threshold: filter both sides,
    # then take the product of the survivors per pair (most of a long route is far from a zone).
    ga, sa_all = _near_segments(a, ia, b.bounds[ib], threshold_m)
    gb, sb_all = _near_segments(b, ib, a.bounds[ia], threshold_m)
    nb = np.bincount(gb, minlength=len(ia))
    b_first = np.cumsum(nb) - nb
    for lo, hi in _chunks(nb[ga]):
        gg, off = _expand(nb[ga[lo:hi]])
        pair = ga[lo:hi][gg]
        if not len(pair):
            continue
        sa = sa_all[lo:hi][gg]
        e = sb_all[b_first[pair] + off]
        d = segment_distances(
            a.ax[sa], a.ay[sa], a.bx[sa], a.by[sa], b.ax[e], b.ay[e], b.bx[e], b.by[e]
        )
        # ``pair`` is non-decreasing here: reduce each run (np.minimum.at is ~20x slower).
        run = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
        dist[pair[run]] = np.minimum(dist[pair[run]], np.minimum.reduceat(d, run))
    for poly_side, pts_side, ip, iq in ((b, a, ib, ia), (a, b, ia, ib)):
        k = np.flatnonzero(poly_side.is_polygon[ip] & (dist > 0))
        if len(k):
            inside = _inside(pts_side.first_x[iq[k]], pts_side.first_y[iq[k]], poly_side, ip[k])
            dist[k[inside]] = 0.0
    return dist


def box_candidates(
    a_bounds: np.ndarray, a_pad_m: np.ndarray, tree: shapely.STRtree
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i in A, j in tree) whose padded bounding boxes intersect (tree boxes pre-padded)."""
    pad = a_pad_m + TOLERANCE_M
    boxes = shapely.box(
        a_bounds[:, 0] - pad, a_bounds[:, 1] - pad, a_bounds[:, 2] + pad, a_bounds[:, 3] + pad
    )
    ia, ib = tree.query(boxes)
    return ia.astype(np.int64), ib.astype(np.int64)


def padded_tree(bounds: np.ndarray, pad_m: np.ndarray) -> shapely.STRtree:
    return shapely.STRtree(
        shapely.box(
            bounds[:, 0] - pad_m, bounds[:, 1] - pad_m, bounds[:, 2] + pad_m, bounds[:, 3] + pad_m
        )
    )
