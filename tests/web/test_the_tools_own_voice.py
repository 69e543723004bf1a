"""Sentences the tool writes itself must fit the particular policy they speak of."""

from __future__ import annotations

import pytest
from answers import path, stage
from pages import read, text, visible_text

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


def _boxes(markup: str) -> list[str]:
    """The text of each general-advice box on a page."""
    tree = read(markup)
    return [text(d) for d in tree.iter("div") if "app-general-advice" in d.get("class", "")]


def _outside_boxes(markup: str) -> str:
    """The text of <main> with every general-advice box taken out."""
    tree = read(markup)
    main = next(tree.iter("main"))
    for parent in main.iter():
        for child in list(parent):
            if child.tag == "div" and "app-general-advice" in child.get("class", ""):
                parent.remove(child)
    return text(main)


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_a_role_from_the_table_is_not_said_to_be_in_the_workers_own_agency(client):
    """Finding 2: Lincolnshire's SLO for the voluntary sector is the YMCA's Chief Executive."""
    url = stage(
        "lincolnshire", 3, agency="voluntary-sector", other_agency="childrens-services-education"
    )
    page = visible_text(_get(client, url))
    assert (
        "Chief Executive, YMCA, listed in the policy's table for your agency, Voluntary Sector"
        in page
    )
    assert (
        "Safeguarding Officer for Schools, listed in the policy's table for the other agency, "
        "Children's Services (Education)" in page
    )
    assert "in your agency" not in page and "in the other agency (" not in page


@pytest.mark.parametrize(
    ("slug", "concern", "advice"),
    [
        ("havering", "whistleblowing", "Your organisation's whistleblowing procedure names"),
        ("brent", "policy", "can tell you who to raise it with"),
        ("islington", "conduct", "If your concern is about your safeguarding lead or your manager"),
    ],
)
def test_the_tools_own_advice_on_an_exit_stands_in_its_labelled_box(client, slug, concern, advice):
    """Finding 3: advice on how to reach a route is labelled, and never sends a whistleblower
    to the safeguarding lead or anyone to a Board's website."""
    markup = _get(client, path(slug, risk="no", concern=concern))
    boxes = _boxes(markup)
    assert any(b.startswith("General advice, not from the") and advice in b for b in boxes)
    outside = _outside_boxes(markup)
    assert advice not in outside
    assert "safeguarding lead" not in outside and "website" not in outside
    if concern == "whistleblowing":
        assert not any("safeguarding lead" in b for b in boxes)


def test_how_to_find_the_iro_is_labelled_advice(client):
    """Finding 3: Havering names the IRO to tell but gives no details; the advice is boxed."""
    markup = _get(client, stage("havering", 2, agency="police", other_agency="health"))
    assert "Independent Reviewing Officer" in visible_text(markup)
    assert any("can tell you how to reach them" in b for b in _boxes(markup))
    assert "can tell you how to reach them" not in _outside_boxes(markup)


def test_no_general_advice_under_the_heading_of_what_the_policy_says_to_do(client):
    """Finding 3: Staffordshire's policy says nothing on immediate harm; advice is boxed."""
    markup = _get(client, path("staffordshire-stoke", risk="yes"))
    outside = _outside_boxes(markup)
    section = outside[outside.index("What the") : outside.index("If Children's Social Care")]
    assert "The policy does not say what to do" in section
    assert "Follow your own agency's safeguarding procedure" not in section
    assert any("Follow your own agency's safeguarding procedure" in b for b in _boxes(markup))


@pytest.mark.parametrize("concern", ["conduct", "whistleblowing", "complaint", "policy"])
def test_a_partnership_contact_is_not_offered_for_a_route_the_policy_does_not_tie_it_to(
    client, concern
):
    """Finding 4: Islington's flowchart gives an officer's email; no exit route names it."""
    markup = _get(client, path("islington", risk="no", concern=concern))
    assert "Michael.Daley" not in markup
    assert "The contact details it gives elsewhere" not in markup


def test_the_partnership_contact_stays_on_the_start_page(client):
    assert "Michael.Daley@islington.gov.uk" in _get(client, "/islington/")


def test_a_summary_keeps_the_policys_condition_on_who_to_tell(client):
    """Finding 6: 3.9 tells the line manager only when the other professional is more senior."""
    page = visible_text(_get(client, "/islington/"))
    stage_1 = page[page.index("Stage 1:") : page.index("Stage 2:")]
    assert "if the professional in the other agency is more senior than you" in stage_1


def test_a_summary_does_not_settle_what_the_policy_leaves_open(client):
    """Finding 6: 'asap with a date set within 24 hours' is not two firm instructions."""
    urgent = stage("lincolnshire", 4, variant="urgent", agency="schools", other_agency="health")
    for url in ("/lincolnshire/flowchart/", urgent):
        page = visible_text(_get(client, url))
        assert "Set a date" not in page and "Hold the" not in page, url
        assert "As soon as possible:" not in page, url
        assert "The independent chaired meeting (“asap with a date set”)" in page, url
        assert "can be read two ways" in page or url.endswith("/flowchart/")
