"""The publication gate: only public records, only allow-listed fields, or aggregates."""

from dataclasses import dataclass
from datetime import date

import pytest

from contingent.core.errors import ValidationError
from contingent.core.opendata import (
    Classification,
    PublicTable,
    classification_of,
    public_only,
    publish_aggregate,
    publish_records,
)


@dataclass
class Site:
    name: str
    pcode: str
    lat: float
    classification: str


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("public", Classification.PUBLIC),
        ("PUBLIC ", Classification.PUBLIC),
        ("restricted", Classification.RESTRICTED),
        ("national-confidential", Classification.CONFIDENTIAL),
        ("secret-ish", Classification.CONFIDENTIAL),
        (None, Classification.CONFIDENTIAL),
    ],
)
def test_unknown_or_missing_classifications_count_as_confidential(raw, expected):
    assert classification_of({"classification": raw}) is expected


def test_a_record_without_any_classification_is_not_published():
    assert public_only([{"name": "x"}, {"name": "y", "classification": "public"}]) == [
        {"name": "y", "classification": "public"}
    ]


def test_only_public_records_and_only_listed_fields_are_published():
    sites = [
        Site("Al-Shifa", "PS0260", 31.5237, "public"),
        Site("Depot 7", "PS0270", 31.34, "restricted"),
        Site("Clinic X", "PS0275", 31.29, "confidential"),
    ]
    table = publish_records("sites", sites, ["name", "pcode"])
    assert table.columns == ("name", "pcode")
    assert table.rows == (("Al-Shifa", "PS0260"),)


def test_the_classification_column_itself_is_never_an_output_column():
    table = publish_records("t", [{"a": 1, "classification": "public"}], ["a", "classification"])
    assert table.columns == ("a",)


def test_an_allow_listed_field_missing_from_a_record_is_an_error_not_a_blank():
    with pytest.raises(ValidationError) as refused:
        publish_records("t", [{"classification": "public"}], ["name"])
    assert "name" in refused.value.fields


def test_aggregates_count_every_classification_and_expose_only_group_keys():
    records = [
        {"pcode": "PS0260", "who": "secret-A", "classification": "confidential", "n": 2},
        {"pcode": "PS0260", "who": "secret-B", "classification": "restricted", "n": 3},
        {"pcode": "PS0270", "who": "public-C", "classification": "public", "n": 5},
    ]
    table = publish_aggregate(
        "by-governorate", records, {"adm2": lambda r: r["pcode"]}, sums={"people": lambda r: r["n"]}
    )
    assert table.columns == ("adm2", "count", "people")
    assert table.rows == (("PS0260", 2, 5), ("PS0270", 1, 5))
    assert "secret" not in repr(table.rows)


def test_small_groups_are_suppressed_and_counted():
    records = [{"k": "a"}, {"k": "a"}, {"k": "a"}, {"k": "b"}]
    table = publish_aggregate("t", records, {"k": lambda r: r["k"]}, min_count=3)
    assert table.rows == (("a", 3),)
    assert table.suppressed_groups == 1


def test_a_public_table_cannot_be_built_around_the_gate():
    with pytest.raises(ValidationError):
        PublicTable(name="sneaky", columns=("a",), rows=(("secret",),))


def test_aggregate_rows_are_sorted_so_exports_are_reproducible():
    records = [{"d": date(2026, 3, 9)}, {"d": date(2026, 3, 2)}, {"d": None}]
    table = publish_aggregate("t", records, {"d": lambda r: r["d"]})
    assert [row[0] for row in table.rows] == [None, date(2026, 3, 2), date(2026, 3, 9)]
