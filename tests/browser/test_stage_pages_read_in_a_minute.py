"""Issue 24's measured goal, in a real Chromium: every kind of stage page read on a phone.

One outcome of each kind of stage page (tests/stagepages.py), opened at 390x844 with
JavaScript on and every details element folded, as a worker first opens it: no page shows
more than 700 words in `<main>`, and half of them fewer than 500. Folded text (notes about
the policy text, the policy's words behind what to do now, more from the policy) is still on
the page, for whoever opens it and on paper. bench/page_reading.py gives the figures.

The same loads show where "what to do now" ends on the first screen: a page load costs
Chromium a tenth of a second of CPU whatever is read from it.
"""

from __future__ import annotations

import re
import statistics

import pytest
from answers import stage
from browser import NARROW, PHONE, SCROLLS_SIDEWAYS, opened_on_a_phone, read_on_a_phone
from stagepages import one_of_each_kind, one_outcome_per_stage

# One worker reads the pages once for every test of this file that uses `read`.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("phone-reading")]
pytest.importorskip("playwright.sync_api")

WORDS_MAX, WORDS_MEDIAN = 700, 500
DATED = re.compile(r"\bby (?:the end of |[\d:]+ [ap]m on |midday on )?\w+day \d+ \w+ \d{4}")
# The words a person sees in <main>: its innerText leaves out folded and hidden text.
VISIBLE_WORDS = "() => document.querySelector('main').innerText.split(/\\s+/)"
VISIBLE_WORDS += ".filter(w => /\\w/.test(w)).length"


def visible_words(page) -> int:
    return page.evaluate(VISIBLE_WORDS)


def when_ends(page) -> float:
    """How far down the page the first box's "By when" row ends."""
    box = page.locator(".app-now__when").first.bounding_box()
    return box["y"] + box["height"]


def unfolded_at_320_px(page) -> int:
    """How far the page scrolls sideways at 320 px with every fold open, as paper has it."""
    page.set_viewport_size(NARROW)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true })")
    overflow = page.evaluate(SCROLLS_SIDEWAYS)
    page.set_viewport_size(PHONE)
    return overflow


@pytest.fixture(scope="module")
def read(browser, server) -> dict[str, tuple[int, float, int]]:
    """Each kind of stage page: its visible words, where "By when" ends, its overflow unfolded."""
    urls = [server + o.path for o in one_of_each_kind()]
    return read_on_a_phone(
        browser, urls, lambda page: (visible_words(page), when_ends(page), unfolded_at_320_px(page))
    )


def test_no_kind_of_stage_page_scrolls_sideways_at_320_px_with_every_fold_open(read):
    """WCAG 1.4.10 Reflow on every kind of stage page: a long citation wraps inside itself."""
    assert {url: overflow for url, (_, _, overflow) in read.items() if overflow > 0} == {}


def test_no_stage_page_shows_more_than_700_words_and_half_fewer_than_500(read):
    words = {url: n for url, (n, _, _) in read.items()}
    assert len(words) == len(one_of_each_kind())
    assert {path: n for path, n in words.items() if n > WORDS_MAX} == {}
    assert statistics.median(words.values()) < WORDS_MEDIAN


@pytest.mark.parametrize("path", one_outcome_per_stage())
def test_what_to_do_now_is_on_a_phones_first_screen(read, server, path):
    # Who acts, with whom and by when are on the first screen; contact details, what to
    # write down and the form may run on below it on the longest stages. The first outcome
    # of each stage is the first of its kind, so it is among the pages read.
    _, ends, _ = read[f"{server}/{path}"]
    assert ends <= PHONE["height"]


# The ordinary answer (the agency has a nominated representative), the one without, and
# "not sure", whose fallback folds under its answer so the deadline stays in view.
@pytest.mark.parametrize("missing", ["yes", "no-representative", "not-sure"])
def test_staffordshire_stage_5_shows_its_dated_deadline_on_the_first_phone_screen(
    tabs, server, missing
):
    """Opened as a worker first opens it, with no date typed: the stage starts today."""
    page = opened_on_a_phone(tabs, server + stage("staffordshire-stoke", 5, missing=missing))
    deadlines = page.locator(".app-now__when dd .app-deadline")
    first = next(d for d in deadlines.all() if d.is_visible())
    box = first.bounding_box()
    assert DATED.search(first.inner_text()), first.inner_text()
    assert box["y"] + box["height"] <= PHONE["height"]
