"""CSV, HXL CSV and JSON writers: exact money, UTC times, a well-formed hashtag row."""

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from contingent.core.errors import ValidationError
from contingent.core.opendata import (
    publish_records,
    write_csv,
    write_hxl_csv,
    write_json,
)


def _table(**extra):
    record = {
        "classification": "public",
        "donor": "Norway, Kingdom of",
        "amount_usd": Decimal("1234567.89"),
        "on": date(2026, 3, 16),
        "at": datetime(2026, 3, 16, 14, 30, tzinfo=timezone(timedelta(hours=2))),
        "note": None,
        **extra,
    }
    return publish_records("t", [record], [k for k in record if k != "classification"])


def test_plain_csv_has_a_header_and_exact_cells():
    rows = list(csv.reader(io.StringIO(write_csv(_table()))))
    assert rows == [
        ["donor", "amount_usd", "on", "at", "note"],
        ["Norway, Kingdom of", "1234567.89", "2026-03-16", "2026-03-16T12:30:00Z", ""],
    ]


def test_hxl_csv_puts_the_hashtag_row_under_the_header():
    tags = {
        "donor": "#org+funding+name",
        "amount_usd": "#value+incoming",
        "on": "#date",
        "at": "#date+reported",
        "note": "#meta+comment",
    }
    rows = list(csv.reader(io.StringIO(write_hxl_csv(_table(), tags))))
    assert rows[1] == [
        "#org+funding+name",
        "#value+incoming",
        "#date",
        "#date+reported",
        "#meta+comment",
    ]
    assert len(rows) == 3


@pytest.mark.parametrize("bad_tag", ["org+name", "#org name", "#9org", "#org+"])
def test_a_malformed_hashtag_is_refused(bad_tag):
    tags = {"donor": bad_tag, "amount_usd": "#value", "on": "#date", "at": "#date", "note": "#meta"}
    with pytest.raises(ValidationError) as refused:
        write_hxl_csv(_table(), tags)
    assert "donor" in refused.value.fields


def test_every_column_needs_a_hashtag():
    with pytest.raises(ValidationError) as refused:
        write_hxl_csv(_table(), {"donor": "#org"})
    assert "amount_usd" in refused.value.fields


def test_json_keeps_money_exact_as_decimal_strings():
    document = json.loads(write_json(_table(), meta={"source": "Contingent demo"}))
    assert document["rows"][0]["amount_usd"] == "1234567.89"
    assert document["rows"][0]["note"] is None
    assert document["meta"]["source"] == "Contingent demo"
    assert document["columns"] == ["donor", "amount_usd", "on", "at", "note"]


def test_floats_are_refused_rather_than_rounded_silently():
    with pytest.raises(ValidationError):
        write_csv(_table(amount_usd=0.1 + 0.2))


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        write_json(_table(at=datetime(2026, 1, 1, 12, 0)))


def test_utc_datetimes_end_in_z():
    text = write_csv(_table(at=datetime(2026, 1, 1, 12, 0, tzinfo=UTC)))
    assert "2026-01-01T12:00:00Z" in text
