"""Calendar files (RFC 5545): the shared vectors, folding, and a download only where a date is."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta

import answers
import bundled
import pytest
import vobject
from conftest import TESTS
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from pages import POLICE_HEALTH_PLAN

from wizard.content.calendar import LONDON
from wizard.core.dates import WorkingCalendar, deadline, entered
from wizard.core.engine import OutcomeKind, walk
from wizard.core.policy import Span
from wizard.web.formats import ics
from wizard.web.pages.stage.plan import EventText

VECTORS = TESTS / "vectors"
CALENDAR = json.loads((VECTORS / "calendar.json").read_text())
PLANS = json.loads((VECTORS / "plans.json").read_text())
HOLIDAYS = json.loads((VECTORS / "deadlines.json").read_text())["holidays"]
DOWNLOAD = "Download calendar file (.ics)"
ISLINGTON = answers.stage("islington", 2, **POLICE_HEALTH_PLAN)
BRENT = answers.stage("brent", 1)
HAVERING = answers.stage("havering", 1)
START = {"day": "24", "month": "12", "year": "2026", "clock": "10:00"}


def dated(e: dict, nation: str, stamp: datetime) -> list[str]:
    cal = WorkingCalendar(LONDON, frozenset(date.fromisoformat(d) for d in HOLIDAYS[nation]))
    clock = time.fromisoformat(e["time"]) if e["time"] else None
    d = deadline(Span.parse(e["within"]), entered(date.fromisoformat(e["start"]), clock, cal), cal)
    return ics.event(d, EventText(**e["event"]), stamp)


@pytest.mark.parametrize("case", CALENDAR["fold"], ids=lambda c: c["name"])
def test_shared_fold_vector(case):
    assert ics.fold(case["line"]).split("\r\n") == case["lines"]


@pytest.mark.parametrize("case", CALENDAR["escape"], ids=lambda c: c["name"])
def test_shared_escape_vector(case):
    assert ics.escape(case["text"]) == case["escaped"]


@pytest.mark.parametrize("case", CALENDAR["files"], ids=lambda c: c["name"])
def test_shared_file_vector(case):
    stamp = datetime.fromisoformat(case["stamp"].replace("Z", "+00:00"))
    events = [dated(e, case["nation"], stamp) for e in case["events"]]
    assert ics.calendar(case["calendar"], events).decode() == "\r\n".join(case["lines"]) + "\r\n"


@pytest.mark.parametrize("case", PLANS["events"], ids=lambda c: c["name"])
def test_shared_event_vector(case):
    lines = dated(case, case["nation"], datetime(2026, 1, 1, tzinfo=UTC))
    assert [line for line in case["lines"] if line not in lines] == []


ESCAPE_SPLIT = re.compile(r"(?<!\\)(\\\\)*\\$")  # a line ending inside an escape pair


@given(st.text(alphabet=st.sampled_from(["a", " ", "é", "“", "😀", ",", ";", "\\", "\n"])))
def test_folding_keeps_lines_short_and_characters_whole(value):
    line = f"DESCRIPTION:{ics.escape(value)}"
    folded = ics.fold(line).encode().split(b"\r\n")
    assert all(len(physical) <= 75 for physical in folded)
    texts = [physical.decode() for physical in folded]  # each line is whole UTF-8 on its own
    assert all(t.startswith(" ") for t in texts[1:])
    assert not any(ESCAPE_SPLIT.search(t) for t in texts[:-1])
    assert "\r\n".join(texts).replace("\r\n ", "") == line


def test_a_calendar_needs_an_event():
    with pytest.raises(ValueError, match="no events"):
        ics.calendar("ISCP escalation deadlines", [])


def parse_both(body: bytes) -> list[tuple]:
    """The events as icalendar and vobject each read them: they must agree."""
    first = [
        (str(e["summary"]), str(e["description"]), e.decoded("dtstart"), _end(e))
        for e in Calendar.from_ical(body).walk("VEVENT")
    ]
    second = [
        (e.summary.value, e.description.value, e.dtstart.value, _vobject_end(e))
        for e in vobject.readOne(body.decode()).vevent_list
    ]
    assert first == second
    return first


def _end(e):
    return e.decoded("dtend") if "dtend" in e else e.decoded("dtstart") + e.decoded("duration")


def _vobject_end(e):
    return e.dtend.value if hasattr(e, "dtend") else e.dtstart.value + e.duration.value


def test_a_live_file_reads_the_same_in_two_parsers(client):
    response = client.post(ISLINGTON, data={**START, "download": "ics"})
    assert response.mimetype == "text/calendar"
    assert 'filename="islington-escalation.ics"' in response.headers["Content-Disposition"]
    assert all(len(line) <= 75 for line in response.data.split(b"\r\n"))
    events = parse_both(response.data)
    timed = [e for e in events if isinstance(e[2], datetime)]
    days = [e for e in events if not isinstance(e[2], datetime)]
    assert timed and days
    assert all(end - start == timedelta(minutes=15) for *_, start, end in timed)
    assert all((end - start).days == 1 and not isinstance(end, datetime) for *_, start, end in days)


@pytest.mark.parametrize("path", [BRENT, HAVERING])
def test_where_nothing_can_be_dated_there_is_no_download(client, path):
    page = client.get(path).get_data(as_text=True)
    assert "Your dates" in page and DOWNLOAD not in page
    posted = client.post(path, data={**START, "download": "ics"})
    assert posted.status_code == 200 and posted.mimetype == "text/html"


@pytest.mark.parametrize("path", [BRENT, HAVERING])
def test_a_static_page_where_nothing_can_be_dated_offers_no_download(path):
    static = bundled.app(STATIC_SITE=True).test_client()
    assert DOWNLOAD not in static.get(path).get_data(as_text=True)
    assert DOWNLOAD in static.get(ISLINGTON).get_data(as_text=True)


def stage_outcomes() -> list[str]:
    """Every stage outcome of every bundled partnership."""
    site = bundled.site()
    return [
        "/".join(("", slug, "check", *state.segments)) + "/"
        for slug, p in site.partnerships.items()
        for state in walk(site.flow, p)
        if state.outcome is not None and state.outcome.kind is OutcomeKind.STAGE
    ]


@pytest.mark.slow  # a few hundred outcome pages, each fetched and posted
@pytest.mark.xdist_group("every-page")  # each page fetched once for every test that reads it
def test_a_download_is_offered_exactly_where_a_file_has_events(client):
    offered = {}
    for path in stage_outcomes()[::7]:  # a spread of every partnership's stages
        status, page = bundled.page(path)
        has_button = status == 200 and DOWNLOAD in page
        posted = client.post(path, data={**START, "download": "ics"})
        assert has_button == (posted.mimetype == "text/calendar"), path
        if has_button:
            assert parse_both(posted.data), path
        offered[path.split("/")[1]] = offered.get(path.split("/")[1], False) or has_button
    assert offered == {
        "islington": True,
        "brent": False,
        "staffordshire-stoke": True,
        "lincolnshire": True,
        "havering": False,
    }
