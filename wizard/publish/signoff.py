"""The sign-off pack: every distinct outcome a reader can reach, each recorded problem, signatures.

Outcomes are the pages the static site publishes, rendered by the app itself, so a board signs
what readers will see. Pages that differ only in the answers that led to them are shown once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from flask import Flask, g, render_template

from wizard import clock
from wizard.content import anchor_id
from wizard.core.engine import OutcomeKind, State, walk
from wizard.core.paragraphs import ALL, DIMENSIONS, ROUTES, Entry, ParagraphMap
from wizard.core.policy import Partnership, SourceProblem, review_overdue
from wizard.publish.htmlclean import Relink, for_paper
from wizard.web import urls
from wizard.web.app import create_app
from wizard.web.pages.guidance import chart
from wizard.web.text import catalogue, dates, english, languages
from wizard.web.text.catalogue import N_, SOURCE, English, gettext

MAIN = re.compile(r"<main\b[^>]*>(.*?)</main>", re.S)
ANSWERS = re.compile(r"<h2[^>]*>\s*Your answers\s*</h2>\s*<dl\b.*?</dl>", re.S)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(?:p|h[1-6]|dt|dd|li|tr|th|td|caption|blockquote|div)>|<br>")
KINDS = [
    OutcomeKind.EMERGENCY,
    OutcomeKind.EXIT,
    OutcomeKind.CONCERN_HELP,
    OutcomeKind.STAGE,
    OutcomeKind.BEYOND,
]


@dataclass
class Page:
    """One distinct outcome page, and every path of answers that leads to it."""

    heading: str
    html: str
    family: tuple[int, int, str]
    first_seen: int
    paths: list[str] = field(default_factory=list)
    sentences: set[str] = field(default_factory=set)  # the catalogue's, as message ids

    def lines(self) -> list[str]:
        """The page's text, a line per paragraph, row or heading."""
        text = TAGS.sub(" ", BLOCK_END.sub("\n", self.html))
        return [line for line in (" ".join(part.split()) for part in text.split("\n")) if line]


@dataclass(frozen=True)
class Variation:
    """A page of the same family as another, told by what it shows differently."""

    paths: list[str]
    changes: list[tuple[list[str], list[str]]]  # (the first page's lines, this page's lines)


@dataclass(frozen=True)
class Family:
    """The pages of one outcome (an exit, a stage, ...): the first in full, the rest as changes."""

    first: Page
    variations: list[Variation]
    sentences: frozenset[str] = frozenset()  # the catalogue's, used by any of its pages

    @classmethod
    def of(cls, pages: list[Page]) -> Family:
        """The family of these pages, compared line by line with the first."""
        base = pages[0].lines()
        variations = [Variation(p.paths, _changes(base, p.lines())) for p in pages[1:]]
        return cls(pages[0], variations, frozenset().union(*(p.sentences for p in pages)))


