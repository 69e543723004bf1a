"""The one owner of the URL scheme: answers <-> path segments, reserved names, every page's URL.

Every state of the wizard is a path, `/<partnership>/check/<answer>/<answer>/.../`, so it can
be bookmarked, frozen to a static file and linked from a partnership's site. Nothing a
practitioner types ever goes in one: only the choices they click.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import flask
from flask import Flask, current_app, g, has_request_context, request
from werkzeug.routing import AnyConverter, Rule

from wizard.content import Site, anchor_id
from wizard.core import engine
from wizard.core.flow import Answers
from wizard.core.policy import Partnership
from wizard.core.practice import choices

Segments = tuple[str, ...]
PARTNERSHIP_PREFIX = "/<slug>/"
# The languages besides English a page may be read in, each under its own prefix: the
# Welsh of '/islington/check/' is '/cy/islington/check/'. English keeps the plain address.
LANGUAGES = ("cy",)
LANGUAGE_PREFIX = "/<language(" + ", ".join(LANGUAGES) + "):lang>"
# What reads the same in every language: files and data, not pages.
UNTRANSLATED = frozenset(
    {
        "wizard.bank_holidays",
        "wizard.brand",
        "wizard.health",
        "wizard.logo",
        "wizard.robots",
        "wizard.sitemap",
    }
)


def url_for(endpoint: str, **values: object) -> str:
    """Flask's `url_for`, each address built once per request: a stage page cites ~30 times."""
    if not has_request_context():
        return flask.url_for(endpoint, **values)
    try:
        key = (endpoint, g.get("lang"), tuple(sorted(values.items())))
        hash(key)
    except TypeError:  # a value that is no key (a list of query values) is built each time
        return flask.url_for(endpoint, **values)
    # Kept on the request itself: a build or a sign-off pack may share one app context.
    made = request.__dict__.setdefault("wizard_urls", {})
    if key not in made:
        made[key] = flask.url_for(endpoint, **values)
    return made[key]


def segments(answers: str) -> Segments:
    """The answers in a path, in order: 'no/disagreement' -> ('no', 'disagreement')."""
    return tuple(answers.split("/")) if answers else ()


def check(slug: str, answers: Iterable[str] = ()) -> str:
    """The address of the wizard state after these answers."""
    joined = "/".join(answers)
    if not joined:
        return url_for("wizard.check", slug=slug)
    return url_for("wizard.check", slug=slug, answers=joined)


def situation(p: Partnership, answers: Answers) -> str:
    """The address of the state a situation leads to, its answers named by question id.

    The one way code and tests reach a state: the flow decides which questions are asked
    and in what order, so no path is typed by hand and adding a question changes none.
    """
    state = engine.answer(current_app.extensions["site"].flow, p, answers)
    if state.error is not None:
        raise ValueError(f"{dict(answers)} does not fit question {state.error + 1} of the flow")
    return check(p.slug, state.segments)


def change(slug: str, answers: Segments, index: int) -> str:
    """The question answered at `index`, with the old answer and every later one carried along.

    Only answer slugs travel in the query string (never anything typed); the static site
    ignores it on the server and reads it in the page's script.
    """
    joined = "/".join(answers[:index])
    values = {"change": answers[index]}
    if answers[index + 1 :]:
        values["then"] = "/".join(answers[index + 1 :])
    if not joined:
        return url_for("wizard.check", slug=slug, **values)
    return url_for("wizard.check", slug=slug, answers=joined, **values)


def record(slug: str, answers: Segments, external: bool = False) -> str:
    """The printable escalation record for the stage outcome after these answers."""
    return url_for("wizard.record", slug=slug, answers="/".join(answers), _external=external)


def record_docx(slug: str, answers: Segments) -> str:
    """The same record as a Word document."""
    return url_for("wizard.record_docx", slug=slug, answers="/".join(answers))


def form(slug: str, form_id: str, external: bool = False) -> str:
    """The printable page of one of the partnership's own forms."""
    return url_for("wizard.form", slug=slug, form_id=form_id, _external=external)


def form_docx(slug: str, form_id: str) -> str:
    """The same form as a Word document."""
    return url_for("wizard.form_docx", slug=slug, form_id=form_id)


