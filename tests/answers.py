"""Addresses of wizard states from named answers, in the flow's order, by the URL scheme's owner.

No test types a path, so a question added to the flow changes none. Answers are named by
question id, with `_` for `-` (`other_agency="health"`); a question the flow does not ask of
a situation is left out of its path.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import bundled
from flask import Flask

from wizard.core.engine import OutcomeKind, answer
from wizard.core.flow import reaching
from wizard.web import urls
from wizard.web.app import create_app

SITES = Path(__file__).resolve().parent / "sites"


@cache
def _test_sites() -> dict[str, Flask]:
    """An app for each partnership of the test sites (tests/sites), by slug."""
    apps = {}
    for folder in sorted(p for p in SITES.iterdir() if p.is_dir()):
        app = create_app({"TESTING": True, "TODAY": bundled.TODAY, "SITE_DIR": folder})
        apps |= dict.fromkeys(app.extensions["site"].partnerships, app)
    return apps


def app_of(slug: str) -> Flask:
    """The app that serves a partnership: the bundled site's, or a test site's."""
    if slug in bundled.site().partnerships:
        return bundled.shared()
    return _test_sites()[slug]


def named(answers: dict[str, str]) -> dict[str, str]:
    """Keyword names as question ids: other_agency -> 'other-agency'."""
    return {k.replace("_", "-"): v for k, v in answers.items()}


def path(slug: str, app: Flask | None = None, **answers: str) -> str:
    """The address of the state these answers lead to: `path("brent", risk="yes")`."""
    app = app or app_of(slug)
    with app.test_request_context():
        return urls.situation(app.extensions["site"].partnerships[slug], named(answers))


def stage(slug: str, number: int, app: Flask | None = None, **more: str) -> str:
    """The address reached by answering for a stage (its route, if any, in `variant`), and more."""
    app = app or app_of(slug)
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
