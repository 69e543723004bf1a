"""Issue 24's measured goal, in a real Chromium: every kind of stage page read on a phone.

One outcome of each kind of stage page (tests/stagepages.py), opened at 390x844 with
JavaScript on and every details element folded, as a worker first opens it: no page shows
more than 700 words in `<main>`, and half of them fewer than 500. Folded text (notes about
the policy text, the policy's words behind what to do now, more from the policy) is still on
the page, for whoever opens it and on paper. bench/page_reading.py gives the figures.
"""

from __future__ import annotations

import re
import statistics
from datetime import UTC, datetime, time

import pytest
from answers import stage
from conftest import TODAY
from stagepages import one_of_each_kind

from wizard.content.calendar import LONDON

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

NOW = datetime.combine(TODAY, time(9), LONDON).astimezone(UTC)
PHONE = {"width": 390, "height": 844}
WORDS_MAX, WORDS_MEDIAN = 700, 500
DATED = re.compile(r"\bby (?:the end of |[\d:]+ [ap]m on |midday on )?\w+day \d+ \w+ \d{4}")
# The words a person sees in <main>: its innerText leaves out folded and hidden text.
VISIBLE_WORDS = "() => document.querySelector('main').innerText.split(/\\s+/)"
VISIBLE_WORDS += ".filter(w => /\\w/.test(w)).length"


def opened(browser, url: str):
    context = browser.new_context(viewport=PHONE)
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page


def visible_words(browser, url: str) -> int:
    context, page = opened(browser, url)
    found = page.evaluate(VISIBLE_WORDS)
    context.close()
    return found


def test_no_stage_page_shows_more_than_700_words_and_half_fewer_than_500(browser, server):
    words = {o.path: visible_words(browser, server + o.path) for o in one_of_each_kind()}
    assert {path: n for path, n in words.items() if n > WORDS_MAX} == {}
    assert statistics.median(words.values()) < WORDS_MEDIAN


# The ordinary answer (the agency has a nominated representative), the one without, and
# "not sure", whose fallback folds under its answer so the deadline stays in view.
@pytest.mark.parametrize("missing", ["yes", "no-representative", "not-sure"])
def test_staffordshire_stage_5_shows_its_dated_deadline_on_the_first_phone_screen(
    browser, server, missing
):
    """Opened as a worker first opens it, with no date typed: the stage starts today."""
    context, page = opened(browser, server + stage("staffordshire-stoke", 5, missing=missing))
    deadlines = page.locator(".app-now__when dd .app-deadline")
    first = next(d for d in deadlines.all() if d.is_visible())
    box = first.bounding_box()
    assert DATED.search(first.inner_text()), first.inner_text()
    assert box["y"] + box["height"] <= PHONE["height"]
    context.close()
