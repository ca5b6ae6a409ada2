"""Server-rendered SVG charts: no script (the CSP forbids inline script), no external fonts,
every label escaped. The same SVG goes into the portal page, the HTML report and the PDF.

Colours are fixed and named so that a test of the rendered PDF can look for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .public import PublicPicture

REQUIRED = "#1f4e79"  # dark blue
PLEDGED = "#e07b00"  # orange
COMMITTED = "#2e8b57"  # green
RECEIVED = "#7b3294"  # purple
GAP = "#c0392b"  # red
GREY = "#8c8c8c"

ROW_H = 22
BAR_H = 9
LABEL_W = 220
PLOT_W = 420
FONT = "font-family='DejaVu Sans, Arial, sans-serif' font-size='11'"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[float | int | Decimal | None]
    colours: Sequence[str] | None = None  # one per value, overriding ``colour``


def _fmt(value: float | int | Decimal | None) -> str:
    if value is None:
        return "n/a"
    number = float(value)
    if abs(number) >= 1_000_000:
        return f"{number / 1_000_000:,.1f} M"
    return f"{number:,.0f}"


def grouped_bars(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """Horizontal grouped bars, one group per label, one bar per series, values printed."""
    if not labels:
        return _empty(title)
    top = max([1.0] + [float(v) for s in series for v in s.values if v is not None])
    group_h = max(ROW_H, BAR_H * len(series) + 10)
    legend_h = 18
    height = 28 + legend_h + group_h * len(labels) + 8
    width = LABEL_W + PLOT_W + 80
    parts = [_head(title, width, height), _legend(series, 28)]
    y0 = 28 + legend_h
    for i, label in enumerate(labels):
        y = y0 + i * group_h
        parts.append(
            f"<text x='{LABEL_W - 6}' y='{y + group_h / 2 + 4:.1f}' text-anchor='end' {FONT}>"
            f"{escape(label)}</text>"
        )
        for j, s in enumerate(series):
            value = s.values[i]
            w = 0.0 if value is None else PLOT_W * float(value) / top
            by = y + 4 + j * BAR_H
            parts.append(
                f"<rect x='{LABEL_W}' y='{by}' width='{w:.1f}' height='{BAR_H - 1}' "
                f"fill='{s.colours[i] if s.colours else s.colour}'>"
                f"<title>{escape(s.name)}: {_fmt(value)}</title></rect>"
            )
            parts.append(
                f"<text x='{LABEL_W + w + 4:.1f}' y='{by + BAR_H - 1}' font-size='7' "
                f"font-family='DejaVu Sans, Arial, sans-serif'>{_fmt(value)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def funnel(title: str, stages: Sequence[str], counts: Sequence[int], colour: str) -> str:
    """Centred bars narrowing down the stance ladder."""
    top = max([1, *counts])
    width = LABEL_W + PLOT_W + 80
    height = 30 + ROW_H * len(stages) + 8
    centre = LABEL_W + PLOT_W / 2
    parts = [_head(title, width, height)]
    for i, (stage, n) in enumerate(zip(stages, counts, strict=True)):
        y = 30 + i * ROW_H
        w = max(2.0, PLOT_W * n / top)
        parts.append(
            f"<text x='{LABEL_W - 6}' y='{y + 14}' text-anchor='end' {FONT}>"
            f"{escape(stage)}</text>"
            f"<rect x='{centre - w / 2:.1f}' y='{y + 2}' width='{w:.1f}' height='{ROW_H - 6}' "
            f"fill='{colour}'><title>{escape(stage)}: {n}</title></rect>"
            f"<text x='{centre + w / 2 + 6:.1f}' y='{y + 14}' {FONT}>{n}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _head(title: str, width: float, height: float) -> str:
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width:.0f}' "
        f"height='{height:.0f}' viewBox='0 0 {width:.0f} {height:.0f}' "
        f"aria-label='{escape(title)}'><title>{escape(title)}</title>"
        f"<rect x='0' y='0' width='{width:.0f}' height='{height:.0f}' fill='#ffffff'/>"
        f"<text x='8' y='18' font-weight='bold' {FONT}>{escape(title)}</text>"
    )


def _legend(series: Sequence[Series], y: int) -> str:
    parts, x = [], LABEL_W
    for s in series:
        parts.append(
            f"<rect x='{x}' y='{y}' width='10' height='10' fill='{s.colour}'/>"
            f"<text x='{x + 14}' y='{y + 9}' {FONT}>{escape(s.name)}</text>"
        )
        x += 24 + 7 * len(s.name)
    return "".join(parts)


def _empty(title: str) -> str:
    return (
        _head(title, LABEL_W + PLOT_W, 50)
        + f"<text x='8' y='40' fill='{GREY}' {FONT}>No published data for this period.</text></svg>"
    )


def _rows(p: PublicPicture, name: str) -> list[dict]:
    return p.datasets[name].table.as_dicts()


def composition_chart(p: PublicPicture) -> str:
    rows = _rows(p, "composition")
    return grouped_bars(
        "Personnel by unit type: required, pledged (public), committed (public)",
        [r["unit_type"].replace("_", " ") for r in rows],
        [
            Series("required", REQUIRED, [r["required_personnel"] for r in rows]),
            Series("pledged", PLEDGED, [r["pledged_personnel"] for r in rows]),
            Series("committed", COMMITTED, [r["committed_personnel"] for r in rows]),
        ],
    )


def composition_history_chart(p: PublicPicture) -> str:
    rows = _rows(p, "composition-history")
    return grouped_bars(
        "Personnel over time: required, pledged (public), ceiling",
        [r["month_end"].isoformat() for r in rows],
        [
            Series("required", REQUIRED, [r["required_personnel"] for r in rows]),
            Series("pledged", PLEDGED, [r["pledged_personnel"] for r in rows]),
            Series("ceiling", GREY, [r["ceiling_personnel"] for r in rows]),
        ],
    )


def ceilings_chart(p: PublicPicture) -> str:
    rows = _rows(p, "ceilings")
    return grouped_bars(
        "Authorised ceilings and personnel on the ground",
        [r["category"] for r in rows],
        [
            Series("ceiling", REQUIRED, [r["ceiling_personnel"] for r in rows]),
            Series("on the ground", COMMITTED, [r["deployed_personnel"] for r in rows]),
        ],
    )


def pipeline_chart(p: PublicPicture) -> str:
    rows = [r for r in _rows(p, "pipeline") if r["stage"] not in ("declined", "withdrawn")]
    return funnel(
        "Pipeline: contributors who reached each stance",
        [r["stage"].replace("_", " ") for r in rows],
        [r["reached"] for r in rows],
        PLEDGED,
    )


def history_chart(p: PublicPicture) -> str:
    rows = _rows(p, "pipeline-history")
    months = sorted({r["month_end"] for r in rows})
    by = {(r["month_end"], r["stage"]): r["contributors"] for r in rows}
    stages = [("considering", GREY), ("agreed_in_principle", PLEDGED), ("committed", COMMITTED)]
    return grouped_bars(
        "Contributors by stance at each month's end",
        [m.isoformat() for m in months],
        [Series(s.replace("_", " "), c, [by.get((m, s), 0) for m in months]) for s, c in stages],
    )


def funding_chart(p: PublicPicture) -> str:
    pos = p.position
    labels = ["estimate", "pledged", "committed", "received", "in arrears"]
    values = [
        pos.estimate_usd,
        pos.pledged_usd,
        pos.committed_usd,
        pos.received_usd,
        pos.arrears_usd,
    ]
    colours = [REQUIRED, PLEDGED, COMMITTED, RECEIVED, GAP]
    return grouped_bars(
        "Funding against the cost estimate (US$, public contributions only)",
        labels,
        [Series("US$", REQUIRED, values, colours)],
    )


def weekly_chart(p: PublicPicture, name: str, category: str) -> str:
    rows = _rows(p, name)
    return grouped_bars(
        p.datasets[name].title,
        [
            f"{r['week_start']} {r['adm2_pcode']} {r[category].replace('_', ' ').lower()}"
            for r in rows
        ],
        [Series("count", GAP if name == "incidents" else REQUIRED, [r["count"] for r in rows])],
    )


CHARTS = {
    "composition": composition_chart,
    "composition-history": composition_history_chart,
    "ceilings": ceilings_chart,
    "pipeline": pipeline_chart,
    "pipeline-history": history_chart,
    "funding-position": funding_chart,
    "incidents": lambda p: weekly_chart(p, "incidents", "category"),
    "access-outcomes": lambda p: weekly_chart(p, "access-outcomes", "outcome"),
}


def render_all(p: PublicPicture) -> dict[str, str]:
    return {name: chart(p) for name, chart in CHARTS.items()}
