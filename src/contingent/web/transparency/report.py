"""The transparency report for a period: HTML, then PDF rendered from the same HTML by
WeasyPrint. Charts are the portal's SVGs, inline. The report names the ledger head it was
built from, so a reader can check it against a published checkpoint.

Everything in it comes from ``public.build_public`` (the publication gate): the report can be
published as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from contingent.core.errors import ValidationError
from contingent.core.opendata import PublicTable
from contingent.core.opendata.tables import cell_text
from contingent.web.forcegen.models import Operation

from . import charts, ledger_public
from .public import PublicPicture, build_public
from .public.assemble import default_as_of

REPORT_CHARTS = (
    "composition",
    "composition-history",
    "ceilings",
    "pipeline",
    "pipeline-history",
    "funding-position",
    "access-outcomes",
    "incidents",
)


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    pdf: Path
    ledger_seq: int
    ledger_head_hash: str


def report_html(op: Operation, start: date, end: date) -> tuple[str, PublicPicture]:
    if end < start:
        raise ValidationError("the period ends before it starts", fields={"to": "before from"})
    # Never report past the operation's "today": events inside the delay stay unpublished.
    as_of = min(end, default_as_of(op))
    p = build_public(op, as_of=as_of, start=start)
    svgs = charts.render_all(p)
    context = {
        "p": p,
        "start": start,
        "end": end,
        "generated_at": timezone.now(),
        "charts": {k.replace("-", "_"): mark_safe(svgs[k]) for k in REPORT_CHARTS},  # noqa: S308 - escaped
        "tables": {k.replace("-", "_"): _text_table(v.table) for k, v in p.datasets.items()},
        "notes": {k.replace("-", "_"): v.notes for k, v in p.datasets.items()},
        "by_fiscal_year": sorted(p.estimate.by_fiscal_year().items()),
        "checkpoint": ledger_public.latest_checkpoint(),
    }
    return render_to_string("transparency/report.html", context), p


def _text_table(table: PublicTable) -> dict[str, list]:
    """Cells as the open data files spell them (ISO dates, exact decimals)."""
    return {
        "columns": list(table.columns),
        "rows": [[cell_text(v) or "—" for v in row] for row in table.rows],
    }


def write_report(op: Operation, start: date, end: date, out_dir: Path) -> ReportFiles:
    """Write ``transparency-report-<from>-<to>.html`` and ``.pdf`` into ``out_dir``."""
    from weasyprint import HTML  # heavy import: only when a report is made

    out_dir.mkdir(parents=True, exist_ok=True)
    html, p = report_html(op, start, end)
    stem = f"transparency-report-{start.isoformat()}-{end.isoformat()}"
    html_path, pdf_path = out_dir / f"{stem}.html", out_dir / f"{stem}.pdf"
    html_path.write_text(html, encoding="utf-8")
    HTML(string=html, base_url=str(out_dir)).write_pdf(pdf_path)
    return ReportFiles(html_path, pdf_path, *p.ledger_head)
