"""Every sentence in a page's <main> is the policy's words, a catalogue sentence or advice.

Under the test-only setting MARK_TEXT the catalogue wraps each sentence it returns in one
pair of invisible markers and every value a template prints from the partnership's files in
another; removing the marked runs from <main>'s visible text leaves nothing but punctuation.
The same pages are checked as the live app serves them and as the static build writes them
(its own app and freezer, under a sub-path, with the same setting).
"""

from __future__ import annotations

import re
from pathlib import Path

import bundled
import pytest
from conftest import ROOT, SUB_URL, TODAY
from flask import render_template_string, url_for
from flask_frozen import Freezer
from jinja2 import ChoiceLoader, DictLoader
from pages import visible_text

from wizard.content import BUNDLED_SITE
from wizard.publish import freeze, parallel
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


def kinds(app) -> list[tuple[str, dict]]:
    """A few pages of every kind of every partnership, as (endpoint, values)."""
    seen: dict[tuple, int] = {}
    found = []
    with app.test_request_context():
        every = list(urls.every_page(app.extensions["site"]))
    for endpoint, values in every:
        key = (endpoint, values.get("slug"), *_shape(values.get("answers")))
        if seen.get(key, 0) < PAGES_PER_KIND and not endpoint.endswith(("_docx", "brand")):
            seen[key] = seen.get(key, 0) + 1
            found.append((endpoint, values))
    return found


def addresses(app) -> list[str]:
    """The addresses of those pages that are HTML."""
    with app.test_request_context():
        found = [url_for(endpoint, **values) for endpoint, values in kinds(app)]
    return [a for a in found if not a.endswith((".xml", ".txt", ".json", ".ics"))]


def static_app(out: Path, **settings):
    """The app a static build freezes, marking each kind of text, writing into `out`."""
    site = {"SITE": bundled.site(), "MARK_TEXT": True, **settings}
    return freeze._static_app(BUNDLED_SITE, out, SUB_URL, None, TODAY, **site)


def frozen(app, pages: list[tuple[str, dict]]) -> dict[str, str]:
    """Freeze these pages as the build does; each HTML file's <main> text, by its path."""
    listing = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    listing.register_generator(lambda: pages)
    parallel.freeze_pages(app, list(dict.fromkeys(listing.all_urls())), 1, lambda _: set())
    out = Path(app.config["FREEZER_DESTINATION"])
    freeze._write_404(app, out, SUB_URL)  # the page a static host serves for any other address
    return {str(f.relative_to(out)): main_text(f.read_text()) for f in out.rglob("*.html")}


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
    for address in [*addresses(marked_app), "/no-such-page/"]:  # the not-found page too
        response = client.get(address)
        if response.mimetype != "text/html":
            continue
        left = unclassified(main_text(response.get_data(as_text=True)))
        if left:
            found[address] = left[:200]
    assert found == {}
    assert len(addresses(marked_app)) > 100  # every kind of page of every partnership


def test_a_sentence_written_into_a_template_is_caught_in_the_static_site(tmp_path):
    """The glossary's template with an English sentence in it, frozen: the scan names it."""
    glossary = (ROOT / "templates" / "glossary.html").read_text()
    planted = glossary.replace("{% block content %}", "{% block content %}<p>Ring us now.</p>")
    app = static_app(tmp_path / "site")
    loaders = [DictLoader({"glossary.html": planted}), app.jinja_env.loader]
    app.jinja_env.loader = ChoiceLoader(loaders)
    pages = frozen(app, [("wizard.glossary_general", {})])
    left = {path: unclassified(text) for path, text in pages.items()}
    assert left == {"glossary/index.html": "Ring us now.", "404.html": ""}


def test_every_sentence_on_every_frozen_page_is_one_of_three_kinds(tmp_path):
    app = static_app(tmp_path / "site")
    pages = frozen(app, kinds(app))
    found = {path: left[:200] for path, text in pages.items() if (left := unclassified(text))}
    assert found == {}
    assert len(pages) > 100  # every kind of page of every partnership, as the build writes it
