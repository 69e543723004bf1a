"""Search engines: indexable pages describe themselves from the content; the rest are noindex."""

from __future__ import annotations

import answers
import pytest
from pages import POLICE_HEALTH_PLAN, read

INDEXABLE = {
    "home": ("/", "Covers Brent Local Safeguarding Children Board"),
    "start": ("/islington/", "Islington Safeguarding Children Partnership: resolve"),
    "procedure": ("/brent/procedure/", "The full text of Inter-Agency Escalation Policy"),
    "content page": ("/pages/about/", "What this tool is for, where its facts come from"),
}
NOINDEX = {
    "question": "/islington/check/",
    "emergency": answers.path("islington", risk="yes"),
    "exit": answers.path("islington", risk="no", concern="conduct"),
    "concern help": answers.path("islington", risk="no", concern="not-sure"),
    "stage": answers.stage("islington", 2, **POLICE_HEALTH_PLAN),
    "beyond": answers.path("islington", risk="no", concern="disagreement", progress="tried-5"),
}


def metas(client, path: str) -> dict[str, str]:
    tree = read(client.get(path).get_data(as_text=True))
    return {m.get("name"): m.get("content") for m in tree.iter("meta") if m.get("name")}


@pytest.mark.parametrize("name", INDEXABLE)
def test_indexable_pages_have_a_description_from_their_content(client, name):
    path, expected = INDEXABLE[name]
    found = metas(client, path)
    assert "robots" not in found
    assert expected in found["description"]


def test_descriptions_differ_between_partnerships(client):
    assert metas(client, "/brent/")["description"] != metas(client, "/havering/")["description"]


@pytest.mark.parametrize("name", NOINDEX)
def test_questions_and_outcomes_are_noindex(client, name):
    assert metas(client, NOINDEX[name])["robots"] == "noindex"
