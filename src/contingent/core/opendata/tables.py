"""Tabular writers: plain CSV, CSV with an HXL hashtag row, and JSON.

All take a ``PublicTable`` (see ``publication``), so nothing reaches them unfiltered.

Cell rendering is shared: ``Decimal`` as its exact text (money is never a float), dates as
ISO 8601, aware datetimes as UTC ``...Z`` (``contingent.core.canonical.iso_utc``; a naive one is
refused), ``None`` as an empty cell (CSV) or ``null`` (JSON), enums by value.

CSV: RFC 4180 style, comma, ``\\r\\n`` line ends, UTF-8 without BOM. The HXL variant puts the
hashtag row directly under the header row (HXL standard; access.md §4.1); every column must
carry a tag, and each tag is checked against libhxl's own column pattern
(``hxl/model.py`` ``Column.PATTERN``, reproduced here so the core does not import libhxl).

JSON: ``{"name", "columns", "rows": [ {column: value} ], "meta": {...}}``, keys in column order,
money as decimal *strings* (exactness over convenience; documented in ``meta.money``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from contingent.core.canonical import iso_utc
from contingent.core.errors import ValidationError
from contingent.core.opendata.publication import PublicTable

# libhxl-python hxl/model.py Column.PATTERN with hxl/datatypes.py TOKEN_PATTERN (@e1b745c).
_TOKEN = r"[A-Za-z][_0-9A-Za-z]*"
HXL_COLUMN_PATTERN = re.compile(rf"^\s*(#{_TOKEN})((?:\s*\+{_TOKEN})*)\s*$")


def cell_text(value: Any) -> str:
    """One cell as text, for CSV."""
    if value is None:
        return ""
    plain = _plain(value)
    return plain if isinstance(plain, str) else str(plain)


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        raise ValidationError("floats are not published", fields={"value": repr(value)})
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv(table: PublicTable) -> str:
    """Plain CSV: the header row, then the rows."""
    return _csv([list(table.columns), *[[cell_text(v) for v in row] for row in table.rows]])


def check_hxl_tags(tags: Mapping[str, str], columns: tuple[str, ...]) -> None:
    """Every column has one well-formed HXL tag (``#tag+attr...``)."""
    missing = [c for c in columns if c not in tags]
    bad = {c: tags[c] for c in columns if c in tags and not HXL_COLUMN_PATTERN.match(tags[c])}
    if missing or bad:
        fields = {c: "no HXL tag" for c in missing}
        fields.update({c: f"malformed HXL tag {t!r}" for c, t in bad.items()})
        raise ValidationError("HXL hashtag row incomplete or malformed", fields=fields)


def write_hxl_csv(table: PublicTable, tags: Mapping[str, str]) -> str:
    """CSV with the HXL hashtag row under the header row; ``tags`` maps column → hashtag."""
    check_hxl_tags(tags, table.columns)
    header = list(table.columns)
    hashtags = [tags[c].strip() for c in table.columns]
    return _csv([header, hashtags, *[[cell_text(v) for v in row] for row in table.rows]])


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


def write_json(table: PublicTable, meta: Mapping[str, Any] | None = None) -> str:
    """JSON document of the table; ``meta`` (source, generated_at, licence...) is copied in."""
    document = {
        "name": table.name,
        "columns": list(table.columns),
        "rows": [
            {c: _json_value(v) for c, v in zip(table.columns, row, strict=True)}
            for row in table.rows
        ],
        "meta": {
            "money": "decimal strings in US dollars",
            "suppressed_groups": table.suppressed_groups,
            **{k: _json_value(v) for k, v in (meta or {}).items()},
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _json_value(value: Any) -> Any:
    if value is None:
        return None
    return _plain(value)
