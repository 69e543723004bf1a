"""Deadlines on the outcome page: the default start, the form, readings, warnings and the .ics."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import answers
import bundled
import pytest
from conftest import EVE
from icalendar import Calendar
from pages import POLICE_HEALTH_PLAN, read, shown_text, visible_text

STAGE_1 = answers.stage("islington", 1, agency="police", other_agency="health")
STAGE_2 = answers.stage("islington", 2, **POLICE_HEALTH_PLAN)
LINCS_1 = answers.stage("lincolnshire", 1, agency="schools")
STAFFS_5 = answers.stage("staffordshire-stoke", 5, missing="yes")


def text(response) -> str:
    return shown_text(response.get_data(as_text=True))


def post(client, path: str, day: str, month: str, year: str, clock: str = "", **extra):
    data = {"day": day, "month": month, "year": year, "clock": clock, **extra}
    return client.post(path, data=data)


def plan_data(markup: str) -> dict:
    found = re.search(r'<script type="application/json" id="plan-data">(.*?)<', markup)
    assert found, "the page carries its plan as data"
    return json.loads(found[1])


def test_a_visit_counts_from_the_start_of_today_and_leaves_the_time_empty(eve_client):
    markup = eve_client.get(STAGE_1).get_data(as_text=True)
    page = shown_text(markup)
    assert "Counted from Thursday 24 December 2026 , when this stage started" in page
    assert "by the end of Wednesday 30 December 2026 (within 2 working days)" in page
    assert re.search(r'id="clock" name="clock" type="text" value=""', markup)
    assert plan_data(markup)["default"] is True  # the script may put in the time now


def test_hours_from_the_start_of_today_say_so(eve_client):
    page = text(eve_client.get(STAGE_2))
    assert "by the end of Thursday 24 December 2026 (within 24 hours)" in page
    assert (
        "Clocks in hours count from the start of the day. Give a time for an exact deadline."
        in page
    )


def test_a_posted_date_is_dated_and_not_the_default(eve_client):
    response = post(eve_client, STAGE_1, "18", "12", "2026")
    assert "by the end of Tuesday 22 December 2026 (within 2 working days)" in text(response)
    assert plan_data(response.get_data(as_text=True))["default"] is False


def test_a_deadline_that_has_passed_is_overdue(eve_client):
    page = text(post(eve_client, STAGE_1, "18", "12", "2026"))  # now: the start of 24 December
    assert "by the end of Tuesday 22 December 2026 (within 2 working days) Overdue" in page
    running = "by the end of Thursday 31 December 2026 (within 5 working days)"
    assert running in page and f"{running} Overdue" not in page


def test_a_deadline_still_running_is_not_overdue(eve_client):
    page = text(post(eve_client, STAGE_1, "24", "12", "2026"))
    assert "Overdue" not in page


def test_hours_ending_on_a_weekend_show_the_next_working_day_too(eve_client):
    page = text(post(eve_client, STAGE_2, "4", "12", "2026", "15:00"))
    assert (
        "by 3:00 pm on Saturday 5 December 2026, or by 3:00 pm on Monday 7 December 2026 "
        "if it moves to the next working day (within 24 hours)"
    ) in page
    assert "the policy does not say whether those days count" in page


def test_hours_ending_on_a_bank_holiday_show_the_next_working_day_too(eve_client):
    page = text(post(eve_client, STAGE_2, "24", "12", "2026", "15:00"))
    assert (
        "by 3:00 pm on Friday 25 December 2026, or by 3:00 pm on Tuesday 29 December 2026 "
        "if it moves to the next working day (within 24 hours)"
    ) in page
    assert "Where a clock in hours ends on a weekend or bank holiday" in page


def test_hours_ending_on_a_working_day_have_one_reading(eve_client):
    page = text(post(eve_client, STAGE_2, "7", "12", "2026", "15:00"))
    assert "by 3:00 pm on Tuesday 8 December 2026 (within 24 hours)" in page
    assert "if it moves to the next working day" not in page


def test_never_twelve_am(eve_client):
    page = text(post(eve_client, STAGE_2, "4", "12", "2026", "00:00"))
    assert "12:00 am" not in page
    assert "by the end of Friday 4 December 2026 (within 24 hours)" in page


def test_a_start_in_the_future_is_questioned_not_refused(eve_client):
    assert "This start is in the future" not in text(eve_client.get(STAGE_1))
    page = text(post(eve_client, STAGE_1, "5", "1", "2027"))
    assert "This start is in the future: check the date." in page
    assert "by the end of Wednesday 6 January 2027" not in page  # 2 working days: the 7th
    assert "by the end of Thursday 7 January 2027 (within 2 working days)" in page


def readings_order(page: str, first: str, second: str) -> bool:
    return page.index(first) < page.index(second)


def test_two_readings_are_shown_apart_the_earlier_first_each_with_its_words(eve_client):
    page = text(post(eve_client, LINCS_1, "24", "12", "2026", "10:00"))
    timescale = page[page.index("By when") : page.index("Your dates")]
    assert "2 readings , the earliest first" in timescale
    hours = (
        "by 10:00 am on Saturday 26 December 2026, or by 10:00 am on Tuesday 29 December 2026 "
        "if it moves to the next working day (within 48 hours)"
    )
    days = "by the end of Wednesday 30 December 2026 (within 2 working days)"
    assert readings_order(timescale, hours, days)
    assert f"{days} (Step 1)" in timescale  # one paragraph gives both: cited once


@pytest.mark.parametrize(
    ("day", "first", "second"),
    [
        ("4", "by 10:00 am on Monday 7 December 2026 (within 72 hours)", "by the end of Tue"),
        ("7", "by the end of Wednesday 9 December 2026 (within 2 working days)", "by 10:00 am"),
    ],
    ids=["from a Friday 72 hours first", "from a Monday 2 working days first"],
)
def test_staffordshire_stage_5_gathers_both_boxes_the_earlier_first(eve_client, day, first, second):
    page = text(post(eve_client, STAFFS_5, day, "12", "2026", "10:00"))
    when = page[page.index("By when") : page.index("Your dates")]
    assert readings_order(when, first, second)
    # Each reading cites the box that gives it (both are overdue by now, 24 December).
    assert "(within 72 hours) Overdue (Flowchart Stage 5 (second box))" in when
    assert "(within 2 working days) Overdue (Flowchart Stage 5 (first box))" in when


@pytest.mark.parametrize(
    ("day", "month", "note", "start"),
    [
        (
            "29",
            "3",
            "The clocks go forward an hour on Sunday 29 March 2026, so there is no 1:30 am "
            "that day: counting from 2:30 am.",
            "Counted from 2:30 am on Sunday 29 March 2026",
        ),
        (
            "25",
            "10",
            "The clocks go back an hour on Sunday 25 October 2026, so 1:30 am happens twice "
            "that day: counting from the first, 1:30 am BST.",
            "Counted from 1:30 am BST on Sunday 25 October 2026",
        ),
    ],
    ids=["skipped hour", "repeated hour"],
)
def test_a_start_a_clock_change_moves_is_explained(eve_client, day, month, note, start):
    page = text(post(eve_client, STAGE_2, day, month, "2026", "01:30"))
    assert note in page and start in page


def test_the_plan_chains_every_remaining_stage(eve_client):
    page = text(post(eve_client, STAGE_1, "24", "12", "2026"))
    plan = page[page.index("Your escalation plan") :]
    for name in ("Stage 1:", "Stage 2:", "Stage 3:", "Stage 4:", "Stage 5:"):
        assert name in plan
    assert "From the end of Wednesday 30 December 2026, when Stage 1 runs out" in plan
    assert "by the end of Thursday 7 January 2027 (within 5 working days)" in plan  # stage 2
    assert "by the end of Friday 15 January 2027 (within 5 working days)" in plan  # stage 4


def test_sooner_if_the_child_needs_it(eve_client):
    assert "act sooner than these dates if that is what keeps the child safe" in text(
        eve_client.get(STAGE_1)
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day": "", "month": "", "year": ""}, "Enter the date this stage started"),
        ({"day": "31", "month": "2", "year": "2027"}, "The date must be a real date"),
        ({"day": "1", "month": "2", "year": "1999"}, "The year must be between 2000 and 2100"),
        ({"day": "1", "month": "2", "year": "2027", "clock": "25:00"}, "Enter the time as hours"),
    ],
)
def test_bad_dates_get_an_error_summary(eve_client, fields, message):
    response = eve_client.post(STAGE_1, data=fields)
    assert response.status_code == 200
    markup = response.get_data(as_text=True)
    assert "There is a problem" in markup and message in visible_text(markup)
    assert 'href="#day"' in markup
    assert "<title>Error: Go to " in markup  # a screen reader hears it first


def calendar_of(response) -> Calendar:
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    return Calendar.from_ical(response.data)


def test_ics_events_are_in_plain_words_with_reminders_and_a_time_zone(eve_client):
    cal = calendar_of(post(eve_client, STAGE_2, "24", "12", "2026", "10:00", download="ics"))
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["tzid"]) for z in zones] == ["Europe/London"]
    events = list(cal.walk("VEVENT"))
    summaries = [str(e["summary"]) for e in events]
    assert (
        "Deadline: Stage 2 Line Manager, refer the problem to your line manager or named "
        "Child Protection advisor (within 24 hours)"
    ) in summaries
    first = events[summaries.index(next(s for s in summaries if "24 hours" in s))]
    assert first.decoded("dtstart") == datetime(2026, 12, 25, 10, tzinfo=UTC)
    assert str(first["description"]).startswith(
        "By 10:00 am on Friday 25 December 2026, or by 10:00 am on Tuesday 29 December 2026 if "
        "it moves to the next working day. ISCP"
    )
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
        assert re.fullmatch(r"islington-[\w-]+@escalation-wizard", str(event["uid"]))


def test_ics_has_one_event_per_dated_reading(eve_client):
    cal = calendar_of(post(eve_client, STAGE_1, "24", "12", "2026", download="ics"))
    events = list(cal.walk("VEVENT"))
    starts = sorted(str(e.decoded("dtstart")) for e in events)
    assert "2026-12-30" in starts and "2027-01-15" in starts
    assert len(events) == 5  # stage 1: 1 (the outcome's has no date until given), 2: 2, 3: 1, 4: 1


def test_ics_events_are_the_plan_datas_events(eve_client):
    markup = post(eve_client, STAGE_2, "24", "12", "2026", "10:00").get_data(as_text=True)
    words = {e["summary"] for e in plan_data(markup)["events"].values()}
    cal = calendar_of(post(eve_client, STAGE_2, "24", "12", "2026", "10:00", download="ics"))
    assert {str(e["summary"]) for e in cal.walk("VEVENT")} <= words


def test_the_date_form_carries_no_token_and_the_page_is_cacheable(eve_client):
    response = eve_client.get(STAGE_1)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "csrf" not in response.get_data(as_text=True)
    posted = eve_client.post(STAGE_1, data={"day": "1", "month": "12", "year": "2026"})
    assert posted.status_code == 200 and "Set-Cookie" not in posted.headers
    assert posted.headers["Cache-Control"] == "no-store"


def test_only_the_outcome_page_takes_a_post(eve_app):
    posting = {r.endpoint for r in eve_app.url_map.iter_rules() if "POST" in (r.methods or ())}
    assert posting == {"wizard.check"}


OUT_OF_RANGE = [
    ({"day": "99999999999999999999", "month": "1", "year": "2026"}, "must be a real date"),
    ({"day": "1", "month": "99999999999999999999", "year": "2026"}, "must be a real date"),
    ({"day": "1", "month": "1", "year": "99999999999999999999"}, "must be a real date"),
    ({"day": "32", "month": "1", "year": "2026"}, "must be a real date"),
    ({"day": "0", "month": "13", "year": "2026"}, "must be a real date"),
    ({"day": "²", "month": "1", "year": "2026"}, "must be a real date"),
    ({"day": "1", "month": "1", "year": "1999"}, "between 2000 and 2100"),
    ({"day": "1", "month": "1", "year": "2026", "clock": "24:00"}, "hours and minutes"),
    ({"day": "1", "month": "1", "year": "2026", "clock": "9" * 40}, "hours and minutes"),
    ({"day": "1", "month": "1", "year": "2026", "clock": "14:30      junk"}, "hours and minutes"),
    ({"day": "", "month": "1", "year": "2026"}, "including a day, month and year"),
]


@pytest.mark.parametrize(("form", "message"), OUT_OF_RANGE)
def test_every_field_out_of_range_gets_the_form_error(eve_client, form, message):
    for extra in ({}, {"download": "ics"}):
        response = eve_client.post(STAGE_1, data={**form, **extra})
        assert response.status_code == 200
        assert message in text(response)


def test_bodies_are_bounded(eve_client):
    big = eve_client.post(STAGE_1, data={"day": "1" * 20_000_000, "month": "1", "year": "2026"})
    assert big.status_code == 413 and b"1111111111" not in big.data
    many = "&".join(f"f{i}=1" for i in range(200_000))
    fields = eve_client.post(STAGE_1, data=many, content_type="application/x-www-form-urlencoded")
    assert fields.status_code == 413
    parts = {f"f{i}": "1" for i in range(40)}
    multipart = eve_client.post(STAGE_1, data=parts, content_type="multipart/form-data")
    assert multipart.status_code == 413


def test_the_date_is_never_put_in_the_url(eve_client):
    markup = eve_client.get(STAGE_1).get_data(as_text=True)
    form = re.search(r'<form id="when" method="post" action="([^"]+)"', markup)
    assert form and "?" not in form[1]


def test_post_is_refused_on_question_pages(eve_client):
    assert eve_client.post("/islington/check/").status_code == 405


def test_a_cached_visit_holds_no_time_of_day():
    app = bundled.app(TODAY=EVE)  # its own: the test moves its clock
    client = app.test_client()
    app.config["NOW"] = datetime(2026, 12, 24, 9, 15, tzinfo=UTC)
    morning = client.get(STAGE_2).get_data(as_text=True)
    app.config["NOW"] = datetime(2026, 12, 24, 16, 40, tzinfo=UTC)
    afternoon = client.get(STAGE_2).get_data(as_text=True)
    strip = re.compile(r'name="csrf_token" value="[^"]*"')
    assert strip.sub("", morning) == strip.sub("", afternoon)
    assert "9:15" not in morning and "4:40" not in afternoon


@pytest.fixture(scope="module")
def static_page():
    app = bundled.app(STATIC_SITE=True, TODAY=EVE)
    return app.test_client().get(LINCS_1).get_data(as_text=True)


def test_static_page_keeps_words_and_says_dates_need_javascript(static_page):
    page = shown_text(static_page)
    assert "Your dates" in page and "Your escalation plan" in page
    assert "Working out the dates needs JavaScript" in page
    assert "(within 48 hours)" in page and "(within 2 working days)" in page
    assert "by the end of" not in page and "Counting from" not in page
    assert "csrf_token" not in static_page
    assert re.search(r'<script type="module" src="/assets/js/plan\.[0-9a-f]{12}\.js">', static_page)


def test_static_page_carries_the_undated_plan(static_page):
    data = plan_data(static_page)
    assert data["dated"] is False and data["nation"] == "england"
    assert data["rows"][0]["timescales"][0] == {
        "within": ["48 hours", "2 working days"],
        "datable": True,
    }
    assert data["rows"][0]["groups"] == [{"key": "0:0", "readings": ["0:0:0", "0:0:1"]}]
    tree = read(static_page)
    keyed = {e.get("data-reading") for e in tree.iter() if e.get("data-reading")}
    in_data = {key for row in data["rows"] for g in row["groups"] for key in g["readings"]}
    assert keyed <= in_data  # every element the script fills is named in the data


def test_staffordshire_stage_5_data_gathers_both_boxes_into_one_duty(eve_client):
    data = plan_data(eve_client.get(STAFFS_5).get_data(as_text=True))
    assert data["rows"][0]["groups"][0] == {"key": "0:0", "readings": ["0:0:0", "0:1:0"]}
