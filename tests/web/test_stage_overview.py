"""The stage overview on start pages, and 'Stage N of M' on stage outcomes."""

from __future__ import annotations

import re

import answers
import pytest
from pages import POLICE_HEALTH_PLAN, links, read, text

from wizard.content import anchor_id
from wizard.core.engine import answer
from wizard.core.flow import current_stage, reaching

SLUGS = ["brent", "havering", "islington", "lincolnshire", "staffordshire-stoke"]


def steps(html: str) -> list[str]:
    tree = read(html)
    return [text(li) for li in tree.iter("li") if li.get("class") == "app-step-nav__step"]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_stage_is_a_step_in_the_policys_words(client, site, slug):
    p = site.partnerships[slug]
    found = steps(client.get(f"/{slug}/").get_data(True))
    assert len(found) == len(p.stages)
    for step, stage in zip(found, p.stages, strict=True):
        assert stage.title in step
        assert stage.who.says in step
        for t in stage.timescales:
            assert t.words in step


@pytest.mark.parametrize("slug", SLUGS)
def test_each_step_links_to_its_stage_in_the_wizard_and_procedure(client, site, slug):
    p = site.partnerships[slug]
    html = client.get(f"/{slug}/").get_data(True)
    for stage in p.stages:
        state = answer(site.flow, p, reaching(p, stage))
        assert state.error is None
        assert current_stage(p, state.answers) == stage
        assert answers.path(slug, **reaching(p, stage)) in links(html)
        assert f"/{slug}/procedure/#{anchor_id(stage.cite)}" in links(html)
    for href in links(html):
        if href.startswith(f"/{slug}/check/"):
            assert client.get(href).status_code == 200


def test_stage_outcomes_say_which_stage_of_how_many(client):
    islington = answers.stage("islington", 2, **POLICE_HEALTH_PLAN)
    html = client.get(islington).get_data(True)
    assert re.search(r"<strong>Stage 2 of 5</strong>", html)
    html = client.get(
        answers.stage("lincolnshire", 4, variant="urgent", agency="schools")
    ).get_data(True)
    assert re.search(r"<strong>Step 4 of 4</strong>", html)
