"""Shared fixtures, each defined once: the bundled site, the app over it, a client, servers."""

from __future__ import annotations

import fcntl
import pickle
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import bundled
import pytest
from bundled import TODAY
from hypothesis import settings
from xdist_groups import pytest_collection_modifyitems

if TYPE_CHECKING:
    from wizard.content import Site

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"  # its helpers are on the path of every test folder; its data is here
EVERY_FIELD = TESTS / "sites" / "every-field"  # a fictional partnership: every field in use
EVENT_CLOCKS = TESTS / "sites" / "event-clocks"  # clocks from events, a lost last stage
BILINGUAL = TESTS / "sites" / "bilingual"  # Welsh partnerships, in Welsh and English
SUB_URL = "https://example.org/safeguarding/escalation/"
# Christmas Eve: deadlines that run into a weekend and two bank holidays.
EVE = date(2026, 12, 24)
__all__ = ["EVE", "ROOT", "SUB_URL", "TESTS", "TODAY", "examples"]
__all__ += ["BILINGUAL", "EVENT_CLOCKS", "EVERY_FIELD"]  # the test sites
__all__ += ["pytest_collection_modifyitems"]  # a hook, from its own module
# The edit loop (`make test-fast`) tries a tenth of the random inputs `make test` tries.
settings.register_profile("edit-loop", max_examples=10)


def examples(wanted: int) -> int:
    """How many random inputs a property test tries: all it wants, or a tenth in the edit loop."""
    return max(1, wanted * settings.default.max_examples // 100)


@pytest.fixture(scope="session")
def site() -> Site:
    return bundled.site()


@pytest.fixture(scope="session")
def app():
    return bundled.shared()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def eve_app():
    return bundled.app(TODAY=EVE)


@pytest.fixture
def eve_client(eve_app):
    return eve_app.test_client()


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], object]):
    """What `make(folder)` returns, made by the first test process of this run to ask.

    The others wait on a lock, then read what it made: xdist workers share the run's folder
    (each worker's own is inside it). Run without xdist, the process makes its own.
    """
    base = tmp_path_factory.getbasetemp()
    if not base.name.startswith("popen-gw"):  # not an xdist worker: nothing to share
        return make(tmp_path_factory.mktemp(name))
    folder = base.parent / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made = folder / "made.pickle"
        if not made.exists():
            made.write_bytes(pickle.dumps(make(folder)))
        return pickle.loads(made.read_bytes())


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The whole guidance frozen once per run under a sub-path, for every test process."""
    from wizard.content import BUNDLED_SITE
    from wizard.publish.freeze import build

    def make(folder: Path):
        return build(BUNDLED_SITE, folder / "site", SUB_URL, today=TODAY)

    return once_per_run(tmp_path_factory, "sub", make)


@pytest.fixture(scope="session")
def bilingual_build(tmp_path_factory):
    """The bilingual test site built once per run as partnership staff publish it.

    At the root of its host, its Welsh a draft (`--draft-translations`).
    """
    from wizard.publish.freeze import build

    def make(folder: Path):
        return build(BILINGUAL, folder / "site", "/", today=TODAY, draft_translations=True)

    return once_per_run(tmp_path_factory, "bilingual", make)


@pytest.fixture(scope="session")
def root_build(tmp_path_factory):
    """One small partnership frozen at the root of its host."""
    from wizard.content import BUNDLED_SITE
    from wizard.publish.freeze import build

    out = tmp_path_factory.mktemp("root") / "site"
    return build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)


@pytest.fixture(scope="session")
def signoff_pack(tmp_path_factory):
    """Each partnership's sign-off pack, written once when first asked: (Pack, its HTML)."""
    from wizard.content import BUNDLED_SITE
    from wizard.publish import signoff

    @cache
    def write(slug: str):
        out = tmp_path_factory.mktemp("signoff") / f"{slug}.html"
        return signoff.write(BUNDLED_SITE, slug, out, today=TODAY), out.read_text()

    return write


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (never a downloaded one), launched once per test process."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def tabs(browser):
    """Open tabs, one for each kind of context, reused by this process's browser tests."""
    from browser import Tabs

    kept = Tabs(browser)
    yield kept
    kept.close()


@pytest.fixture(scope="session")
def server():
    """The live app over the bundled site, on a loopback port, for the browser."""
    from browser import live_server

    with live_server(bundled.app(TESTING=False)) as url:
        yield url


@pytest.fixture(scope="session")
def static_site(site_build, tmp_path_factory):
    """The shared whole-site build, served by a real nginx under its sub-path."""
    from browser import nginx

    tmp = tmp_path_factory.mktemp("nginx")
    with nginx(site_build.out, site_build.base_path, tmp) as url:
        yield url + site_build.base_path
