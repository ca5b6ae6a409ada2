"""Write the public datasets to files: what ``contingent export`` and the tests call."""

from __future__ import annotations

from pathlib import Path

from contingent.core.opendata import write_csv, write_hxl_csv, write_json

from .public import PublicPicture

FORMATS = ("csv", "hxl", "json", "geojson", "iati")


def dataset_meta(p: PublicPicture, name: str) -> dict:
    d = p.datasets[name]
    return {
        "title": d.title,
        "operation": p.operation.name,
        "as_of": p.as_of,
        "notes": list(d.notes),
        "illustrative_funding": p.illustrative_funding,
        "hxl": dict(d.hxl_tags),
        "ledger_head": {"seq": p.ledger_head[0], "entry_hash": p.ledger_head[1]},
    }


def render(p: PublicPicture, fmt: str) -> dict[str, str | bytes]:
    """File name → content for one format."""
    if fmt == "csv":
        return {f"{n}.csv": write_csv(d.table) for n, d in p.datasets.items()}
    if fmt == "hxl":
        return {f"{n}.hxl.csv": write_hxl_csv(d.table, d.hxl_tags) for n, d in p.datasets.items()}
    if fmt == "json":
        return {f"{n}.json": write_json(d.table, dataset_meta(p, n)) for n, d in p.datasets.items()}
    if fmt == "geojson":
        return {f"{n}.geojson": d.geojson for n, d in p.datasets.items() if d.geojson}
    if fmt == "iati":
        return {"funding.iati.xml": p.iati_xml}
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def write_exports(p: PublicPicture, fmt: str, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, body in render(p, fmt).items():
        path = out_dir / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8", newline="")
        written.append(path)
    return written
