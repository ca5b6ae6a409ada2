"""Our HXL exports pass libhxl validation against the schemas kept beside these tests."""

from datetime import date
from pathlib import Path

import hxl
import pytest

from contingent.core.costs import DeploymentLine, estimate_plan_cost, load_un_personnel_schedule
from contingent.core.opendata import (
    ACCESS_SUMMARY_HXL_TAGS,
    COST_ESTIMATE_HXL_TAGS,
    FUNDING_HXL_TAGS,
    INCIDENT_SUMMARY_HXL_TAGS,
    cost_estimate_table,
    funding_table,
    weekly_summary_table,
    write_hxl_csv,
)

HXL_SCHEMAS = Path(__file__).resolve().parent / "hxl_schemas"


def hxl_problems(csv_text: str, schema_name: str, tmp_path: Path) -> list[str]:
    """Run libhxl's validator on the CSV as written to disk; one message per issue."""
    data_file = tmp_path / "export.csv"
    data_file.write_text(csv_text, encoding="utf-8")
    found: list[str] = []

    def collect(issue):
        found.append(f"{issue.message} [{issue.value!r}]")

    local = hxl.InputOptions(allow_local=True)
    with hxl.data(str(HXL_SCHEMAS / schema_name), local) as schema_source:
        schema = hxl.schema(schema_source, callback=collect)
    with hxl.data(str(data_file), local) as dataset:
        assert dataset.tags, "libhxl found no hashtag row"
        schema.validate(dataset)
    return found


def _access_records():
    return [
        {
            "pcode": "PS0260",
            "day": date(2026, 3, 2),
            "outcome": "FACILITATED",
            "classification": "restricted",
        },
        {
            "pcode": "PS0260",
            "day": date(2026, 3, 4),
            "outcome": "FACILITATED",
            "classification": "restricted",
        },
        {
            "pcode": "PS0270",
            "day": date(2026, 3, 5),
            "outcome": "DENIED",
            "classification": "confidential",
        },
        {
            "pcode": "PS0275",
            "day": date(2026, 3, 30),
            "outcome": "IMPEDED",
            "classification": "public",
        },
    ]


def access_csv(records=None) -> str:
    table = weekly_summary_table(
        "access-outcomes",
        records if records is not None else _access_records(),
        category_column="outcome",
        pcode_of=lambda r: r["pcode"],
        day_of=lambda r: r["day"],
        category_of=lambda r: r["outcome"],
        as_of=date(2026, 4, 1),
        delay_days=7,
    )
    return write_hxl_csv(table, ACCESS_SUMMARY_HXL_TAGS)


def test_the_funding_export_passes_its_hxl_schema(contributions, tmp_path):
    table = funding_table(
        contributions,
        date(2026, 7, 1),
        fund_holder="ISF Trust Fund",
        identifier_of=lambda f: f"XI-IATI-CTGDEMO-ISF-{f.replace(' ', '-')}",
    )
    text = write_hxl_csv(table, FUNDING_HXL_TAGS)
    assert text.splitlines()[1].startswith("#org+funding+name,#org+impl+name")
    assert hxl_problems(text, "funding.json", tmp_path) == []


def test_the_access_summary_export_passes_its_hxl_schema(tmp_path):
    text = access_csv()
    assert len(text.splitlines()) == 2 + 2  # the 30 March record is still inside the delay
    assert hxl_problems(text, "access-summary.json", tmp_path) == []


def test_the_cost_estimate_export_passes_its_hxl_schema(tmp_path):
    estimate = estimate_plan_cost(
        [DeploymentLine("IDN", 1000, date(2026, 1, 10), months=3)], load_un_personnel_schedule()
    )
    text = write_hxl_csv(
        cost_estimate_table(estimate, classification="public"), COST_ESTIMATE_HXL_TAGS
    )
    assert hxl_problems(text, "cost-estimate.json", tmp_path) == []


@pytest.mark.parametrize(
    ("bad_record", "expected"),
    [
        ({"pcode": "PS-GZA", "outcome": "DENIED"}, "PS-GZA"),  # ISO 3166-2 code, not a P-code
        ({"pcode": "PS0260", "outcome": "LOST"}, "LOST"),  # not a coordination outcome
    ],
)
def test_the_hxl_schema_rejects_a_broken_access_export(bad_record, expected, tmp_path):
    records = [
        *_access_records(),
        {**bad_record, "day": date(2026, 3, 10), "classification": "public"},
    ]
    problems = hxl_problems(access_csv(records), "access-summary.json", tmp_path)
    assert any(expected in p for p in problems), problems


def test_the_hxl_schema_rejects_negative_or_non_numeric_money(contributions, tmp_path):
    table = funding_table(
        contributions, date(2026, 7, 1), fund_holder="F", identifier_of=lambda f: "X-1"
    )
    lines = write_hxl_csv(table, FUNDING_HXL_TAGS).splitlines()
    cells = lines[2].split(",")
    cells[5] = "-5"  # pledged
    cells[7] = "lots"  # received
    problems = hxl_problems(
        "\r\n".join([*lines[:2], ",".join(cells), *lines[3:]]) + "\r\n", "funding.json", tmp_path
    )
    assert any("'-5'" in p for p in problems) and any("'lots'" in p for p in problems), problems


def _incidents():
    return [
        {"pcode": "PS0260", "day": date(2026, 3, 3), "category": "CEASEFIRE_VIOLATION"},
        {"pcode": "PS0260", "day": date(2026, 3, 4), "category": "CEASEFIRE_VIOLATION"},
        {"pcode": "PS0275", "day": date(2026, 3, 4), "category": "ATTACK_ON_CONVOY"},
    ]


def incidents_csv(min_count: int) -> str:
    table = weekly_summary_table(
        "incidents",
        _incidents(),
        category_column="category",
        pcode_of=lambda r: r["pcode"],
        day_of=lambda r: r["day"],
        category_of=lambda r: r["category"],
        as_of=date(2026, 4, 1),
        delay_days=14,
        min_count=min_count,
    )
    return write_hxl_csv(table, INCIDENT_SUMMARY_HXL_TAGS)


def test_the_incident_summary_passes_its_hxl_schema_with_small_groups_suppressed(tmp_path):
    text = incidents_csv(min_count=2)
    assert "ATTACK_ON_CONVOY" not in text
    assert hxl_problems(text, "incident-summary.json", tmp_path) == []


def test_the_incident_schema_catches_an_unsuppressed_single_incident(tmp_path):
    problems = hxl_problems(incidents_csv(min_count=1), "incident-summary.json", tmp_path)
    assert any("'1'" in p for p in problems), problems
