"""Link each glossary term to its definition the first time a page uses it.

The first use of each term on a page (or of what it stands for, such as "Local Authority
Designated Officer") becomes a plain link to its entry on the glossary page. The link wraps
the words exactly as written, so quoted policy text keeps its words. Never inside a heading,
a link, an existing <abbr>, a form's labels and hints, a summary, the flowchart, or text a
reader cannot see; a term an author has already linked (`glossary:` links) counts as used.

Built for speed, since a static build runs it on thousands of pages: each term's first word is
found with `str.find`, the rest of the words checked where it is found, and only the few
elements that are never linked are looked up with a regular expression. Pure string
processing on markup the app rendered itself (templates and sanitised Markdown), so a tag
never holds a stray '>'.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Elements whose text is never linked: headings and links, anything interactive or hidden,
# code, the flowchart's drawing, and the head of a document.
SKIP_TAGS = (
    "a", "abbr", "button", "code", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "head", "label",
    "legend", "noscript", "option", "pre", "script", "select", "style", "summary", "svg",
    "template", "textarea", "title",
)  # fmt: skip
# Elements by class: a heading's caption, a question's answers, a form field's hints and
# errors, text only printed or only heard, and the flowchart; and any element marked hidden.
SKIP_CLASSES = (
    "app-flowchart", "app-options", "app-print-only", "govuk-caption-l", "govuk-caption-m",
    "govuk-caption-xl", "govuk-error-message", "govuk-hint", "govuk-visually-hidden",
)  # fmt: skip
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
})  # fmt: skip
SKIPPED_TAG = re.compile(r"<(" + "|".join(SKIP_TAGS) + r")(?=[\s>/])[^>]*>")
# Marks inside an opening tag, each with the characters that may follow it there.
SKIPPED_MARKS = (
    *((name, ' "') for name in SKIP_CLASSES),
    (" hidden", " >="),
    ('aria-hidden="true"', " >/"),
)
OPENING = re.compile(r"<([a-z][\w-]*)[^>]*>")
LINKED = re.compile(r"#term-([\w-]+)[\"']")
WORD = re.compile(r"[\w-]")


@dataclass(frozen=True)
class Entry:
    """A glossary entry as pages use it: its id, and the words that name it."""

    id: str
    term: str
    stands_for: str | None = None


@dataclass(frozen=True)
class _Words:
    """Words that name a term: the first word to find, the whole to check where it is."""

    id: str
    first: str  # lower case, unless an acronym, which must match its capitals
    acronym: bool
    whole: re.Pattern
    length: int


def _words(entry_id: str, words: str) -> _Words:
    acronym = not any(ch.islower() for ch in words)
    stem = words if acronym or not words.endswith("s") else words[:-1]
    parts = stem.split()
    pattern = r"\s+".join(re.escape(part) for part in parts) + r"s?(?![\w-])"
    whole = re.compile(pattern, 0 if acronym else re.IGNORECASE)
    first = parts[0] if acronym else parts[0].lower()
    return _Words(entry_id, first, acronym, whole, len(words))


class Linker:
    """The terms of one glossary page, ready to link on any page that points to it."""

    def __init__(self, entries: Iterable[Entry], where: str) -> None:
        """`where` is the glossary page's address; each entry's anchor is `term-<id>`.

        Entries come in order of precedence: words already taken by an earlier entry (a
        partnership's own definition before the general one) are not taken again.
        """
        self.where = where
        by_id: dict[str, list[_Words]] = {}
        seen: set[str] = set()
        for entry in entries:
            for words in filter(None, (entry.term, entry.stands_for)):
                if words.lower() not in seen:
                    seen.add(words.lower())
                    by_id.setdefault(entry.id, []).append(_words(entry.id, words))
        # The longest words first, so a term inside a longer one ("Child Protection" in
        # "Child Protection Plan") is linked where it stands alone.
        self.terms = sorted(by_id.items(), key=lambda item: -max(w.length for w in item[1]))

    def link(self, html: str) -> str:
        """The markup with each term's first use linked to its definition."""
        used = set(LINKED.findall(html)) if "#term-" in html else set()
        page = _Page(html)
        spans: list[tuple[int, int, str]] = []
        for term, words in self.terms:
            if term in used:
                continue
            first = min(filter(None, (page.first_use(w, spans) for w in words)), default=None)
            if first:
                spans.append((*first, term))
        if not spans:
            return html
        out, done = [], 0
        for start, end, term in sorted(spans):
            out.append(html[done:start])
            out.append(f'<a class="govuk-link app-term" href="{self.where}#term-{term}">')
            out.append(f"{html[start:end]}</a>")
            done = end
        out.append(html[done:])
        return "".join(out)


class _Page:
    """A page being linked: its text in lower case and the parts never linked, made once."""

    def __init__(self, html: str) -> None:
        self.html = html
        self._lower: str | None = None
        self._skipped: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    @property
    def lower(self) -> str:
        if self._lower is None:
            self._lower = _lower(self.html)
        return self._lower

    def first_use(self, words: _Words, taken: list[tuple[int, int, str]]) -> tuple[int, int] | None:
        """Where these words are first used in text that may be linked, clear of `taken`."""
        html = self.html
        text = html if words.acronym else self.lower
        at = text.find(words.first)
        while at != -1:
            match = words.whole.match(html, at)
            if match and self._free(at, match.end(), taken):
                return at, match.end()
            at = text.find(words.first, at + 1)
        return None

    def _free(self, start: int, end: int, taken: list[tuple[int, int, str]]) -> bool:
        html = self.html
        if (start and WORD.match(html, start - 1)) or _inside_tag(html, start):
            return False
        if any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            return False
        if self._skipped is None:
            self._skipped = _skipped(html)
            self._starts = [s for s, _ in self._skipped]
        at = bisect_right(self._starts, start) - 1
        return not (at >= 0 and start < self._skipped[at][1])


def _lower(html: str) -> str:
    """Lower case, each character still at its place (a few lower to two characters)."""
    lower = html.lower()
    if len(lower) == len(html):
        return lower
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in html)


