"""In a real Chromium: accessibility of every page type, with and without JavaScript."""

from __future__ import annotations

import difflib
import logging
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import answers
import bundled
import pytest
from answers import stage
from browser import (
    NARROW,
    NOW,
    SCROLLS_SIDEWAYS,
    axe_violations,
    enter_date,
    main_text,
    open_dates,
    reflow_and_axe,
    same_document,
    same_main,
    sideways_overflow,
)
from pages import PAGE_TYPES
from stagepages import one_outcome_per_stage

# Islington Stages 2 and 3 for a police officer disagreeing with health.
ISLINGTON_2 = stage("islington", 2, agency="police", other_agency="health")
ISLINGTON_3 = stage("islington", 3, agency="police", other_agency="health")

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def page(request, tabs):
    # CSP bypassed, so that axe-core can be injected into pages whose CSP forbids inline script.
    return tabs(javascript=request.param, axe=True)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violations_and_nothing_scrolls_sideways(tabs, server, name):
    """WCAG 2.2 AA as axe-core reads it, and 1.4.10 Reflow at 320 px, which it cannot see."""
    overflow, violations = reflow_and_axe(tabs, server + PAGE_TYPES[name])
    assert violations == []
    assert overflow <= 0


def test_a_tab_handed_out_again_shows_nothing_of_the_last_tests_page(tabs, server):
    """A tab reused for the same page, or for a fragment of it, holds a fresh document."""
    stage_page = server + PAGE_TYPES["stage"]
    for url in (stage_page, stage_page + "#dates", server + "/islington/"):
        page = tabs(stage_page)
        page.evaluate("document.body.dataset.lastTest = 'left'")
        again = tabs(url)
        assert again is page and again.url == url
        assert again.evaluate("document.body.dataset.lastTest") is None, url
    # Where Playwright would only scroll to the fragment, the tab is blanked first.
    assert same_document(stage_page, stage_page + "#dates")
    assert not same_document(stage_page + "#dates", stage_page)
    assert not same_document(stage_page, server + "/islington/")


def test_axe_reports_each_broken_rule_with_its_first_three_places(tabs):
    """The check can fail: a page of four images without text is one violation, by rule."""
    page = tabs(axe=True)
    images = '<img src="data:,">' * 4
    page.set_content(f'<!DOCTYPE html><html lang="en"><title>T</title><main><h1>T</h1>{images}')
    assert axe_violations(page) == [
        {
            "id": "image-alt",
            "help": "Images must have alternative text",
            "nodes": [["img:nth-child(2)"], ["img:nth-child(3)"], ["img:nth-child(4)"]],
        }
    ]


