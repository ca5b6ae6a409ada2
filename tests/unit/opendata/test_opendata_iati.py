"""IATI 2.03: our export passes the XSD and every code is in its codelist; bad files are rejected."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from lxml import etree

from contingent.core.errors import ValidationError
from contingent.core.opendata import errors
from contingent.core.opendata.iati import (
    IatiOrg,
    TransactionKind,
    build_iati_activities,
    funding_activities,
    identifier_for,
    load_codelist_rules,
    load_codelists,
    validate_iati,
)

GENERATED_AT = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
FIXTURES = "iati-validator-fixtures/integration-test-files"


def export(contributions, export_context, donors) -> bytes:
    activities = funding_activities(contributions, export_context, donors=donors)
    return build_iati_activities(activities, GENERATED_AT)


def test_our_funding_export_passes_the_xsd_and_the_codelists(
    contributions, export_context, donors, data_dir
):
    assert validate_iati(export(contributions, export_context, donors), data_dir) == []


def test_every_coded_value_in_our_export_is_checked_against_a_codelist(
    contributions, export_context, donors, data_dir
):
    """Independently of validate_iati: list each coded attribute we emit and look it up."""
    tree = etree.fromstring(export(contributions, export_context, donors))
    lists = load_codelists(str(data_dir))
    coded = {
        "//participating-org/@role": "OrganisationRole",
        "//participating-org/@type": "OrganisationType",
        "//reporting-org/@type": "OrganisationType",
        "//activity-status/@code": "ActivityStatus",
        "//activity-date/@type": "ActivityDateType",
        "//recipient-country/@code": "Country",
        "//sector/@vocabulary": "SectorVocabulary",
        "//sector[@vocabulary='1']/@code": "Sector",
        "//transaction-type/@code": "TransactionType",
        "//iati-activity/@default-currency": "Currency",
        "//provider-org/@type": "OrganisationType",
        "//receiver-org/@type": "OrganisationType",
        "/iati-activities/@version": "Version",
    }
    seen = 0
    for xpath, codelist in coded.items():
        for value in tree.xpath(xpath):
            assert str(value) in lists[codelist].active, (xpath, value)
            seen += 1
    assert seen > 20
    assert set(tree.xpath("//transaction-type/@code")) == {"13", "11", "1"}
    assert tree.xpath("//sector/@code") == ["15230", "15230"]


def test_one_activity_per_fund_with_identifiers_prefixed_by_the_reporting_org(
    contributions, export_context, donors
):
    activities = funding_activities(contributions, export_context, donors=donors)
    assert [a.identifier for a in activities] == [
        "XI-IATI-CTGDEMO-ISF-ISF",
        "XI-IATI-CTGDEMO-ISF-police-training",
    ]
    isf = activities[0]
    assert [t.kind for t in isf.transactions] == [
        TransactionKind.INCOMING_PLEDGE,
        TransactionKind.INCOMING_COMMITMENT,
        TransactionKind.INCOMING_FUNDS,
    ]
    assert [role for _, role in isf.participating] == ["1", "2"]


def test_confidential_contributions_are_left_out_of_the_iati_export(
    contributions, export_context, donors
):
    xml = export(contributions, export_context, donors).decode()
    assert "ZETA-CONFIDENTIAL-DONOR-7781" not in xml
    assert "QUARTZ" not in xml and "987654321" not in xml


def test_the_official_no_errors_fixture_passes_our_validator(data_dir):
    xml = (data_dir / FIXTURES / "iati-act-no-errors.xml").read_bytes()
    assert validate_iati(xml, data_dir) == []


@pytest.mark.parametrize(
    ("fixture", "expected_codes"),
    [
        ("iati-act-codelist-basic.xml", {("OrganisationRole", ""), ("BudgetType", "3")}),
        (
            "iati-act-codelist-conditional.xml",
            {("Region", "ZZA123"), ("AidType", "123ZZ"), ("AidTypeVocabulary", "ABC123")},
        ),
        ("iati-org-codelist-basic.xml", {("OrganisationType", "ZZ123")}),
    ],
)
def test_the_labelled_codelist_failures_are_rejected_by_our_codelist_check(
    fixture, expected_codes, data_dir
):
    """These files pass the XSD; only the codelist stage can catch them."""
    problems = errors(validate_iati((data_dir / FIXTURES / fixture).read_bytes(), data_dir))
    assert {p.stage for p in problems} == {"codelist"}
    found = {(p.message.split(" of ")[1].split(" ")[0], p.message.split("'")[1]) for p in problems}
    assert found == expected_codes


def test_a_conditional_mapping_applies_only_when_its_condition_holds(data_dir):
    """aid-type vocabulary 2 points to CashandVoucherModalities, not AidType: '1' is valid there."""
    rules = [
        r for r in load_codelist_rules(str(data_dir)) if "transaction/aid-type/@code" in r.path
    ]
    assert {r.codelist for r in rules} >= {"AidType", "CashandVoucherModalities"}
    xml = (data_dir / FIXTURES / "iati-act-no-errors.xml").read_bytes()
    assert b'<aid-type code="1" vocabulary="2" />' in xml
    assert validate_iati(xml, data_dir) == []


def _labelled(data_dir: Path, label: str) -> Iterator[Path]:
    tests = data_dir / "iati-schemas-2.03" / "tests"
    for path in sorted(tests.rglob("*.xml")):
        if label in path.parts and "registry-tests" not in path.parts:
            yield path


def test_every_labelled_should_fail_file_of_the_schema_repository_is_rejected(data_dir):
    files = list(_labelled(data_dir, "should-fail"))
    assert len(files) > 400
    accepted = [p.name for p in files if not errors(validate_iati(p.read_bytes(), data_dir))]
    assert accepted == []


def test_no_labelled_should_pass_file_fails_our_xsd_stage(data_dir):
    """They use placeholder codes ("xx"), so the codelist stage flags them: the XSD alone must not."""
    files = list(_labelled(data_dir, "should-pass"))
    assert len(files) > 200
    failing = [
        p.name
        for p in files
        if any(q.stage in ("xml", "schema") for q in validate_iati(p.read_bytes(), data_dir))
    ]
    assert failing == []


@pytest.mark.parametrize(
    ("fixture", "stage"),
    [
        ("not-xml.xml", "xml"),
        ("broken-xml.xml", "xml"),
        ("xml-but-not-iati.xml", "schema"),
        ("iati-act-schema-errors.xml", "schema"),
        ("iati-act-title-no-narrative.xml", "schema"),
    ],
)
def test_the_validator_fixtures_for_broken_files_fail_at_the_right_stage(fixture, stage, data_dir):
    problems = validate_iati((data_dir / FIXTURES / fixture).read_bytes(), data_dir)
    assert problems and problems[0].stage == stage


def test_the_validator_never_resolves_external_entities(data_dir, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("LEAKED-FILE-CONTENT")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        '<iati-activities version="2.03"><iati-activity>&e;</iati-activity></iati-activities>'
    ).encode()
    problems = validate_iati(xml, data_dir)
    assert problems and all("LEAKED" not in p.message for p in problems)


def test_a_withdrawn_code_is_a_warning_not_an_error(
    contributions, export_context, donors, data_dir
):
    lists = load_codelists(str(data_dir))
    withdrawn = sorted(lists["Currency"].withdrawn)[0]
    xml = export(contributions, export_context, donors).replace(
        b'default-currency="USD"', f'default-currency="{withdrawn}"'.encode(), 1
    )
    problems = validate_iati(xml, data_dir)
    assert [p.code for p in problems] == ["codelist.withdrawn"]
    assert errors(problems) == []


def test_a_wrong_transaction_type_is_caught_though_the_xsd_accepts_it(
    contributions, export_context, donors, data_dir
):
    xml = export(contributions, export_context, donors).replace(
        b'<transaction-type code="13"/>', b'<transaction-type code="999"/>', 1
    )
    problems = errors(validate_iati(xml, data_dir))
    assert [(p.stage, p.code) for p in problems] == [("codelist", "codelist.not_in_list")]
    assert "TransactionType" in problems[0].message and problems[0].line is not None


def test_the_export_is_reproducible_byte_for_byte(contributions, export_context, donors):
    assert export(contributions, export_context, donors) == export(
        list(reversed(contributions)), export_context, donors
    )


def test_the_export_records_its_generation_time_in_utc(contributions, export_context, donors):
    root = etree.fromstring(export(contributions, export_context, donors))
    assert root.get("generated-datetime") == "2026-04-01T12:00:00Z"
    assert root.get("version") == "2.03"
    assert date.fromisoformat(root.xpath("//activity-date[@type='1']/@iso-date")[0]) == date(
        2026, 1, 1
    )


def test_identifiers_never_carry_characters_the_iati_rules_forbid(export_context):
    identifier = identifier_for(export_context, "Police & border / training? | 2026")
    assert identifier == "XI-IATI-CTGDEMO-ISF-Police-border-training-2026"
    assert not set("/&|? ") & set(identifier)


def test_a_reporting_org_without_an_identifier_is_refused(contributions, export_context):
    context = replace(export_context, reporting_org=IatiOrg(name="No identifier"))
    with pytest.raises(ValidationError) as refused:
        funding_activities(contributions, context)
    assert "reporting_org.ref" in refused.value.fields
