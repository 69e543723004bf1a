"""The bundled site, loaded and validated once per test process, and apps that serve it."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from flask import Flask

from wizard.content import BUNDLED_SITE, Site, load_site
from wizard.web.app import create_app, taken

TODAY = date(2026, 11, 23)


@cache
def site() -> Site:
    """The bundled site as the app loads it (with the names the app reserves)."""
    return load_site(BUNDLED_SITE, today=TODAY, taken=taken())


def app(**config: Any) -> Flask:
    """An app over the bundled site already loaded; TESTING and TODAY unless given."""
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
