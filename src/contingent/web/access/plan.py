"""Loading what the engine checks from the database: the current version of every object.

``current_plan`` serves the bulk mode (a whole day's plan); ``index_for`` builds the small index
a single check needs (a movement is checked against zones, operations, corridors and the other
movements' checkpoint passages; a site against planned operations; a zone or an operation
against movements, and an operation also against sites).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from django.db.models import OuterRef, Q, QuerySet, Subquery, Value

from contingent.core.access import model as m
from contingent.core.access.engine import (
    DeconflictionIndex,
    _checkpoint_table,
    build_index,
    movement_layer,
    site_layer,
)
from contingent.core.access.geometry import GAZA_UTM_EPSG
from contingent.core.access.layers import Layer, area_layer, corridor_layer

from . import convert
from . import models as db

T = TypeVar("T", db.Corridor, db.ForceArea)


def latest_versions_of(rows: Iterable[T], key: Any) -> list[T]:
    """The highest version of each object among ``rows`` (``key(row)`` names the object)."""
    best: dict[Any, T] = {}
    for r in rows:
        k = key(r)
        if k not in best or r.version > best[k].version:
            best[k] = r
    return list(best.values())


def _current(kind: str) -> QuerySet[db.NotificationVersion]:
    """The current (highest) version of each notification of ``kind``, filtered in SQL."""
    newest = db.NotificationVersion.objects.filter(notification=OuterRef("notification")).order_by(
        "-version"
    )
    return db.NotificationVersion.objects.filter(
        notification__kind=kind, version=Subquery(newest.values("version")[:1])
    ).select_related("notification__organisation")


def _versions(kind: str, operation: Any = None) -> list[db.NotificationVersion]:
    qs = _current(kind)
    if operation is not None:  # objects not tied to any operation are area-wide: kept
        qs = qs.filter(
            Q(notification__operation=operation) | Q(notification__operation__isnull=True)
        )
    return list(qs)


def _checkpoint_neighbours(
    obj: m.MovementNotification, interval_s: float
) -> tuple[m.MovementNotification, ...]:
    """Other movements that could converge with ``obj`` at a checkpoint: current versions with
    checkpoints whose window comes within the convergence interval of ``obj``'s window."""
    pad = timedelta(seconds=interval_s)
    qs = (
        _current("movement")
        .filter(has_checkpoints=True)
        .filter(window_start__lte=obj.window.end + pad, window_end__gte=obj.window.start - pad)
        .exclude(notification__key=obj.id)
    )
    return tuple(convert.version_to_core(v) for v in qs)  # type: ignore[misc]


def _day_window(day: Any) -> tuple[datetime, datetime] | None:
    if day is None:
        return None
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start, start + timedelta(days=1)


def _overlaps(s: datetime, e: datetime, span: tuple[datetime, datetime] | None) -> bool:
    return span is None or (s < span[1] and (e > span[0] or (s == e and s >= span[0])))


def sites(operation: Any = None) -> tuple[m.SiteNotification, ...]:
    return tuple(convert.version_to_core(v) for v in _versions("site", operation))  # type: ignore[misc]


def movements(operation: Any = None, day: Any = None) -> tuple[m.MovementNotification, ...]:
    span = _day_window(day)
    rows = [
        v for v in _versions("movement", operation) if _overlaps(v.window_start, v.window_end, span)
    ]
    return tuple(convert.version_to_core(v) for v in rows)  # type: ignore[misc]


def areas(kind: str, operation: Any = None, day: Any = None) -> tuple[Any, ...]:
    qs = db.ForceArea.objects.filter(kind=kind)
    if operation is not None:
        qs = qs.filter(Q(operation=operation) | Q(operation__isnull=True))
    span = _day_window(day)
    latest = latest_versions_of(qs, lambda a: a.key)
    return tuple(
        convert.area_to_core(a) for a in latest if _overlaps(a.window_start, a.window_end, span)
    )


