"""The site as read in one language: its questions, pages and policies in that language.

English is the site as loaded. In another language the questions come from the catalogue,
the general pages and glossary from content/<lang>/, and each policy from its
policy.<lang>.md where the partnership provides one; a policy published in English only
stays in English, and its pages say so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from wizard.content import Site
from wizard.core.flow import Flow, Node, OptionSpec
from wizard.web.text.catalogue import SOURCE, gettext, marking, translations

ONLY_A_FIELD = re.compile(r"\{\w+\}")  # a label that is a field filled from the policy
_CACHE_SIZE = 8  # a previewing server reloads its site; old ones must not pile up
_cache: dict[tuple[int, str], tuple[Site, Site]] = {}


def localized(site: Site, lang: str) -> Site:
    """The site in `lang`; the same object for English."""
    if lang == SOURCE:
        return site
    if marking():  # each question's words marked as the tool's own, for this page only
        found = localized_site(site, lang)
        return replace(found, flow=translated_flow(site.flow, gettext) if site.flow else None)
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
    texts = {slug: found[lang] for slug, found in site.translations.items() if lang in found}
    return replace(
        site,
        partnerships={
            s: texts[s].partnership if s in texts else p for s, p in site.partnerships.items()
        },
        procedures={s: texts[s].procedure if s in texts else p for s, p in site.procedures.items()},
        pages={**site.pages, **site.pages_in.get(lang, {})},
        terms={**site.terms, **site.terms_in.get(lang, {})},
        flow=translated_flow(site.flow, translations(lang).gettext) if site.flow else None,
    )


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
