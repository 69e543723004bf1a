"""Practice scenarios: each teaches what the engine says, and a wrong one is caught at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import answers
import pytest
from conftest import TODAY
from pages import h1s, visible_text

from wizard.content import BUNDLED_SITE, inspect_site
from wizard.core.engine import answer
from wizard.core.flow import OutcomeKind
from wizard.core.practice import key_fact, right_choice

WRONG = """---
title: Closing involvement
based_on: "1.3"
answers:
  risk: "no"
  concern: disagreement
  progress: tried-1
  agency: health
  other-agency: lbi-csc-asc
expect:
  kind: stage
  stage: 3
  text: Independent Reviewing Officer
---

A situation.
"""


def test_every_partnership_has_five_scenarios_covering_the_routes(site):
    for slug, p in site.partnerships.items():
        found = site.scenarios[slug]
        assert len(found) >= 5, slug
        kinds = {answer(site.flow, p, s.answers).outcome.kind for s in found.values()}
        assert {OutcomeKind.EXIT, OutcomeKind.STAGE} <= kinds, slug
        stages = {s.expect.stage for s in found.values() if s.expect.stage}
        assert 1 in stages and max(stages) > 1, slug
        if p.emergency.stated:
            assert OutcomeKind.EMERGENCY in kinds, slug


def test_cp_or_looked_after_scenarios_where_the_policy_treats_them_differently(site):
    # The child's status is not asked: the duty shows, with its condition, where it applies.
    for slug, p in site.partnerships.items():
        if p.has_conditional_notifications():
            child = [
                s
                for s in site.scenarios[slug].values()
                if "Independent Reviewing Officer" in (s.expect.text or "")
            ]
            assert child, slug
            for s in child:
                assert key_fact(answer(site.flow, p, s.answers), s.expect.text) is not None


def test_scenario_expectations_match_the_engine(site):
    for slug, found in site.scenarios.items():
        for s in found.values():
            state = answer(site.flow, site.partnerships[slug], s.answers)
            assert state.outcome.kind is s.expect.kind
            assert s.expect.stage in (None, state.outcome.stage and state.outcome.stage.number)
            assert s.expect.text is None or key_fact(state, s.expect.text) is not None


def test_the_answer_page_quotes_the_key_fact_and_links_the_wizard(client, site):
    for slug, found in site.scenarios.items():
        p = site.partnerships[slug]
        for s in found.values():
            state = answer(site.flow, p, s.answers)
            html = client.get(f"/{slug}/practice/{s.slug}/{right_choice(state)}/").get_data(True)
            assert "It is what the policy says" in html
            assert f'href="{answers.path(slug, **s.answers)}"' in html
            if s.expect.text:
                assert s.expect.text in visible_text(html)


def test_a_wrong_choice_is_told_the_policy_answer(client):
    html = client.get("/islington/practice/plan-not-meeting-needs/stage-1/").get_data(True)
    assert h1s(html) == ["Stage 2: Line Manager"]
    assert "You chose: Stage 1: Professional challenge and engagement" in visible_text(html)


@pytest.mark.parametrize(
    "path",
    ["/islington/practice/nowhere/", "/islington/practice/closing-involvement/stage-9/"],
)
def test_unknown_scenarios_and_choices_are_not_found(client, path):
    assert client.get(path).status_code == 404


def _site_with(tmp_path: Path, text: str) -> Path:
    shutil.copytree(BUNDLED_SITE / "policies" / "islington", tmp_path / "policies" / "islington")
    (tmp_path / "policies" / "islington" / "scenarios" / "wrong.md").write_text(text)
    return tmp_path / "policies" / "islington" / "scenarios" / "wrong.md"


def _errors(tmp_path: Path) -> list[str]:
    _, problems = inspect_site(tmp_path, TODAY)
    return [p.render(tmp_path) for p in problems if not p.warning]


def test_a_scenario_that_would_teach_another_stage_is_rejected_at_its_line(tmp_path):
    _site_with(tmp_path, WRONG)
    assert _errors(tmp_path) == [
        "policies/islington/scenarios/wrong.md:12: expect › stage: "
        "the content would now teach Stage 2, not Stage 3"
    ]


def test_answers_that_no_longer_fit_are_rejected_at_their_line(tmp_path):
    _site_with(tmp_path, WRONG.replace("tried-1", "tried-9").replace("stage: 3", "stage: 2"))
    assert _errors(tmp_path) == [
        "policies/islington/scenarios/wrong.md:7: answers › progress: the answer 'tried-9' "
        "does not fit the question 'What has happened so far?' (it offers: nothing-yet, "
        "tried-1, tried-2, tried-3, tried-4, tried-5, not-sure): change the answers"
    ]


def test_key_text_the_outcome_does_not_show_is_rejected(tmp_path):
    _site_with(tmp_path, WRONG.replace("stage: 3", "stage: 2").replace("Reviewing", "Revewing"))
    assert _errors(tmp_path) == [
        "policies/islington/scenarios/wrong.md:13: expect › text: 'Independent Revewing "
        "Officer' is not in any fact this outcome shows: quote the policy's words"
    ]


def test_a_paragraph_the_policy_does_not_have_is_rejected(tmp_path):
    _site_with(tmp_path, WRONG.replace('"1.3"', '"9.9"').replace("stage: 3", "stage: 2"))
    assert _errors(tmp_path) == [
        "policies/islington/scenarios/wrong.md:3: based_on: the policy has no paragraph '{#9.9}'"
    ]