def _changes(base: list[str], other: list[str]) -> list[tuple[list[str], list[str]]]:
    matcher = difflib.SequenceMatcher(None, base, other, autojunk=False)
    return [
        (base[i1:i2], other[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    ]


@dataclass(frozen=True)
class MapRow:
    """One line of the paragraph map, as the board approves it."""

    cite: str  # the paragraph's anchor, or the form's
    what: str  # 'para 3.9', 'Definitions: "Complaints: …"', 'Form: … (fields)'
    where: list[str]  # the outcomes that show it, each in words
    reason: str | None  # why it is on the procedure page only
    tell: str | None = None


PLACE_WORDS = {
    "emergency": N_("the emergency page"),
    "conduct": N_("the conduct exit"),
    "complaint": N_("the complaints exit"),
    "whistleblowing": N_("the whistleblowing exit"),
    "policy": N_("the policy-matters exit"),
    "concern-help": N_("the 'which procedure fits' page"),
    "beyond": N_("the 'every stage tried' page"),
}


def map_rows(m: ParagraphMap | None, p: Partnership) -> list[MapRow]:
    """The map in the order it is written, each entry in words."""
    return [] if m is None else [_row(e, p) for e in m.entries]


def _row(e: Entry, p: Partnership) -> MapRow:
    if e.form is not None:
        form = p.form(e.form)
        fields = e.fields or tuple(f for s in form.sections for f in s.fields) if form else ()
        title = form.title if form else e.form
        what = gettext("Form: %(form)s (%(fields)s)", form=title, fields="; ".join(fields))
        cite = form.cite if form else ""
    else:
        what = e.paragraph or ""
        what = gettext("%(paragraph)s: “%(part)s”", paragraph=what, part=e.part) if e.part else what
        cite = e.paragraph or ""
    where = [_condition(c, p) for c in e.applies]
    return MapRow(cite, what, where, e.procedure_only, e.tell)


def _condition(condition, p: Partnership) -> str:
    order = [ALL, *DIMENSIONS["stage"].values(p), *ROUTES]
    return ", ".join(
        _part(name, sorted(values, key=lambda v: order.index(v) if v in order else len(order)), p)
        for name, values in condition.items()
    )


def _part(name: str, listed: list[str], p: Partnership) -> str:
    """One dimension of a condition, in words: 'Stage 2, 3', 'the conduct exit'."""
    word = p.partnership.stage_word
    if name == "stage" and ALL in listed:
        return gettext("every %(stage_word)s page", stage_word=word.lower())
    if name == "stage":
        return gettext("%(stage_word)s %(stages)s", stage_word=word, stages=", ".join(listed))
    if name == "route":
        return ", ".join(gettext(PLACE_WORDS[v]) if v in PLACE_WORDS else v for v in listed)
    if name == "agency":
        names = gettext(" or ").join(a.name for a in p.agencies if a.id in listed)
        return gettext("where %(agencies)s is one of the agencies", agencies=names)
    if name == "child":
        return gettext("if the child is on a Child Protection Plan or Looked After")
    return f"{name}: {', '.join(listed)}"


@dataclass(frozen=True)
class Pack:
    """Everything the sign-off document shows."""

    partnership: Partnership
    families: list[Family]
    problems: list[SourceProblem]
    procedure: str
    built: str
    overdue: bool
    paragraph_map: list[MapRow] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many distinct outcome pages there are."""
        return sum(1 + len(f.variations) for f in self.families)

    def sentences(self) -> list[tuple[str, list[str]]]:
        """Each catalogue sentence the pages use, once, with the headings of the pages using it."""
        used: dict[str, list[str]] = {}
        for f in self.families:
            for message in f.sentences:
                used.setdefault(message, []).append(f.first.heading)
        return sorted((m, list(dict.fromkeys(pages))) for m, pages in used.items())

    @property
    def paths(self) -> int:
        """How many paths of answers lead to them."""
        return sum(
            len(f.first.paths) + sum(len(v.paths) for v in f.variations) for f in self.families
        )


def build(app: Flask, slug: str, today: date, lang: str = SOURCE) -> Pack:
    """Render every outcome of one partnership, in `lang`, through the app: the pack."""
    site = languages.localized(app.extensions["site"], lang)
    p = site.partnerships[slug]
    with app.test_request_context():
        g.lang = lang  # every address built here is the page in that language
        relink = _relinker(urls.procedure(slug))
        pages = _pages(app, p, list(walk(site.flow, p)), relink)
        # The pages' requests share this context's `g`: the pack's own words are not marked.
        g.lang, g.english_words = lang, False
        body = for_paper(chart.procedure_body(p, site.procedures[slug].markdown), relink)
        built = dates.long_date(today)
        rows = map_rows(site.maps.get(slug), p)
    if lang != SOURCE:  # the map's reasons are written in English, for publishers
        rows = [replace(r, reason=English(r.reason)) if r.reason else r for r in rows]
    overdue = review_overdue(p.document, today)
    return Pack(p, _families(pages), p.all_problems(), body, built, overdue, rows)


def _families(pages: list[Page]) -> list[Family]:
    """Pages of the same outcome together, in the order a reader meets them."""
    families: dict[tuple, list[Page]] = {}
    for page in sorted(pages, key=lambda page: (page.family, page.first_seen)):
        families.setdefault(page.family, []).append(page)
    return [Family.of(members) for members in families.values()]


def _pages(app: Flask, p: Partnership, states: list[State], relink: Relink) -> list[Page]:
    """Each distinct outcome page; pages whose text is the same are one page."""
    client, found = app.test_client(), {}
    for index, state in enumerate(s for s in states if s.outcome is not None):
        with catalogue.recording() as heard:
            page = client.get(urls.check(p.slug, state.segments)).get_data(as_text=True)
        html = for_paper(ANSWERS.sub("", MAIN.search(page)[1]), relink)
        key = _text(html)
        if key not in found:
            found[key] = Page(_text(H1.search(html)[1]), html, _family(p, state), index)
        found[key].paths.append(" › ".join(option.label for _, option in state.answered))
        found[key].sentences |= heard
    return list(found.values())


def _family(p: Partnership, state: State) -> tuple[int, int, str]:
    outcome = state.outcome
    if outcome.kind is OutcomeKind.STAGE:
        keys = [s.key for s in p.stages]
        return KINDS.index(outcome.kind), keys.index(outcome.stage.key), outcome.stage.key
    return KINDS.index(outcome.kind), 0, outcome.exit or ""


def _text(html: str) -> str:
    return " ".join(TAGS.sub(" ", html).split())


def _relinker(procedure_url: str) -> Relink:
    """Citations point into the pack's copy of the procedure; other site links become text."""

    def relink(href: str) -> str | None:
        if href.startswith(procedure_url + "#"):
            return href[len(procedure_url) :]
        if href.startswith(("#", "mailto:", "tel:", "https://", "http://")):
            return href
        return None

    return relink


def write(
    site_dir: Path, slug: str, out: Path, today: date | None = None, lang: str = SOURCE
) -> Pack:
    """Write the pack, in `lang`, as one self-contained, print-ready HTML file."""
    today = clock.today(today)
    app = create_app(
        {
            "SITE_DIR": site_dir,
            "STATIC_SITE": True,  # timescales in words, as on paper: no plan dated from today
            "PARTNERSHIPS": [slug],
            "TODAY": today,
            "PAGE_CACHE_SIZE": 0,
        }
    )
    pack = build(app, slug, today, lang)
    with app.test_request_context():
        g.lang, g.english_words = lang, lang != SOURCE  # a policy's English words marked so
        html = render_template("signoff.html", pack=pack, anchor=anchor_id)
        out.write_text(english.mark_english(html) if lang != SOURCE else html, encoding="utf-8")
    return pack
