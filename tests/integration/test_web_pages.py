"""The force-generation pages over HTTP (Django test client, real database): bad input in every
form gets its field-level error and writes nothing; refusals list every reason with its code;
what a liaison may not know never appears on a page; languages and right-to-left."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db
OP = "/operations/isf-gaza"


def _counts():
    from contingent.web.core.models import LedgerEntry
    from contingent.web.forcegen.models import DeploymentCase, Pledge, Statement

    return (
        Statement.objects.count(),
        Pledge.objects.count(),
        DeploymentCase.objects.count(),
        LedgerEntry.objects.count(),
    )


def _field_errors(html: str) -> set[str]:
    return set(re.findall(r'class="errorlist field-errors" id="id_(\w+)_error"', html))


def _reasons(html: str) -> list[str]:
    return re.findall(r'data-reason="([^"]+)"', html)


@pytest.fixture
def user(gaza):
    from contingent.web.accounts.actions import do_create_user
    from contingent.web.accounts.roles import Role
    from contingent.web.forcegen.models import Contributor

    def make(name: str, role: Role, code: str | None = None):
        bound = {"contributor": Contributor.objects.get(code=code)} if code else {}
        return do_create_user(name, None, role, **bound)

    return make


@pytest.fixture
def liaison_pak(client, user):
    from contingent.web.accounts.roles import Role

    client.force_login(user("liaison_pak", Role.LIAISON, "PAK"))
    return client


@pytest.fixture
def planner(client, user):
    from contingent.web.accounts.roles import Role

    client.force_login(user("planner", Role.PLANNER))
    return client


GOOD_STATEMENT = {
    "level": "considering",
    "stated_on": "2026-02-28",
    "speaker": "Spokesperson",
    "summary": "Still considering.",
    "conditions": "A clear mandate\n\nParliamentary approval",
    "source_ref": "https://example.org/briefing",
}


def test_a_liaison_records_a_statement_and_it_lands_on_the_timeline_and_the_ledger(liaison_pak):
    before = _counts()
    r = liaison_pak.post(f"{OP}/contributors/PAK/", GOOD_STATEMENT)
    assert r.status_code == 302
    after = _counts()
    assert after[0] == before[0] + 1 and after[3] == before[3] + 1
    html = liaison_pak.get(f"{OP}/contributors/PAK/").content.decode()
    assert "Still considering." in html and "Parliamentary approval" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("stated_on", "2999-01-01"),
        ("stated_on", "not a date"),
        ("speaker", ""),
        ("summary", ""),
        ("level", "enthusiastic"),
        ("source_ref", ""),
        ("source_ref", "javascript:alert(1)"),
        ("personnel_mentioned", "-5"),
    ],
)
def test_bad_statement_input_is_refused_next_to_its_field_and_nothing_is_written(
    liaison_pak, field, value
):
    before = _counts()
    r = liaison_pak.post(f"{OP}/contributors/PAK/", GOOD_STATEMENT | {field: value})
    assert r.status_code == 422
    assert _field_errors(r.content.decode()) == {field}
    assert _counts() == before


def test_a_refused_commitment_lists_every_unmet_gate_with_its_code_and_writes_nothing(
    liaison_pak,
):
    before = _counts()
    r = liaison_pak.post(f"{OP}/contributors/PAK/", GOOD_STATEMENT | {"level": "committed"})
    assert r.status_code == 409
    reasons = _reasons(r.content.decode())
    assert {"roe_not_agreed", "parliamentary_approval_not_recorded"} <= set(reasons)
    assert _counts() == before


def test_a_liaison_may_not_record_a_statement_for_another_contributor(liaison_pak):
    before = _counts()
    r = liaison_pak.post(f"{OP}/contributors/IDN/", GOOD_STATEMENT)
    assert r.status_code == 403
    assert _counts() == before
    assert b'id="statement-form"' not in liaison_pak.get(f"{OP}/contributors/IDN/").content


GOOD_PLEDGE = {
    "key": "PAK-MED-1",
    "unit_type": "level2_hospital",
    "personnel": "57",
    "women": "10",
    "earliest_deployment": "2026-10-01",
    "category": "troops",
    "classification": "confidential",
    "note_verbale": "on",
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": "PAK-INF-1"}, "key"),  # already exists
        ({"key": "bad key!"}, "key"),
        ({"unit_type": "submarine"}, "unit_type"),
        ({"personnel": "0"}, "personnel"),
        ({"women": "58"}, "women"),
        ({"earliest_deployment": "soon"}, "earliest_deployment"),
        ({"classification": "secret"}, "classification"),
        ({"caveat_kind": "geographic"}, "caveat_text"),
        ({"caveat_text": "Not north of Wadi Gaza"}, "caveat_kind"),
        ({"source_ref": "data:text/html,x"}, "source_ref"),
    ],
)
def test_bad_pledge_input_is_refused_next_to_its_field_and_nothing_is_written(
    liaison_pak, changes, field
):
    before = _counts()
    r = liaison_pak.post(f"{OP}/contributors/PAK/pledges/new/", GOOD_PLEDGE | changes)
    assert r.status_code == 422
    assert _field_errors(r.content.decode()) == {field}
    assert _counts() == before


def test_a_liaison_records_a_pledge_below_level_one_for_its_own_contributor(liaison_pak):
    from contingent.web.forcegen.models import Pledge

    r = liaison_pak.post(f"{OP}/contributors/PAK/pledges/new/", GOOD_PLEDGE)
    assert r.status_code == 302 and r["Location"].endswith("/pledges/PAK-MED-1/")
    row = Pledge.objects.get(key="PAK-MED-1")
    assert (row.readiness, row.contributor.code, row.documents) == ("none", "PAK", ["note_verbale"])
    assert liaison_pak.post(f"{OP}/contributors/IDN/pledges/new/", GOOD_PLEDGE).status_code == 403


def test_a_refused_readiness_move_lists_its_reasons_next_to_the_form(planner):
    before = _counts()
    r = planner.post(f"{OP}/pledges/PAK-INF-1/readiness/", {"target": "L2"})
    assert r.status_code == 409
    html = r.content.decode()
    assert "no_passed_assessment_visit" in _reasons(html)
    form = html[html.index('id="readiness-form"') :]
    assert 'data-reason="no_passed_assessment_visit"' in form[: form.index("</form>")]
    assert _counts() == before


def test_a_readiness_target_the_rulebook_does_not_offer_is_a_field_error(planner):
    before = _counts()
    r = planner.post(f"{OP}/pledges/PAK-INF-1/readiness/", {"target": "RDL"})
    assert r.status_code == 422 and _field_errors(r.content.decode()) == {"target"}
    assert _counts() == before


def test_selecting_a_pledge_without_a_requirement_is_a_field_error(planner):
    before = _counts()
    r = planner.post(f"{OP}/pledges/PAK-INF-1/case/", {"target": "selected"})
    assert r.status_code == 422 and _field_errors(r.content.decode()) == {"requirement"}
    assert _counts() == before


def test_a_refused_case_selection_lists_every_reason(planner):
    before = _counts()
    r = planner.post(
        f"{OP}/pledges/PAK-INF-1/case/", {"target": "selected", "requirement": "RAF-MED"}
    )
    assert r.status_code == 409
    assert "unit_type_mismatch" in _reasons(r.content.decode())
    assert _counts() == before


def test_only_the_planner_moves_readiness(liaison_pak):
    before = _counts()
    assert (
        liaison_pak.post(f"{OP}/pledges/PAK-INF-1/readiness/", {"target": "L2"}).status_code == 403
    )
    assert _counts() == before


@pytest.fixture
def idn_secret(gaza):
    from datetime import date

    from contingent.core.forcegen import enums as e
    from contingent.core.forcegen import model as m
    from contingent.web.forcegen.actions import do_record_pledge
    from contingent.web.forcegen.models import Contributor

    pledge = m.Pledge(
        key="IDN-SECRET-9",
        contributor="IDN",
        unit_type="infantry_battalion",
        personnel=850,
        women=30,
        readiness=e.ReadinessLevel.L1,
        earliest_deployment=date(2026, 6, 1),
        approvals=(m.Approval(e.ApprovalBody.PARLIAMENT, e.ApprovalStatus.REQUIRED),),
        classification=e.Classification.CONFIDENTIAL,
    )
    do_record_pledge(gaza, Contributor.objects.get(code="IDN"), pledge, actor="test")
    return pledge.key


def test_another_contributors_confidential_pledge_appears_on_no_page_of_a_liaison(
    liaison_pak, idn_secret
):
    pages = [
        "/",
        f"{OP}/",
        f"{OP}/contributors/",
        f"{OP}/contributors/IDN/",
        f"{OP}/pledges/",
        f"{OP}/pledges/?contributor=IDN",
        f"{OP}/requirements/",
    ]
    for url in pages:
        r = liaison_pak.get(url)
        assert r.status_code == 200, url
        assert idn_secret.encode() not in r.content, url
    assert liaison_pak.get(f"{OP}/pledges/{idn_secret}/").status_code == 404


def test_the_public_dashboard_counts_pledges_it_may_not_name(client, gaza, liaison_pak):
    from django.test import Client

    liaison_pak.post(f"{OP}/contributors/PAK/pledges/new/", GOOD_PLEDGE)
    html = Client().get("/").content.decode()
    assert "parliamentary_approval_not_recorded" in html
    assert "PAK-MED-1" not in html and "PAK-INF-1" not in html
    assert "pledges not shown" in html
    assert "RAF-INF" not in html  # requirement keys are restricted too


def test_the_pipeline_board_answers_htmx_with_the_board_alone(planner):
    r = planner.get(f"{OP}/pledges/?contributor=IDN", headers={"HX-Request": "true"})
    html = r.content.decode()
    assert r.status_code == 200 and "<html" not in html
    assert 'data-pledge="IDN-INF-1"' in html and 'data-pledge="PAK-INF-1"' not in html


def test_the_ledger_verify_button_reports_an_intact_chain(client, gaza):
    r = client.post("/ledger/verify/", headers={"HX-Request": "true"})
    assert r.status_code == 200 and 'data-verify="ok"' in r.content.decode()


def test_arabic_is_right_to_left_and_french_dates_and_numbers_are_localized(client, gaza):
    client.cookies["django_language"] = "ar"
    html = client.get("/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html and "هل هذه القوة جاهزة للانتشار؟" in html
    client.cookies["django_language"] = "fr"
    html = client.get("/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert ">1 mars 2026</time>" in html
    assert "5\xa0950" in html  # thousands grouped the French way
    assert 'width="5.0"' in html  # SVG geometry stays unlocalized


def test_no_page_carries_inline_script(planner):
    for url in ["/", f"{OP}/contributors/PAK/", f"{OP}/pledges/", f"{OP}/pledges/PAK-INF-1/"]:
        html = planner.get(url).content.decode()
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url
        assert re.search(r"<title>[^<]+</title>", html), url  # a title, and nothing else in it


def test_a_planner_records_a_passed_visit_and_then_the_assessment_gate_lets_the_pledge_up(
    planner,
):
    from contingent.web.forcegen.models import Pledge

    visit = {
        "fact": "visit",
        "visit_kind": "aav",
        "visit_result": "pass",
        "conducted_on": "2026-02-20",
    }
    assert planner.post(f"{OP}/pledges/PAK-INF-1/facts/", visit).status_code == 302
    r = planner.post(f"{OP}/pledges/PAK-INF-1/readiness/", {"target": "L2"})
    assert r.status_code == 302
    assert Pledge.objects.get(key="PAK-INF-1").readiness == "L2"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"fact": "visit", "visit_kind": "aav", "visit_result": "pass"}, "conducted_on"),
        ({"fact": "visit", "visit_kind": "aav", "conducted_on": "2999-01-01"}, "conducted_on"),
        ({"fact": "approval", "approval_body": "parliament"}, "approval_status"),
        ({"fact": "agreement", "agreement": "treaty"}, "agreement"),
        ({"fact": "rumour"}, "fact"),
    ],
)
def test_a_fact_with_bad_input_is_refused_next_to_its_field_and_nothing_is_written(
    planner, data, field
):
    before = _counts()
    r = planner.post(f"{OP}/pledges/PAK-INF-1/facts/", data)
    assert r.status_code == 422
    assert field in _field_errors(r.content.decode())
    assert _counts() == before


def test_a_liaison_records_its_parliaments_approval_but_not_a_visit(liaison_pak):
    from contingent.web.forcegen.models import Pledge

    approval = {
        "fact": "approval",
        "approval_body": "parliament",
        "approval_status": "obtained",
        "decided_on": "2026-02-25",
    }
    assert liaison_pak.post(f"{OP}/pledges/PAK-INF-1/facts/", approval).status_code == 302
    row = Pledge.objects.get(key="PAK-INF-1")
    assert {"body": "parliament", "status": "obtained"}.items() <= next(
        a for a in row.approvals if a["body"] == "parliament"
    ).items()
    before = _counts()
    visit = {
        "fact": "visit",
        "visit_kind": "aav",
        "visit_result": "pass",
        "conducted_on": "2026-02-20",
    }
    r = liaison_pak.post(f"{OP}/pledges/PAK-INF-1/facts/", visit)
    assert r.status_code == 422 and "fact" in _field_errors(r.content.decode())
    assert _counts() == before
    assert liaison_pak.post(f"{OP}/pledges/IDN-INF-1/facts/", approval).status_code in (403, 404)
