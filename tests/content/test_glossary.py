"""The glossary: general explanations labelled as such, each partnership's own words cited."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import TODAY
from pages import ids, links, visible_text

from wizard.content import BUNDLED_SITE, inspect_site


def test_general_terms_are_labelled_as_general(client, site):
    html = client.get("/glossary/").get_data(True)
    for term in site.terms.values():
        assert f"term-{term.id}" in ids(html)
    assert visible_text(html).count("General explanation, not from a policy.") == len(site.terms)


def test_a_partnerships_own_definitions_are_quoted_and_cited(client):
    html = client.get("/islington/glossary/").get_data(True)
    assert "“Involved in the management and oversight of allegations" in visible_text(html)
    assert "/islington/procedure/#p-definitions" in links(html)
    assert {"term-lado", "general-lado"} <= set(ids(html))


def test_acronyms_the_policy_does_not_spell_out_stay_unsure(client):
    text = visible_text(client.get("/lincolnshire/glossary/").get_data(True))
    assert "LPFT The policy does not spell this out." in text
    assert "probably Lincolnshire Partnership NHS Foundation Trust" in text
    assert "LPFT: " not in text


def test_own_terms_appear_only_on_their_own_partnerships_page(client, site):
    for slug in site.partnerships:
        text = visible_text(client.get(f"/{slug}/glossary/").get_data(True))
        for other, terms in site.own_terms.items():
            for term in terms.values():
                if other != slug and term.id not in site.own_terms.get(slug, {}):
                    assert term.says not in text, (slug, term.id)


def test_every_glossary_link_on_a_scenario_lands_on_a_definition(client, site):
    checked = 0
    for slug, found in site.scenarios.items():
        targets = set(ids(client.get(f"/{slug}/glossary/").get_data(True)))
        for s in found.values():
            html = client.get(f"/{slug}/practice/{s.slug}/").get_data(True)
            for href in links(html):
                if href.startswith(f"/{slug}/glossary/#"):
                    assert href.split("#")[1] in targets
                    checked += 1
    assert checked >= 5


def test_check_rejects_a_glossary_link_to_an_undefined_term(tmp_path: Path):
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", tmp_path / "policies" / "brent")
    path = tmp_path / "policies" / "brent" / "scenarios" / "thresholds.md"
    path.write_text(re.sub(r"glossary:threshold", "glossary:thresholds", path.read_text()))
    line = (
        path.read_text()
        .split("\n")
        .index(next(x for x in path.read_text().split("\n") if "glossary:thresholds" in x))
    )
    _, problems = inspect_site(tmp_path, TODAY)
    errors = [p.render(tmp_path) for p in problems if not p.warning]
    assert len(errors) == 1
    assert errors[0].startswith(
        f"policies/brent/scenarios/thresholds.md:{line + 1}: the glossary link "
        "'glossary:thresholds' "
        "names a term the glossary does not define: use one of "
    )
