"""The numpy distance kernel equals shapely's distance on random shapes, holes included."""

from __future__ import annotations

import math

import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

from contingent.core.access.kernels import pair_distances_m, shapeset_from_geoms

coord = st.integers(-20, 20).map(float)


@st.composite
def shapes(draw: st.DrawFn) -> shapely.Geometry:
    kind = draw(st.sampled_from(["point", "line", "box", "holed"]))
    x, y = draw(coord), draw(coord)
    if kind == "point":
        return Point(x, y)
    if kind == "line":
        pts = [(x, y)] + [(draw(coord), draw(coord)) for _ in range(draw(st.integers(1, 4)))]
        return LineString(pts) if len(set(pts)) > 1 else LineString([(x, y), (x + 1, y)])
    w, h = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    outer = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    if kind == "holed" and w > 2 and h > 2:
        return Polygon(
            outer,
            [[(x + 1, y + 1), (x + w - 1, y + 1), (x + w - 1, y + h - 1), (x + 1, y + h - 1)]],
        )
    return Polygon(outer)


@settings(max_examples=200, deadline=None)
@given(st.lists(shapes(), min_size=1, max_size=4), st.lists(shapes(), min_size=1, max_size=4))
def test_kernel_distances_equal_shapely_distances(left, right):  # type: ignore[no-untyped-def]
    a, b = (
        shapeset_from_geoms(np.array(left, dtype=object)),
        shapeset_from_geoms(np.array(right, dtype=object)),
    )
    ia, ib = (
        g.ravel() for g in np.meshgrid(np.arange(len(left)), np.arange(len(right)), indexing="ij")
    )
    got = pair_distances_m(a, ia, b, ib, np.full(len(ia), 1e9))
    for k, (i, j) in enumerate(zip(ia, ib, strict=True)):
        assert math.isclose(got[k], shapely.distance(left[i], right[j]), abs_tol=1e-9), (
            left[i],
            right[j],
        )


@settings(max_examples=100, deadline=None)
@given(shapes(), shapes(), st.sampled_from([0.0, 1.0, 3.0]))
def test_pairs_beyond_the_threshold_are_never_reported_closer_than_they_are(left, right, threshold):  # type: ignore[no-untyped-def]
    a, b = (
        shapeset_from_geoms(np.array([left], dtype=object)),
        shapeset_from_geoms(np.array([right], dtype=object)),
    )
    got = pair_distances_m(a, np.array([0]), b, np.array([0]), np.array([threshold]))[0]
    exact = shapely.distance(left, right)
    if exact <= threshold:
        assert math.isclose(got, exact, abs_tol=1e-9)
    else:
        assert got > threshold
