"""Issue 24 in a real Chromium: a stage outcome's first screen on a phone, and the time field.

A sample of stage outcomes (one of every stage and route of every partnership) at 390x844,
JavaScript on, as a worker opens them: the first screen holds who acts, with whom, and a
dated deadline, or "immediately" and the dated clock after it. Every stage outcome is read
through HTTP in tests/web/test_stage_page_reading.py.
"""

from __future__ import annotations

import re

import pytest
from browser import PHONE, opened_on_a_phone, read_on_a_phone
from conftest import TODAY
from stagepages import one_of_each_kind

# One worker opens the pages once, a few tabs at a time, for every test that uses `screens`.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("first-screen")]
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


def first_screen(page) -> dict:
    """What the first screen's rows hold: where each ends, and the "By when" words shown."""
    with_ = row(page, "With")
    when = row(page, "By when")
    shown = [d for d in when.locator(".app-deadline").all() if d.is_visible()]
    return {
        "who ends": bottom(row(page, "Who acts")),
        "with ends": bottom(with_) if with_.count() else None,
        "when": when.inner_text(),
        # the first deadline shown, or the words saying there is none
        "first": shown[0].inner_text() if shown else None,
        "first ends": bottom(shown[0] if shown else when.locator("p").first),
    }


@pytest.fixture(scope="module")
def screens(browser, server) -> dict[str, dict]:
    """Each stage's first outcome opened on a phone with the dates in its fragment, read."""
    return read_on_a_phone(browser, [server + p + DATES for p in one_per_stage()], first_screen)


@pytest.mark.parametrize("path", one_per_stage())
def test_the_first_screen_holds_who_with_whom_and_a_dated_deadline(screens, server, path):
    screen = screens[server + path + DATES]
    assert screen["who ends"] <= PHONE["height"]
    if screen["with ends"] is not None:
        assert screen["with ends"] <= PHONE["height"]
    assert screen["first ends"] <= PHONE["height"]
    if screen["first"] is None:  # no timescale at all, and no whole-procedure clock: it says so
        assert "no timescale" in screen["when"]
    else:
        assert DATED.search(screen["first"]), screen["first"]
        text = screen["when"]
        if "immediately" in text.split("Then:")[0]:  # "immediately", then its dated clock
            assert text.index("immediately") < text.index("Then:")


def test_the_time_field_is_never_filled_in_for_the_worker(tabs, server):
    """Its hint says an empty time counts from the start of the day: the script leaves it so."""
    page = opened_on_a_phone(tabs, server + one_per_stage()[0])
    assert page.locator("#day").input_value() == str(TODAY.day)
    assert page.locator("#clock").input_value() == ""
