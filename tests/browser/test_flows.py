"""The main flows in a real Chromium: every persona signs in; a liaison records a stance and a
pledge; a planner moves a pledge through a gate and is refused the next one with its reasons;
bad input shows field errors and writes nothing; Arabic renders right to left."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from contingent.web.core.ledger import VERIFY_LIMIT

from .conftest import keep_screenshot, sign_in
from .seed import WAITING_PLEDGE

pytestmark = pytest.mark.browser
OP = "/operations/isf-gaza"


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("planner", "planner"),
        ("liaison_pak", "liaison"),
        ("ngo", "humanitarian"),
        ("ops", "operations"),
        ("auditor", "auditor"),
        ("admin", "admin"),
    ],
)
def test_each_persona_signs_in_and_the_header_names_its_role(page: Any, username, role):
    sign_in(page, username)
    page.goto("/")
    who = page.locator(".who")
    assert who.get_attribute("data-role") == role
    assert username in who.inner_text()
    assert page.csp_violations == []


def _record_stance(page: Any, summary: str) -> None:
    form = page.locator("#statement-form")
    form.get_by_label("Stance").select_option("considering")
    form.get_by_label("Date of the statement").fill("2026-02-28")
    form.get_by_label("Speaker").fill("Foreign Office spokesperson")
    form.get_by_label("What was said").fill(summary)
    form.get_by_label("Conditions stated").fill("A clear mandate\nParliamentary approval")
    form.get_by_label(re.compile(r"^Source")).fill("https://example.org/briefing")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_liaison_records_a_stance_statement_for_its_own_contributor(page: Any):
    sign_in(page, "liaison_pak")
    page.goto(f"{OP}/contributors/PAK/")
    _record_stance(page, "Pakistan is still considering the mandate (browser test).")
    assert page.locator(".messages").inner_text().strip() == "Statement recorded."
    newest = page.locator(".timeline > li").first
    assert "still considering the mandate (browser test)" in newest.inner_text()
    assert "A clear mandate" in newest.inner_text()
    assert newest.locator("a[href='https://example.org/briefing']").count() == 1


def test_a_liaison_sees_no_statement_form_on_another_contributors_page(page: Any):
    sign_in(page, "liaison_pak")
    page.goto(f"{OP}/contributors/IDN/")
    assert page.locator("#statement-form").count() == 0


def test_a_liaison_committing_without_the_gates_is_refused_with_every_reason(page: Any):
    sign_in(page, "liaison_pak")
    page.goto(f"{OP}/contributors/PAK/")
    before = page.locator(".timeline > li").count()
    form = page.locator("#statement-form")
    form.get_by_label("Stance").select_option("committed")
    form.get_by_label("Date of the statement").fill("2026-02-28")
    form.get_by_label("Speaker").fill("Prime Minister")
    form.get_by_label("What was said").fill("We commit troops.")
    form.get_by_label(re.compile(r"^Source")).fill("https://example.org/commit")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    codes = page.locator("#statement-form [data-reason]").evaluate_all(
        "els => els.map(e => e.dataset.reason)"
    )
    assert "parliamentary_approval_not_recorded" in codes and "roe_not_agreed" in codes
    assert page.locator(".timeline > li").count() == before  # nothing written


def test_a_liaison_records_a_pledge_after_fixing_a_field_error(page: Any):
    sign_in(page, "liaison_pak")
    page.goto(f"{OP}/pledges/")
    page.get_by_role("link", name="Record a pledge").click()
    form = page.locator("#pledge-form")
    form.get_by_label("Pledge reference").fill("PAK-MED-1")
    form.get_by_label("Unit type").select_option("level2_hospital")
    form.get_by_role("spinbutton", name="Personnel").fill("57")
    form.get_by_label("of whom women").fill("80")  # more women than personnel: refused
    form.get_by_label("Earliest deployment").fill("2026-10-01")
    form.get_by_label("Classification").select_option("confidential")
    form.get_by_label("A note verbale with the offer has been sent").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    women = page.locator(".field[data-field=women]")
    assert (
        "Cannot be more than the personnel of the unit." in women.locator(".errorlist").inner_text()
    )
    assert page.locator("#pledge-form .field.has-error").count() == 1
    page.goto(f"{OP}/pledges/PAK-MED-1/")
    assert page.locator("h1").inner_text().startswith("Not found")  # nothing was written
    page.go_back()
    page.locator("#pledge-form").get_by_label("of whom women").fill("18")
    page.locator("#pledge-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{OP}/pledges/PAK-MED-1/")
    assert page.locator("[data-readiness]").get_attribute("data-readiness") == "none"
    page.goto(f"{OP}/pledges/")
    card = page.locator("[data-column=none] [data-pledge=PAK-MED-1]")
    assert card.count() == 1


def test_a_planner_moves_a_pledge_through_a_gate_is_refused_the_next_then_records_the_fact(
    page: Any,
):
    sign_in(page, "planner")
    page.goto(f"{OP}/pledges/{WAITING_PLEDGE}/")
    assert page.locator("[data-readiness]").get_attribute("data-readiness") == "none"
    form = page.locator("#readiness-form")
    form.get_by_label("Move to readiness level").select_option("L1")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert (
        page.locator("[data-readiness]").get_attribute("data-readiness") == "L1"
    )  # the offer-letter gate passed
    form = page.locator("#readiness-form")
    form.get_by_label("Move to readiness level").select_option("L2")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    reasons = page.locator("#readiness-form .reasons li")
    assert reasons.count() >= 1
    assert "no_passed_assessment_visit" in reasons.first.inner_text()
    assert (
        page.locator("[data-readiness]").get_attribute("data-readiness") == "L1"
    )  # refused: nothing written
    assert page.locator("#readiness-form .form-errors").evaluate(
        "el => el === document.activeElement"
    )
    # Record the missing fact (a passed assessment visit); the same move then passes the gate.
    facts = page.locator("#fact-form")
    facts.get_by_label("Record").select_option("visit")
    assert facts.locator(".field[data-field=document]").is_hidden()
    facts.get_by_label("Visit").select_option("aav")
    facts.get_by_label("Result").select_option("pass")
    facts.get_by_label("Conducted on").fill("2026-02-20")
    facts.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "assessment and advisory visit: passed" in page.locator("main").inner_text()
    form = page.locator("#readiness-form")
    form.get_by_label("Move to readiness level").select_option("L2")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[data-readiness]").get_attribute("data-readiness") == "L2"


def test_a_liaison_cannot_see_the_planners_transition_forms(page: Any):
    sign_in(page, "liaison_pak")
    page.goto(f"{OP}/pledges/PAK-INF-1/")
    assert page.locator("#readiness-form").count() == 0
    assert page.locator("#case-form").count() == 0


def test_the_pipeline_board_filters_by_contributor_without_a_full_reload(page: Any):
    sign_in(page, "planner")
    page.goto(f"{OP}/pledges/")
    page.evaluate("window.__marker = 'same page'")
    page.locator("#contributor-filter").select_option("IDN")
    expect(page.locator("[data-pledge^=PAK]")).to_have_count(0)
    assert page.locator("[data-pledge^=IDN]").count() >= 1
    assert page.evaluate("window.__marker") == "same page"  # htmx swapped the board only
    assert "contributor=IDN" in page.url


def test_the_ledger_verify_button_reports_an_intact_chain_then_its_rate_limit(page: Any):
    # The only browser test that verifies: anonymous calls share one allowance per address.
    page.goto("/ledger/")
    button = page.get_by_role("button", name="Verify the whole chain")
    button.click()
    result = page.locator("#verify-result [data-verify]")
    result.wait_for()
    assert result.get_attribute("data-verify") == "ok"
    for _ in range(VERIFY_LIMIT.anonymous):  # one past the limit
        with page.expect_response(lambda r: r.url.endswith("/ledger/verify/")):
            button.click()
    expect(page.locator("#verify-result [data-verify=limited]")).to_contain_text("try again in")
    assert page.csp_violations == []


def test_the_dashboard_draws_the_governorates_offline_and_charts_without_csp_violations(
    page: Any,
):
    page.goto("/")
    page.wait_for_selector("#gov-map[data-loaded='5']")
    assert page.locator("#gov-map path.leaflet-interactive").count() == 5
    assert page.locator("svg.bar").count() >= 2
    assert page.csp_violations == []


def test_the_plan_page_shades_the_sectors_by_coverage_offline(page: Any):
    sign_in(page, "planner")
    page.goto(f"{OP}/plan/")
    page.wait_for_selector("#sector-map[data-loaded='5']")
    assert page.locator("#sector-map path.leaflet-interactive").count() == 5
    labels = page.locator("#sector-map .gov-label").all_inner_texts()
    assert any("%" in text and "/" in text for text in labels), labels  # a sector with units
    fills = {
        p.get_attribute("fill") for p in page.locator("#sector-map path.leaflet-interactive").all()
    }
    assert len(fills) >= 2  # shaded by coverage, not one colour
    assert page.csp_violations == []


def test_the_keyboard_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(page: Any):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_the_pages_fit_a_phone_screen_without_sideways_scrolling(browser: Any, server: str):
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844})
    pg = context.new_page()
    try:
        for url in ("/", f"{OP}/contributors/PAK/", "/ledger/"):
            pg.goto(url)
            overflow = pg.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, f"{url} is {overflow}px wider than the phone"
    finally:
        context.close()


def test_the_arabic_interface_renders_right_to_left(page: Any):
    sign_in(page, "planner")
    page.goto("/")
    page.locator("#lang-select").select_option("ar")  # submits itself (static app.js)
    page.wait_for_selector("html[lang=ar]")
    page.wait_for_selector("#gov-map[data-loaded='5']")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "هل هذه القوة جاهزة للانتشار؟" in page.locator("#gates-h").inner_text()
    # Laid out right to left: the brand sits at the right edge, the heading's text starts there.
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > width / 2
    h1 = page.locator("h1").evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " const b = r.getBoundingClientRect(); return [b.left, b.right, el.getBoundingClientRect().right]; }"
    )
    assert abs(h1[1] - h1[2]) < 2 and h1[0] > 100
    shot = keep_screenshot(page, "arabic-dashboard.png")
    assert shot.stat().st_size > 10_000
    page.goto(f"{OP}/pledges/")
    assert re.search("التعهدات", page.locator("h1").inner_text())
    keep_screenshot(page, "arabic-pledges.png")
