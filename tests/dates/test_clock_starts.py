"""What each clock runs from, in the policy's words; later dates that survive an undated stage.

Driven through HTTP, asserting the text a practitioner reads on the outcome page.
"""

from __future__ import annotations

import answers
import pytest
from pages import shown_text

from wizard.core.policy import Timescale

ISLINGTON_1 = answers.stage("islington", 1, agency="police", other_agency="police")
LINCS_2 = answers.stage("lincolnshire", 2, agency="schools")
STAFFS_1 = answers.stage("staffordshire-stoke", 1)
STAFFS_3 = answers.stage("staffordshire-stoke", 3, missing="yes")
STAFFS_THIRD_SECTOR = answers.stage(
    "staffordshire-stoke", 2, variant="no-line-manager", area="staffordshire"
)
HAVERING_1 = answers.stage("havering", 1)
HAVERING_2 = answers.stage("havering", 2)
BRENT_3 = answers.stage("brent", 3)


def page_of(client, path: str, **form: str) -> str:
    response = client.post(path, data=form) if form else client.get(path)
    assert response.status_code == 200
    return shown_text(response.get_data(as_text=True))


def dates_of(text: str) -> str:
    return text[text.index("Your dates") :]


def started(day: str, month: str = "12", year: str = "2026", clock: str = "") -> dict:
    return {"day": day, "month": month, "year": year, "clock": clock}


# --- Every clock's start, in the policy's words


def test_a_stated_start_is_quoted_once_in_the_policys_words(eve_client):
    # Each clock's start stands in the quote that gives the clock (decision 26: once a page).
    text = page_of(eve_client, STAFFS_3)
    assert text.count("within 2 working days of the matter being formally escalated and") == 1
    assert text.count("If this process does not achieve consensus between agencies") == 1


def test_a_start_the_policy_does_not_state_says_so_instead_of_dating_silently(eve_client):
    plan = dates_of(page_of(eve_client, STAFFS_3))
    assert "A timescale with no start in the policy counts from its stage's start." in plan


def test_lincolnshire_step_2_counts_from_step_1_in_its_words(eve_client):
    text = page_of(eve_client, LINCS_2)
    assert text.count("within 5 working days of step 1") == 1


def test_a_start_and_its_clock_must_agree():
    fields = {"for": "Meet", "within": "2 working days", "words": "meet", "cite": "1"}
    with pytest.raises(ValueError, match="write 'starts: not stated' and 'from: not stated'"):
        Timescale.model_validate({**fields, "from": "disagreement", "starts": "not stated"})
    with pytest.raises(ValueError, match="'starts' and 'from' disagree"):
        Timescale.model_validate({**fields, "from": "not stated", "starts": "of step 1"})
    with pytest.raises(ValueError, match="starts"):
        Timescale.model_validate({**fields, "from": "not stated"})  # 'starts' is required


# --- The plan asks for the dates that matter


def test_a_clock_from_an_agreed_outcome_asks_for_that_date(eve_client):
    text = page_of(eve_client, ISLINGTON_1)
    assert "When was the outcome agreed?" in text
    assert "When did the disagreement begin?" not in text  # the first stage: it is the start


def test_the_outcome_date_given_dates_its_clock(eve_client):
    text = page_of(
        eve_client,
        ISLINGTON_1,
        **started("7"),
        **{"outcome-day": "10", "outcome-month": "12", "outcome-year": "2026"},
    )
    confirm = dates_of(text)[dates_of(text).index("Confirm the outcome in writing") :]
    assert confirm.startswith(
        "Confirm the outcome in writing, where a resolution is reached: "
        "by the end of Monday 14 December 2026 (within 2 working days)"
    )


def test_without_an_outcome_date_the_clock_has_no_date_and_asks_for_it(eve_client):
    # Never dated from the stage's start: the outcome has not been agreed then (issue 24).
    text = dates_of(page_of(eve_client, ISLINGTON_1, **started("7")))
    confirm = text[text.index("Confirm the outcome in writing") :]
    assert confirm.startswith(
        "Confirm the outcome in writing, where a resolution is reached: (within 2 working days) "
        "It counts from the date the outcome was agreed: give that date below."
    )
    assert "by the end" not in confirm[: confirm.index("give that date below")]