def test_journey_with_the_keyboard_and_forms(page, server):
    page.goto(server + "/islington/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("A disagreement with another agency about a child's safety").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Stage 1 did not resolve it").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Police", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Health", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    assert page.url.endswith(ISLINGTON_2)
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Go to Stage 2: Line Manager"
    assert page.get_by_text("Detective Sergeant").first.is_visible()
    # Who to tell, in the first box; the policy's words for it fold under "What the policy says".
    tell = page.locator(".app-tell")
    assert tell.get_by_text("Independent Reviewing Officer").first.is_visible()
    assert page.get_by_text("Independent Reviewing Officer must also be notified").count() == 1


def test_empty_answer_shows_the_error_summary(page, server):
    page.goto(server + "/islington/check/")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/islington/check/?*")  # without JavaScript the click loads a page
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Select whether a child is at risk of immediate harm" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.url.endswith("#answer")


def test_change_keeps_the_old_answer_selected_and_the_later_answers(page, server):
    page.goto(server + ISLINGTON_2)
    page.get_by_text("Your answers", exact=True).click()  # folded on a stage outcome
    page.get_by_role("link", name="Change your answer to: What has happened so far?").click()
    assert (
        answers.path("islington", risk="no", concern="disagreement") + "?change=tried-1" in page.url
    )
    assert page.get_by_role("heading", level=1).inner_text() == "What has happened so far?"
    assert page.get_by_label("Stage 1 did not resolve it").is_checked()
    page.get_by_label("Stage 2 did not resolve it").check()
    page.get_by_role("button", name="Continue").click()
    # Police and Health still fit Stage 3: nothing is asked again.
    assert page.url.endswith(ISLINGTON_3)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Go to Stage 3")


def test_static_change_keeps_the_later_answers_with_javascript(browser, static_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(static_site + ISLINGTON_2.lstrip("/"))
    page.get_by_text("Your answers", exact=True).click()  # folded on a stage outcome
    page.get_by_role("link", name="Change your answer to: What has happened so far?").click()
    # The static page's script shows the earlier answer once it has run: wait for it, as a
    # person looking at the page does (is_visible() would read it the moment the page loads).
    page.get_by_text("Your answer").wait_for(state="visible")
    page.get_by_role("link", name="Stage 2 did not resolve it").click()
    page.wait_for_url("**" + ISLINGTON_3)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Go to Stage 3")
    context.close()


def test_print_stylesheet_hides_navigation(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + ISLINGTON_2)
    page.emulate_media(media="print")
    assert not page.locator(".govuk-back-link").is_visible()
    assert not page.locator(".app-header").is_visible()
    assert page.get_by_role("heading", level=1).is_visible()
    context.close()


def test_static_site_journey_without_javascript(browser, static_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(static_site)
    page.get_by_role("link", name="Lincolnshire Safeguarding Children Partnership").click()
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("link", name="No", exact=True).click()
    page.get_by_role(
        "link", name="A disagreement with another agency about a child's safety"
    ).click()
    page.get_by_role("link", name="Step 2 did not resolve it").click()
    page.get_by_role("link", name="Lincolnshire Police").click()
    page.get_by_role("link", name="Another agency, or I'm not sure").click()
    assert page.url.endswith(
        answers.stage("lincolnshire", 3, agency="lincolnshire-police", other_agency="other")
    )
    assert page.get_by_role("heading", level=1).inner_text().startswith("Go to Step 3")
    assert page.get_by_text("Head of PPU").first.is_visible()
    page.get_by_role("link", name="Start again").click()
    assert page.url.endswith("/safeguarding/escalation/lincolnshire/check/")
    context.close()


def test_static_site_not_found_page(browser, tabs, static_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    response = page.goto(static_site + "no/such/page/")
    assert response.status == 404
    page.get_by_role("link", name="Islington Safeguarding Children Partnership").click()
    assert page.url.endswith("/safeguarding/escalation/islington/")
    reached = page.url
    context.close()
    page = tabs(reached, axe=True)
    assert axe_violations(page) == []


DATED = answers.stage("lincolnshire", 1, agency="schools")


def dates_text(page) -> str:
    """The dates a person reads: the next deadline in the first box, then the plan."""
    now = page.locator(".app-now__when").inner_text()
    plan = page.locator("#dates table")
    return " ".join((now + " " + (plan.inner_text() if plan.count() else "")).split())


def test_live_date_entry_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + DATED)
    enter_date(page, "24", "12", "2026", "10:00")
    assert "/check/" in page.url and "2026" not in page.url  # posted, not in the URL
    assert "by 10:00 am on Saturday 26 December 2026, or by 10:00 am on Tuesday 29 December" in (
        dates_text(page)
    )
    context.close()


def test_static_dates_match_the_live_app(browser, server, static_site):
    context = browser.new_context()
    context.clock.set_fixed_time(NOW)
    # The live app dates a posted start where JavaScript is off; with it on, the same script
    # as the static site's does: compare the server's dates with the script's.
    posting = browser.new_context(java_script_enabled=False)
    static_page, live_page = context.new_page(), posting.new_page()
    static_page.goto(static_site + DATED.lstrip("/"))
    live_page.goto(server + DATED)
    for page in (static_page, live_page):
        enter_date(page, "24", "12", "2026", "10:00")
    assert dates_text(static_page) == dates_text(live_page)
    posting.close()
    assert "by the end of Wednesday 30 December 2026 (within 2 working days)" in dates_text(
        static_page
    )
    context.close()


def test_static_dates_come_when_the_bank_holidays_come_late(browser, static_site):
    """On a slow line the date form appears after the page has loaded, and then dates."""
    context = browser.new_context()
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    page.route("**/holidays/**", lambda route: (page.wait_for_timeout(800), route.continue_()))
    page.goto(static_site + DATED.lstrip("/"))
    assert page.locator("details#when-heading").is_hidden()  # not until they have come
    enter_date(page, "24", "12", "2026", "10:00")
    assert "start=2026-12-24" in page.url
    assert "by the end of Wednesday 30 December 2026 (within 2 working days)" in dates_text(page)
    context.close()


@pytest.mark.parametrize("where", ["live", "static"])
def test_change_when_it_started_opens_the_date_form_and_keeps_the_dates(
    browser, server, static_site, where
):
    """The link in the first box leads to the form, open, and the dates stay in the address."""
    context = browser.new_context()
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    page.goto(server + DATED if where == "live" else static_site + DATED.lstrip("/"))
    enter_date(page, "24", "12", "2026", "10:00")
    page.locator("details#when-heading > summary").click()  # folded again, as it was
    address = page.url
    page.locator(".app-counted").get_by_role("link", name="Change when it started").click()
    assert page.locator("#day").is_visible() and page.input_value("#day") == "24"
    assert page.url == address and "start=2026-12-24" in address
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    context.close()


def test_static_dates_default_to_today_and_download_a_calendar(browser, static_site):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(static_site + DATED.lstrip("/"))
    assert page.locator("#dates").is_visible()
    assert page.input_value("#year") != ""
    open_dates(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    body = Path(download.value.path()).read_text()
    from icalendar import Calendar

    assert len(list(Calendar.from_ical(body).walk("VEVENT"))) >= 3
    context.close()


def test_static_without_javascript_keeps_timescales_in_words(browser, static_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(static_site + DATED.lstrip("/"))
    assert page.locator("#dates").is_visible()
    assert page.get_by_text("Working out the dates needs JavaScript").is_visible()
    assert not page.locator("form[data-when]").is_visible()
    when = page.locator(".app-now__when").inner_text()  # the first box's "By when", in words
    assert "(within 48 hours)" in when and "(within 2 working days)" in when
    assert "(within 48 hours)" in dates_text(page)
    assert "by the end of" not in page.locator("main").inner_text()
    context.close()


def test_no_axe_violations_with_a_date_error(browser, server):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(server + DATED)
    enter_date(page, "31", "2", "2027")
    assert "The date must be a real date" in page.locator(".govuk-error-summary").inner_text()
    # The script's summary links the error to the date's first field, named by the error.
    link = page.locator(".govuk-error-summary").get_by_role("link")
    assert link.inner_text() == "The date must be a real date, like 24 12 2026"
    assert link.get_attribute("href") == "#day"
    assert axe_violations(page) == []
    # Put right, the error and its link go.
    enter_date(page, "1", "3", "2027")
    assert page.locator("[data-error-summary] a").count() == 0
    context.close()


FRAGMENT_START = "start=2026-12-24T10:00"
DATED_FROM_IT = "by the end of Wednesday 30 December 2026 (within 2 working days)"


def dated_from_the_kept_start(page) -> bool:
    page.locator("[data-start-text]", has_text="24 December 2026").wait_for()
    return DATED_FROM_IT in dates_text(page) and page.input_value("#day") == "24"


def wait_for_fragment(page, text: str) -> None:
    for _ in range(100):  # the page's strict CSP rules out wait_for_function's string
        if text in page.url:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{text} never reached {page.url}")


def start_survives(browser, base: str, dated: str, elsewhere: str) -> list[tuple[str, str, str]]:
    """Enter a start, reload, go elsewhere and Back, then Start again; the requests made."""
    context = browser.new_context()
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    sent: list[tuple[str, str, str]] = []
    page.on("request", lambda r: sent.append((r.method, r.url, r.post_data or "")))
    page.goto(base + dated)
    page.wait_for_selector("form[data-when]:not([hidden])", state="attached")
    page.wait_for_selector("[data-dated]:not([hidden])")
    enter_date(page, "24", "12", "2026", "10:00")
    wait_for_fragment(page, FRAGMENT_START)
    assert dated_from_the_kept_start(page)
    page.reload()
    assert FRAGMENT_START in page.url and dated_from_the_kept_start(page)
    page.goto(base + elsewhere)
    page.go_back()
    assert FRAGMENT_START in page.url and dated_from_the_kept_start(page)
    page.get_by_role("link", name="Start again").click()
    page.wait_for_load_state()
    page.go_back()
    assert "start=" not in page.url
    page.wait_for_selector("[data-dated]:not([hidden])")
    assert page.input_value("#day") == "23"  # today's date again
    context.close()
    assert sent and all(method == "GET" for method, _, _ in sent)
    assert not [url for _, url, body in sent if "2026-12-24" in url + body or "start=" in url]
    return sent


def test_the_start_survives_reload_and_back_and_never_reaches_the_server(browser, server, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")  # the live server's access log
    start_survives(browser, server, DATED, "/lincolnshire/")
    served = caplog.text
    assert "GET /lincolnshire/check/" in served  # the log is the server's access log
    assert "POST" not in served and "start=" not in served and "2026-12-24" not in served


def test_the_start_survives_reload_and_back_on_the_static_site(browser, static_site):
    sent = start_survives(browser, static_site, DATED.lstrip("/"), "lincolnshire/")
    assert any("/lincolnshire/check/" in url for _, url, _ in sent)


def test_without_javascript_the_start_is_posted_and_the_page_says_it_is_not_kept(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + DATED)
    open_dates(page)
    page.get_by_text("How the dates you enter are kept").click()
    assert page.get_by_text("Without JavaScript, they are sent to us").is_visible()
    enter_date(page, "24", "12", "2026", "10:00")
    assert "#" not in page.url.replace("#dates", "") and DATED_FROM_IT in dates_text(page)
    context.close()


def test_live_default_start_is_the_start_of_today_and_the_time_is_left_empty(browser, server):
    # Issue 24: the time is never filled in for the worker; its hint says empty is the start
    # of the day, and a time filled in would count later than the policy allows.
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        context.clock.set_fixed_time(datetime(2026, 11, 23, 14, 5, tzinfo=UTC))
        page = context.new_page()
        page.goto(server + DATED)
        page.wait_for_load_state("networkidle")
        assert page.input_value("#clock") == ""
        now = " ".join(page.locator(".app-now").inner_text().split())
        assert "Counted from Monday 23 November 2026, when this step started" in now
        assert "2:05 pm" not in page.locator("main").inner_text()
        context.close()


def test_static_default_start_is_now_in_london(browser, static_site):
    context = browser.new_context()
    context.clock.set_fixed_time(datetime(2026, 7, 1, 23, 30, tzinfo=UTC))  # 12:30 am BST on 2 July
    page = context.new_page()
    page.goto(static_site + DATED.lstrip("/"))
    page.wait_for_selector("[data-dated]:not([hidden])")
    assert [page.input_value(f) for f in ("#day", "#month", "#year", "#clock")] == [
        "2",
        "7",
        "2026",
        "",
    ]
    assert "Counted from Thursday 2 July 2026" in " ".join(
        page.locator(".app-now").inner_text().split()
    )
    context.close()


def test_static_date_error_uses_the_error_summary(browser, static_site):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(static_site + DATED.lstrip("/"))
    page.wait_for_selector("form[data-when]:not([hidden])", state="attached")
    enter_date(page, "31", "2", "2027")
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    assert summary.inner_text().endswith("The date must be a real date, like 24 12 2026")
    assert page.locator("[data-when-error]").inner_text().endswith("like 24 12 2026")
    assert page.title().startswith("Error: Go to ")
    assert axe_violations(page) == []
    enter_date(page, "24", "12", "2026")
    assert not summary.is_visible() and page.title().startswith("Go to ")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_axe_violations_on_a_static_dated_page(browser, static_site, javascript):
    context = browser.new_context(bypass_csp=True)
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    if not javascript:  # axe itself needs JavaScript: keep the page's own script from running
        page.route("**/js/plan.*.js", lambda route: route.abort())
    page.goto(static_site + stage("staffordshire-stoke", 5, missing="yes").lstrip("/"))
    if javascript:
        enter_date(page, "2", "11", "2026", "09:30")  # overdue, and two boxes' readings
        assert page.get_by_text("Overdue").first.is_visible()
    else:
        assert page.get_by_text("Working out the dates needs JavaScript").is_visible()
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_nothing_scrolls_sideways_at_320_px_live_without_javascript(tabs, server, name):
    """WCAG 2.2 1.4.10 Reflow; with JavaScript, read with axe-core's check above."""
    assert sideways_overflow(tabs, server + PAGE_TYPES[name], javascript=False) <= 0


@pytest.mark.parametrize("slug", sorted(bundled.site().partnerships))
def test_no_partnerships_start_or_procedure_scrolls_sideways_at_320_px(tabs, server, slug):
    """Each partnership's own words and citations reflow, not one partnership's alone."""
    for path in (f"/{slug}/", f"/{slug}/procedure/"):
        page = tabs(server + path, viewport=NARROW)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
        assert page.evaluate(SCROLLS_SIDEWAYS) <= 0, path


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("name", [n for n in PAGE_TYPES if "?" not in PAGE_TYPES[n]])
def test_nothing_scrolls_sideways_at_320_px_static(tabs, static_site, name, javascript):
    url = static_site + PAGE_TYPES[name].lstrip("/")
    assert sideways_overflow(tabs, url, javascript) <= 0


def bottom_of(tabs, url: str, selector: str) -> float:
    page = tabs(url, viewport={"width": 390, "height": 844})
    box = page.locator(selector).first.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize(
    "slug", ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]
)
def test_the_emergency_action_is_on_a_phones_first_screen(tabs, server, slug):
    url = server + answers.path(slug, risk="yes")
    assert bottom_of(tabs, url, ".app-emergency") <= 844
    assert bottom_of(tabs, url, "#policy-route") <= 844


PRINTED = ISLINGTON_2


def test_a_stage_outcome_prints_as_a_record_on_two_sheets_of_a4(browser, server, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + PRINTED)
    enter_date(page, "24", "11", "2026", "15:00")
    pdf = tmp_path / "outcome.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert pages <= 2, pages
    assert "Islington Safeguarding Children Partnership" in text
    assert "January 2023" in text  # the policy's version
    assert server + PRINTED in text.replace(" ", ""), text[:400]  # the address, maybe wrapped
    assert re.search(r"Printed: \w+day, \d+ \w+ \d{4}", text)
    assert "Go to Stage 2: Line Manager" in text and "Detective Sergeant" in text
    assert "1 December 2026" in text  # the next deadline: Stage 2's 5 working days
    assert "(para 3.10)" in text and "/procedure/#" not in text  # citations, not addresses
    assert "Which agency are you in?" in text and "Police" in text  # the answers


@pytest.mark.parametrize("path", one_outcome_per_stage())
def test_static_outcome_reads_the_same_as_live(tabs, server, static_site, path):
    """The whole visible <main>, with the same start typed in, not just the plan table."""
    same_main(tabs, server, static_site, path, ("24", "12", "2026", "10:00"))


@pytest.mark.parametrize(
    "start",
    [("2", "11", "2026", "09:30"), ("29", "3", "2026", "01:30"), ("25", "10", "2026", "01:30")],
    ids=["overdue", "clocks go forward", "clocks go back"],
)
@pytest.mark.parametrize("path", [DATED, stage("staffordshire-stoke", 5, missing="yes")])
def test_overdue_and_clock_changes_read_the_same_live_and_static(
    tabs, server, static_site, path, start
):
    same_main(tabs, server, static_site, path.lstrip("/"), start)


@pytest.mark.parametrize(
    ("path", "other", "shown"),
    [
        (
            stage("islington", 1, agency="police", other_agency="police").lstrip("/"),
            {"outcome-day": "30", "outcome-month": "12", "outcome-year": "2026"},
            "by the end of Monday 4 January 2027 (within 2 working days)",
        ),
        (
            stage("havering", 2).lstrip("/"),
            {"disagreement-day": "14", "disagreement-month": "12", "disagreement-year": "2026"},
            "by the end of Monday 21 December 2026 (within 1 working week)",
        ),
        (
            stage("staffordshire-stoke", 2, variant="no-line-manager", area="staffordshire").lstrip(
                "/"
            ),
            {},
            "move to it",
        ),
    ],
    ids=["an agreed outcome", "when the disagreement began", "a route with no timescale"],
)
def test_other_event_dates_read_the_same_live_and_static(
    tabs, server, static_site, path, other, shown
):
    live = same_main(tabs, server, static_site, path, ("24", "12", "2026", "10:00"), other)
    # The one next deadline stands in the first box; later stages' dates in the plan.
    assert shown in live


RECORD = PAGE_TYPES["record"]
MARKER = "Zq7-typed-marker-Kx9"


def printed_text(page, tmp_path, name: str) -> tuple[str, int]:
    """The page printed to A4 by Chromium, read back with pdftotext; and its sheet count."""
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    sheets = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split()), sheets


def in_order(text: str, wanted: list[str]) -> bool:
    """Each wanted phrase appears in `text`, after the one before it."""
    at = 0
    for phrase in wanted:
        found = text.find(" ".join(phrase.split()), at)
        if found < 0:
            return False
        at = found + 1
    return True


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_record_prints_on_a4_with_its_facts_and_blanks(browser, server, tmp_path, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(server + RECORD)
    text, sheets = printed_text(page, tmp_path, "record")
    context.close()
    assert sheets <= 2, sheets
    assert in_order(
        text,
        [
            "Escalation record: Stage 2: Line Manager",
            "Islington Safeguarding Children Partnership",
            "January 2023",
            "Detective Sergeant (Police) (para 4.10)",
            "within 24 hours",
            "(para 3.10)",
            "Date due",
            "within 5 working days",
            "Independent Reviewing Officer must also be notified",
            "Told on (date)",
            "(para 4.2)",
            "The concern",
            "The outcome sought",
            "Agreed actions, by whom and by when",
        ],
    ), text
    # pdftotext drops a hyphen where a line breaks after it
    assert (server + RECORD).replace("-", "") in text.replace(" ", "").replace("-", "")
    assert "Download a blank record" not in text  # screen-only instructions stay off paper


@pytest.mark.parametrize(
    ("slug", "form_id"),
    [("islington", "conflict-resolution-referral"), ("staffordshire-stoke", "formal-escalation")],
)
def test_each_form_prints_every_field_in_order(browser, server, tmp_path, slug, form_id):
    url = f"/{slug}/forms/{form_id}/"
    form = bundled.site().partnerships[slug].form(form_id)
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + url)
    text, sheets = printed_text(page, tmp_path, form_id)
    context.close()
    wanted = [x for s in form.sections for x in (s.title, *s.fields)]
    assert in_order(text, [form.title, *wanted]), text
    assert sheets <= 3, sheets
    for rule in ("THIS DOCUMENT MUST BE SENT SECURELY",) if slug != "islington" else ():
        assert rule in text


def test_typed_details_go_in_no_request_and_onto_paper(browser, server, tmp_path):
    """Typing, printing and downloading: the marker is in no URL, header or body sent."""
    context = browser.new_context(accept_downloads=True)
    sent: list[str] = []
    context.on(
        "request",
        lambda r: sent.append(" ".join([r.url, str(r.all_headers()), r.post_data or ""])),
    )
    page = context.new_page()
    for url in (RECORD, "/staffordshire-stoke/forms/formal-escalation/"):
        page.goto(server + url)
        fields = page.locator("main input, main textarea")
        for i in range(fields.count()):
            fields.nth(i).fill(f"{MARKER} {i}")
            fields.nth(i).press("Tab")
        text, _ = printed_text(page, tmp_path, "typed")
        assert MARKER in text  # what was typed is for printing
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("Download a blank")).click()
        assert download.value.suggested_filename.endswith(".docx")
        page.keyboard.press("Enter")
        page.reload()
    context.close()
    assert len(sent) > 4
    assert not [s for s in sent if MARKER in s or MARKER.replace("-", "%2D") in s]


@pytest.mark.parametrize("path", one_outcome_per_stage()[::4])
def test_static_record_reads_the_same_as_live(browser, server, static_site, path):
    context = browser.new_context()
    static_page, live_page = context.new_page(), context.new_page()
    static_page.goto(static_site + path + "record/")
    live_page.goto(f"{server}/{path}record/")
    texts = []
    for page in (static_page, live_page):
        address = page.locator(".app-address").inner_text()
        assert address.endswith(path + "record/")
        texts.append(main_text(page).replace(address, ""))
    with static_page.expect_download() as download:
        static_page.get_by_role("link", name=re.compile("Download a blank record")).click()
    assert download.value.suggested_filename == "record.docx"
    context.close()
    diff = difflib.unified_diff(texts[1].splitlines(), texts[0].splitlines(), "live", "static")
    assert texts[0] == texts[1], "\n".join(diff)


FLOWCHART_BOXES = """() => [...document.querySelectorAll('.app-flowchart__box')].flatMap(box => {
  const edge = box.querySelector('rect').getBoundingClientRect()
  return [...box.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect()
    return {text: t.textContent, right: edge.right - r.right, bottom: edge.bottom - r.bottom}
  })
})"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("slug", ["staffordshire-stoke", "islington", "lincolnshire"])
def test_the_flowcharts_words_stay_inside_their_boxes(tabs, server, slug, width):
    """Wrapped by width tables, checked in the browser's own font at phone and desk sizes."""
    page = tabs(f"{server}/{slug}/flowchart/", viewport={"width": width, "height": 900})
    lines = page.evaluate(FLOWCHART_BOXES)
    assert len(lines) > 20
    assert [line for line in lines if line["right"] < 0 or line["bottom"] < 0] == []


def test_the_flowchart_prints_every_stage_and_breaks_only_between_boxes(browser, server, tmp_path):
    p = bundled.site().partnerships["staffordshire-stoke"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "/staffordshire-stoke/flowchart/")
    text, sheets = printed_text(page, tmp_path, "flowchart")
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('.app-flowchart__svg')]"
        ".map(svg => getComputedStyle(svg).breakInside)"
    )
    context.close()
    assert sheets <= 6, sheets
    names = [f"Stage {s.number}: {s.title}" for s in p.stages]
    assert in_order(text, ["Is a child at risk of immediate harm?", *names, "in words", *names])
    assert set(breaks) == {"avoid"} and len(breaks) > len(p.stages)
