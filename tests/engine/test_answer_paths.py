"""Answer paths come from the flow: a situation named by question id, never a typed path."""

from __future__ import annotations

import shutil

from answers import path
from conftest import EVERY_FIELD, TODAY
from pages import h1s

from wizard.content import BUNDLED_SITE, load_site
from wizard.core.engine import answer, resolve
from wizard.core.flow import reaching
from wizard.web.app import create_app

SEEN = """---
# A question added for the test: asked of every disagreement, before how far it has got.
ask: always
question: Have you seen the child this week?
error: Select whether you have seen the child this week
options:
  - answer: "yes"
    label: "Yes"
  - answer: "no"
    label: "No"
next:
  - to: progress
---
"""


def test_a_situation_reaches_the_state_its_path_does_in_any_order(site):
    p = site.partnerships["islington"]
    named = {"other-agency": "health", "agency": "police"}
    named |= {"progress": "tried-1", "concern": "disagreement", "risk": "no"}
    state = answer(site.flow, p, named)
    assert state.error is None and state.outcome is not None
    assert resolve(site.flow, p, state.segments) == state


def test_answers_to_questions_the_flow_does_not_ask_are_left_out(site):
    brent = site.partnerships["brent"]
    state = answer(site.flow, brent, {"risk": "yes", "concern": "conduct", "agency": "police"})
    assert [q.id for q, _ in state.answered] == ["risk"]
    assert state.outcome is not None and state.outcome.kind.value == "emergency"


def test_a_situation_stops_at_the_first_question_it_leaves_open(site):
    state = answer(site.flow, site.partnerships["islington"], {"risk": "no"})
    assert state.question is not None and state.question.id == "concern"


def test_an_answer_that_is_not_an_option_is_an_error_state(site):
    state = answer(site.flow, site.partnerships["brent"], {"risk": "no", "concern": "gossip"})
    assert state.error == 1 and state.outcome is None


def test_each_stage_is_reached_from_its_named_answers(site):
    for p in site.partnerships.values():
        for stage in p.stages:
            state = answer(site.flow, p, reaching(p, stage))
            assert state.error is None
            assert (state.outcome and state.outcome.stage) in (stage, None), p.slug


def test_adding_a_question_changes_no_typed_path(tmp_path):
    """A question added to the every-field site's flow: the same situation, one more answer."""
    shutil.copytree(EVERY_FIELD, tmp_path / "site")
    flow = tmp_path / "site" / "content" / "flow"
    shutil.copytree(BUNDLED_SITE / "content" / "flow", flow)
    before = load_site(tmp_path / "site", today=TODAY)
    concern = flow / "concern.md"
    concern.write_text(concern.read_text().replace("  - to: progress", "  - to: seen"))
    (flow / "seen.md").write_text(SEEN)
    app = create_app({"TESTING": True, "TODAY": TODAY, "SITE_DIR": tmp_path / "site"})
    p = app.extensions["site"].partnerships["fenmouth"]
    situation = {**reaching(p, p.stages[1]), "seen": "yes"}
    added = answer(app.extensions["site"].flow, p, situation)
    old = answer(before.flow, before.partnerships["fenmouth"], situation)
    assert added.segments == (*old.segments[:2], "yes", *old.segments[2:])
    assert added.outcome is not None and added.outcome.stage == old.outcome.stage
    page = app.test_client().get(path("fenmouth", app, **situation))
    assert page.status_code == 200
    heading = p.stages[1].label(p.partnership.stage_word)
    assert h1s(page.get_data(as_text=True)) == [f"Go to {heading}"]