def back(slug: str, answers: Segments) -> str:
    """Where the Back link goes: the previous question, or the start page."""
    if not answers:
        return url_for("wizard.start", slug=slug)
    return check(slug, answers[:-1])


def start(slug: str) -> str:
    """A partnership's start page."""
    return url_for("wizard.start", slug=slug)


def procedure(slug: str) -> str:
    """The partnership's procedure in its own words."""
    return url_for("wizard.procedure", slug=slug)


def cite(slug: str, label: str) -> str:
    """The address of a paragraph of the readable procedure: '3.10' -> '.../procedure/#p-3-10'."""
    return procedure(slug) + "#" + anchor_id(label)


def glossary(slug: str | None = None) -> str:
    """A partnership's glossary (its own terms and the general ones), or the general one."""
    return url_for("wizard.glossary", slug=slug) if slug else url_for("wizard.glossary_general")


def practice(slug: str) -> str:
    """The list of a partnership's practice scenarios."""
    return url_for("wizard.practice_index", slug=slug)


def scenario(slug: str, name: str) -> str:
    """A practice scenario's situation, as a question."""
    return url_for("wizard.scenario", slug=slug, name=name)


def scenario_answer(slug: str, name: str, choice: str) -> str:
    """The answer to a practice scenario, after a choice."""
    return url_for("wizard.scenario_answer", slug=slug, name=name, choice=choice)


def compare(first: str | None = None, second: str | None = None) -> str:
    """Two partnerships side by side; with one or none, the page that chooses them."""
    if first and second:
        return url_for("wizard.compare", first=first, second=second)
    return url_for("wizard.compare_choose", first=first)


def roles(slug: str, agency: str | None = None) -> str:
    """The role matrix, or one agency's row of it."""
    return url_for("wizard.roles", slug=slug, agency=agency)


def absolute(endpoint: str, **values: str) -> str:
    """A page's full address under the configured base URL, never the request's Host."""
    path = url_for(endpoint, **values)[len(request.script_root) :]
    return current_app.config["BASE_URL"].rstrip("/") + path


def reserved_names(app: Flask) -> frozenset[str]:
    """First path segments the app itself uses, so no partnership folder may take them."""
    names = set()
    for rule in app.url_map.iter_rules():
        first = rule.rule.strip("/").split("/")[0]
        if first and "<" not in first:
            names.add(first)
    return frozenset(names | set(LANGUAGES) | {"404", "404.html", "index.html"})


class LanguageConverter(AnyConverter):
    """A language prefix, tried before a partnership's slug: '/cy/glossary/' is a page."""

    weight = 50  # below a plain segment's 100


def add_languages(app: Flask) -> None:
    """Every page again under each language's prefix: '/cy/<slug>/check/' and so on."""
    app.url_map.converters["language"] = LanguageConverter
    for rule in list(app.url_map.iter_rules()):
        if rule.endpoint.startswith("wizard.") and rule.endpoint not in UNTRANSLATED:
            app.url_map.add(
                Rule(
                    LANGUAGE_PREFIX + rule.rule,
                    endpoint=rule.endpoint,
                    methods=rule.methods,
                    defaults=rule.defaults,
                )
            )


def in_language(endpoint: str, values: dict, lang: str) -> bool:
    """Whether a page can be read in `lang`: its partnership, or any for a site-wide page."""
    if lang not in LANGUAGES or endpoint in UNTRANSLATED:
        return False
    partnerships = current_app.extensions["site"].partnerships
    slugs = [values[key] for key in ("slug", "first", "second") if values.get(key)]
    if not slugs:
        return any(lang in p.partnership.languages for p in partnerships.values())
    return all(
        slug in partnerships and lang in partnerships[slug].partnership.languages for slug in slugs
    )


def other_languages(endpoint: str, values: dict) -> list[tuple[str, str]]:
    """The same page in each language it can be read in, English first: (language, address)."""
    found = [("en", url_for(endpoint, **values, lang="en"))]
    for lang in LANGUAGES:
        if in_language(endpoint, values, lang):
            found.append((lang, url_for(endpoint, **values, lang=lang)))
    return found if len(found) > 1 else []


