"""A public dataset: a ``PublicTable`` (built only by ``core.opendata.publication``), its HXL
hashtags, a title, and the notes a reader needs beside the numbers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from contingent.core.opendata import PublicTable, publish_records


@dataclass(frozen=True)
class PublicDataset:
    name: str  # file stem, URL slug
    title: str
    table: PublicTable
    hxl_tags: Mapping[str, str]
    notes: tuple[str, ...] = ()
    geojson: str | None = None  # a ready RFC 7946 document, for governorate layers
    meta: Mapping[str, Any] = field(default_factory=dict)


def public_rows(name: str, rows: list[dict[str, Any]], columns: list[str]) -> PublicTable:
    """Rows that are public by nature (sourced statements, aggregates already gated, published
    rates): stamped ``public`` and passed through the allow-list gate all the same."""
    return publish_records(name, [{**r, "classification": "public"} for r in rows], columns)
