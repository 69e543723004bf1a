"""The paragraph map: which of a policy's paragraphs each outcome shows, or why none does.

A map entry attaches a paragraph (or a form's fields) to outcomes through conditions. A
condition names dimensions (stage, route, agency, child) and the values each accepts; it
holds when every dimension it names holds. A dimension is a small object in DIMENSIONS, so
a new one (an urgency tier, an area) costs one class and one entry there. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from wizard.core.engine import State
from wizard.core.flow import NOT_SURE, OutcomeKind, Q
from wizard.core.policy import Partnership

ANCHOR = re.compile(r"\{#([^{}\n]+?)\}")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
BULLET = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s")
RULE = re.compile(r"^\s*([*_-]\s*){3,}$")
ALL = "all"
CP_OR_LAC = "cp-or-lac"
# Outcomes other than a stage, by the name a condition's 'route' uses.
ROUTES = ("emergency", "conduct", "complaint", "whistleblowing", "policy", "concern-help", "beyond")


@dataclass(frozen=True)
class Situation:
    """What an outcome page is about, as the map's dimensions read it."""

    route: str  # 'stage', or one of ROUTES
    stage: str | None = None  # the stage's key ('2', '4-urgent')
    number: int | None = None
    agencies: frozenset[str] = frozenset()  # agency ids of the sides that are known
    agency_unknown: bool = True  # a side's agency was not asked or not known
    child: str | None = None  # the child's status: the wizard does not ask it


def situation(state: State) -> Situation:
    """The situation of the outcome a state reached."""
    outcome, a = state.outcome, state.answers
    assert outcome is not None
    if outcome.kind is OutcomeKind.EXIT:
        return Situation(outcome.exit or "")
    if outcome.kind is not OutcomeKind.STAGE or outcome.stage is None:
        return Situation(outcome.kind.value)
    ids = [a.get(Q.AGENCY), a.get(Q.OTHER_AGENCY)]
    known = frozenset(i for i in ids if i and state.partnership.agency(i))
    unknown = any(not i or not state.partnership.agency(i) for i in ids)
    stage = outcome.stage
    return Situation("stage", stage.key, stage.number, known, unknown)


class Dimension:
    """One key a condition may name: the values it accepts, and whether a situation meets it."""

    name = ""

    def values(self, p: Partnership) -> list[str]:
        """Every value this dimension accepts for this partnership."""
        raise NotImplementedError

    def holds(self, values: frozenset[str], s: Situation) -> bool | None:
        """True or False, or None where the answers do not say."""
        raise NotImplementedError

    def unknown(self, values: frozenset[str], p: Partnership) -> str:
        """What the page says when the answers do not say whether this holds."""
        return ""


class StageDimension(Dimension):
    """'stage': stage numbers, stage keys ('4-urgent') or 'all'."""

    name = "stage"

    def values(self, p: Partnership) -> list[str]:
        """'all', each stage number and each variant's key."""
        numbers = [str(n) for n in p.stage_numbers()]
        return [ALL, *numbers, *(s.key for s in p.stages if s.key not in numbers)]

    def holds(self, values: frozenset[str], s: Situation) -> bool | None:
        """On a stage page, when the stage, its number or 'all' is listed."""
        if s.route != "stage":
            return False
        return bool({ALL, s.stage, str(s.number)} & values)


class RouteDimension(Dimension):
    """'route': the emergency page, an exit, 'concern-help' or 'beyond'."""

    name = "route"

    def values(self, p: Partnership) -> list[str]:
        """Every outcome that is not a stage."""
        return list(ROUTES)

    def holds(self, values: frozenset[str], s: Situation) -> bool | None:
        """When the page is one of these routes."""
        return s.route in values


class AgencyDimension(Dimension):
    """'agency': either side of the disagreement is one of these agencies."""

    name = "agency"

    def values(self, p: Partnership) -> list[str]:
        """The agency ids of the policy's role table."""
        return [a.id for a in p.agencies]

    def holds(self, values: frozenset[str], s: Situation) -> bool | None:
        """True when a known side is listed; unknown when a side is not known."""
        if s.agencies & values:
            return True
        return None if s.agency_unknown else False

    def unknown(self, values: frozenset[str], p: Partnership) -> str:
        """'If Health or Police is involved'."""
        names = [a.name for a in p.agencies if a.id in values]
        return f"If {' or '.join(names)} is one of the agencies"


class ChildDimension(Dimension):
    """'child': 'cp-or-lac', a child on a Child Protection Plan or Looked After."""

    name = "child"

    def values(self, p: Partnership) -> list[str]:
        """The one status the wizard asks about."""
        return [CP_OR_LAC]

    def holds(self, values: frozenset[str], s: Situation) -> bool | None:
        """From the answer about the child; unknown if not asked or not sure."""
        if s.child in (None, NOT_SURE):
            return None
        return s.child == "yes"

    def unknown(self, values: frozenset[str], p: Partnership) -> str:
        """The condition in words."""
        return "If the child is on a Child Protection Plan or Looked After"


