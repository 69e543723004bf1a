"""In a real Chromium: clocks from events the policy names, dated alike live and static.

The event-clocks test site (fictional) dates a letter from a meeting, a confirmation from
an agreement, a further clock from another's end, and a clock from the earlier of two events.
"""

from __future__ import annotations

import answers
import pytest
from browser import axe_violations, built_and_served, enter_date, live_server, open_dates, same_main
from conftest import EVENT_CLOCKS, TODAY

from wizard.web.app import create_app

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

BOTH = {"agency": "police", "other_agency": "health"}
STAGE_1 = answers.stage("tarnside", 1, **BOTH).lstrip("/")
STAGE_2 = answers.stage("tarnside", 2, **BOTH).lstrip("/")
START = ("30", "11", "2026", "")
MEETING = {"meeting-day": "3", "meeting-month": "12", "meeting-year": "2026"}
AGREEMENT = {"agreement-day": "4", "agreement-month": "12", "agreement-year": "2026"}
DECISION = {"decision-day": "26", "decision-month": "11", "decision-year": "2026"}


@pytest.fixture(scope="module")
def event_clocks_server():
    with live_server(create_app({"TODAY": TODAY, "SITE_DIR": EVENT_CLOCKS})) as url:
        yield url


@pytest.fixture(scope="module")
def event_clocks_static(tmp_path_factory):
    with built_and_served(EVENT_CLOCKS, tmp_path_factory) as url:
        yield url + "/"


@pytest.mark.parametrize(
    ("path", "other"),
    [(STAGE_2, MEETING | AGREEMENT), (STAGE_2, MEETING), (STAGE_1, DECISION), (STAGE_1, {})],
    ids=["meeting and agreement", "meeting only", "the earlier of two", "one of two missing"],
)
def test_event_clocks_read_the_same_live_and_static(
    tabs, event_clocks_server, event_clocks_static, path, other
):
    same_main(tabs, event_clocks_server, event_clocks_static, path, START, other)


@pytest.mark.parametrize("where", ["static", "live"])
def test_the_script_dates_each_clock_from_its_own_event(
    browser, event_clocks_static, event_clocks_server, where
):
    context = browser.new_context()
    page = context.new_page()
    page.goto(
        event_clocks_static + STAGE_2 if where == "static" else f"{event_clocks_server}/{STAGE_2}"
    )
    for name, value in MEETING.items():
        open_dates(page)
        page.fill(f'[name="{name}"]', value)
    enter_date(page, *START)
    plan = " ".join(page.locator("#dates table").inner_text().split())
    assert "Send the outcome of the meeting by letter: by the end of Friday 4 December 2026" in plan
    assert "Confirm the outcome in writing: (within 2 working days)" in plan
    assert "meeting=2026-12-03" in page.url  # kept in the fragment, never sent
    context.close()


def test_a_wrong_event_date_is_named_by_the_script_too(browser, event_clocks_static):
    context = browser.new_context()
    page = context.new_page()
    page.goto(event_clocks_static + STAGE_2)
    open_dates(page)
    for name, value in {"meeting-day": "31", "meeting-month": "11", "meeting-year": "2026"}.items():
        page.fill(f'[name="{name}"]', value)
    enter_date(page, *START)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The date of “the meeting” must be a real date, like 24 12 2026" in summary
    context.close()


@pytest.mark.parametrize("path", [STAGE_1, STAGE_2])
def test_no_axe_violations_on_event_clock_pages(tabs, event_clocks_server, path):
    page = tabs(f"{event_clocks_server}/{path}", axe=True)
    open_dates(page)
    assert axe_violations(page) == []
