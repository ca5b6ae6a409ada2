"""The public portal (no login). Thin: assemble the public picture, render or serialise it.

Everything served here comes from ``public.build_public`` (the publication gate) or from the
ledger's public export; no view reads a protected row directly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from contingent.core.opendata import write_csv, write_hxl_csv, write_json

from . import charts, ledger_public
from .exports import dataset_meta
from .public import PublicPicture, build_public
from .public.assemble import operation_or_none

SECTIONS = (
    (
        "composition",
        _("Force composition against requirements"),
        ("composition", "composition-history"),
    ),
    ("ceilings", _("Against the authorised ceilings"), ("ceilings",)),
    ("pipeline", _("The pipeline"), ("pipeline", "pipeline-history")),
    ("statements", _("What the contributors have said"), ()),
    ("funding", _("Funding against cost"), ("funding-position",)),
    ("access", _("Humanitarian access outcomes"), ("access-outcomes",)),
    ("incidents", _("Incidents"), ("incidents",)),
)
SECTION_DATA = {
    "composition": ("composition", "composition-history"),
    "ceilings": ("ceilings",),
    "pipeline": ("pipeline", "pipeline-history"),
    "statements": ("statements",),
    "funding": ("funding-position", "funding", "cost-estimate", "rates"),
    "access": ("access-outcomes", "access-outcomes-by-governorate"),
    "incidents": ("incidents", "incidents-by-governorate"),
}


def _picture() -> PublicPicture:
    op = operation_or_none()
    if op is None:
        raise Http404("no operation is published yet")
    return build_public(op)


def _sections(p: PublicPicture) -> list[dict]:
    svgs = charts.render_all(p)
    return [
        {
            "key": key,
            "title": title,
            "charts": [mark_safe(svgs[c]) for c in chart_names],  # noqa: S308 - escaped in charts
            "datasets": [p.datasets[n] for n in SECTION_DATA[key]],
        }
        for key, title, chart_names in SECTIONS
    ]


@require_safe
def portal(request: HttpRequest) -> HttpResponse:
    op = operation_or_none()
    if op is None:
        return render(request, "transparency/empty.html")
    p = build_public(op)
    statements = p.datasets["statements"].table.as_dicts()
    return render(
        request,
        "transparency/portal.html",
        {
            "p": p,
            "sections": _sections(p),
            "statements": statements,
            "checkpoint": ledger_public.latest_checkpoint(),
        },
    )


def _dataset(p: PublicPicture, name: str):  # noqa: ANN202
    if name not in p.datasets:
        raise Http404("no such dataset")
    return p.datasets[name]


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def download_csv(request: HttpRequest, name: str) -> HttpResponse:
    d = _dataset(_picture(), name)
    return _download(write_csv(d.table), "text/csv; charset=utf-8", f"{name}.csv")


@require_safe
def download_hxl(request: HttpRequest, name: str) -> HttpResponse:
    d = _dataset(_picture(), name)
    body = write_hxl_csv(d.table, d.hxl_tags)
    return _download(body, "text/csv; charset=utf-8", f"{name}.hxl.csv")


@require_safe
def download_json(request: HttpRequest, name: str) -> HttpResponse:
    p = _picture()
    d = _dataset(p, name)
    body = write_json(d.table, dataset_meta(p, name))
    return _download(body, "application/json", f"{name}.json")


@require_safe
def download_geojson(request: HttpRequest, name: str) -> HttpResponse:
    d = _dataset(_picture(), name)
    if d.geojson is None:
        raise Http404("this dataset has no geometry")
    return _download(d.geojson, "application/geo+json", f"{name}.geojson")


@require_safe
def download_iati(request: HttpRequest) -> HttpResponse:
    return _download(_picture().iati_xml, "application/xml", "funding.iati.xml")


@require_safe
def chart_svg(request: HttpRequest, name: str) -> HttpResponse:
    p = _picture()
    if name not in charts.CHARTS:
        raise Http404("no such chart")
    return HttpResponse(charts.CHARTS[name](p), content_type="image/svg+xml")


@require_safe
def ledger_page(request: HttpRequest) -> HttpResponse:
    return render(
        request, "transparency/ledger.html", {"checkpoint": ledger_public.latest_checkpoint()}
    )


@require_safe
def ledger_export(request: HttpRequest) -> HttpResponse:
    row = ledger_public.latest_checkpoint()
    if row is None:
        raise Http404("no checkpoint has been published yet")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.jsonl"
        try:
            ledger_public.export_public_chain(path, row)
        except ValueError as exc:
            raise Http404(f"the stored chain no longer matches the checkpoint: {exc}") from None
        body = path.read_bytes()
    return _download(body, "application/x-ndjson", "contingent-ledger.jsonl")


@require_safe
def ledger_key(request: HttpRequest) -> HttpResponse:
    row = ledger_public.latest_checkpoint()
    if row is None:
        raise Http404("no checkpoint has been published yet")
    return _download(row.public_key_pem, "application/x-pem-file", "contingent-ledger-key.pem")
