"""How far each language is translated: what is missing, what a translator has not reviewed.

`check` lists both; `freeze` refuses a language with anything missing, and builds one with
unreviewed text only when asked to, its pages then saying the translation is a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from wizard.content import Site
from wizard.web.text.catalogue import DOMAIN, LOCALE_DIR, po_file

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


@dataclass(frozen=True)
class Readiness:
    """One language's state: each item names a sentence or a file."""

    lang: str
    missing: tuple[str, ...] = ()
    unreviewed: tuple[str, ...] = ()
    broken: tuple[str, ...] = ()  # a translation whose placeholders are not its sentence's


def readiness(
    site: Site, lang: str, template: Path = TEMPLATE, po: Path | None = None
) -> Readiness:
    """The catalogue's and the general pages' state in `lang`."""
    catalog = _catalog(po or po_file(lang), lang)
    missing, unreviewed, broken = [], [], []
    for message in _catalog(template, None) or ():
        found = catalog.get(message.id) if catalog and message.id else None
        if not message.id:
            continue
        shown = f"catalogue: {_shown(message.id)}"
        if found is None or not _complete(found.string):
            missing.append(shown)
        elif _placeholders(found.string) != _placeholders(message.id):
            broken.append(shown)
        elif found.fuzzy:
            unreviewed.append(shown)
    missing += _missing_files(site, lang)
    unreviewed += [f"file: {_relative(path)}" for path in site.drafts.get(lang, [])]
    return Readiness(lang, tuple(missing), tuple(unreviewed), tuple(broken))


def _missing_files(site: Site, lang: str) -> list[str]:
    pages, terms = site.pages_in.get(lang, {}), site.terms_in.get(lang, {})
    return [f"file: content/{lang}/{s}.md" for s in site.pages if s not in pages] + [
        f"file: content/{lang}/glossary/{t}.md" for t in site.terms if t not in terms
    ]


def _relative(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("content") :])


def _catalog(path: Path, lang: str | None) -> Catalog | None:
    return _read(path, lang) if path.is_file() else None


@cache
def _read(path: Path, lang: str | None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=lang)


def _complete(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


def _placeholders(text: str | tuple[str, ...]) -> set[str]:
    forms = text if isinstance(text, tuple) else (text,)
    return {p for form in forms for p in PLACEHOLDER.findall(form)} - {"%(num)s"}


def _shown(message: str | tuple[str, ...]) -> str:
    text = message[0] if isinstance(message, tuple) else message
    return text if len(text) <= 70 else text[:67] + "..."


_drafts: dict[tuple[int, str], tuple[Site, bool]] = {}


def is_draft(site: Site, lang: str) -> bool:
    """Whether anything a page in `lang` says awaits a translator's review (or is missing)."""
    key = (id(site), lang)
    if key not in _drafts or _drafts[key][0] is not site:
        state = readiness(site, lang)
        _drafts.clear()  # one site is served at a time; a reloaded one replaces it
        _drafts[key] = (site, bool(state.unreviewed or state.missing))
    return _drafts[key][1]
