"""The decision tree, below HTTP: one test per question, then whole-tree properties."""

from __future__ import annotations

import pytest
from toy import ask, flow, stage, toy

from wizard.core.engine import OutcomeKind, Q, resolve, walk

CP_NOTE = {"who": "IRO", "when": "child protection plan or looked after", "says": "w", "cite": "1"}
ROLES = {"cite": "1", "by_agency": {"police": "Sergeant", "health": "Nurse"}}
AGENCIES = [{"id": "police", "name": "Police"}, {"id": "health", "name": "Health"}]

DISAGREEMENT = {"risk": "no", "concern": "disagreement"}
NOTHING_YET = {**DISAGREEMENT, "progress": "nothing-yet"}


def test_first_question_is_immediate_risk():
    state = ask(toy())
    assert state.question.id == Q.RISK
    assert [o.slug for o in state.question.options] == ["yes", "no", "not-sure"]


@pytest.mark.parametrize("answer", ["yes", "not-sure"])
def test_risk_or_uncertainty_leads_to_the_emergency_route(answer):
    assert ask(toy(), risk=answer).outcome.kind is OutcomeKind.EMERGENCY


@pytest.mark.parametrize("concern", ["conduct", "complaint", "whistleblowing", "policy"])
def test_other_kinds_of_concern_exit(concern):
    outcome = ask(toy(), risk="no", concern=concern).outcome
    assert (outcome.kind, outcome.exit) == (OutcomeKind.EXIT, concern)


def test_unsure_concern_gets_help_choosing():
    assert ask(toy(), risk="no", concern="not-sure").outcome.kind is OutcomeKind.CONCERN_HELP


def test_disagreement_asks_how_far_it_has_got_in_the_policys_terms():
    p = toy(partnership={"name": "T", "short_name": "T", "nation": "england", "stage_word": "Step"})
    question = ask(p, risk="no", concern="disagreement").question
    assert question.id == Q.PROGRESS
    labels = [o.label for o in question.options]
    assert labels == [
        "Nothing yet",
        "Step 1 did not resolve it",
        "Step 2 did not resolve it",
        "Step 3 did not resolve it",
        "I'm not sure",
    ]


@pytest.mark.parametrize(
    ("progress", "number"), [("nothing-yet", 1), ("not-sure", 1), ("tried-1", 2), ("tried-2", 3)]
)
def test_progress_routes_to_the_next_stage(progress, number):
    outcome = ask(toy(), risk="no", concern="disagreement", progress=progress).outcome
    assert outcome.kind is OutcomeKind.STAGE and outcome.stage.number == number


def test_every_stage_tried_is_beyond_the_procedure():
    outcome = ask(toy(), risk="no", concern="disagreement", progress="tried-3").outcome
    assert outcome.kind is OutcomeKind.BEYOND and outcome.stage.number == 3


def test_variants_ask_which_applies():
    p = toy(
        stages=[
            stage(1),
            stage(2, variant={"id": "urgent", "label": "Urgent", "question": "Is it urgent?"}),
            stage(2, variant={"id": "later", "label": "Not urgent"}),
        ]
    )
    state = ask(p, risk="no", concern="disagreement", progress="tried-1")
    assert state.question.id == Q.VARIANT and state.question.text == "Is it urgent?"
    assert (
        ask(
            p, risk="no", concern="disagreement", progress="tried-1", variant="later"
        ).outcome.stage.variant.id
        == "later"
    )


def test_agencies_asked_only_where_the_stage_names_roles():
    p = toy(agencies=AGENCIES, stages=[stage(1), stage(2), stage(3, roles=ROLES), stage(4)])
    assert ask(p, risk="no", concern="disagreement", progress="tried-3").outcome.stage.number == 4
    # Stage 2 names no roles: that the next stage does changes nothing on this page.
    assert ask(p, risk="no", concern="disagreement", progress="tried-1").outcome.stage.number == 2
    asked = ask(p, risk="no", concern="disagreement", progress="tried-2")
    assert asked.question.id == Q.AGENCY
    assert [o.slug for o in asked.question.options] == ["police", "health", "other"]
    other = ask(p, risk="no", concern="disagreement", progress="tried-2", agency="police")
    assert other.question.id == Q.OTHER_AGENCY


