"""A page in another language quoting a policy published in English only: its words lang="en".

Such a policy's words are `English` strings in the site as read in that language
(wizard.web.text.languages). While a page in another language renders, the catalogue marks
each printed one with a pair of invisible private-use characters, as it marks its own
sentences and the files' other words. Here the finished page is read once: each run of
English words in running text is put in an element with lang="en", so a screen reader reads
it in English; inside tags, titles, scripts and drawings the marks are simply removed.
"""

from __future__ import annotations

import re

from wizard.web.text.catalogue import ENGLISH, QUOTED, SENTENCE

MARKS = re.compile("[" + "".join((*QUOTED, *SENTENCE, *ENGLISH)) + "]")
# The same marks as a script's JSON data writes them (\\ue000): its words are filled in as text.
ESCAPED_MARKS = re.compile(r"\\ue00[0-5]")
# Tags, and elements whose text is not markup (a title, a script's data, a drawing).
# (An SVG's text takes no HTML element: the flowchart's words are described beside it.)
TOKEN = re.compile(r"(<(title|script|style|svg)\b.*?</\2\s*>|<[^>]*>)", re.DOTALL | re.IGNORECASE)
WORDS = re.compile(re.escape(ENGLISH[0]) + "([^<>]*?)" + re.escape(ENGLISH[1]))
ENGLISH_MARK = re.compile("[" + "".join(ENGLISH) + "]")
BLOCK = re.compile(r"\s*<(p|ul|ol|h\d|div|table|blockquote|dl)\b", re.IGNORECASE)


def mark_english(html: str, keep: bool = False) -> str:
    """The page with the files' words in lang="en" elements; `keep` leaves the marks (tests)."""
    html = _passages(html, keep)
    parts = TOKEN.split(html)
    out = []
    for index, part in enumerate(parts):
        if part is None or (index % 3 == 2):
            continue  # the tag name TOKEN captures, not text of the page
        inside = index % 3 == 1
        if inside:
            out.append(part if keep else ESCAPED_MARKS.sub("", MARKS.sub("", part)))
        else:
            text = WORDS.sub(lambda m: _wrapped(m, keep), part)
            out.append(text if keep else MARKS.sub("", text))
    return "".join(out)


def _passages(html: str, keep: bool) -> str:
    """Each passage rendered from Markdown (words holding elements) in one lang="en" block."""
    found, opened = [], []
    for mark in ENGLISH_MARK.finditer(html):
        if mark[0] == ENGLISH[0]:
            opened.append(mark.start())
        elif opened:
            start = opened.pop()
            if not opened and "<" in html[start : mark.start()]:
                found.append((start, mark.end()))
    for start, end in reversed(found):
        inner = html[start:end] if keep else MARKS.sub("", html[start:end])
        tag = "div" if BLOCK.match(MARKS.sub("", inner)) else "span"
        html = f'{html[:start]}<{tag} lang="en">{inner}</{tag}>{html[end:]}'
    return html


def _wrapped(match: re.Match, keep: bool) -> str:
    inner = match[1]
    if not MARKS.sub("", inner).strip():
        return match[0] if keep else MARKS.sub("", inner)
    tag = "div" if BLOCK.match(inner) else "span"
    shown = match[0] if keep else MARKS.sub("", inner)
    return f'<{tag} lang="en">{shown}</{tag}>'
