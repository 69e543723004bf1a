"""Sentences the tool writes itself must fit the particular policy they speak of."""

from __future__ import annotations

from answers import stage
from pages import visible_text

AT_RISK = {"risk": "at-risk", "agency": "police", "other_agency": "health"}


def test_no_clock_is_invented_after_the_last_stage(client):
    """Islington's 24-hour tier reaches the next level: Stage 5, the last, has no next level."""
    page = visible_text(client.get(stage("islington", 2, **AT_RISK)).get_data(as_text=True))
    plan = page[page.index("Your escalation plan") :]
    last = plan[plan.index("Stage 5") :]
    assert "Escalate to the next level" not in last
    assert "within 24 hours" in plan[: plan.index("Stage 5")]


def test_the_calendar_has_no_event_for_a_next_level_after_the_last_stage(client):
    response = client.post(
        stage("islington", 4, **AT_RISK),
        data={"day": "7", "month": "12", "year": "2026", "download": "ics"},
    )
    ics = response.get_data(as_text=True)
    assert "Stage 4" in ics
    assert "Stage 5" not in ics or "next level" not in ics.split("Stage 5", 1)[1]
