"""Shared fixtures: the bundled site, the app over it, and a client."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wizard.content import BUNDLED_SITE, Site, load_site
from wizard.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def site() -> Site:
    return load_site(BUNDLED_SITE, today=TODAY)


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True, "TODAY": TODAY})


@pytest.fixture
def client(app):
    return app.test_client()


SUB_URL = "https://example.org/safeguarding/escalation/"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The whole guidance frozen once under a sub-path; shared by freeze and browser tests."""
    from wizard.publish.freeze import build

    return build(BUNDLED_SITE, tmp_path_factory.mktemp("sub") / "site", SUB_URL, today=TODAY)


@pytest.fixture(scope="session")
def root_build(tmp_path_factory):
    """One small partnership frozen at the root of its host."""
    from wizard.publish.freeze import build

    out = tmp_path_factory.mktemp("root") / "site"
    return build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (never a downloaded one), launched once per module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
