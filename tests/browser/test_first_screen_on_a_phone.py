"""Issue 24 in a real Chromium: a stage outcome's first screen on a phone, and the time field.

A sample of stage outcomes (one of every stage and route of every partnership) at 390x844,
JavaScript on, as a worker opens them: the first screen holds who acts, with whom, and a
dated deadline, or "immediately" and the dated clock after it. Every stage outcome is read
through HTTP in tests/web/test_stage_page_reading.py.
"""

from __future__ import annotations

import re

import pytest
from browser import PHONE, opened_on_a_phone
from conftest import TODAY
from stagepages import one_of_each_kind

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

# The start typed, and the day the disagreement began, kept in the fragment as plan.js keeps
# them: a later stage's whole-procedure clock is dated only from that day.
DATES = "#start=2026-11-23&disagreement=2026-11-16"
DATED = re.compile(r"\bby (?:the end of |[\d:]+ [ap]m on |midday on )?\w+day \d+ \w+ \d{4}")


def one_per_stage() -> list[str]:
    """The first outcome of each stage and route of every partnership."""
    seen, paths = set(), []
    for o in one_of_each_kind():
        if (o.slug, o.stage) not in seen:
            seen.add((o.slug, o.stage))
            paths.append(o.path)
    return paths


def bottom(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


def row(page, key: str):
    """The value a person reads beside `key` in 'What to do now'."""
    key_cell = page.locator(f"dt:text-is('{key}')")
    return page.locator(".app-now__list .govuk-summary-list__row", has=key_cell).locator("dd")


@pytest.mark.parametrize("path", one_per_stage())
def test_the_first_screen_holds_who_with_whom_and_a_dated_deadline(tabs, server, path):
    page = opened_on_a_phone(tabs, server + path + DATES)
    assert bottom(row(page, "Who acts")) <= PHONE["height"]
    if row(page, "With").count():
        assert bottom(row(page, "With")) <= PHONE["height"]
    when = row(page, "By when")
    shown = [d for d in when.locator(".app-deadline").all() if d.is_visible()]
    if not shown:  # a stage with no timescale at all, and no whole-procedure clock: it says so
        assert "no timescale" in when.inner_text()
        assert bottom(when.locator("p").first) <= PHONE["height"]
    else:
        assert DATED.search(shown[0].inner_text()), shown[0].inner_text()
        assert bottom(shown[0]) <= PHONE["height"]
        text = when.inner_text()
        if "immediately" in text.split("Then:")[0]:  # "immediately", then its dated clock
            assert text.index("immediately") < text.index("Then:")


def test_the_time_field_is_never_filled_in_for_the_worker(tabs, server):
    """Its hint says an empty time counts from the start of the day: the script leaves it so."""
    page = opened_on_a_phone(tabs, server + one_per_stage()[0])
    assert page.locator("#day").input_value() == str(TODAY.day)
    assert page.locator("#clock").input_value() == ""
