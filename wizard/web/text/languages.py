"""The site as read in one language: its questions, pages and policies in that language.

English is the site as loaded. In another language the questions come from the catalogue,
the general pages and glossary from content/<lang>/, and each policy from its
policy.<lang>.md where the partnership provides one; a policy published in English only
stays in English, and its pages say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields as fields_of
from dataclasses import is_dataclass, replace
from enum import Enum
from typing import TypeVar

from pydantic import BaseModel

from wizard.content import Site
from wizard.core.flow import Flow, Node, OptionSpec
from wizard.web.text.catalogue import SOURCE, English, Said, gettext, marking, translations

T = TypeVar("T")
ONLY_A_FIELD = re.compile(r"\{\w+\}")  # a label that is a field filled from the policy
_CACHE_SIZE = 8  # a previewing server reloads its site; old ones must not pile up
_cache: dict[tuple[int, str], tuple[Site, Site]] = {}


def localized(site: Site, lang: str) -> Site:
    """The site in `lang`; the same object for English."""
    if lang == SOURCE:
        return site
    if marking():  # each question's words marked as the tool's own, for this page only
        found = localized_site(site, lang)
        marked = translated_flow(site.flow, lambda text: Said(gettext(text))) if site.flow else None
        return replace(found, flow=marked)
    return localized_site(site, lang)


def localized_site(site: Site, lang: str) -> Site:
    """The site in `lang`, built once for each site served."""
    key = (id(site), lang)
    if key not in _cache or _cache[key][0] is not site:
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[key] = (site, _build(site, lang))
    return _cache[key][1]


def english_only(site: Site, slug: str, lang: str) -> bool:
    """Whether the partnership's policy is read in English on a page in `lang`."""
    return lang != SOURCE and lang not in site.translations.get(slug, {})


def _build(site: Site, lang: str) -> Site:
    """The site in `lang`: a policy with no text in it keeps its words, as `English` ones."""
    texts = {slug: found[lang] for slug, found in site.translations.items() if lang in found}

    def text_of(slug: str, part: str, kept: object) -> object:
        return getattr(texts[slug], part) if slug in texts else english(kept)

    return replace(
        site,
        partnerships={s: text_of(s, "partnership", p) for s, p in site.partnerships.items()},
        procedures={s: text_of(s, "procedure", p) for s, p in site.procedures.items()},
        own_terms={
            s: terms if s in texts else english(terms) for s, terms in site.own_terms.items()
        },
        scenarios=english(site.scenarios),  # scenarios are written in English only, so far
        pages={**site.pages, **site.pages_in.get(lang, {})},
        terms={**site.terms, **site.terms_in.get(lang, {})},
        flow=translated_flow(site.flow, _sayer(lang)) if site.flow else None,
    )


def english(value: T) -> T:
    """The value with every string in it an `English` one: a policy's words kept in English."""
    if isinstance(value, Enum | English) or not isinstance(value, str | tuple | list | dict):
        if isinstance(value, BaseModel):
            fields = {name: english(getattr(value, name)) for name in type(value).model_fields}
            return type(value).model_construct(**fields)
        if is_dataclass(value) and not isinstance(value, type):
            return replace(
                value,
                **{f.name: english(getattr(value, f.name)) for f in fields_of(value) if f.init},
            )
        return value
    if isinstance(value, str):
        return English(value)
    if isinstance(value, dict):
        return type(value)({key: english(item) for key, item in value.items()})
    return type(value)(english(item) for item in value)


def _sayer(lang: str) -> Callable[[str], str]:
    say = translations(lang).gettext
    return lambda text: Said(say(text))


def translated_flow(flow: Flow, say: Callable[[str], str]) -> Flow:
    """The question flow with each question's words said in another language by `say`.

    A value that is only a field ("{name}") stays: it is filled with the policy's words.
    """
    return replace(
        flow,
        nodes={key: _node(node, say) for key, node in flow.nodes.items()},
        phrases={key: say(phrase) for key, phrase in flow.phrases.items()},
    )


def _node(node: Node, say: Callable[[str], str]) -> Node:
    return replace(
        node,
        text=_said(node.text, say),
        error=_said(node.error, say),
        hint=_said(node.hint, say),
        options=tuple(_option(o, say) for o in node.options),
    )


def _option(option: OptionSpec, say: Callable[[str], str]) -> OptionSpec:
    return replace(option, label=_said(option.label, say), hint=_said(option.hint, say))


def _said(text: str | None, say: Callable[[str], str]) -> str | None:
    return text if not text or ONLY_A_FIELD.fullmatch(text) else say(text)