def test_the_childs_status_is_never_asked():
    p = toy(stages=[stage(1), stage(2, notify=[CP_NOTE]), stage(3)])
    asked = {s.question.id for s in walk(flow(), p) if s.question}
    assert asked == {Q.RISK, Q.CONCERN, Q.PROGRESS}


TIER = {
    "id": "at-risk",
    "label": "No immediate harm, but at risk",
    "timescale": {
        "for": "Escalate",
        "within": "24 hours",
        "from": "not stated",
        "starts": "not stated",
        "words": "w",
        "cite": "1",
    },
}


def test_an_urgency_tier_is_an_answer_to_the_first_question():
    p = toy(urgency={"ordinary": "Each stage's own timescales", "tiers": [TIER]})
    risk = resolve(flow(), p, ()).question
    assert [o.slug for o in risk.options] == ["yes", "at-risk", "no", "not-sure"]
    assert risk.option("no").hint == "Each stage's own timescales"
    urgent = ask(p, risk="at-risk", concern="disagreement", progress="nothing-yet")
    assert urgent.outcome.stage.timescales[0].within[0].amount == 24
    # At the last stage there is no next level: the stage keeps its own clock.
    assert ask(p, risk="at-risk", concern="disagreement", progress="tried-2").base is None


MISSING = {
    "question": "Does your organisation have senior managers?",
    "present": "Yes",
    "items": [
        {
            "id": "no-seniors",
            "label": "No",
            "says": "w",
            "cite": "1",
            "to_stage": 3,
            "with": [{"says": "their representative", "cite": "1"}],
        }
    ],
}


def test_the_missing_question_is_asked_where_a_stage_names_a_fallback():
    p = toy(stages=[stage(1), stage(2, missing=MISSING), stage(3)])
    assert ask(p, **NOTHING_YET).outcome.stage.number == 1
    state = ask(p, **DISAGREEMENT, progress="tried-1")
    assert state.question.id == Q.MISSING
    assert state.question.text == "Does your organisation have senior managers?"
    assert [o.slug for o in state.question.options] == ["yes", "no-seniors", "not-sure"]
    assert resolve(flow(), p, (*state.segments, "yes")).outcome.stage.number == 2
    # The fallback sends the worker on to the stage the policy names.
    assert resolve(flow(), p, (*state.segments, "no-seniors")).outcome.stage.number == 3


def test_a_role_row_read_for_the_other_side_only_asks_only_their_agency():
    theirs = {**ROLES, "ask": "theirs"}
    p = toy(agencies=AGENCIES, stages=[stage(1, roles=theirs), stage(2)])
    state = ask(p, **NOTHING_YET)
    assert state.question.id == Q.OTHER_AGENCY
    assert resolve(flow(), p, (*state.segments, "health")).outcome.stage.number == 1


@pytest.mark.parametrize(
    "path",
    [
        ("maybe",),
        ("no", "disagreement", "tried-9"),
        ("no", "conduct", "extra"),
        ("", "no"),
        ("NO",),
    ],
)
def test_a_segment_that_does_not_fit_is_an_error_state(path):
    state = resolve(flow(), toy(), path)
    assert state.error is not None and state.outcome is None and state.question is None


def test_walk_reaches_every_outcome_and_has_no_dead_ends():
    p = toy(agencies=AGENCIES, stages=[stage(1, roles=ROLES), stage(2, notify=[CP_NOTE])])
    states = list(walk(flow(), p))
    assert all(s.question or s.outcome for s in states), "dead end"
    assert all(s.error is None for s in states)
    kinds = {s.outcome.kind for s in states if s.outcome}
    assert kinds == set(OutcomeKind)
    stages = {
        s.outcome.stage.number for s in states if s.outcome and s.outcome.kind is OutcomeKind.STAGE
    }
    assert stages == {1, 2}
    paths = [s.segments for s in states]
    assert len(paths) == len(set(paths)), "two states share a path"
    for s in states:  # replaying a walked path lands on the same state
        again = resolve(flow(), p, s.segments)
        assert (again.question, again.outcome) == (s.question, s.outcome)
