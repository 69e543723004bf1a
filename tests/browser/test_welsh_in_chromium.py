"""The Welsh pages in a real Chromium: accessible, narrow, dated alike live and static.

The bilingual test site's two fictional Welsh partnerships: Cwm Ffug gives its policy in Welsh
too, Afonlas in English only. Welsh words run longer than English ones; the Welsh dates come
from Intl in the browser and from Babel on the server, and must read the same.
"""

from __future__ import annotations

import answers
import pytest
from browser import (
    PHONE,
    enter_date,
    live_server,
    nginx,
    opened_on_a_phone,
    reflow_and_axe,
    same_main,
    sideways_overflow,
)
from conftest import BILINGUAL, TODAY
from welsh import kinds, welsh

from wizard.web.app import create_app

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

WELSH_PAGES = {name: welsh(address) for name, address in kinds().items()}
BOTH = {"agency": "police", "other_agency": "health"}
STAGES = [
    answers.stage("cwm-ffug", 1, **BOTH),
    answers.stage("cwm-ffug", 2, **BOTH),
    answers.stage("afonlas", 1),
    answers.stage("afonlas", 2),
]
START = ("30", "11", "2026", "")


@pytest.fixture(scope="module")
def cy_server():
    with live_server(create_app({"TODAY": TODAY, "SITE_DIR": BILINGUAL})) as url:
        yield url


@pytest.fixture(scope="module")
def cy_static(bilingual_build, tmp_path_factory):
    with nginx(bilingual_build.out, "/", tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.mark.parametrize("path", WELSH_PAGES.values(), ids=WELSH_PAGES.keys())
def test_axe_finds_nothing_and_nothing_scrolls_sideways_on_a_welsh_page(
    tabs, cy_server, cy_static, path
):
    for url in (cy_server + path, cy_static + path):
        overflow, violations = reflow_and_axe(tabs, url)
        assert violations == [], url
        assert overflow <= 0, url


@pytest.mark.parametrize("path", WELSH_PAGES.values(), ids=WELSH_PAGES.keys())
def test_nothing_scrolls_sideways_at_320_px_in_welsh_without_javascript(
    tabs, cy_server, cy_static, path
):
    assert sideways_overflow(tabs, cy_server + path, javascript=False) <= 0
    assert sideways_overflow(tabs, cy_static + path, javascript=False) <= 0


@pytest.mark.parametrize("path", [welsh(p) for p in STAGES], ids=STAGES)
def test_what_to_do_now_is_on_a_phones_first_screen_in_welsh(tabs, cy_server, path):
    page = opened_on_a_phone(tabs, cy_server + path)
    when = page.locator(".app-now__when").first
    box = when.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    assert "erbyn diwedd Dydd" in when.inner_text()  # a dated deadline, in Welsh


@pytest.mark.parametrize("slug", ["cwm-ffug", "afonlas"])
def test_the_emergency_action_is_on_a_phones_first_screen_in_welsh(tabs, cy_server, slug):
    page = opened_on_a_phone(tabs, cy_server + welsh(answers.path(slug, risk="yes")))
    for selector in (".app-emergency", "#policy-route"):
        box = page.locator(selector).first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], selector


@pytest.mark.parametrize("path", [welsh(p) for p in STAGES], ids=STAGES)
def test_a_welsh_stage_page_reads_the_same_live_and_static(tabs, cy_server, cy_static, path):
    same_main(tabs, cy_server, cy_static + "/", path.lstrip("/"), START)


def test_the_switch_keeps_the_start_date_in_the_fragment(browser, cy_static):
    context = browser.new_context()
    page = context.new_page()
    page.goto(cy_static + welsh(STAGES[1]))
    enter_date(page, *START)
    fragment = page.url.split("#", 1)[1]
    assert "start=2026-11-30" in fragment
    welsh_deadline = page.locator(".app-now__when .app-deadline").first.inner_text()
    page.locator('a[hreflang="en"][rel="alternate"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == cy_static + STAGES[1] + "#" + fragment
    english_deadline = page.locator(".app-now__when .app-deadline").first.inner_text()
    assert "Tachwedd" in welsh_deadline or "Rhagfyr" in welsh_deadline
    assert english_deadline.split()[-1] == welsh_deadline.split()[-1]  # the same year
    assert english_deadline.split()[-3] == welsh_deadline.split()[-3]  # and the same day
    context.close()
