"""Rewrite a rendered page for paper: drop what only works on screen, keep links inside the pack."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
DROPPED_TAGS = {"form", "script", "noscript"}
DROPPED_CLASSES = {"app-no-print", "govuk-back-link", "govuk-skip-link"}

Relink = Callable[[str], str | None]


def dropped(tag: str, attrs: dict[str, str | None]) -> bool:
    """True for elements a reader of a printed page cannot use."""
    classes = set((attrs.get("class") or "").split())
    return tag in DROPPED_TAGS or "hidden" in attrs or bool(classes & DROPPED_CLASSES)


class _Cleaner(HTMLParser):
    def __init__(self, relink: Relink) -> None:
        super().__init__(convert_charrefs=True)
        self.relink, self.out, self.skipping, self.links = relink, [], 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.skipping or dropped(tag, found):
            self.skipping += tag not in VOID
            return
        if tag == "a":
            href = self.relink(found.get("href") or "")
            self.links.append(href is not None)
            if href is None:
                return  # the link's text stays; the link goes
            found["href"] = href
        if tag == "details":
            found["open"] = None  # on paper, folded text would be lost
        self.out.append(_start(tag, found))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return  # '<br/>' arrives as a start and an end; a void element has no end tag
        if self.skipping:
            self.skipping -= 1
            return
        if tag == "a" and not self.links.pop():
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))


def _start(tag: str, attrs: dict[str, str | None]) -> str:
    parts = [tag] + [k if v is None else f'{k}="{escape(v)}"' for k, v in attrs.items()]
    return "<" + " ".join(parts) + ">"


def for_paper(html: str, relink: Relink) -> str:
    """The markup without forms, scripts, hidden or screen-only parts; links mapped by `relink`.

    `relink` gets each href and returns the one to keep, or None to keep only the link's text.
    """
    cleaner = _Cleaner(relink)
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)