def _inside_tag(html: str, at: int) -> bool:
    """True inside a tag's attributes or a comment: a '<' since the last '>'."""
    return html.rfind("<", 0, at) > html.rfind(">", 0, at)


def _skipped(html: str) -> list[tuple[int, int]]:
    """Where the elements never linked inside begin and end, outermost only, in order."""
    opening = [(m.start(), m[1], m.end()) for m in SKIPPED_TAG.finditer(html)]
    for mark, before_end in SKIPPED_MARKS:  # a class or an attribute: find its tag
        at = html.find(mark)
        while at != -1:
            end = at + len(mark)
            start = html.rfind("<", 0, at)
            if html[end : end + 1] in before_end and start > html.rfind(">", 0, at):
                tag = OPENING.match(html, start)
                if tag:
                    opening.append((start, tag[1], tag.end()))
            at = html.find(mark, end)
    spans: list[tuple[int, int]] = []
    for start, name, content in sorted(opening):
        if spans and start < spans[-1][1]:
            continue  # inside one already skipped
        if name not in VOID and html[content - 2] != "/":
            spans.append((start, _closing(html, name.lower(), content)))
    return spans


def _closing(html: str, name: str, at: int) -> int:
    """The end of the element whose content starts at `at`, counting nested ones alike."""
    if name in SKIP_TAGS:  # none of these holds another of its kind: its end tag is next
        end = html.find(f"</{name}", at)
        return len(html) if end == -1 else html.find(">", end) + 1
    depth = 1
    for tag in _tags(name).finditer(html, at):
        depth += -1 if tag[1] else 1
        if not depth:
            return tag.end()
    return len(html)


@lru_cache(maxsize=64)
def _tags(name: str) -> re.Pattern:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s>/])[^>]*>", re.IGNORECASE)


@lru_cache(maxsize=64)
def linker(entries: tuple[Entry, ...], where: str) -> Linker:
    """One linker per glossary and address, reused across pages."""
    return Linker(entries, where)
