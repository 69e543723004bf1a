"""What every view shares: the blueprint, the site, today's date, the templates' helpers."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime

from flask import Blueprint, Response, abort, current_app, g, request
from jinja2 import pass_context
from markupsafe import Markup

from wizard import clock
from wizard.content import Site
from wizard.core.policy import Partnership, review_overdue
from wizard.web import urls
from wizard.web.pages import notices
from wizard.web.security import META_CSP
from wizard.web.text import dates, english, languages, readiness, stagewords, terms, timescales
from wizard.web.text.catalogue import SOURCE, gettext, language, passage
from wizard.web.text.markup import render

bp = Blueprint("wizard", __name__)


def site() -> Site:
    """The validated site this app serves, in the page's language."""
    return languages.localized(current_app.extensions["site"], language())


def partnership_or_404(slug: str) -> Partnership:
    """The partnership at this address, or a helpful 404."""
    found = site().partnerships.get(slug)
    if found is None:
        abort(404)
    return found


@bp.url_value_preprocessor
def take_language(endpoint: str | None, values: dict | None) -> None:
    """The page's language from its address; a language its partnership lacks is a 404."""
    lang = (values or {}).pop("lang", SOURCE)
    g.lang = lang
    # A page in another language marks a policy's English words (a Word file cannot).
    g.english_words = lang != SOURCE and not (endpoint or "").endswith("_docx")
    if lang != SOURCE and not urls.in_language(endpoint or "", values or {}, lang):
        abort(404)


@bp.after_app_request
def english_words(response: Response) -> Response:
    """On a page quoting a policy in English only, its words in lang="en" elements."""
    if not g.get("english_words") or response.direct_passthrough:
        return response
    keep = bool(current_app.config.get("MARK_TEXT"))
    if response.mimetype == "text/html":
        response.set_data(english.mark_english(response.get_data(as_text=True), keep))
    elif response.mimetype.startswith("text/") and not keep:  # a calendar file: marks removed
        response.set_data(english.MARKS.sub("", response.get_data(as_text=True)))
    return response


@bp.url_defaults
def keep_language(endpoint: str, values: dict) -> None:
    """Links stay in the page's language where the page they lead to has it."""
    lang = values.pop("lang", None) or language()
    if lang != SOURCE and urls.in_language(endpoint, values, lang):
        values["lang"] = lang


def today() -> date:
    """Today in the UK (or the date a test or build fixes)."""
    return clock.today(current_app.config["TODAY"])


def now() -> datetime:
    """The moment now, in UTC; a test may fix it (NOW), or fix the day (TODAY): its start."""
    return clock.now(current_app.config["TODAY"], current_app.config.get("NOW"))


def overdue(p: Partnership) -> bool:
    """Whether the policy's review date has passed."""
    return review_overdue(p.document, today())


def per_page(key: Hashable, make: Callable[..., Markup], *args: object) -> Markup:
    """What `make(*args)` renders, rendered once per page for each key."""
    # A stage page cites some thirty paragraphs, many more than once; a citation reads the
    # same wherever the page gives it (its language and its addresses are the request's).
    made = request.__dict__.setdefault("wizard_per_page", {})
    if key not in made:
        made[key] = make(*args)
    return made[key]


@bp.app_context_processor
def helpers() -> dict:
    """Functions every template may call."""
    return {
        "cite_url": urls.cite,
        "per_page": per_page,
        "glossed": urls.glossed,
        "markdown": lambda text: passage(render(text), text),
        "service_name": gettext(current_app.config["SERVICE_NAME"]),
        "long_date": dates.long_date,
        "date_names": dates.names,
        "static_site": current_app.config["STATIC_SITE"],
        "within_text": timescales.within_text,
        "stage_heading": stagewords.stage_heading,
        "site": site(),
        "meta_csp": META_CSP,
        "policy_notices": lambda p: notices.notices(p, today()),
        "notices_headline": notices.notices_headline,
        "say": stagewords.say,
        "lang": language(),
        "language_links": language_links,
        "html_lang": HTML_LANG[language()],
        "draft_translation": language() != SOURCE
        and readiness.is_draft(current_app.extensions["site"], language()),
        "switch_words": {lang: Markup(words) for lang, words in SWITCH_WORDS.items()},
        "english_only": lambda slug: languages.english_only(
            current_app.extensions["site"], slug, language()
        ),
    }


# Each language's name in itself, as a language switch shows it.
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
HTML_LANG = {"en": "en-GB", "cy": "cy"}
# What the switch's link says to a screen reader, in the language it leads to (as GOV.UK's).
SWITCH_WORDS = {"en": "Change the language to English", "cy": "Newid yr iaith i’r Gymraeg"}


@dataclass(frozen=True)
class LanguageLink:
    """One language of the page in the switch: the current one is not a link."""

    lang: str
    name: str
    href: str
    current: bool


def language_links() -> list[LanguageLink]:
    """The page in each language it can be read in, for the header's switch and <head>."""
    if request.endpoint is None or request.view_args is None:
        return []
    values = {**request.view_args, **_kept_query()}
    return [
        LanguageLink(lang, Markup(LANGUAGE_NAMES[lang]), href, lang == language())
        for lang, href in urls.other_languages(request.endpoint, values)
    ]


def _kept_query() -> dict[str, str]:
    """The answers a 'change' address carries: only answer slugs, never anything typed."""
    return {k: v for k, v in request.args.items() if k in ("change", "then")}


# A glossary page does not link its own terms to itself.
UNGLOSSED = frozenset({"wizard.glossary", "wizard.glossary_general"})


def glossary_entries(slug: str | None) -> tuple[terms.Entry, ...]:
    """The terms a page may link: a partnership's own first, then the general ones."""
    own = site().own_terms.get(slug, {}) if slug else {}
    general = [t for t in site().terms.values() if t.id not in own]
    return tuple(terms.Entry(t.id, t.term, t.stands_for) for t in [*own.values(), *general])


@bp.app_template_filter("glossary_terms")
@pass_context
def glossary_terms(context, html: str) -> Markup:
    """A page's main content with each glossary term linked to its definition on first use.

    A partnership's pages link to its own glossary page, which holds its own definitions and
    the general ones; every other page links to the general glossary.
    """
    if request.endpoint in UNGLOSSED:
        return Markup(html)
    p = context.get("p")
    slug = p.slug if isinstance(p, Partnership) else None
    return Markup(terms.linker(glossary_entries(slug), urls.glossary(slug)).link(str(html)))


@bp.app_template_filter("after_h1")
def after_h1(html: str, notices: str) -> Markup:
    """The page's content with `notices` straight after its h1, so that the h1 comes first.

    Where the h1 is a form's legend (a question in the live app), they follow the form.
    """
    html, notices = str(html), str(notices)
    end = html.find(H1_END)
    if not notices.strip() or end < 0:
        return Markup(notices + html)
    end += len(H1_END)
    if html.rfind("<legend", 0, end) > html.rfind("</legend>", 0, end) and FORM_END in html[end:]:
        end = html.index(FORM_END, end) + len(FORM_END)
    return Markup(html[:end] + notices + html[end:])


H1_END, FORM_END = "</h1>", "</form>"
