"""Deadlines on the live outcome page, the date form, CSRF, and the .ics download."""

from __future__ import annotations

import re
from datetime import date

import pytest
from icalendar import Calendar
from pages import visible_text

from wizard.web.app import create_app

STAGE_1 = "/islington/check/no/disagreement/nothing-yet/police/health/"
LINCS_1 = "/lincolnshire/check/no/disagreement/nothing-yet/"


@pytest.fixture
def client():
    app = create_app({"TESTING": True, "TODAY": date(2026, 12, 24), "WTF_CSRF_ENABLED": False})
    return app.test_client()


def text(response) -> str:
    return visible_text(response.get_data(as_text=True))


def test_deadlines_default_to_today(client):
    page = text(client.get(STAGE_1))
    assert "Counting from Thursday, 24 December 2026" in page
    assert "by Wednesday, 30 December 2026 (within 2 working days)" in page


def test_posted_date_gives_real_deadlines(client):
    page = text(client.post(STAGE_1, data={"day": "18", "month": "12", "year": "2026"}))
    assert "by Tuesday, 22 December 2026 (within 2 working days)" in page


def test_hours_with_a_time_and_a_weekend_warning(client):
    page = text(
        client.post(
            "/islington/check/no/disagreement/tried-1/police/health/yes/",
            data={"day": "4", "month": "12", "year": "2026", "clock": "15:30"},
        )
    )
    assert "by Saturday, 5 December 2026 at 3:30 pm (within 24 hours)" in page
    assert "This falls on a weekend or bank holiday." in page


def test_ambiguous_timescale_shows_each_reading(client):
    page = text(
        client.post(LINCS_1, data={"day": "24", "month": "12", "year": "2026", "clock": "10:00"})
    )
    assert "by Saturday, 26 December 2026 at 10:00 am (within 48 hours)" in page
    assert "or by Wednesday, 30 December 2026 (within 2 working days)" in page
    assert "Two readings" in page


def test_plan_lists_every_remaining_stage_with_its_latest_date(client):
    page = text(client.post(STAGE_1, data={"day": "24", "month": "12", "year": "2026"}))
    plan = page[page.index("Your escalation plan") :]
    for stage in ("Stage 1:", "Stage 2:", "Stage 3:", "Stage 4:", "Stage 5:"):
        assert stage in plan
    assert "by Thursday, 7 January 2027 (within 5 working days)" in plan  # stage 2 from 30 Dec
    assert "by Friday, 15 January 2027 (within 5 working days)" in plan  # stage 4


def test_sooner_if_the_child_needs_it(client):
    assert "act sooner than these dates if that is what keeps the child safe" in text(
        client.get(STAGE_1)
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"day": "", "month": "", "year": ""}, "Enter the date this stage started"),
        ({"day": "31", "month": "2", "year": "2027"}, "The date must be a real date"),
        ({"day": "1", "month": "2", "year": "2027", "clock": "25:00"}, "Enter the time as hours"),
    ],
)
def test_bad_dates_get_an_error_summary(client, fields, message):
    response = client.post(STAGE_1, data=fields)
    assert response.status_code == 200
    markup = response.get_data(as_text=True)
    assert "There is a problem" in markup and message in visible_text(markup)
    assert 'href="#day"' in markup


def test_ics_has_one_event_per_deadline_and_no_personal_data(client):
    response = client.post(
        STAGE_1, data={"day": "24", "month": "12", "year": "2026", "download": "ics"}
    )
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    cal = Calendar.from_ical(response.data)
    events = list(cal.walk("VEVENT"))
    starts = sorted(str(e.decoded("dtstart")) for e in events)
    assert "2026-12-30" in starts and "2027-01-15" in starts
    assert len(events) == 5  # stage 1: 1, stage 2: 2, stage 3: 1, stage 4: 1
    for event in events:
        assert re.fullmatch(r"[0-9a-f]{24}@escalation-wizard", str(event["uid"]))
        assert "ISCP Stage" in str(event["summary"])


def test_the_date_form_needs_a_csrf_token():
    app = create_app({"TESTING": True})
    client = app.test_client()
    response = client.post(STAGE_1, data={"day": "1", "month": "12", "year": "2026"})
    assert response.status_code == 400
    page = client.get(STAGE_1).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    ok = client.post(STAGE_1, data={"csrf_token": token, "day": "1", "month": "12", "year": "2026"})
    assert ok.status_code == 200


def test_the_date_is_never_put_in_the_url(client):
    markup = client.get(STAGE_1).get_data(as_text=True)
    form = re.search(r'<form method="post" action="([^"]+)"', markup)
    assert form and "?" not in form[1]


def test_post_is_refused_on_question_pages(client):
    assert client.post("/islington/check/").status_code == 405


def test_static_outcome_has_no_server_dates_but_keeps_words(tmp_path):
    app = create_app({"TESTING": True, "STATIC_SITE": True})
    page = app.test_client().get(STAGE_1).get_data(as_text=True)
    assert 'class="app-section app-plan" id="dates"' in page and " hidden>" in page
    assert "within 2 working days" in visible_text(page)
    assert "csrf_token" not in page
    assert re.search(r'<script type="module" src="/assets/js/plan\.[0-9a-f]{12}\.js">', page)
