"""Every sentence in a page's <main> is the policy's words, a catalogue sentence or advice.

Under the test-only setting MARK_TEXT the catalogue wraps each sentence it returns in one
pair of invisible markers and every value a template prints from the partnership's files in
another; removing the marked runs from <main>'s visible text leaves nothing but punctuation.
"""

from __future__ import annotations

import re

import bundled
import pytest
from flask import render_template_string, url_for
from pages import visible_text

from wizard.web import urls
from wizard.web.text.catalogue import QUOTED, SENTENCE

RUN = re.compile(
    f"[{SENTENCE[0]}{QUOTED[0]}][^{SENTENCE[0]}{SENTENCE[1]}{QUOTED[0]}{QUOTED[1]}]*[{SENTENCE[1]}{QUOTED[1]}]"
)
# One page of each kind for each partnership: a wizard page's kind is its answers to the
# first three questions (the route, the concern, the stage reached) and how many it has.
PAGES_PER_KIND = 1


@pytest.fixture(scope="module")
def marked_app():
    return bundled.app(MARK_TEXT=True)


def main_text(html: str) -> str:
    """The visible text of the page's <main>."""
    return visible_text(html[html.index("<main") : html.index("</main>")])


def unclassified(text: str) -> str:
    """What is left once every marked run is removed: should be punctuation and spaces."""
    while RUN.search(text):
        text = RUN.sub(" ", text)
    return " ".join(re.findall(r"\S*[A-Za-z]{2,}\S*", text))


def _shape(answers: str | None) -> tuple[str, ...]:
    """A wizard page's kind, as far as its address tells: how many answers, which at each."""
    parts = (answers or "").split("/")
    return (str(len(parts)), *parts[:3]) if answers else ()


def addresses(app) -> list[str]:
    """A few addresses of every kind of page of every partnership."""
    seen: dict[tuple, int] = {}
    found = []
    with app.test_request_context():
        for endpoint, values in urls.every_page(app.extensions["site"]):
            key = (endpoint, values.get("slug"), *_shape(values.get("answers")))
            if seen.get(key, 0) < PAGES_PER_KIND and not endpoint.endswith(("_docx", "brand")):
                seen[key] = seen.get(key, 0) + 1
                found.append(url_for(endpoint, **values))
    return [a for a in found if not a.endswith((".xml", ".txt", ".json", ".ics"))]


def test_a_sentence_written_into_a_template_is_caught(marked_app):
    """A template with an English sentence outside the catalogue: the scan names it."""
    planted = '<main><p>{{ _("Continue") }} {{ name }}. Ring us now.</p></main>'
    with marked_app.test_request_context():
        html = render_template_string(planted, name="Stage 2")
        clean = render_template_string(planted.replace(" Ring us now.", ""), name="Stage 2")
    assert unclassified(main_text(html)) == "Ring us now."
    assert unclassified(main_text(clean)) == ""


def test_every_sentence_on_every_page_is_one_of_three_kinds(marked_app):
    client = marked_app.test_client()
    found = {}
    for address in addresses(marked_app):
        response = client.get(address)
        if response.mimetype != "text/html":
            continue
        left = unclassified(main_text(response.get_data(as_text=True)))
        if left:
            found[address] = left[:200]
    assert found == {}
    assert len(addresses(marked_app)) > 100  # every kind of page of every partnership
