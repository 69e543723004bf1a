"""A partly read policy with clocks from events, as a practitioner reads and dates it.

The event-clocks test partnership (tests/sites/event-clocks, fictional) has a clock from the
earlier of two events, one from an event the worker records, a "further" clock from
another's end, clocks from a meeting and an agreement, a paragraph cut off part way, routes
on a lost page and a lost last stage.
"""

from __future__ import annotations

import answers
import pytest
from pages import main_lines, shown_text

BOTH = {"agency": "police", "other_agency": "health"}
STAGE_1 = answers.stage("tarnside", 1, **BOTH)
STAGE_2 = answers.stage("tarnside", 2, **BOTH)
START = {"day": "30", "month": "11", "year": "2026"}


@pytest.fixture(scope="module")
def tarnside():
    return answers.app_of("tarnside").test_client()


def read(response) -> str:
    assert response.status_code == 200
    return shown_text(response.get_data(as_text=True))


def legends(markup: str) -> list[str]:
    return [line for line in main_lines(markup) if line.startswith("The date of ")]


def test_the_date_form_asks_for_exactly_the_events_of_the_stages_clocks(tarnside):
    first = tarnside.get(STAGE_1).get_data(as_text=True)
    second = tarnside.get(STAGE_2).get_data(as_text=True)
    assert legends(first) == [
        "The date of “receipt of a decision by Children's Social Care”",
        "The date of “the disagreement being raised with them”",
    ]
    assert legends(second) == ["The date of “the meeting”", "The date of “the agreement”"]


def test_an_undated_event_says_what_it_counts_from_and_is_not_dated(tarnside):
    page = read(tarnside.get(STAGE_2))
    assert (
        "Send the outcome of the meeting by letter: (within 48 hours) Counted from "
        "“the meeting”. Give that date below to see the deadline." in page
    )
    assert (
        "Confirm the outcome in writing: (within 2 working days) Counted from “the agreement”. "
        "Give that date below to see the deadline." in page
    )


def test_each_clock_is_dated_from_its_own_event(tarnside):
    dates = {"meeting-day": "3", "meeting-month": "12", "meeting-year": "2026"}
    dates |= {"agreement-day": "4", "agreement-month": "12", "agreement-year": "2026"}
    page = read(tarnside.post(STAGE_2, data=START | dates))
    # The stage started on Monday 30 November: its first clock, then a further 5 working days.
    assert "The line managers try to resolve it: by the end of Wednesday 2 December 2026" in page
    assert (
        "Convene a meeting: by the end of Wednesday 9 December 2026 (within 5 working days) "
        "Counted from the end of: The line managers try to resolve it." in page
    )
    # 48 hours from the meeting on Thursday 3 December; 2 working days from Friday 4 December.
    assert "Send the outcome of the meeting by letter: by the end of Friday 4 December 2026" in page
    assert "Confirm the outcome in writing: by the end of Tuesday 8 December 2026" in page
    assert "Give that date below to see the deadline." not in page


def test_a_clock_is_never_dated_from_another_event(tarnside):
    dates = {"meeting-day": "3", "meeting-month": "12", "meeting-year": "2026"}
    page = read(tarnside.post(STAGE_2, data=START | dates))
    assert "Send the outcome of the meeting by letter: by the end of Friday 4 December 2026" in page
    assert "Confirm the outcome in writing: (within 2 working days) Counted from" in page


def test_two_possible_starts_read_as_the_earlier_once_both_are_known(tarnside):
    undated = read(tarnside.post(STAGE_1, data=START))
    assert (
        "Try to resolve it with the other practitioner: (within 2 working days) (para 2.1) "
        "Counted from whichever came first: the date the disagreement began or “receipt of a "
        "decision by Children's Social Care”. Give both dates below to see the deadline."
    ) in undated
    decision = {"decision-day": "26", "decision-month": "11", "decision-year": "2026"}
    page = read(tarnside.post(STAGE_1, data=START | decision))
    # The decision on Thursday 26 November came before the disagreement on 30 November.
    assert (
        "Try to resolve it with the other practitioner: by the end of Monday 30 November 2026"
        in page
    )


def test_a_wrong_event_date_is_named_in_the_policys_words(tarnside):
    wrong = {"meeting-day": "31", "meeting-month": "11", "meeting-year": "2026"}
    page = read(tarnside.post(STAGE_2, data=START | wrong))
    assert "There is a problem" in page
    assert "The date of “the meeting” must be a real date, like 24 12 2026" in page


def test_the_calendar_holds_each_event_clock_dated_from_its_event(tarnside):
    dates = {"meeting-day": "3", "meeting-month": "12", "meeting-year": "2026"}
    response = tarnside.post(STAGE_2, data=START | dates | {"download": "ics"})
    assert response.mimetype == "text/calendar"
    ics = response.get_data(as_text=True).replace("\r\n ", "")
    letter = ics[ics.index("send the outcome of the meeting by letter") :]
    assert "DTSTART;VALUE=DATE:20261204" in letter  # by the end of Friday 4 December
    assert "confirm the outcome in writing" not in ics  # its event was not given


def test_a_lost_last_stage_is_never_counted_or_called_the_last(tarnside):
    page = read(tarnside.get(STAGE_2))
    assert "Stage 2 of" not in page and "last stage" not in page.lower()
    assert "Page 5 of the copy we have, which holds Stage 3" in page


def test_every_stage_tried_is_not_claimed_where_more_may_follow(tarnside):
    url = answers.path("tarnside", risk="no", concern="disagreement", progress="tried-3")
    page = read(tarnside.get(url))
    assert "Every stage in the copy we have has been tried" in page
    assert "More stages may follow it in the policy" in page
    assert "Every stage has been tried" not in page


@pytest.mark.parametrize("concern", ["complaint", "whistleblowing", "policy", "not-sure"])
def test_routes_on_a_lost_page_are_not_available_never_silent(tarnside, concern):
    page = read(tarnside.get(answers.path("tarnside", risk="no", concern=concern)))
    assert "The rest of section 5, on page 6 of the copy we have, cannot be read." in page
    assert "does not say" not in page and "says nothing" not in page


def test_the_flowchart_does_not_count_stages_where_more_may_follow(tarnside):
    page = read(tarnside.get("/tarnside/flowchart/"))
    assert (
        "Then the stages from Stage 1: Practitioner to practitioner to Stage 3, the last in "
        "the copy we have (more may follow)" in page
    )
    assert "Then 3 stages" not in page