def at_root(app: Flask, slug: str) -> None:
    """Route one partnership at the site's root: '/<slug>/check/' becomes '/check/'.

    `url_for` keeps taking `slug` and then builds root paths, so pages, links, the sitemap
    and the freezer's list need no change. The home page's address is the start page's.
    """
    rules = [_rooted(rule, slug) for rule in app.url_map.iter_rules()]
    app.url_map = app.url_map_class(
        rules,
        converters=app.url_map.converters,
        strict_slashes=app.url_map.strict_slashes,
        merge_slashes=app.url_map.merge_slashes,
        host_matching=app.url_map.host_matching,
    )


def _rooted(rule: Rule, slug: str) -> Rule:
    settings = {"endpoint": rule.endpoint, "methods": rule.methods}
    lang = LANGUAGE_PREFIX if rule.rule.startswith(LANGUAGE_PREFIX + "/") else ""
    inner = rule.rule.removeprefix(lang)
    if rule.endpoint == "wizard.home":
        return Rule(lang + "/", build_only=True, **settings)  # answered by the start page
    if not inner.startswith(PARTNERSHIP_PREFIX):
        return rule.empty()
    path = lang + "/" + inner.removeprefix(PARTNERSHIP_PREFIX)
    return Rule(path, defaults={**(rule.defaults or {}), "slug": slug}, **settings)


def every_page(site: Site) -> Iterator[tuple[str, dict]]:
    """Every page of a static build, as (endpoint, values): one walk of each flow."""
    for endpoint in ("wizard.home", "wizard.sitemap", "wizard.robots"):
        yield endpoint, {}  # not /healthz: a static site has no server to check
    for page in site.pages:
        yield "wizard.page", {"page": page}
    yield "wizard.glossary_general", {}
    yield from _compare_pages(site)
    for nation in sorted({p.partnership.nation.value for p in site.partnerships.values()}):
        yield "wizard.bank_holidays", {"nation": nation}
    for slug, partnership in site.partnerships.items():
        yield "wizard.start", {"slug": slug}
        yield "wizard.procedure", {"slug": slug}
        yield "wizard.flowchart", {"slug": slug}
        yield "wizard.brand", {"slug": slug}
        for form_ in partnership.forms:
            yield "wizard.form", {"slug": slug, "form_id": form_.id}
            yield "wizard.form_docx", {"slug": slug, "form_id": form_.id}
        yield from _practice_pages(site, slug)
        for state in engine.walk(site.flow, partnership):
            values = {"slug": slug}
            if state.segments:
                values["answers"] = "/".join(state.segments)
            yield "wizard.check", values
            if state.outcome is not None and state.outcome.kind is engine.OutcomeKind.STAGE:
                yield "wizard.record", values
                yield "wizard.record_docx", values


def _practice_pages(site: Site, slug: str) -> Iterator[tuple[str, dict]]:
    """A partnership's practice list, each scenario, and its answer after every choice."""
    yield "wizard.practice_index", {"slug": slug}
    yield "wizard.glossary", {"slug": slug}
    yield from _role_pages(site, slug)
    for name in site.scenarios.get(slug, {}):
        yield "wizard.scenario", {"slug": slug, "name": name}
        for choice in choices(site.partnerships[slug]):
            yield "wizard.scenario_answer", {"slug": slug, "name": name, "choice": choice.id}


def glossed(markdown: str, slug: str | None = None) -> str:
    """Markdown with each `glossary:<id>` link pointed at its definition."""
    return markdown.replace("](glossary:", f"]({glossary(slug)}#term-")


def _compare_pages(site: Site) -> Iterator[tuple[str, dict]]:
    """Choosing partnerships to compare, and every ordered pair side by side."""
    if len(site.partnerships) < 2:  # nothing to compare, and no page links there
        return
    yield "wizard.compare_choose", {}
    for first in site.partnerships:
        yield "wizard.compare_choose", {"first": first}
        for second in site.partnerships:
            if second != first:
                yield "wizard.compare", {"first": first, "second": second}


def _role_pages(site: Site, slug: str) -> Iterator[tuple[str, dict]]:
    """The role matrix and each agency's row, where the policy has role tables."""
    p = site.partnerships[slug]
    tables = [s.roles for s in p.stages if s.roles]
    if tables:
        yield "wizard.roles", {"slug": slug}
        for agency in p.agencies:  # each agency a table names has its own row
            if any(agency.id in t.by_agency for t in tables):
                yield "wizard.roles", {"slug": slug, "agency": agency.id}
