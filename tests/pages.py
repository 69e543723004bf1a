"""Helpers to read rendered pages the way a person (or screen reader) would."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import html5lib
from answers import path, stage

# The stage page of the page-level tests: Islington Stage 2, for a police officer disagreeing
# with health about a child on a Child Protection Plan.
POLICE_HEALTH_PLAN = {
    "urgency": "ordinary",
    "agency": "police",
    "other_agency": "health",
    "child": "yes",
}
# One address per page type: every page-level test and benchmark covers each of them.
PAGE_TYPES = {
    "home": "/",
    "start": "/islington/",
    "procedure": "/islington/procedure/",
    "flowchart": "/staffordshire-stoke/flowchart/",
    "content page": "/pages/accessibility/",
    "question": "/islington/check/",
    "question with error": "/islington/check/?answer=",
    "long question": stage("lincolnshire", 3),
    "emergency": path("staffordshire-stoke", risk="yes"),
    "exit": path("havering", risk="no", concern="conduct"),
    "concern help": path("islington", risk="no", concern="not-sure"),
    "stage": stage("islington", 2, **POLICE_HEALTH_PLAN),
    "stage with variants": stage("lincolnshire", 4, variant="urgent", agency="schools"),
    "beyond": path("brent", risk="no", concern="disagreement", progress="tried-5"),
    "record": stage("islington", 2, **POLICE_HEALTH_PLAN) + "record/",
    "form": "/staffordshire-stoke/forms/formal-escalation/",
    "practice list": "/islington/practice/",
    "practice question": "/islington/practice/conference-refused/",
    "practice answer": "/islington/practice/conference-refused/stage-1/",
    "glossary": "/lincolnshire/glossary/",
    "general glossary": "/glossary/",
    "compare choose": "/compare/islington/",
    "compare": "/compare/lincolnshire/staffordshire-stoke/",
    "roles": "/lincolnshire/roles/",
    "roles for one agency": "/islington/roles/lbi-csc-asc/",
    "not found": "/nowhere/",
}


def parse(markup: str):
    """Parse as a browser would; html5lib reports markup errors it had to recover from."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    return parser.parse(markup), parser.errors


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def h1s(markup: str) -> list[str]:
    tree, _ = parse(markup)
    return [text(h) for h in tree.iter("h1")]


def title(markup: str) -> str:
    tree, _ = parse(markup)
    return text(tree.find(".//title"))


def links(markup: str) -> list[str]:
    tree, _ = parse(markup)
    return [a.get("href") for a in tree.iter("a") if a.get("href")]


def ids(markup: str) -> list[str]:
    tree, _ = parse(markup)
    return [e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")]


def visible_text(markup: str) -> str:
    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in ("script", "style", "title")
            self.parts.append(" " if tag in BLOCKS else "")

        def handle_endtag(self, tag):
            self.skip -= tag in ("script", "style", "title")
            self.parts.append(" " if tag in BLOCKS else "")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    collector = Collector()
    collector.feed(markup)
    # Inline elements (a glossary link inside a quote) add no space; blocks separate words.
    return re.sub(r"\s+", " ", "".join(collector.parts))


BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "input",
        "label",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)


def shown_text(markup: str) -> str:
    """The text a person sees: as visible_text, leaving out elements marked `hidden`."""
    tree, _ = parse(markup)

    def walk(element) -> str:
        if not isinstance(element.tag, str):
            return element.tail or ""
        if element.get("hidden") is not None or element.tag in ("script", "style", "title"):
            return element.tail or ""
        inner = (element.text or "") + "".join(walk(child) for child in element)
        return f" {inner} {element.tail or ''}"

    return re.sub(r"\s+", " ", walk(tree))
