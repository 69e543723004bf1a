"""Learning pages for new starters: practice scenarios, their question and their answers."""

from __future__ import annotations

from flask import abort, current_app, render_template

from wizard.core.policy import Partnership
from wizard.core.practice import Scenario
from wizard.web.pages.learning import scenarios
from wizard.web.pages.learning.compare import choices
from wizard.web.pages.learning.compare import rows as side_by_side
from wizard.web.pages.learning.roles import roles_page
from wizard.web.text import languages
from wizard.web.text.catalogue import SOURCE, language
from wizard.web.views.common import bp, partnership_or_404, site


def _scenario_or_404(slug: str, name: str) -> Scenario:
    found = site().scenarios.get(slug, {}).get(name)
    if found is None:
        abort(404)
    return found


@bp.get("/<slug>/practice/")
def practice_index(slug: str):
    """Every practice scenario of a partnership."""
    p = partnership_or_404(slug)
    links = scenarios.scenario_links(p, site().scenarios.get(slug, {}))
    return render_template("practice_index.html", p=p, links=links)


@bp.get("/<slug>/practice/<name>/")
def scenario(slug: str, name: str):
    """The situation, and 'What would you do?'."""
    p = as_written(partnership_or_404(slug))
    page = scenarios.scenario_page(p, _scenario_or_404(slug, name))
    return render_template("practice_question.html", p=p, page=page)


@bp.get("/<slug>/practice/<name>/<choice>/")
def scenario_answer(slug: str, name: str, choice: str):
    """The answer: what the policy says to do, why, cited, and the same state in the wizard."""
    p = as_written(partnership_or_404(slug))
    found, chose = _scenario_or_404(slug, name), scenarios.find_choice(p, choice)
    if chose is None:
        abort(404)
    page = scenarios.answer_page(site().flow, p, found, chose)
    return render_template("practice_answer.html", p=p, page=page)


def as_written(p: Partnership) -> Partnership:
    """The policy as a scenario quotes it: in English, the language scenarios are written in."""
    if language() == SOURCE:
        return p
    return languages.english(current_app.extensions["site"].partnerships[p.slug])


@bp.get("/glossary/")
def glossary_general():
    """General explanations of the words the policies use."""
    terms = sorted(site().terms.values(), key=lambda t: t.term.lower())
    return render_template("glossary.html", own=(), terms=terms)


@bp.get("/<slug>/glossary/")
def glossary(slug: str):
    """A partnership's own definitions, cited, then the general explanations."""
    p = partnership_or_404(slug)
    own = sorted(site().own_terms.get(slug, {}).values(), key=lambda t: t.term.lower())
    terms = sorted(site().terms.values(), key=lambda t: t.term.lower())
    return render_template("glossary.html", p=p, own=own, terms=terms)


@bp.get("/compare/", defaults={"first": None})
@bp.get("/compare/<first>/")
def compare_choose(first: str | None):
    """Choose two partnerships to compare, by plain links."""
    chosen = partnership_or_404(first) if first else None
    links = choices(list(site().partnerships.values()), chosen)
    return render_template("compare_choose.html", first=chosen, choices=links)


@bp.get("/compare/<first>/<second>/")
def compare(first: str, second: str):
    """Two partnerships' policies, stage by stage, each side only its own facts."""
    a, b = partnership_or_404(first), partnership_or_404(second)
    if a.slug == b.slug:
        abort(404)
    rows = side_by_side(a, b)
    return render_template("compare.html", a=a, b=b, rows=rows)


@bp.get("/<slug>/roles/", defaults={"agency": None})
@bp.get("/<slug>/roles/<agency>/")
def roles(slug: str, agency: str | None):
    """Who to contact at each stage, agency by agency, from the policy's role tables."""
    p = partnership_or_404(slug)
    page = roles_page(p, agency)
    if page is None:
        abort(404)
    return render_template("roles.html", p=p, page=page)