DIMENSIONS: dict[str, Dimension] = {
    d.name: d for d in (StageDimension(), RouteDimension(), AgencyDimension(), ChildDimension())
}
# A condition names where it applies with one of these; the others narrow it.
PLACES = ("stage", "route")

Condition = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Entry:
    """One line of the map: a paragraph (or part of one), or a form's fields, and where it shows."""

    paragraph: str | None = None
    part: str | None = None  # words of the paragraph, when only they apply
    form: str | None = None
    fields: tuple[str, ...] = ()  # the form's fields this entry covers; all when empty
    applies: tuple[Condition, ...] = ()
    procedure_only: str | None = None  # why no outcome shows it
    tell: str | None = None  # someone the paragraph says to tell, as the summary names them


@dataclass(frozen=True)
class ParagraphMap:
    """A partnership's map, in the order it is written."""

    entries: tuple[Entry, ...] = ()

    def paragraph_entries(self) -> list[Entry]:
        """The entries for paragraphs."""
        return [e for e in self.entries if e.paragraph is not None]

    def form_entries(self) -> list[Entry]:
        """The entries for forms."""
        return [e for e in self.entries if e.form is not None]


@dataclass(frozen=True)
class Attached:
    """An entry an outcome shows, and the conditions the answers leave open."""

    entry: Entry
    unless: tuple[str, ...] = field(default_factory=tuple)  # e.g. 'If the child is ...'


def attached(m: ParagraphMap, p: Partnership, s: Situation) -> list[Attached]:
    """Every entry that applies to this situation, in map order."""
    found = []
    for entry in m.entries:
        best: tuple[str, ...] | None = None
        for condition in entry.applies:
            open_ = _open(condition, p, s)
            if open_ is not None and (best is None or len(open_) < len(best)):
                best = open_
        if best is not None:
            found.append(Attached(entry, best))
    return found


def _open(condition: Condition, p: Partnership, s: Situation) -> tuple[str, ...] | None:
    """None if the condition fails; else what the answers leave unknown."""
    unknown = []
    for name, values in condition.items():
        holds = DIMENSIONS[name].holds(values, s)
        if holds is False:
            return None
        if holds is None:
            unknown.append(DIMENSIONS[name].unknown(values, p))
    return tuple(unknown)


# --- the policy text, paragraph by paragraph ------------------------------------------


def paragraphs(markdown: str) -> dict[str, str]:
    """Each anchor's paragraph, as Markdown without anchors: from its anchor to the next one.

    A paragraph runs from its anchor's line (or, for an anchor at the end of a line, the
    start of that block) to the line before the next paragraph or heading. A heading's
    anchor holds what follows the heading; '' where another anchor follows at once.
    """
    lines = markdown.split("\n")
    starts = _starts(lines)
    found: dict[str, str] = {}
    for index, (label, start, heading) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(lines)
        body = lines[start + 1 if heading else start : end]
        cut = next((i for i, line in enumerate(body) if HEADING.match(line)), len(body))
        text = "\n".join(line for line in body[:cut] if not RULE.match(line))
        found.setdefault(label, ANCHOR.sub("", text).strip())
    return found


def _starts(lines: list[str]) -> list[tuple[str, int, bool]]:
    """(label, first line, is a heading) for each anchor, in order."""
    starts = []
    for number, line in enumerate(lines):
        for match in ANCHOR.finditer(line):
            heading = bool(HEADING.match(line))
            at_end = not line[match.end() :].strip()
            item = BULLET.match(line)  # a list item is its own paragraph
            start = _block_start(lines, number) if at_end and not heading and not item else number
            starts.append((match[1].strip(), start, heading))
    return starts


def _block_start(lines: list[str], number: int) -> int:
    """The first line of the block holding this line, stopping at blanks and other anchors."""
    while number > 0 and lines[number - 1].strip() and not ANCHOR.search(lines[number - 1]):
        if HEADING.match(lines[number - 1]):
            break
        number -= 1
    return number


@lru_cache(maxsize=4096)  # the same paragraphs and quotes, compared on every outcome page
def plain(text: str) -> str:
    """Markdown reduced to its words, for comparing quotes: no emphasis, bullets or spacing."""
    text = ANCHOR.sub(" ", text)
    text = re.sub(r"^\s*(?:[-+*]|\d+[.)])\s+", " ", text, flags=re.M)
    text = re.sub(r"[*_`]", "", text).replace("|", " ")
    return " ".join(text.split())


def quoted_in_full(text: str, shown: Iterable[str]) -> bool:
    """True when these quotations, together, already give every word of the text."""
    rest = plain(text)
    for quote in sorted({plain(q) for q in shown if q}, key=len, reverse=True):
        if quote:
            rest = rest.replace(quote, " ")
    return not re.search(r"\w", rest)
