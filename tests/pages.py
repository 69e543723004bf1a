"""Helpers to read rendered pages the way a person (or screen reader) would."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import html5lib
from answers import path, stage
from lxml import etree

# The stage page of the page-level tests: Islington Stage 2, for a police officer disagreeing
# with health (role table, duties, a form).
POLICE_HEALTH_PLAN = {"agency": "police", "other_agency": "health"}
ISLINGTON_STAGE_2 = stage("islington", 2, **POLICE_HEALTH_PLAN)

# One address per page type: every page-level test and benchmark covers each of them.
PAGE_TYPES = {
    "home": "/",
    "start": "/islington/",
    "procedure": "/islington/procedure/",
    "flowchart": "/staffordshire-stoke/flowchart/",
    "content page": "/pages/accessibility/",
    "question": "/islington/check/",
    "question with error": "/islington/check/?answer=",
    "long question": path("lincolnshire", risk="no", concern="disagreement", progress="tried-2"),
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

# More pages a screen reader is checked on: stage outcomes of other partnerships (one with a
# form, one with details to send by email), and a procedure whose flowchart boxes have titles.
MORE_PAGES = {
    "stage with a form": stage("staffordshire-stoke", 3, missing="yes"),
    "stage of another partnership": stage("brent", 3),
    "stage with something to send": stage("havering", 4),
    "procedure with a flowchart": "/staffordshire-stoke/procedure/",
}


SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str):
    """Parse as a browser would; html5lib reports markup errors it had to recover from."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    return parser.parse(markup), parser.errors


def read(markup: str):
    """The tree `parse` gives for well-formed markup, thirty times faster (lxml, in C).

    For reading text off the many pages a test walks; `parse` still judges the markup.
    SVG elements carry their namespace, as html5lib gives them.
    """
    tree = _lxml(markup)
    for svg in tree.iter("svg"):
        for element in svg.iter():
            if isinstance(element.tag, str) and not element.tag.startswith("{"):
                element.tag = SVG + element.tag
    return tree


def _lxml(markup: str):
    """libxml2's tree of a page, its root the html element."""
    # Plain elements, not lxml.html's: those ask a Python function for their class each time
    # one is reached (2.6 million calls in the tests that read every outcome).
    tree = etree.HTML(markup)
    if tree is None:
        raise ValueError("no markup to read")
    return tree


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def h1s(markup: str) -> list[str]:
    tree = read(markup)
    return [text(h) for h in tree.iter("h1")]


def title(markup: str) -> str:
    tree = read(markup)
    return text(tree.find(".//title"))


def links(markup: str) -> list[str]:
    tree = read(markup)
    return [a.get("href") for a in tree.iter("a") if a.get("href")]


