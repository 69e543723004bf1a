"""In a real Chromium: the pages the v2 format changed, from the every-field test partnership."""

from __future__ import annotations

import answers
import pytest
from browser import live_server, reflow_and_axe, sideways_overflow
from conftest import EVERY_FIELD, TODAY

from wizard.web.app import create_app

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

CHECK = {"risk": "no", "concern": "disagreement"}
# Each page type whose template changed for text not available, notes or outside contacts.
PAGES = {
    "start with an unreadable stage": "/fenmouth/",
    "unreadable stage": answers.stage("fenmouth", 3),
    "untitled stage with a form known by name": answers.stage("fenmouth", 2),
    "stage with notes beside a role and a timescale": answers.stage(
        "fenmouth", 1, agency="education", other_agency="health"
    ),
    "record of an unreadable stage": answers.stage("fenmouth", 3) + "record/",
    "form known by name": "/fenmouth/forms/referral-form/",
    "exit with an outside contact": answers.path("fenmouth", risk="no", concern="conduct"),
    "every stage tried": answers.path("fenmouth", **CHECK, progress="tried-3"),
    "procedure of a policy partly read": "/fenmouth/procedure/",
}


@pytest.fixture(scope="module")
def every_field_server():
    with live_server(create_app({"TODAY": TODAY, "SITE_DIR": EVERY_FIELD})) as url:
        yield url


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_and_nothing_scrolls_sideways_every_field(tabs, every_field_server, name):
    """WCAG 2.2 AA as axe-core reads it, and 1.4.10 Reflow at 320 px, which it cannot see."""
    overflow, violations = reflow_and_axe(tabs, every_field_server + PAGES[name])
    assert violations == []
    assert overflow <= 0


@pytest.mark.parametrize("name", PAGES)
def test_reflow_nothing_scrolls_sideways_at_320_px_every_field_without_javascript(
    tabs, every_field_server, name
):
    assert sideways_overflow(tabs, every_field_server + PAGES[name], javascript=False) <= 0
