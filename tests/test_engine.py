"""The decision tree, below HTTP: one test per question, then whole-tree properties."""

from __future__ import annotations

import pytest
from toy import stage, toy

from wizard.engine import Kind, Q, resolve, walk

CP_NOTE = {"who": "IRO", "when": "child protection plan or looked after", "says": "w", "cite": "1"}
ROLES = {"cite": "1", "by_agency": {"police": "Sergeant", "health": "Nurse"}}
AGENCIES = [{"id": "police", "name": "Police"}, {"id": "health", "name": "Health"}]


def test_first_question_is_immediate_risk():
    state = resolve(toy(), ())
    assert state.question.id is Q.RISK
    assert [o.slug for o in state.question.options] == ["yes", "no", "not-sure"]


@pytest.mark.parametrize("answer", ["yes", "not-sure"])
def test_risk_or_uncertainty_leads_to_the_emergency_route(answer):
    assert resolve(toy(), (answer,)).outcome.kind is Kind.EMERGENCY


@pytest.mark.parametrize("concern", ["conduct", "complaint", "whistleblowing", "policy"])
def test_other_kinds_of_concern_exit(concern):
    outcome = resolve(toy(), ("no", concern)).outcome
    assert (outcome.kind, outcome.exit) == (Kind.EXIT, concern)


def test_unsure_concern_gets_help_choosing():
    assert resolve(toy(), ("no", "not-sure")).outcome.kind is Kind.CONCERN_HELP


def test_disagreement_asks_how_far_it_has_got_in_the_policys_terms():
    p = toy(partnership={"name": "T", "short_name": "T", "nation": "england", "stage_word": "Step"})
    question = resolve(p, ("no", "disagreement")).question
    assert question.id is Q.PROGRESS
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
    outcome = resolve(toy(), ("no", "disagreement", progress)).outcome
    assert outcome.kind is Kind.STAGE and outcome.stage.number == number


def test_every_stage_tried_is_beyond_the_procedure():
    outcome = resolve(toy(), ("no", "disagreement", "tried-3")).outcome
    assert outcome.kind is Kind.BEYOND and outcome.stage.number == 3


def test_variants_ask_which_applies():
    p = toy(
        stages=[
            stage(1),
            stage(2, variant={"id": "urgent", "label": "Urgent", "question": "Is it urgent?"}),
            stage(2, variant={"id": "later", "label": "Not urgent"}),
        ]
    )
    state = resolve(p, ("no", "disagreement", "tried-1"))
    assert state.question.id is Q.VARIANT and state.question.text == "Is it urgent?"
    assert resolve(p, (*state.segments, "later")).outcome.stage.variant.id == "later"


def test_agencies_asked_only_where_roles_change_the_outcome():
    p = toy(agencies=AGENCIES, stages=[stage(1), stage(2), stage(3, roles=ROLES), stage(4)])
    assert resolve(p, ("no", "disagreement", "tried-3")).outcome is not None
    asked = resolve(p, ("no", "disagreement", "tried-1"))  # next stage (3) has roles
    assert asked.question.id is Q.AGENCY
    assert [o.slug for o in asked.question.options] == ["police", "health", "other"]
    other = resolve(p, (*asked.segments, "police"))
    assert other.question.id is Q.OTHER_AGENCY


def test_child_status_asked_when_a_notification_depends_on_it():
    p = toy(stages=[stage(1), stage(2, notify=[CP_NOTE]), stage(3)])
    state = resolve(p, ("no", "disagreement", "nothing-yet"))
    assert state.question.id is Q.CHILD
    assert resolve(p, (*state.segments, "yes")).outcome.kind is Kind.STAGE
    assert resolve(toy(), ("no", "disagreement", "nothing-yet")).outcome is not None


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
    state = resolve(toy(), path)
    assert state.error is not None and state.outcome is None and state.question is None


def test_walk_reaches_every_outcome_and_has_no_dead_ends():
    p = toy(agencies=AGENCIES, stages=[stage(1, roles=ROLES), stage(2, notify=[CP_NOTE])])
    states = list(walk(p))
    assert all(s.question or s.outcome for s in states), "dead end"
    assert all(s.error is None for s in states)
    kinds = {s.outcome.kind for s in states if s.outcome}
    assert kinds == set(Kind)
    stages = {s.outcome.stage.number for s in states if s.outcome and s.outcome.kind is Kind.STAGE}
    assert stages == {1, 2}
    paths = [s.segments for s in states]
    assert len(paths) == len(set(paths)), "two states share a path"
    for s in states:  # replaying a walked path lands on the same state
        again = resolve(p, s.segments)
        assert (again.question, again.outcome) == (s.question, s.outcome)
