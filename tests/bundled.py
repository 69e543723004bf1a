"""The bundled site, loaded and validated once per test process, and apps that serve it."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

    from wizard.content import Site

TODAY = date(2026, 11, 23)
# The app is imported when first asked for, not with this module: conftest.py reads TODAY,
# and pytest-xdist's controller, which runs no test, imports conftest.py before it starts
# the workers (the app's modules took it 0.8 s).


@cache
def site() -> Site:
    """The bundled site as the app loads it (with the names the app reserves)."""
    from wizard.content import BUNDLED_SITE, load_site
    from wizard.web.app import taken

    return load_site(BUNDLED_SITE, today=TODAY, taken=taken())


def app(**config: Any) -> Flask:
    """An app over the bundled site already loaded; TESTING and TODAY unless given."""
    from wizard.web.app import create_app

    return create_app({"TESTING": True, "TODAY": TODAY, "SITE": site(), **config})


@cache
def shared() -> Flask:
    """The app this process shares: the `app` fixture's, and the one answers.py asks."""
    return app()


@cache
def page(path: str) -> tuple[int, str]:
    """A GET of `path` from the shared app, rendered once per process: (status, markup).

    The tests that read every page of the flow share it (xdist_group "every-page").
    """
    response = shared().test_client().get(path)
    return response.status_code, response.get_data(as_text=True)
