"""Stage outcome pages as a person reads them on a phone: words, screens, repeats, first deadline.

For one outcome of each kind of stage page (tests/stagepages.py: every stage and route of
every bundled partnership; outcomes that differ only in a role's words read alike), in
Debian's Chromium at 390x844 with every details element folded, as a page first opens:

- visible words in `<main>` (its innerText: folded and hidden text left out);
- phone screens: the page's height over 844;
- repeated sentences: sentences of eight words or more that `<main>` holds twice or more
  (tests/pages.py's rule, over the page's whole `<main>`, folded text included);
- the deadline the first screen shows: the "By when" answer, if it is on the first screen.

Run: .venv/bin/python bench/page_reading.py [--markdown]
Goal: no stage page above 700 visible words, a median below 500, no repeated sentence.
"""

from __future__ import annotations

import logging
import re
import statistics
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, live_server  # noqa: E402
from conftest import TODAY  # noqa: E402
from pages import repeated_sentences  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from stagepages import StageOutcome, one_of_each_kind  # noqa: E402

from wizard.content.calendar import LONDON  # noqa: E402
from wizard.web.app import create_app  # noqa: E402

WIDTH, HEIGHT = 390, 844
DATED = re.compile(r"\bby (?:the end of |[\d:]+ [ap]m on )?\w+day \d+ \w+ \d{4}")
WORDS_MAX, WORDS_MEDIAN = 700, 500
NOW = datetime.combine(TODAY, time(9), LONDON).astimezone(UTC)

READ = """() => {
  const main = document.querySelector('main')
  const when = document.querySelector('.app-now__when dd')
  let deadline = '(none)'
  if (when) {
    // The first dated deadline the row shows, if it is on the first screen; else its words.
    const dated = [...when.querySelectorAll('.app-deadline')].find(d => d.offsetParent)
    const shown = dated || when
    const box = shown.getBoundingClientRect()
    const first = dated ? dated.innerText : when.innerText.trim().split('\\n')[0]
    deadline = box.bottom <= innerHeight ? first : '(below the first screen)'
  }
  return {
    words: main.innerText.split(/\\s+/).filter(w => /\\w/.test(w)).length,
    height: document.documentElement.scrollHeight,
    deadline,
    html: main.outerHTML,
  }
}"""


@dataclass(frozen=True)
class Reading:
    """One page, read."""

    page: StageOutcome
    words: int
    screens: float
    repeats: int
    deadline: str


def read(browser, base: str, page: StageOutcome) -> Reading:
    """Open a page at 390x844 with JavaScript on, as a worker would, and read it."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    context.clock.set_fixed_time(NOW)
    tab = context.new_page()
    tab.goto(base + page.path)
    tab.wait_for_load_state("networkidle")
    found = tab.evaluate(READ)
    context.close()
    repeats = sum(n - 1 for n in repeated_sentences(found["html"]).values())
    return Reading(page, found["words"], found["height"] / HEIGHT, repeats, found["deadline"])


def table(readings: list[Reading]) -> str:
    """The figures as a Markdown table, one row per kind of stage page."""
    rows = [
        "| partnership | stage | outcomes like it | words | screens | repeats "
        "| first screen's deadline |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in readings:
        deadline = r.deadline.replace("|", "/")[:70]
        rows.append(
            f"| {r.page.slug} | {r.page.stage} | {r.page.like} | {r.words} | {r.screens:.1f} "
            f"| {r.repeats} | {deadline} |"
        )
    return "\n".join(rows)


def summary(readings: list[Reading]) -> str:
    """Max and median of each figure, weighted by page kind, and the goal met or not."""
    words = [r.words for r in readings]
    screens = [r.screens for r in readings]
    repeats = [r.repeats for r in readings]
    with_repeats = sum(1 for r in repeats if r)
    dated = sum(1 for r in readings if DATED.search(r.deadline))
    met = max(words) <= WORDS_MAX and statistics.median(words) < WORDS_MEDIAN and not any(repeats)
    return "\n".join(
        [
            f"kinds of stage page: {len(readings)} "
            f"(standing for {sum(r.page.like for r in readings)} stage outcomes)",
            f"visible words: max {max(words)}, median {statistics.median(words):.0f}",
            f"phone screens: max {max(screens):.1f}, median {statistics.median(screens):.1f}",
            f"repeated sentences: {sum(repeats)} in all, on {with_repeats} pages, "
            f"max {max(repeats)} on one page",
            f"first screen shows a dated deadline: {dated} of {len(readings)}",
            f"goal (max <= {WORDS_MAX} words, median < {WORDS_MEDIAN}, no repeats): "
            f"{'met' if met else 'not met'}",
        ]
    )


def main() -> None:
    markdown = "--markdown" in sys.argv
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with sync_playwright() as p, live_server(create_app({"TODAY": TODAY})) as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        readings = [read(browser, base, page) for page in one_of_each_kind()]
        browser.close()
    if markdown:
        print(table(readings))
        print()
    else:
        for r in readings:
            print(
                f"{r.page.path:<80} {r.words:>5} {r.screens:>5.1f} {r.repeats:>3}  "
                f"{r.deadline[:60]}"
            )
    print(summary(readings))


if __name__ == "__main__":
    main()
