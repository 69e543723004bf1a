"""No sentence a reader meets is written outside the message catalogue (decision 28).

Three scans: the templates' text outside `_()` and `{% trans %}` (the publishers' pages
too), the Python string constants of the web layer and of the publishers' pages outside
`gettext`/`ngettext`/`N_`, and the browser scripts' string literals outside `_()`. What is
not for readers (class names, internal keys, errors for developers) is allowed by its exact
value, each with its reason. Every error page, for every code, says the catalogue's words
rather than Werkzeug's.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bundled
import pytest
from babel.messages.pofile import read_po
from conftest import ROOT
from flask import abort
from jinja2 import Environment
from pages import h1s, main_lines, visible_text
from werkzeug.exceptions import default_exceptions

TEMPLATES = ROOT / "templates"
WEB = ROOT / "wizard" / "web"
# What builds the publishers' pages: the sign-off pack and the usage report.
PUBLISHERS = [
    ROOT / "wizard" / "publish" / "signoff.py",
    *(ROOT / "wizard/publish/stats").glob("*.py"),
]
SCRIPTS = ROOT / "static" / "js"
WORDS = re.compile(r"[A-Za-z]{2,}")
SENTENCE = re.compile(r"[A-Za-z]{2,} [A-Za-z]")  # a literal with two words in it
# Python and script constants that are not reader-facing, each with its reason.
NOT_FOR_READERS = {
    "Resolving professional disagreements",  # SERVICE_NAME: a setting the publisher may change
    "EEEE d MMMM y",  # a CLDR date pattern
    "Change the language to English",  # the switch's words, in the language it leads to
    "Newid yr iaith i’r Gymraeg",  # ditto, in Welsh on every page
    "h:mm a",  # a CLDR time pattern
    "none stated",  # a timescale unit's value, tested for, never shown
    "not stated",  # the plan data's flag for bank holidays the policy is silent on
    "as soon as possible",  # a unit's value, compared with; shown through the catalogue
    "not a date",  # an error's key; its message is in the catalogue
    "not a time",  # ditto
    "outcome missing",  # ditto
    "outcome not a date",
    "outcome year",
    "disagreement missing",
    "disagreement not a date",
    "disagreement year",
    "a calendar with no events",  # an exception for developers
    "govuk-list govuk-list--bullet",  # class names
    "govuk-list govuk-list--number",
    "noopener noreferrer",  # a link's rel
    "govuk-tag app-previous",
    ".app-options a",  # a CSS selector
    "after day",  # a start's kind
    "next working day",  # a second reading's reason, a key
    "bank holidays count",  # ditto
    "working days",  # units, compared with
    "working weeks",
    "d MMMM y",  # CLDR date patterns
    "MMM y",
    "the compressed file ends too soon",  # why a log cannot be read: for the command line
}


def template_text(source: str) -> list[str]:
    """The words in a template that are outside `_()`, `{% trans %}`, tags, scripts and SVG."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    pieces, in_trans, block = [], False, []
    for _, kind, value in env.lex(source):
        if kind == "block_begin":
            block = []
        elif kind == "name" and not block:
            block.append(value)
            in_trans = {"trans": True, "endtrans": False}.get(value, in_trans)
        pieces.append(value if kind == "data" and not in_trans else "\x00")
    text = "".join(pieces)
    text = re.sub(r"<(script|svg|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text, flags=re.S)
    text = re.sub(r"&\w+;", " ", text)
    return [t.strip() for t in text.split("\x00") if WORDS.search(t)]


def python_literals(source: str) -> list[str]:
    """String constants with two words, outside docstrings, gettext calls and raise."""
    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and _name(node.func) in {"gettext", "ngettext", "N_", "_"}:
            skip.update(id(a) for a in node.args)
        if isinstance(node, ast.Raise):
            skip.update(id(n) for n in ast.walk(node))
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
        if SENTENCE.search(n.value) and not n.value.lstrip().startswith(("<", "{%"))
    ]


def _name(func: ast.expr) -> str:
    return getattr(func, "id", getattr(func, "attr", ""))


def script_literals(source: str) -> list[str]:
    """String literals with two words in a script, outside `_()`, comments and `throw`."""
    source = re.sub(r"^\s*//.*$", "", source, flags=re.M)
    source = re.sub(r"throw new Error\([^)]*\)", "", source)
    source = re.sub(r"\b_\(\s*(['`])(?:\\.|(?!\1).)*\1", "_(", source)
    found = re.findall(r"'((?:\\.|[^'\\\n])*)'|`((?:\\.|[^`\\])*)`", source)
    return [a or b for a, b in found if SENTENCE.search(a or b)]


def test_a_planted_sentence_is_found_by_every_scan():
    assert template_text('<p class="govuk-body">Call us today.</p>') == ["Call us today."]
    assert template_text('<p>{{ _("Call us today.") }}</p>') == []
    assert template_text("<p>{% trans %}Call us today.{% endtrans %}</p>") == []
    assert python_literals('X = f"Call us {n} times"') == ["Call us "]
    assert python_literals('X = gettext("Call us today")') == []
    assert script_literals("el.textContent = 'Call us today'") == ["Call us today"]
    assert script_literals("el.textContent = _('Call us today')") == []


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_every_template_sentence_comes_from_the_catalogue(path: Path):
    assert template_text(path.read_text()) == []


def test_the_web_layers_python_says_nothing_outside_the_catalogue():
    found = {
        f"{path.relative_to(ROOT)}: {text!r}"
        for path in sorted(WEB.rglob("*.py"))
        if "text" not in path.parts
        for text in python_literals(path.read_text())
        if text not in NOT_FOR_READERS
    }
    assert found == set()


def test_the_publishers_pages_python_says_nothing_outside_the_catalogue():
    found = {
        f"{path.relative_to(ROOT)}: {text!r}"
        for path in sorted(PUBLISHERS)
        for text in python_literals(path.read_text())
        if text not in NOT_FOR_READERS
    }
    assert found == set()


def test_the_browser_scripts_say_nothing_outside_the_catalogue():
    found = {
        f"{path.name}: {text!r}"
        for path in sorted(SCRIPTS.glob("*.js"))
        for text in script_literals(path.read_text())
        if text not in NOT_FOR_READERS
    }
    assert found == set()


def catalogue_sentences() -> set[str]:
    """Every message id in the committed catalogue."""
    with (ROOT / "locale" / "messages.pot").open("rb") as pot:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id}


@pytest.fixture(scope="module")
def erring_client():
    """The app with one more address, which answers with the error code it is given."""
    app = bundled.app()
    app.add_url_rule("/error/<int:code>/", "error", lambda code: abort(code))
    return app.test_client()


@pytest.mark.parametrize("code", sorted(default_exceptions))
def test_every_error_page_says_the_catalogues_words_not_werkzeugs(erring_client, code):
    markup = erring_client.get(f"/error/{code}/").get_data(as_text=True)
    werkzeug = default_exceptions[code]()
    heading, description = h1s(markup)[0], main_lines(markup)[1]
    assert {heading, description} <= catalogue_sentences()
    assert werkzeug.name not in visible_text(markup)
    assert werkzeug.description not in visible_text(markup)
