"""The map's data: one JSON document of GeoJSON layers, filtered by role through ``access``
(a humanitarian officer gets its own sites and movements, corridors, and its conflicts as
points without the force's side; the force side gets everything). Withdrawn and expired sites
are drawn as still protected (access.md §0.1)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from contingent.core.canonical import iso_utc
from contingent.core.errors import Forbidden
from contingent.web.accounts.decorators import role_required

from .. import access, convert
from ..plan import latest_versions_of
from .pages import READERS


def _feature(geom: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geom, "properties": props}


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _notifications(user: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sites, routes = [], []
    heads = access.access_notifications(user)
    versions = convert.latest_versions(
        v for n in heads.prefetch_related("versions") for v in n.versions.all()
    )
    by_id = {n.pk: n for n in heads}
    for v in versions:
        n, p = by_id[v.notification_id], v.payload
        props = {
            "key": n.key,
            "version": v.version,
            "organisation": n.organisation.key,
            "illustrative": n.illustrative,
            "url": reverse("access:notification", kwargs={"key": n.key}),
        }
        if n.kind == "site":
            props |= {
                "name": p["name"],
                "category": p["category"],
                "status": p["status"],
                "protected": True,
                "adm2_pcode": p["adm2_pcode"],
            }
            sites.append(_feature(p["point"], props))
        else:
            props |= {
                "purpose": p["purpose"],
                "emergency": p["is_emergency"],
                "late": v.late,
                "window": p["window"],
            }
            routes.append(_feature(p["route"], props))
    return sites, routes


def _areas(user: Any) -> list[dict[str, Any]]:
    try:
        rows = access.access_force_areas(user)
    except Forbidden:
        return []
    return [
        _feature(
            a.area_wgs84,
            {
                "kind": a.kind,
                "key": a.key,
                "version": a.version,
                "name": a.name,
                "window": [iso_utc(a.window_start), iso_utc(a.window_end)],
                "illustrative": a.illustrative,
            },
        )
        for a in latest_versions_of(rows, lambda a: (a.kind, a.key))
    ]


def _conflict_points(user: Any, own: set[str] | None) -> list[dict[str, Any]]:
    out = []
    for c in access.access_conflicts(user)[:2000]:
        view = access.conflict_view(user, c, own)
        out.append({k: (iso_utc(v) if hasattr(v, "tzinfo") else v) for k, v in view.items()})
    return out


@role_required(*READERS)
def map_data(request: HttpRequest) -> JsonResponse:
    user = request.user
    sites, routes = _notifications(user)
    corridors = [
        _feature(
            c.geom_wgs84,
            {
                "key": c.key,
                "name": c.name,
                "width_m": c.width_m,
                "open_windows": c.open_windows,
                "illustrative": c.illustrative,
            },
        )
        for c in latest_versions_of(access.access_corridors(user), lambda c: c.key)
    ]
    body = {
        "sites": _collection(sites),
        "movements": _collection(routes),
        "corridors": _collection(corridors),
        "areas": _collection(_areas(user)),
        "conflicts": _conflict_points(user, access.own_keys_for(user)),
    }
    return JsonResponse(body)
