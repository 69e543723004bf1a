"""A logged path to the page it is, through the app's own routes and the engine.

No address pattern is written here: a path is matched against the URL map the app serves
(and a static build was frozen from), and a wizard path's answers are replayed by the
engine, which says whether it is the first question, an emergency page or an outcome, and
which stage, urgency tier and area. Endpoint names are the app's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from flask import Flask
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter, RoutingException

from wizard.content import Site
from wizard.core import engine
from wizard.core.engine import OutcomeKind, Q
from wizard.core.policy import Partnership
from wizard.publish.stats import kinds
from wizard.publish.stats.kinds import Kind
from wizard.web import urls

INDEX = "/index.html"  # a static host may log the file a folder's address is served from
# Distinct paths remembered: more than a whole build has, so a log is classified at the
# speed of a dictionary, and never more, so memory stays flat on any log.
REMEMBERED = 65_536
SIMPLE = {
    "wizard.record": Kind("download", "record"),
    "wizard.record_docx": Kind("download", "record-docx"),
    "wizard.form": Kind("download", "form"),
    "wizard.form_docx": Kind("download", "form-docx"),
    "wizard.flowchart": Kind("learning", "flowchart"),
    "wizard.practice_index": Kind("learning", "practice"),
    "wizard.scenario": Kind("learning", "practice"),
    "wizard.scenario_answer": Kind("learning", "practice"),
    "wizard.glossary": Kind("learning", "glossary"),
    "wizard.roles": Kind("learning", "roles"),
}


class Page(NamedTuple):
    """A counted page: whose it is, and each kind it counts as."""

    slug: str
    kinds: tuple[Kind, ...]


class Classifier:
    """Tells which counted page a logged request is, if any, for one app's URL map."""

    def __init__(self, app: Flask, base_path: str = "/") -> None:
        """`base_path` is the path the site was served or built under, such as '/escalation/'."""
        self.site: Site = app.extensions["site"]
        self.adapter: MapAdapter = app.url_map.bind("localhost")
        self.base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self.page: Callable[[str, str], Page | None] = lru_cache(maxsize=REMEMBERED)(self._page)

    def _page(self, method: str, path: str) -> Page | None:
        """The page a GET (or the date form's POST) of this path counts as, or None."""
        route = self._route(path)
        if route is None:
            return None
        try:
            endpoint, values = self.adapter.match(route, method="GET")
        except (HTTPException, RoutingException):
            return None
        slug = values.get("first") if endpoint == "wizard.compare" else values.get("slug")
        p = self.site.partnerships.get(slug or "")
        if p is None:
            return None
        found = self._kinds(endpoint, values, p, method)
        return Page(p.slug, found) if found else None

    def _route(self, path: str) -> str | None:
        """The path as the app routes it: the base path taken off, a folder's index.html too."""
        if not path.startswith(self.base):
            return None
        route = path[len(self.base) - 1 :]
        return route.removesuffix("index.html") if route.endswith(INDEX) else route

    def _kinds(self, endpoint: str, values: dict, p: Partnership, method: str) -> tuple[Kind, ...]:
        """The kinds a matched page counts as: a wizard page by its state, others by endpoint."""
        if endpoint == "wizard.check":
            state = engine.resolve(self.site.flow, p, urls.segments(values["answers"]))
            return posted(state) if method == "POST" else journey(state)
        if method != "GET":
            return ()
        if endpoint == "wizard.compare":
            return (Kind("learning", "compare"),)
        return (SIMPLE[endpoint],) if endpoint in SIMPLE else ()


def journey(state: engine.State) -> tuple[Kind, ...]:
    """What a wizard page counts as: the first question, or an outcome and its details."""
    if state.error is not None:
        return ()
    if state.question is not None:
        return (kinds.STARTED,) if not state.answered else ()
    outcome = state.outcome
    if outcome.kind is OutcomeKind.EMERGENCY:
        return (kinds.EMERGENCY,)
    return (_route_kind(outcome), *_details(state))


def posted(state: engine.State) -> tuple[Kind, ...]:
    """A POST counts only as the date form of a stage outcome (the live app's calendar too)."""
    staged = state.outcome is not None and state.outcome.kind is OutcomeKind.STAGE
    return (kinds.DATES_POSTED,) if staged else ()


def _route_kind(outcome: engine.Outcome) -> Kind:
    if outcome.kind is OutcomeKind.EXIT:
        return Kind("outcome", outcome.exit or "")
    return {
        OutcomeKind.STAGE: kinds.STAGE,
        OutcomeKind.CONCERN_HELP: kinds.CONCERN_HELP,
        OutcomeKind.BEYOND: kinds.BEYOND,
    }[outcome.kind]


def _details(state: engine.State) -> tuple[Kind, ...]:
    """A stage outcome's stage; any outcome's urgency tier and area, where they were asked."""
    found = []
    if state.outcome.kind is OutcomeKind.STAGE and state.outcome.stage is not None:
        found.append(kinds.stage_kind(state.outcome.stage))
    # An urgency tier is an answer to the risk question (decision 27).
    tier = state.partnership.tier(state.answers.get(Q.RISK))
    if tier is not None:
        found.append(Kind("tier", tier.id))
    if Q.AREA in state.answers:
        found.append(Kind("area", state.answers[Q.AREA]))
    return tuple(found)
