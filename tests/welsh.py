"""The bilingual site's pages in English and Welsh, and how a Welsh page is read."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from conftest import BILINGUAL, TODAY
from flask import Flask, url_for

from wizard.web import urls
from wizard.web.app import create_app

# Words of English a Welsh sentence never holds: one of them outside lang="en" is English the
# interface let through.
ENGLISH = frozenset(
    {"the", "and", "your", "you", "what", "which", "this", "that", "with", "for", "from",
     "when", "who", "will", "must", "should", "page", "policy", "agency", "stage", "deadline",
     "answer", "answers", "question", "back", "start", "change", "continue", "print", "record",
     "date", "dates", "day", "days", "working", "by", "of", "to", "are"}
)  # fmt: skip
WORD = re.compile(r"[A-Za-zÀ-ÿŵŷŴŶ’']+")
# Not read as running text (the flowchart's drawing has its words beside it).
SKIPPED = frozenset({"script", "style", "title", "svg"})
VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"})


@cache
def app(**config) -> Flask:
    """The bilingual site's app: Cwm Ffug (its policy in Welsh too) and Afonlas (English only)."""
    return create_app({"TESTING": True, "SITE_DIR": BILINGUAL, "TODAY": TODAY, **config})


def kinds() -> dict[str, str]:
    """One English address of each kind of page of each partnership, and the site-wide ones."""
    found: dict[tuple, str] = {}
    site = app().extensions["site"]
    with app().test_request_context():
        for endpoint, values in urls.every_page(site):
            answers = values.get("answers", "")
            shape = (endpoint, values.get("slug"), answers.count("/"), answers.split("/")[:2][-1:])
            key = tuple(str(part) for part in shape)
            if endpoint in urls.UNTRANSLATED or endpoint.endswith("_docx"):
                continue
            found.setdefault(key, url_for(endpoint, **values))
    return {" ".join(k): v for k, v in found.items()}


def welsh(address: str) -> str:
    """The Welsh address of an English page."""
    return "/cy" + address


class _Reader(HTMLParser):
    """The text a screen reader reads in each language, by the nearest lang attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.langs: list[str] = []
        self.skipped = 0
        self.text: dict[str, list[str]] = {}
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        given = dict(attrs)
        self.langs.append(given.get("lang") or (self.langs[-1] if self.langs else ""))
        self.skipped += tag in SKIPPED
        self.tags.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID or not self.tags:
            return
        while self.tags:  # close what the page left open, as a browser would
            self.skipped -= self.tags[-1] in SKIPPED
            self.langs.pop()
            if self.tags.pop() == tag:
                break

    def handle_data(self, data):
        if not self.skipped and data.strip():
            self.text.setdefault(self.langs[-1] if self.langs else "", []).append(data)


def read_as(markup: str) -> dict[str, str]:
    """The page's text by the language it is marked as: {'cy': ..., 'en': ...}."""
    reader = _Reader()
    reader.feed(markup)
    return {lang[:2]: " ".join(parts) for lang, parts in reader.text.items()}


def english_words(text: str) -> list[str]:
    """The English words in a text meant to be Welsh."""
    return [w for w in WORD.findall(text) if w.lower() in ENGLISH]


def structure(markup: str) -> list[str]:
    """The page's elements in order, with their ids and classes: what a translation keeps."""
    tags = re.findall(r"<([a-z][a-z0-9]*)\b([^>]*)>", markup)
    shape = []
    for tag, attrs in tags:
        if re.search(r'\blang="en"', attrs) and tag in ("span", "div"):
            continue  # an English-only policy's words, marked on the Welsh page
        if tag in ("text", "tspan") or "app-term" in attrs:
            continue  # a drawing's lines and glossary links follow the words, not the page
        ident = re.search(r'\bid="([^"]*)"', attrs)
        classes = re.search(r'\bclass="([^"]*)"', attrs)
        shape.append(f"{tag}#{ident[1] if ident else ''}.{classes[1] if classes else ''}")
    return shape
