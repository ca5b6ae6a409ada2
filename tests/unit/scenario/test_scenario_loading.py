"""Scenario files: the Gaza reference scenario loads; bad input is refused naming the file,
the record and the field, and nothing is returned."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from contingent.core.errors import ErrorCode, ValidationError
from contingent.core.forcegen.enums import StanceLevel
from contingent.core.scenario import load_scenario

GAZA = Path(__file__).resolve().parents[3] / "scenarios" / "gaza-isf.toml"


def test_the_gaza_scenario_loads_with_its_public_facts():
    s = load_scenario(GAZA)
    r = s.operation.resolution
    assert (r.symbol, r.adopted_on, r.vote, r.expires_on) == (
        "S/RES/2803 (2025)",
        date(2025, 11, 17),
        "13–0–2",
        date(2027, 12, 31),
    )
    assert {c.category.value: c.maximum for c in s.operation.mandate.ceilings} == {
        "troops": 20000,
        "police": 12000,
    }
    pak = [st for st in s.statements if st.contributor == "PAK"]
    agreed = [st for st in pak if st.level == StanceLevel.AGREED_IN_PRINCIPLE]
    assert agreed and agreed[0].stated_on == date(2025, 11, 30) and agreed[0].conditions
    assert not any(st.level == StanceLevel.COMMITTED for st in pak)
    committed = {st.contributor for st in s.statements if st.stated_on == date(2026, 2, 19)}
    assert committed == {"IDN", "MAR", "KAZ", "XKX", "ALB"}
    assert next(c for c in s.contributors if c.code == "XKX").m49 is None


def test_every_statement_has_a_source_and_every_unit_level_record_is_flagged_illustrative():
    s = load_scenario(GAZA)
    assert all(st.sources for st in s.statements)
    assert all(p.illustrative for p in s.pledges)
    assert all(r.illustrative for r in s.requirements)
    assert all(c.illustrative for c in s.cases)


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = GAZA.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "code", "where"),
    [
        ('code = "MAR"', 'code = "ZZZ"', ErrorCode.UNKNOWN_COUNTRY, "contributors[ZZZ].code"),
        (
            'key = "IDN-INF-2"\ncontributor = "IDN"\nunit_type = "infantry_battalion"\npersonnel = 850',
            'key = "IDN-INF-2"\ncontributor = "IDN"\nunit_type = "infantry_battalion"\npersonnel = -850',
            ErrorCode.NEGATIVE_COUNT,
            "pledges[IDN-INF-2].personnel",
        ),
        (
            'key = "RAF-MED"\nunit_type = "level2_hospital"',
            'key = "RAF-MED"\nunit_type = "hovercraft_squadron"',
            ErrorCode.UNKNOWN_UNIT_TYPE,
            "requirements[RAF-MED].unit_type",
        ),
        (
            "valid_from = 2025-11-17\nvalid_to = 2027-12-31",
            "valid_from = 2025-11-17\nvalid_to = 2024-12-31",
            ErrorCode.END_BEFORE_START,
            "operation.mandate",
        ),
        (
            "stated_on = 2025-11-30",
            'stated_on = "2025-11-31"',
            ErrorCode.MALFORMED_DATE,
            "statements[PAK 2025-11-31].stated_on",
        ),
    ],
    ids=[
        "unknown-country",
        "negative-personnel",
        "unknown-unit-type",
        "end-before-start",
        "malformed-date",
    ],
)
def test_bad_input_is_refused_naming_file_record_and_field(tmp_path, old, new, code, where):
    path = _broken(tmp_path, old, new)
    with pytest.raises(ValidationError) as refused:
        load_scenario(path)
    err = refused.value
    assert err.code == code
    assert err.message.startswith("broken.toml: ")
    assert where in err.message
    assert any(k.startswith(where) for k in err.fields)


def test_a_statement_about_an_unlisted_contributor_is_refused(tmp_path):
    path = _broken(
        tmp_path,
        'contributor = "AZE"\nlevel = "considering"\nstated_on = 2025-12-23',
        'contributor = "TUR"\nlevel = "considering"\nstated_on = 2025-12-23',
    )
    with pytest.raises(ValidationError) as refused:
        load_scenario(path)
    assert refused.value.code == ErrorCode.UNKNOWN_REFERENCE
    assert "statements[TUR 2025-12-23].contributor" in refused.value.message


def test_an_unknown_key_is_refused_rather_than_silently_dropped(tmp_path):
    path = _broken(tmp_path, 'key = "RAF-MP"', 'key = "RAF-MP"\npersonel = 3')
    with pytest.raises(ValidationError) as refused:
        load_scenario(path)
    assert "requirements[RAF-MP].personel" in refused.value.message


def test_a_file_that_is_not_toml_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[scenario\nkey = 1\n")
    with pytest.raises(ValidationError) as refused:
        load_scenario(path)
    assert refused.value.message.startswith("bad.toml: not valid TOML")
    assert re.search(r"line 1", refused.value.message)


def test_several_problems_are_all_reported(tmp_path):
    raw = tomllib.loads(GAZA.read_text(encoding="utf-8"))
    raw["pledges"][0]["personnel"] = -1
    raw["pledges"][1]["unit_type"] = "nope"
    from contingent.core.scenario import parse_scenario

    with pytest.raises(ValidationError) as refused:
        parse_scenario(raw, origin="x.toml")
    assert set(refused.value.fields) >= {
        "pledges[IDN-INF-1].personnel",
        "pledges[IDN-INF-2].unit_type",
    }
