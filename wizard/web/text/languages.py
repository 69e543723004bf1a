"""The site as read in one language: its questions, pages and policies in that language.

English is the site as loaded. In another language the questions come from the catalogue,
the general pages and glossary from content/<lang>/, and each policy from its
policy.<lang>.md where the partnership provides one; a policy published in English only
stays in English, and its pages say so.
"""

from __future__ import annotations

from dataclasses import replace

from wizard.content import Site
from wizard.core.flow import Flow, Node, OptionSpec
from wizard.web.text.catalogue import SOURCE, translations

_CACHE_SIZE = 8  # a previewing server reloads its site; old ones must not pile up
_cache: dict[tuple[int, str], tuple[Site, Site]] = {}


def localized(site: Site, lang: str) -> Site:
    """The site in `lang`; the same object for English."""
    if lang == SOURCE:
        return site
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
        flow=translated_flow(site.flow, lang) if site.flow else None,
    )


def translated_flow(flow: Flow, lang: str) -> Flow:
    """The question flow with each question's words from the language's catalogue."""
    say = translations(lang).gettext
    return replace(
        flow,
        nodes={key: _node(node, say) for key, node in flow.nodes.items()},
        phrases={key: say(phrase) for key, phrase in flow.phrases.items()},
    )


def _node(node: Node, say) -> Node:
    return replace(
        node,
        text=say(node.text),
        error=say(node.error),
        hint=say(node.hint) if node.hint else node.hint,
        options=tuple(_option(o, say) for o in node.options),
    )


def _option(option: OptionSpec, say) -> OptionSpec:
    return replace(option, label=say(option.label), hint=say(option.hint) if option.hint else None)
