"""Deadlines on the live outcome page, the date form and its limits, and the .ics download."""

from __future__ import annotations

import re
from datetime import date

import pytest
from icalendar import Calendar
from pages import visible_text

from wizard.web.app import create_app

STAGE_1 = "/islington/check/no/disagreement/nothing-yet/police/health/"
LINCS_1 = "/lincolnshire/check/no/disagreement/nothing-yet/"


@pytest.fixture(scope="module")
def client():
    app = create_app({"TESTING": True, "TODAY": date(2026, 12, 24)})
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


def test_the_date_form_carries_no_token_and_the_page_is_cacheable(client):
    response = client.get(STAGE_1)
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "csrf" not in response.get_data(as_text=True)
    posted = client.post(STAGE_1, data={"day": "1", "month": "12", "year": "2026"})
    assert posted.status_code == 200 and "Set-Cookie" not in posted.headers
    assert posted.headers["Cache-Control"] == "no-store"


def test_only_the_outcome_page_takes_a_post(app):
    posting = {r.endpoint for r in app.url_map.iter_rules() if "POST" in (r.methods or ())}
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
def test_every_field_out_of_range_gets_the_form_error(client, form, message):
    for extra in ({}, {"download": "ics"}):
        response = client.post(STAGE_1, data={**form, **extra})
        assert response.status_code == 200
        assert message in text(response)


def test_bodies_are_bounded(client):
    big = client.post(STAGE_1, data={"day": "1" * 20_000_000, "month": "1", "year": "2026"})
    assert big.status_code == 413 and b"1111111111" not in big.data
    many = "&".join(f"f{i}=1" for i in range(200_000))
    fields = client.post(STAGE_1, data=many, content_type="application/x-www-form-urlencoded")
    assert fields.status_code == 413
    parts = {f"f{i}": "1" for i in range(40)}
    multipart = client.post(STAGE_1, data=parts, content_type="multipart/form-data")
    assert multipart.status_code == 413


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
