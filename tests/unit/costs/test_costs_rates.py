"""The UN personnel schedule is sourced data and answers 'which rate was in force that day'."""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from contingent.core.costs import (
    RateKind,
    gap_on,
    load_schedule,
    load_un_personnel_schedule,
    rate_in_force,
    schedule_from_dict,
)
from contingent.core.errors import ErrorCode, ValidationError

SCHEDULE_FILE = (
    Path(__file__).resolve().parents[3]
    / "src/contingent/core/costs/data/un-personnel-reimbursement.json"
)


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (date(2010, 1, 1), "1028.00"),
        (date(2014, 6, 30), "1028.00"),
        (date(2014, 7, 1), "1332.00"),
        (date(2016, 6, 30), "1332.00"),
        (date(2016, 7, 1), "1365.00"),
        (date(2017, 7, 1), "1410.00"),
        (date(2018, 6, 30), "1410.00"),
        (date(2018, 7, 1), "1428.00"),
        (date(2026, 11, 29), "1428.00"),
    ],
)
def test_the_rate_in_force_follows_the_domain_history(day, amount):
    row = rate_in_force(load_un_personnel_schedule(), day)
    assert row is not None
    assert row.amount_usd == Decimal(amount)


def test_every_row_carries_its_decision_and_source():
    schedule = load_un_personnel_schedule()
    assert schedule.kind is RateKind.PERSONNEL_REIMBURSEMENT
    assert len(schedule.rows) == 5
    for row in schedule.rows:
        assert row.source_tag.startswith("[S")
        assert row.source_url.startswith("https://")
        assert row.decided_by
    assert schedule.rows[-1].decided_by == "A/RES/72/285"


def test_the_rates_live_in_the_data_file_not_in_code():
    raw = json.loads(SCHEDULE_FILE.read_text())
    assert [r["amount_usd"] for r in raw["rows"]] == [
        "1028.00",
        "1332.00",
        "1365.00",
        "1410.00",
        "1428.00",
    ]
    code = "".join(p.read_text() for p in SCHEDULE_FILE.parents[1].glob("*.py"))
    for figure in ("1028", "1332", "1365", "1410", "1428"):
        assert figure not in code


def test_there_is_no_rate_before_the_first_row():
    assert rate_in_force(load_un_personnel_schedule(), date(1991, 12, 31)) is None


def test_the_2022_survey_is_declared_a_gap_from_1_july_2022():
    schedule = load_un_personnel_schedule()
    assert gap_on(schedule, date(2022, 6, 30)) is None
    gap = gap_on(schedule, date(2022, 7, 1))
    assert gap is not None and gap.source_tag == "[S24]"
    assert "1,448" in gap.note and "not be confirmed" in gap.note


def _raw(**row_overrides):
    row = {
        "amount_usd": "100.00",
        "effective_from": "2020-01-01",
        "effective_to": None,
        "decided_by": "test decision",
        "source_tag": "[T1]",
    }
    row.update(row_overrides)
    return {"schedule_id": "t", "kind": "PERSONNEL_REIMBURSEMENT", "rows": [row]}


def test_a_schedule_with_overlapping_rows_is_refused():
    raw = _raw(effective_to="2020-12-31")
    raw["rows"].append(dict(raw["rows"][0], effective_from="2020-06-01", effective_to=None))
    with pytest.raises(ValidationError) as refused:
        schedule_from_dict(raw)
    assert refused.value.code is ErrorCode.DUPLICATE_KEY


def test_a_float_rate_is_refused():
    with pytest.raises(ValidationError) as refused:
        schedule_from_dict(_raw(amount_usd=100.0))
    assert "rows[0].amount_usd" in refused.value.fields


def test_a_rate_without_a_source_is_refused():
    with pytest.raises(ValidationError):
        schedule_from_dict(_raw(source_tag=""))


def test_a_row_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as refused:
        schedule_from_dict(_raw(effective_to="2019-01-01"))
    assert refused.value.code is ErrorCode.END_BEFORE_START


def test_a_row_without_a_start_date_is_refused_with_a_coded_error():
    with pytest.raises(ValidationError) as refused:
        schedule_from_dict(_raw(effective_from=None))
    assert "rows[0].effective_from" in refused.value.fields


def test_an_unknown_schedule_kind_is_refused_with_a_coded_error():
    raw = dict(_raw(), kind="HAZARD_PAY")
    with pytest.raises(ValidationError) as refused:
        schedule_from_dict(raw)
    assert "kind" in refused.value.fields


def test_a_coalition_can_load_its_own_schedule_file(tmp_path):
    path = tmp_path / "coalition.json"
    path.write_text(json.dumps(_raw()))
    schedule = load_schedule(path)
    assert rate_in_force(schedule, date(2020, 1, 1) + timedelta(days=3000)).amount_usd == Decimal(
        "100.00"
    )
