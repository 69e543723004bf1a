"""Partnerships side by side: every pair, each side only its own facts, every quote cited."""

from __future__ import annotations

import itertools
import re

import pytest
from pages import read, text

from wizard.content import BUNDLED_SITE

SLUGS = ["brent", "havering", "islington", "lincolnshire", "staffordshire-stoke"]
PAIRS = list(itertools.permutations(SLUGS, 2))
QUOTE = re.compile(r"“(.*?)” \((?:para )?[^()]*(?:\([^()]*\))?[^()]*\)$")


def sides(html: str) -> list:
    tree = read(html)
    return [d for d in tree.iter("div") if "app-compare-side" in (d.get("class") or "")]


def policy_text(slug: str) -> str:
    raw = (BUNDLED_SITE / "policies" / slug / "policy.md").read_text()
    return " ".join(raw.replace('\\"', '"').split())


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_each_side_shows_only_its_own_partnerships_cited_words(client, a, b):
    html = client.get(f"/compare/{a}/{b}/").get_data(True)
    found = sides(html)
    assert found and {s.get("data-partnership") for s in found} == {a, b}
    for side in found:
        slug = side.get("data-partnership")
        source = policy_text(slug)
        for para in side.iter("p"):
            words = text(para)
            if not words.startswith("“"):
                continue
            links = [(x.get("href"), x.get("class") or "") for x in para.iter("a")]
            cites = [href for href, kind in links if "app-cite" in kind]
            assert cites and all(c.startswith(f"/{slug}/procedure/#") for c in cites), words
            # Any other link is a term's first use, to the general glossary: no partnership's.
            terms = [href for href, kind in links if "app-cite" not in kind]
            assert all(t.startswith("/glossary/#term-") for t in terms), words
            quoted = words[1 : words.rindex("”")]
            assert quoted in source, (slug, quoted[:80])


def test_choosing_is_plain_links(client):
    first = client.get("/compare/").get_data(True)
    assert 'href="/compare/islington/"' in first
    second = client.get("/compare/islington/").get_data(True)
    assert 'href="/compare/islington/brent/"' in second
    assert 'href="/compare/islington/islington/"' not in second


def test_a_partnership_compared_with_itself_is_not_found(client):
    assert client.get("/compare/brent/brent/").status_code == 404
