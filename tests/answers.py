"""Addresses of wizard states from named answers: the flow orders them, the URL scheme's owner
builds the path, so no test types a path and a question added to the flow changes none."""

from __future__ import annotations

from functools import cache

import bundled
from flask import Flask

from wizard.web import urls


@cache
def _app() -> Flask:
    return bundled.app()


def named(answers: dict[str, str]) -> dict[str, str]:
    """Keyword names as question ids: other_agency -> 'other-agency'."""
    return {k.replace("_", "-"): v for k, v in answers.items()}


def path(slug: str, app: Flask | None = None, **answers: str) -> str:
    """The address of the state these answers lead to, e.g. path('brent', risk='yes')."""
    app = app or _app()
    with app.test_request_context():
        return urls.situation(app.extensions["site"].partnerships[slug], named(answers))


def stage(slug: str, number: int, app: Flask | None = None, **more: str) -> str:
    """The address reached by answering for a stage (its route, if any, in `variant`), and more."""
    from wizard.core.engine import OutcomeKind, answer
    from wizard.core.flow import reaching

    app = app or _app()
    site = app.extensions["site"]
    p = site.partnerships[slug]
    target = next(s for s in p.stages if s.number == number)
    situation = {**reaching(p, target), **named(more)}
    state = answer(site.flow, p, situation)
    # A stage test that stops at a question would read the question's page: say which.
    open_ = state.question.id if state.question else None
    assert state.outcome is not None and state.outcome.kind is OutcomeKind.STAGE, (
        f"{slug} {number} with {more}: the flow still asks {open_!r}"
    )
    return path(slug, app, **situation)