def test_an_outcome_date_that_is_not_a_date_is_an_error(eve_client):
    form = {"outcome-day": "31", "outcome-month": "2", "outcome-year": "2026"}
    text = page_of(eve_client, ISLINGTON_1, **started("7"), **form)
    assert "There is a problem" in text
    assert "The date the outcome was agreed must be a real date, like 24 12 2026" in text


def test_a_later_stage_asks_when_the_disagreement_began_for_the_whole_procedure(eve_client):
    form = {"disagreement-day": "14", "disagreement-month": "12", "disagreement-year": "2026"}
    text = page_of(eve_client, HAVERING_2, **started("24"), **form)
    assert "When did the disagreement begin?" in text
    assert (
        "Attempt to resolve differences through discussion: by the end of Monday 21 December "
        "2026 (within 1 working week)" in text
    )


# --- One missing timescale never blanks later dates


def test_no_stage_reads_cannot_be_worked_out(eve_client):
    for path in (STAFFS_THIRD_SECTOR, HAVERING_1, HAVERING_2, BRENT_3):
        assert "Cannot be worked out" not in page_of(eve_client, path)


def test_after_a_route_with_no_timescale_later_stages_are_dated_and_say_from_what(eve_client):
    text = dates_of(page_of(eve_client, STAFFS_THIRD_SECTOR, **started("7")))
    stage_3 = text[text.index("Stage 3: Formal Escalation") : text.index("Stage 4:")]
    assert "When you move to it: from Monday 7 December 2026 at the earliest" in stage_3
    assert "by the end of Tuesday 8 December 2026 (within 1 working day)" in stage_3
    assert "From the end of Wednesday 9 December 2026, when Stage 3 runs out" in text
    assert "Where a stage gives no date it runs out, the next starts when you move to it." in text


def test_a_stage_with_no_timescale_says_so(eve_client):
    text = page_of(eve_client, STAFFS_THIRD_SECTOR)
    now = text[text.index("By when") : text.index("Your dates")]
    assert "The policy gives no timescale for this stage." in now


def test_stages_after_one_with_no_end_start_when_you_move_to_them(eve_client):
    text = dates_of(page_of(eve_client, HAVERING_1))
    assert "Stage 2: Escalate to line manager When you move to it" in text
    assert "Where a stage gives no date it runs out, the next starts when you move to it." in text


BEGAN_7 = {"disagreement-day": "7", "disagreement-month": "12", "disagreement-year": "2026"}


@pytest.mark.parametrize(
    "path, form",
    [(HAVERING_1, started("7")), (BRENT_3, {**started("10"), **BEGAN_7})],
    ids=["first stage: from its start", "later stage: from the disagreement"],
)
def test_one_working_week_for_the_whole_procedure_is_dated(eve_client, path, form):
    # Neither stage has a clock of its own: the first box leads with the whole procedure's.
    text = page_of(eve_client, path, **form)
    when = text[text.index("By when") : text.index("Your dates")]
    assert (
        "The policy's timescale for the whole procedure: Attempt to resolve differences through "
        "discussion: by the end of Monday 14 December 2026 (within 1 working week)"
    ) in when


# --- What counts as a working day, beside the timescale it qualifies


def test_bank_holidays_the_policy_does_not_mention_give_two_flagged_readings(eve_client):
    text = page_of(eve_client, STAFFS_1, **started("24"))
    assert (
        "Raise the matter with your fellow professional: by the end of Friday 25 December 2026 "
        "if bank holidays count as working days, or by the end of Tuesday 29 December 2026 "
        "if they do not (within 1 working day) Two readings Why two dates"
    ) in text
    assert (
        "Two readings: the policy says what a working day is (Footnote 1) but not whether bank "
        "holidays count, so both dates are shown, the earlier first."
    ) in text


def test_where_bank_holidays_change_nothing_there_is_one_date(eve_client):
    text = page_of(eve_client, STAFFS_1, **started("7"))
    assert (
        "Raise the matter with your fellow professional: by the end of Tuesday 8 December 2026 "
        "(within 1 working day)"
    ) in text
    assert "if bank holidays count" not in text[: text.index("Stage 2:")]


def test_the_working_day_note_is_said_once_and_its_words_quoted_once(eve_client):
    text = page_of(eve_client, STAFFS_1, **started("24"))
    assert text.count("the policy says what a working day is (Footnote 1)") == 1
    assert text.count("“Working day does not include weekends”") == 1


def test_a_policy_that_defines_no_working_day_shows_no_such_note(eve_client):
    assert "the policy says what a working day is" not in page_of(eve_client, ISLINGTON_1)
