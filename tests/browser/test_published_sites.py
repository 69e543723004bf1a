"""In a real Chromium: a one-partnership site behind nginx, and the preview's error page."""

from __future__ import annotations

import shutil

import answers
import pytest
from browser import axe_violations, live_server, nginx
from conftest import TODAY

from wizard.content import BUNDLED_SITE
from wizard.publish.freeze import build
from wizard.web.app import create_app

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
DISAGREEMENT = "A disagreement with another agency about a child's safety"


@pytest.fixture(scope="module")
def havering_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("one")
    result = build(BUNDLED_SITE, tmp / "out", "https://example.org/havering/", ["havering"], TODAY)
    with nginx(result.out, result.base_path, tmp) as url:
        yield url + result.base_path


def test_one_partnership_site_starts_at_its_base_url(browser, havering_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(havering_site)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Resolve a professional")
    page.get_by_role("button", name="Start now").click()
    for answer in ("No", DISAGREEMENT, "Nothing yet"):
        page.get_by_role("link", name=answer, exact=True).click()
    assert page.url == havering_site + answers.stage("havering", 1).removeprefix("/havering/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Go to Stage 1")
    context.close()


def test_one_partnership_start_page_has_no_axe_violations(tabs, havering_site):
    page = tabs(havering_site, axe=True)
    assert axe_violations(page) == []


def test_preview_error_page_has_no_axe_violations(browser, tmp_path):
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", tmp_path / "policies" / "brent")
    policy = tmp_path / "policies" / "brent" / "policy.md"
    policy.write_text(policy.read_text().replace("number: 2", "number: two", 1))
    with live_server(create_app({"SITE_DIR": tmp_path, "RELOAD": True})) as url:
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(url + "/brent/")
        assert page.get_by_role("heading", level=1).inner_text() == "The content has 1 error"
        assert "policy.md:" in page.locator("main").inner_text()
        assert axe_violations(page) == []
        context.close()