def ids(markup: str) -> list[str]:
    tree = read(markup)
    return [e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")]


def headings(markup: str) -> list[tuple[int, str]]:
    """(level, text) of each heading in <main> a screen reader meets, in order.

    Leaves out hidden elements, and GOV.UK error summaries, which by design come before the
    h1 and take the focus when a page reports an error.
    """
    tree = read(markup)

    def walk(element):
        if not isinstance(element.tag, str) or element.get("hidden") is not None:
            return
        if "govuk-error-summary" in (element.get("class") or "").split():
            return
        if re.fullmatch(r"h[1-6]", element.tag):
            yield int(element.tag[1]), text(element)
            return
        for child in element:
            yield from walk(child)

    main = tree.find(".//main")
    return list(walk(main)) if main is not None else []


def empty_links(markup: str) -> list[str]:
    """Each link, hidden or not, that has no text, label or image text to name it."""
    tree = read(markup)
    return [
        a.get("href")
        for a in tree.iter("a")
        if a.get("href") is not None
        and not text(a)
        and not (a.get("aria-label") or "").strip()
        and not any((img.get("alt") or "").strip() for img in a.iter("img"))
    ]


# A paragraph or block whose whole content is one bold run.
BOLD_BLOCK = re.compile(
    r"<(p|div)\b[^>]*>\s*<(strong|b)\b[^>]*>((?:(?!</?(?:p|div|strong|b)\b).)*?)</\2>\s*</\1>",
    re.S,
)


def bold_lines(markup: str) -> list[str]:
    """Text that looks like a heading but is not one: a block whose whole content is bold.

    A whole sentence in bold (a policy's emphasis, ending . ! or ?) is not a heading.
    """
    found = []
    for match in BOLD_BLOCK.finditer(markup):
        words = " ".join(unescape(re.sub(r"<[^>]+>", "", match[3])).split())
        if not words.endswith((".", "!", "?")):
            found.append(words)
    return found


def visible_text(markup: str) -> str:
    """The words a page shows, blocks apart and inline elements run together, spaces collapsed."""
    if not markup.lstrip().startswith("<"):
        # Text before any tag: lxml would put it in a paragraph, and so space it.
        return _parsed_text(markup)
    parts: list[str] = []

    def collect(element) -> None:
        if isinstance(element.tag, str):  # not a comment: its tail is still text
            block = element.tag in BLOCKS
            parts.append(" " if block else "")
            if element.text and element.tag not in UNSHOWN:
                parts.append(element.text)
            for child in element:
                collect(child)
            parts.append(" " if block else "")
        if element.tail:
            parts.append(element.tail)

    collect(_lxml(markup))
    # Inline elements (a glossary link inside a quote) add no space; blocks separate words.
    return re.sub(r"\s+", " ", "".join(parts))


def _parsed_text(markup: str) -> str:
    """`visible_text` by Python's own parser, for markup that starts with text."""

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.skip = [], 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag in UNSHOWN
            self.parts.append(" " if tag in BLOCKS else "")

        def handle_endtag(self, tag):
            self.skip -= tag in UNSHOWN
            self.parts.append(" " if tag in BLOCKS else "")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    collector = Collector()
    collector.feed(markup)
    return re.sub(r"\s+", " ", "".join(collector.parts))


UNSHOWN = frozenset(["script", "style", "title"])
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
    tree = read(markup)

    def walk(element) -> str:
        if not isinstance(element.tag, str):
            return element.tail or ""
        if element.get("hidden") is not None or element.tag in ("script", "style", "title"):
            return element.tail or ""
        inner = (element.text or "") + "".join(walk(child) for child in element)
        return f" {inner} {element.tail or ''}"

    return re.sub(r"\s+", " ", walk(tree))


def main_lines(markup: str) -> list[str]:
    """The text of `<main>`, one line per block: folded text in, elements marked `hidden` out."""
    tree = read(markup)
    main = tree.find(".//main")
    lines: list[str] = [""]

    def walk(element) -> None:
        if not isinstance(element.tag, str):
            lines[-1] += element.tail or ""
            return
        if element.tag in ("script", "style", "template") or element.get("hidden") is not None:
            lines[-1] += element.tail or ""
            return
        block = element.tag in BLOCKS
        if block:
            lines.append("")
        lines[-1] += element.text or ""
        for child in element:
            walk(child)
        if block:
            lines.append("")
        lines[-1] += element.tail or ""

    if main is not None:
        walk(main)
    return [" ".join(line.split()) for line in lines if line.strip()]


SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
CITATION = re.compile(r"\((?:para )?[\w.–-]+\)")


def sentences(markup: str, least: int = 8) -> list[str]:
    """Each sentence of `<main>` of `least` words or more, citations left out."""
    found = []
    for line in main_lines(markup):
        for part in SENTENCE_END.split(line):
            bare = CITATION.sub("", part).strip(' “”".,:;!?')
            if len(WORD.findall(bare)) >= least:
                found.append(" ".join(bare.split()))
    return found


def repeated_sentences(markup: str) -> dict[str, int]:
    """Sentences of eight words or more that `<main>` holds more than once, with their count."""
    counts: dict[str, int] = {}
    for s in sentences(markup):
        counts[s] = counts.get(s, 0) + 1
    return {s: n for s, n in counts.items() if n > 1}