def corridors() -> tuple[m.Corridor, ...]:
    return tuple(
        convert.corridor_to_core(c)
        for c in latest_versions_of(db.Corridor.objects.all(), lambda c: c.key)
    )


def current_plan(operation: Any = None, day: Any = None) -> m.Plan:
    """Everything in force (or, with ``day``, every movement and area whose window touches that
    UTC day; sites stay protected whatever the day)."""
    return m.Plan(
        sites=sites(),  # a protected site is protected whatever the operation
        movements=movements(operation, day),
        zones=areas(db.ForceArea.ZONE, operation, day),
        operations=areas(db.ForceArea.OPERATION, operation, day),
        corridors=corridors(),
    )


# The force side (zones, planned operations, corridors) projected to metres, kept per process.
# Rows are immutable and only added, so their (id, created_at) pairs name the content. Not the
# count and highest id alone: SQLite reuses the ids of a rolled-back insert, and a PostgreSQL
# transaction can commit a lower id after a higher one.
_FORCE_CACHE: dict[str, Any] = {}


def _force_layers() -> tuple[Layer, Layer, Layer, m.Plan]:
    # One round trip for both tables; the literal tells an area id from a corridor id.
    areas_q = (
        db.ForceArea.objects.annotate(t=Value(0)).order_by().values_list("t", "id", "created_at")
    )
    corridors_q = (
        db.Corridor.objects.annotate(t=Value(1)).order_by().values_list("t", "id", "created_at")
    )
    stamp = hash(tuple(sorted(areas_q.union(corridors_q, all=True))))
    if _FORCE_CACHE.get("stamp") != stamp:
        part = m.Plan(
            zones=areas(db.ForceArea.ZONE),
            operations=areas(db.ForceArea.OPERATION),
            corridors=corridors(),
        )
        idx = build_index(part)
        _FORCE_CACHE.update(stamp=stamp, value=(idx.zones, idx.operations, idx.corridors, part))
    return _FORCE_CACHE["value"]  # type: ignore[no-any-return]


def _movement_index(obj: m.MovementNotification) -> DeconflictionIndex:
    zones, operations, corridor_layer, part = _force_layers()
    others = _checkpoint_neighbours(obj, part.checkpoint_interval_s) if obj.checkpoints else ()
    plan = m.Plan(
        movements=others,
        zones=part.zones,
        operations=part.operations,
        corridors=part.corridors,
        checkpoint_interval_s=part.checkpoint_interval_s,
    )
    return DeconflictionIndex(
        plan,
        GAZA_UTM_EPSG,
        movements=movement_layer(others, GAZA_UTM_EPSG),
        sites=site_layer((), GAZA_UTM_EPSG),
        zones=zones,
        operations=operations,
        corridors=corridor_layer,
        checkpoints=_checkpoint_table(others),
    )


def _site_index() -> DeconflictionIndex:
    """A site is checked against planned operations only: the operations layer projected once
    per process (``_force_layers``), the other layers empty. Same index as
    ``build_index(Plan(operations=areas(OPERATION)))``, without re-reading and re-projecting
    every operation on every notify."""
    _, operations, _, part = _force_layers()
    epsg = GAZA_UTM_EPSG
    return DeconflictionIndex(
        m.Plan(operations=part.operations),
        epsg,
        movements=movement_layer((), epsg),
        sites=site_layer((), epsg),
        zones=area_layer("zone", (), epsg),
        operations=operations,
        corridors=corridor_layer((), epsg),
        checkpoints={},
    )


def index_for(obj: Any) -> DeconflictionIndex:
    """The smallest index a single check of ``obj`` needs (the layers it is compared with)."""
    if isinstance(obj, m.MovementNotification):
        return _movement_index(obj)
    if isinstance(obj, m.SiteNotification):
        return _site_index()
    if isinstance(obj, m.PlannedOperation):
        plan = m.Plan(sites=sites(), movements=movements())
    else:
        plan = m.Plan(movements=movements())
    return build_index(plan)
