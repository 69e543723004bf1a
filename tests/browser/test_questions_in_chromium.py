"""In a real Chromium without JavaScript: a static site's plain links reach the new outcomes."""

from __future__ import annotations

import pytest
from answers import path, stage
from browser import axe_violations, nginx
from conftest import TODAY

from wizard.content import BUNDLED_SITE
from wizard.publish.freeze import build

STAFFS = "staffordshire-stoke"

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def staffordshire(tmp_path_factory):
    """Staffordshire and Stoke-on-Trent alone, built at the root and served by nginx."""
    out = tmp_path_factory.mktemp("staffs") / "site"
    built = build(BUNDLED_SITE, out, "/", only=["staffordshire-stoke"], today=TODAY)
    with nginx(built.out, built.base_path, tmp_path_factory.mktemp("nginx-staffs")) as url:
        yield url + built.base_path


def to_progress(page, start: str) -> None:
    """From the start page to "What has happened so far?", by plain links."""
    page.goto(start)
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("link", name="No", exact=True).click()
    page.get_by_role(
        "link", name="A disagreement with another agency about a child's safety"
    ).click()


def first_box(page) -> dict[str, str]:
    rows = page.locator("#now-heading + dl .govuk-summary-list__row")
    return {
        rows.nth(i).locator("dt").inner_text(): rows.nth(i).locator("dd").inner_text()
        for i in range(rows.count())
    }


def test_an_organisation_without_senior_managers_reaches_its_board_representative(
    browser, staffordshire
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    to_progress(page, staffordshire)
    page.get_by_role("link", name="Stage 2 did not resolve it").click()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Does your organisation have senior managers")
    page.get_by_role(
        "link", name="No: my organisation has no senior manager above the line manager"
    ).click()
    # The build for one partnership serves it at the root: no slug in the address.
    assert page.url.endswith(
        stage(STAFFS, 3, missing="no-senior-manager").removeprefix(f"/{STAFFS}")
    )
    assert page.get_by_role("heading", level=1).inner_text().startswith("Go to Stage 5")
    box = first_box(page)
    assert box["Who acts"].startswith("“professionals” (Stage 2 NB)")
    assert box["With"].startswith("“their Board representative” (Stage 2 NB)")
    assert box["Send"].startswith(
        "The completed LSCB ‘Formal Escalation’ form to the relevant LSCB manager"
    )
    context.close()


def test_without_a_line_manager_in_stoke_on_trent_the_designated_lead_acts(
    browser, tabs, staffordshire
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    to_progress(page, staffordshire)
    page.get_by_role("link", name="Stage 1 did not resolve it").click()
    page.get_by_role("link", name="third-sector").click()
    page.get_by_role("link", name="Stoke-on-Trent", exact=True).click()
    assert first_box(page)["Who acts"].startswith(
        "“the Designated Lead for child protection” (Footnote 2)"
    )
    reached = page.url
    context.close()
    # The same page with JavaScript, for axe-core.
    page = tabs(reached, axe=True)
    assert axe_violations(page) == []


NEW_PAGES = {
    "no senior manager": stage(STAFFS, 3, missing="no-senior-manager"),
    "not sure of a representative": stage(STAFFS, 5, missing="not-sure"),
    "the missing question": path(STAFFS, risk="no", concern="disagreement", progress="tried-4"),
    "havering stage 4": stage("havering", 4),
    "islington's first question": path("islington"),
}


@pytest.mark.parametrize("name", NEW_PAGES)
def test_the_new_pages_have_no_axe_violations(tabs, server, name):
    page = tabs(server + NEW_PAGES[name], axe=True)
    assert axe_violations(page) == []
