"""Each of the policy's words once on a page: which quotes a page still needs, and what is left.

A page quotes a paragraph in several places (who acts, what to do, a timescale's words, the
paragraph map's "more from the policy"). These helpers compare quotes by their words alone,
whatever their case, punctuation or the "..." a quote leaves out, so that a quote the page
already gives is not given again, and a paragraph the page has partly quoted shows only the
rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
GAP = re.compile(r"\s*(?:\.\.\.|…)\s*")
WORD = re.compile(r"[\w'’]+")


def words(text: str) -> list[str]:
    """The text's words, lower case, without punctuation: what two quotes are compared by."""
    return list(_words(text))


# Every page compares the same few hundred paragraphs and quotes, many times over.
@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    # Markdown's emphasis marks are not words: a paragraph's text may have lost or kept them.
    return tuple(w.replace("’", "'") for w in WORD.findall(re.sub(r"[*_`]", "", text.lower())))


@lru_cache(maxsize=8192)
def _pieces(text: str) -> tuple[tuple[str, ...], ...]:
    """A quote's runs of words, split where it leaves words out ("...")."""
    return tuple(found for part in GAP.split(text) if (found := _words(part)))


def _find(needle: Sequence[str], hay: Sequence[str]) -> int:
    """Where a run of words first starts in another, or -1."""
    n = len(needle)
    return next((i for i in range(len(hay) - n + 1) if list(hay[i : i + n]) == list(needle)), -1)


@lru_cache(maxsize=65536)
def within(part: str, whole: str) -> bool:
    """Whether every run of the quote `part` is found, in order, in `whole`."""
    hay, at = _words(whole), 0
    for piece in _pieces(part):
        found = _find(piece, hay[at:])
        if found < 0:
            return False
        at += found + len(piece)
    return True


def new_only(items: Iterable[T], shown: Iterable[str], says=lambda item: item) -> list[T]:
    """The items whose words the page does not give already, nor another item gives in full."""
    items, shown = list(items), [s for s in shown if s]
    kept: list[T] = []
    for i, item in enumerate(items):
        text = says(item)
        others = [says(o) for j, o in enumerate(items) if j != i]
        longer = [o for o in others if within(text, o) and not within(o, text)]
        same_earlier = [says(o) for o in items[:i] if within(text, says(o))]
        if not (longer or same_earlier or any(within(text, s) for s in shown)):
            kept.append(item)
    return kept


@lru_cache(maxsize=65536)
def _shared(text: tuple[str, ...], quote: tuple[str, ...], least: int = 5) -> frozenset[int]:
    """Positions of the text's words in a run of `least` or more that the quote also gives."""
    # A word is in such a run exactly when a window of `least` words around it is also a
    # window of the quote: the union of the shared windows is the union of the shared runs.
    runs = {quote[j : j + least] for j in range(len(quote) - least + 1)}
    marks: set[int] = set()
    for i in range(len(text) - least + 1):
        if text[i : i + least] in runs:
            marks.update(range(i, i + least))
    return frozenset(marks)


def rest(paragraph: str, shown: Iterable[str], least: int = 3) -> str | None:
    """What a paragraph says that the quotes shown do not.

    Every run of five words or more that a quote shown also gives is left out, and what
    remains is joined by "…"; the paragraph itself where nothing of it is shown; None where
    all of it is (or too little is left to read: fewer than `least` words at a time).
    """
    left = _rest(str(paragraph), tuple(str(q or "") for q in shown), least)
    return paragraph if left == paragraph else left


# The pages of one stage compare the same paragraphs with the same quotes.
@lru_cache(maxsize=16384)
def _rest(paragraph: str, shown: tuple[str, ...], least: int) -> str | None:
    tokens = list(re.finditer(r"\S+", paragraph))
    plain = [words(t.group()) for t in tokens]
    flat = tuple(w for ws in plain for w in ws)
    owner = [i for i, ws in enumerate(plain) for _ in ws]
    marks = set().union(*(_shared(flat, _words(q or "")) for q in shown)) if shown else set()
    covered = [False] * len(tokens)
    for k in marks:
        covered[owner[k]] = True
    if not any(covered):
        return paragraph
    runs, current = [], []
    for token, gone in zip(tokens, covered, strict=True):
        if gone:
            runs.append(current)
            current = []
        else:
            current.append(token.group())
    runs.append(current)
    kept = [" ".join(run) if len(words(" ".join(run))) >= least else "" for run in runs]
    if not any(kept):
        return None
    # Every gap is marked, at the start and the end too: a quote never seems whole when cut.
    joined = " … ".join(part for part in kept if part)
    head = "… " if not kept[0] else ""
    tail = " …" if not kept[-1] else ""
    return f"{head}{joined}{tail}"
