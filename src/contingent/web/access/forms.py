"""The notify forms. Django checks only presence and shape here; every rule (geometry, area,
windows, sizes) is checked by ``validate`` so the form and the API refuse the same input with
the same code. Geometry arrives as GeoJSON text (drawn on the map by ``static/access/draw.js``
or pasted) or as an uploaded ``.geojson`` file; times are UTC."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from contingent.core.access.model import MovementPurpose, SiteCategory, SiteRelation, SiteStatus
from contingent.core.errors import ErrorCode, GeometryError

from .validate import MAX_GEOMETRY_BYTES


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ")) for m in enum]


UTC_HELP = _("UTC, e.g. 2026-12-10T06:00Z")


class _GeometryForm(forms.Form):
    """Reads a geometry from its text field or, when given, its uploaded file (size-checked
    before it is read whole, so an oversized file is refused as ``upload_too_large``)."""

    def geometry_text(self, name: str) -> str | None:
        upload = self.files.get(f"{name}_file")
        if upload is not None:
            if upload.size > MAX_GEOMETRY_BYTES:
                raise GeometryError(
                    f"upload of {upload.size} bytes is over the limit of {MAX_GEOMETRY_BYTES}",
                    code=ErrorCode.UPLOAD_TOO_LARGE,
                    fields={f"{name}_file": f"{upload.size} > {MAX_GEOMETRY_BYTES} bytes"},
                )
            return upload.read().decode("utf-8", errors="replace")
        text = (self.data.get(name) or "").strip()
        return text or None


def _utc(value: str | None) -> str | None:
    """A datetime-local value has no zone: the form says UTC, so it is read as UTC."""
    if not value:
        return None
    v = value.strip()
    has_zone = v.endswith("Z") or "+" in v[10:] or "-" in v[10:]
    return v if has_zone else v + "Z"


class SiteForm(_GeometryForm):
    name = forms.CharField(label=_("Site name"), max_length=300)
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=300, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=_choices(SiteCategory))
    humanitarian_function = forms.CharField(label=_("Humanitarian function"), max_length=2000)
    relation = forms.ChoiceField(label=_("Your organisation"), choices=_choices(SiteRelation))
    point = forms.CharField(
        label=_("Location (GeoJSON Point, lon/lat) — click the map"),
        widget=forms.Textarea(attrs={"rows": 2, "data-draw": "point"}),
        required=False,
    )
    point_file = forms.FileField(label=_("…or upload a .geojson file"), required=False)
    footprint = forms.CharField(
        label=_("Footprint (GeoJSON Polygon, optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    footprint_file = forms.FileField(label=_("…or upload the footprint"), required=False)
    buffer_m = forms.FloatField(label=_("Protective distance (m)"), initial=100, required=False)
    valid_from = forms.CharField(label=_("Valid from"), help_text=UTC_HELP)
    valid_to = forms.CharField(label=_("Valid to (optional)"), help_text=UTC_HELP, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=_choices(SiteStatus), initial="active")
    withdrawal_reason = forms.CharField(label=_("Withdrawal reason"), required=False)

    def to_data(self) -> dict[str, Any]:
        d = self.data
        return {
            "name": d.get("name"),
            "name_ar": d.get("name_ar"),
            "category": d.get("category"),
            "humanitarian_function": d.get("humanitarian_function"),
            "relation": d.get("relation"),
            "point": self.geometry_text("point"),
            "footprint": self.geometry_text("footprint"),
            "buffer_m": d.get("buffer_m"),
            "valid_from": _utc(d.get("valid_from")),
            "valid_to": _utc(d.get("valid_to")),
            "status": d.get("status"),
            "withdrawal_reason": d.get("withdrawal_reason"),
        }


class MovementForm(_GeometryForm):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=_choices(MovementPurpose))
    is_emergency = forms.BooleanField(label=_("Emergency"), required=False)
    route = forms.CharField(
        label=_("Route (GeoJSON LineString, lon/lat) — click the map to draw it"),
        widget=forms.Textarea(attrs={"rows": 3, "data-draw": "route"}),
        required=False,
    )
    route_file = forms.FileField(label=_("…or upload a .geojson file"), required=False)
    window_start = forms.CharField(label=_("Earliest departure"), help_text=UTC_HELP)
    window_end = forms.CharField(label=_("Latest arrival or return"), help_text=UTC_HELP)
    vehicles = forms.CharField(label=_("Vehicles (comma-separated)"), required=False)
    personnel_count = forms.IntegerField(label=_("Personnel"), min_value=0, required=False)
    route_buffer_m = forms.FloatField(label=_("Route buffer (m)"), initial=50, required=False)

    def to_data(self) -> dict[str, Any]:
        d = self.data
        return {
            "purpose": d.get("purpose"),
            "is_emergency": d.get("is_emergency") in ("on", "true", "1", True),
            "route": self.geometry_text("route"),
            "window_start": _utc(d.get("window_start")),
            "window_end": _utc(d.get("window_end")),
            "vehicles": d.get("vehicles") or "",
            "personnel_count": d.get("personnel_count"),
            "route_buffer_m": d.get("route_buffer_m"),
        }
