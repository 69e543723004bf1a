"""Each bundled partnership's flow, question by question, in its own terms."""

from __future__ import annotations

import pytest
from answers import named

from wizard.core.engine import OutcomeKind, Q, answer, walk

START = {"risk": "no", "concern": "disagreement"}
POLICE_HEALTH = {"agency": "police", "other_agency": "health"}


def ask(site, slug, **given):
    """The state a bundled partnership reaches from answers named by question."""
    state = answer(site.flow, site.partnerships[slug], named(given))
    assert state.error is None, given
    return state


@pytest.mark.parametrize(
    "slug", ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]
)
def test_safety_first_then_scope(site, slug):
    assert ask(site, slug).question.id == Q.RISK
    assert ask(site, slug, risk="yes").outcome.kind is OutcomeKind.EMERGENCY
    assert ask(site, slug, risk="no").question.id == Q.CONCERN
    assert ask(site, slug, **START).question.id == Q.PROGRESS


@pytest.mark.parametrize(
    "slug", ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]
)
def test_no_dead_ends_and_every_stage_reachable(site, slug):
    p = site.partnerships[slug]
    states = list(walk(site.flow, p))
    assert all(s.question or s.outcome for s in states)
    reached = {
        s.outcome.stage.key for s in states if s.outcome and s.outcome.kind is OutcomeKind.STAGE
    }
    assert reached == {s.key for s in p.stages}


def test_islington(site):
    risk = ask(site, "islington").question
    assert [o.slug for o in risk.options] == ["yes", "at-risk", "no", "not-sure"]
    progress = ask(site, "islington", **START).question
    assert [o.label for o in progress.options][1:3] == [
        "Stage 1 did not resolve it",
        "Stage 2 did not resolve it",
    ]
    agency = ask(site, "islington", **START, progress="nothing-yet").question
    assert agency.id == Q.AGENCY
    assert [o.label for o in agency.options] == [
        "Police",
        "LBI CSC / ASC",
        "LBI",
        "Health",
        "Education",
        "Another agency, or I'm not sure",
    ]
    # The child's status is not asked: a duty that depends on it shows with its condition.
    outcome = ask(site, "islington", **START, progress="tried-1", **POLICE_HEALTH).outcome
    assert outcome.stage.title == "Line Manager"
    at_risk = {**START, "risk": "at-risk", "progress": "tried-1"}
    urgent = ask(site, "islington", **at_risk, **POLICE_HEALTH)
    assert urgent.outcome.stage.timescales[0].words.startswith("if a child's safety")


def test_brent_goes_to_your_own_line_manager_first(site):
    state = ask(site, "brent", **START, progress="nothing-yet")
    assert state.outcome.stage.number == 1
    assert "Line manager" in state.outcome.stage.title
    assert "other agency" in ask(site, "brent", **START, progress="tried-1").outcome.stage.title


def test_brent_asks_no_agency_or_child_status(site):
    asked = {s.question.id for s in walk(site.flow, site.partnerships["brent"]) if s.question}
    assert asked == {Q.RISK, Q.CONCERN, Q.PROGRESS}


def test_lincolnshire_step_4_asks_urgent_or_not(site):
    step_4 = {**START, "progress": "tried-3"}
    state = ask(site, "lincolnshire", **step_4)
    assert state.question.id == Q.VARIANT
    assert state.question.text == "Is urgent resolution required?"
    urgent, non_urgent = (o.slug for o in state.question.options)
    # Every step asks the worker's agency: the policy ties advice to their SLO at every step.
    schools = {**step_4, "agency": "schools"}
    urgent_stage = ask(site, "lincolnshire", **schools, variant=urgent).outcome.stage
    assert "Independent Chaired" in urgent_stage.title
    later = ask(site, "lincolnshire", **schools, variant=non_urgent).outcome.stage
    assert "lessons" in later.title


def test_lincolnshire_uses_its_own_word_and_slo_table(site):
    progress = ask(site, "lincolnshire", **START).question
    assert progress.options[1].label == "Step 1 did not resolve it"
    agencies = ask(site, "lincolnshire", **START, progress="tried-2").question
    assert agencies.id == Q.AGENCY and len(agencies.options) > 25
    step_1 = {**START, "progress": "nothing-yet"}
    assert ask(site, "lincolnshire", **step_1).question.id == Q.AGENCY  # the SLO, at every step
    assert ask(site, "lincolnshire", **step_1, agency="schools").outcome.stage.number == 1


def test_staffordshire_third_sector_route(site):
    situation = {**START, "progress": "tried-1"}
    state = ask(site, "staffordshire-stoke", **situation)
    assert state.question.id == Q.VARIANT
    options = {o.slug: o.label for o in state.question.options}
    assert len(options) == 2
    third = next(slug for slug, label in options.items() if "third-sector" in label.lower())
    situation["variant"] = third
    after = ask(site, "staffordshire-stoke", **situation)
    while after.question is not None:  # agency questions follow; any answer will do
        situation[after.question.id] = after.question.options[-1].slug
        after = ask(site, "staffordshire-stoke", **situation)
    assert after.outcome.stage.variant.id == third


def test_havering_asks_nothing_about_the_child(site):
    outcome = ask(site, "havering", **START, progress="tried-1").outcome
    assert outcome.stage.number == 2


def test_staffordshire_asks_about_missing_tiers_and_representatives(site):
    for tried, gone in (("tried-2", "no-senior-manager"), ("tried-3", "no-assistant-director")):
        state = ask(site, "staffordshire-stoke", **START, progress=tried)
        assert state.question.id == Q.MISSING
        assert [o.slug for o in state.question.options] == ["yes", gone, "not-sure"]
        moved = ask(site, "staffordshire-stoke", **START, progress=tried, missing=gone)
        moved = moved.outcome.stage
        assert moved.number == 5
    fifth = ask(site, "staffordshire-stoke", **START, progress="tried-4")
    assert fifth.question.id == Q.MISSING
    gone = {"progress": "tried-4", "missing": "no-representative"}
    assert ask(site, "staffordshire-stoke", **START, **gone).outcome


@pytest.mark.parametrize(
    "slug", ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]
)
def test_last_stage_tried_is_beyond(site, slug):
    p = site.partnerships[slug]
    state = ask(site, slug, **START, progress=f"tried-{p.stage_numbers()[-1]}")
    assert state.outcome.kind is OutcomeKind.BEYOND
