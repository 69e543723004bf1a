"""What every view shares: the blueprint, the site, today's date, the templates' helpers."""

from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, abort, current_app, request
from jinja2 import pass_context
from markupsafe import Markup

from wizard import clock
from wizard.content import Site
from wizard.core.policy import Partnership, review_overdue
from wizard.web import urls
from wizard.web.pages.stage import view
from wizard.web.security import META_CSP
from wizard.web.text import stagewords, terms
from wizard.web.text.catalogue import QUOTED, marked
from wizard.web.text.markup import render

bp = Blueprint("wizard", __name__)


def site() -> Site:
    """The validated site this app serves."""
    return current_app.extensions["site"]


def partnership_or_404(slug: str) -> Partnership:
    """The partnership at this address, or a helpful 404."""
    found = site().partnerships.get(slug)
    if found is None:
        abort(404)
    return found


def today() -> date:
    """Today in the UK (or the date a test or build fixes)."""
    return clock.today(current_app.config["TODAY"])


def now() -> datetime:
    """The moment now, in UTC; a test may fix it (NOW), or fix the day (TODAY): its start."""
    return clock.now(current_app.config["TODAY"], current_app.config.get("NOW"))


def overdue(p: Partnership) -> bool:
    """Whether the policy's review date has passed."""
    return review_overdue(p.document, today())


@bp.app_context_processor
def helpers() -> dict:
    """Functions every template may call."""
    return {
        "cite_url": urls.cite,
        "glossed": urls.glossed,
        "markdown": lambda text: Markup(marked(render(text), QUOTED)),
        "service_name": current_app.config["SERVICE_NAME"],
        "static_site": current_app.config["STATIC_SITE"],
        "within_text": view.within_text,
        "stage_heading": view.stage_heading,
        "site": site(),
        "meta_csp": META_CSP,
        "policy_notices": lambda p: view.notices(p, today()),
        "notices_headline": view.notices_headline,
        "say": stagewords.say,
    }


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
