"""Calendar files downloaded from a live and a static page: the same file, read by two parsers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import answers
import pytest
from browser import open_dates
from conftest import TODAY
from pages import POLICE_HEALTH_PLAN

from wizard.content.calendar import LONDON

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
icalendar = pytest.importorskip("icalendar")
vobject = pytest.importorskip("vobject")

# The live server's "now" (TODAY fixes the day, meaning its start); the browser's is the same.
NOW = datetime.combine(TODAY, time(0), LONDON).astimezone(UTC)
DOWNLOAD = "Download calendar file (.ics)"


def download(page, start: tuple[str, ...]) -> tuple[str, bytes]:
    """The file the page offers for a start typed in: its name and its bytes."""
    open_dates(page)
    for field, value in zip(("#day", "#month", "#year", "#clock"), start, strict=True):
        page.fill(field, value)
    with page.expect_download() as found:
        page.get_by_role("button", name=DOWNLOAD).click()
    return found.value.suggested_filename, Path(found.value.path()).read_bytes()


def by_icalendar(body: bytes) -> list[dict]:
    """Each event as icalendar reads it: words, start and end as instants or days, reminder."""

    def when(value):
        return value.astimezone(UTC) if isinstance(value, datetime) else value

    def end(e):
        return e.decoded("dtend") if "dtend" in e else e.decoded("dtstart") + e.decoded("duration")

    return [
        {
            "summary": str(e["summary"]),
            "description": str(e["description"]),
            "uid": str(e["uid"]),
            "start": when(e.decoded("dtstart")),
            "end": when(end(e)),
            "all day": not isinstance(e.decoded("dtstart"), datetime),
            "reminders": [(str(a["action"]), a.decoded("trigger")) for a in e.walk("VALARM")],
        }
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
    ]


def by_vobject(body: bytes) -> list[dict]:
    """Each event as vobject, a second and independent parser, reads it."""

    def when(value):
        return value.astimezone(UTC) if isinstance(value, datetime) else value

    def end(e):
        return e.dtend.value if hasattr(e, "dtend") else e.dtstart.value + e.duration.value

    return [
        {
            "summary": e.summary.value,
            "description": e.description.value,
            "uid": e.uid.value,
            "start": when(e.dtstart.value),
            "end": when(end(e)),
            "all day": not isinstance(e.dtstart.value, datetime),
            "reminders": [(a.action.value, a.trigger.value) for a in e.contents.get("valarm", [])],
        }
        for e in vobject.readOne(body.decode("utf-8")).vevent_list
    ]


@pytest.mark.parametrize(
    ("path", "start"),
    [
        (answers.stage("lincolnshire", 1, agency="schools"), ("24", "12", "2026", "10:00")),
        (
            answers.stage("staffordshire-stoke", 5, missing="yes"),
            ("23", "10", "2026", "01:30"),
        ),
        (
            answers.stage("islington", 1, agency="police", other_agency="health"),
            ("27", "3", "2026", ""),
        ),
        (
            answers.stage("islington", 2, **POLICE_HEALTH_PLAN),
            ("24", "12", "2026", ""),
        ),
    ],
    ids=[
        "lincolnshire step 1",
        "staffordshire stage 5 across the clocks going back",
        "islington stage 1",
        "islington stage 2 timed from the start of a day",
    ],
)
def test_live_and_static_download_the_same_calendar(browser, server, static_site, path, start):
    context = browser.new_context(accept_downloads=True)
    context.clock.set_fixed_time(NOW)
    # With JavaScript the live page writes the file in the browser, as the static page does:
    # without it, the live app writes it. Compare the app's file with the browser's.
    posting = browser.new_context(accept_downloads=True, java_script_enabled=False)
    static_page, live_page = context.new_page(), posting.new_page()
    static_page.goto(static_site + path.lstrip("/"))
    static_page.wait_for_selector("form[data-when]:not([hidden])", state="attached")
    live_page.goto(server + path)
    (static_name, static), (live_name, live) = (
        download(static_page, start),
        download(live_page, start),
    )
    context.close()
    posting.close()
    slug = path.split("/")[1]
    assert static_name == live_name == f"{slug}-escalation.ics"
    for body in (static, live):
        lines = body.split(b"\r\n")
        assert lines[-1] == b"" and all(b"\n" not in line for line in lines)
        assert [len(line) for line in lines if len(line) > 75] == []
        assert by_icalendar(body) == by_vobject(body)
    events = by_icalendar(live)
    assert events and all(e["reminders"] for e in events)
    assert all(e["end"] > e["start"] for e in events)
    assert all(isinstance(e["start"], date) for e in events)
    assert by_icalendar(static) == events
    assert static == live  # at one "now", the same file byte for byte, DTSTAMP too


@pytest.mark.parametrize(
    "path",
    [answers.stage("brent", 1)[1:], answers.stage("havering", 3)[1:]],
)
def test_a_static_page_where_nothing_can_be_dated_offers_no_download(browser, static_site, path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(static_site + path)
    page.wait_for_selector("form[data-when]:not([hidden])", state="attached")  # the script ran
    open_dates(page)
    assert page.get_by_role("button", name="Update dates").is_visible()
    assert page.get_by_role("button", name=DOWNLOAD).count() == 0
    context.close()
