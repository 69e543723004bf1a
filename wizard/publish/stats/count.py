"""Counting requests, a line at a time, into counters only; and the rule for small numbers.

Nothing is kept of a request but the counters it adds one to: its partnership, month and
kind of page, or the reason it was left out. Memory does not grow with the log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from wizard.publish.stats.classify import Classifier
from wizard.publish.stats.kinds import Kind
from wizard.publish.stats.logline import MESSAGE, Request, parse
from wizard.web.text.catalogue import N_, gettext

SMALL = 5  # any count below this is shown as "fewer than 5"
FEWER = N_("fewer than %(num)s")
SHOWN_MALFORMED = 5  # the first few malformed lines are named by their line number
# Crawlers are told by their user agent: a pattern of the crawler-user-agents list, or none.
NO_AGENT = frozenset({"", "-"})
# Why a line is left out, in the order the reasons are tried.
REASONS = {
    "malformed": N_("Lines in no format this command reads"),
    "message": N_("The server's own messages (gunicorn writes them beside its access log)"),
    "outside-dates": N_("Requests outside the dates asked for"),
    "crawler": N_("Requests from crawlers (by their user agent)"),
    "not-get": N_("Requests other than GET (HEAD, and every POST but the date form's)"),
    "not-200": N_("GET requests whose status was not 200 (redirects, not modified, errors)"),
    "other-partnership": N_("Pages of a partnership not asked for"),
    "other-page": N_("Other pages and files (questions after the first, assets, home page)"),
}


def shown(count: int) -> str:
    """A count as it may be shown: '1,234', or 'fewer than 5' for any count below 5."""
    return gettext(FEWER, num=SMALL) if count < SMALL else f"{count:,}"


@dataclass
class Tally:
    """Counts by (partnership, month, kind), lines left out by reason, days seen."""

    pages: Counter[tuple[str, str, Kind]] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)
    lines: int = 0
    first: date | None = None
    last: date | None = None
    malformed: list[tuple[str, int]] = field(default_factory=list)

    @property
    def counted(self) -> int:
        """Requests counted as a page of a partnership asked for."""
        return self.lines - sum(self.left_out.values())

    def months(self, since: date | None = None, until: date | None = None) -> list[str]:
        """Every month from the first day counted (or `since`) to the last (or `until`)."""
        first, last = since or self.first, until or self.last
        if first is None or last is None:
            return []
        months, (year, month) = [], (first.year, first.month)
        while (year, month) <= (last.year, last.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


@dataclass
class Counting:
    """What to count: the pages the classifier knows, between two days, of some partnerships."""

    classifier: Classifier
    since: date | None = None
    until: date | None = None
    only: frozenset[str] = frozenset()
    is_crawler: Callable[[str], bool] | None = None  # None keeps every agent
    tally: Tally = field(default_factory=Tally)

    def add_lines(self, name: str, lines: Iterable[str]) -> None:
        """Count each line of one log."""
        for number, line in enumerate(lines, 1):
            self.tally.lines += 1
            reason = self.add(parse(line))
            if reason is not None:
                self.tally.left_out[reason] += 1
                if reason == "malformed" and len(self.tally.malformed) < SHOWN_MALFORMED:
                    self.tally.malformed.append((name, number))

    def add(self, request: Request | str | None) -> str | None:
        """Count one request; return why it was left out, or None if it was counted."""
        if request is None or request == MESSAGE:
            return "malformed" if request is None else "message"
        reason = self._filtered(request)
        if reason is not None:
            return reason
        page = self.classifier.page(request.method, request.path)
        if page is None:
            return "not-get" if request.method != "GET" else "other-page"
        if self.only and page.slug not in self.only:
            return "other-partnership"
        self._count(request.day, page.slug, page.kinds)
        return None

    def _filtered(self, request: Request) -> str | None:
        """Why a request is left out before its page is looked at, if it is."""
        if (self.since and request.day < self.since) or (self.until and request.day > self.until):
            return "outside-dates"
        if request.agent is not None and self.is_crawler and self._crawler(request.agent):
            return "crawler"
        if request.method == "GET":
            return None if request.status == 200 else "not-200"
        # Only the date form's POST is counted, and only once served (never HEAD, PUT...).
        return None if request.method == "POST" and request.status == 200 else "not-get"

    def _crawler(self, agent: str) -> bool:
        return agent in NO_AGENT or self.is_crawler(agent)

    def _count(self, day: date, slug: str, found: tuple[Kind, ...]) -> None:
        tally = self.tally
        month = day.isoformat()[:7]
        for kind in found:
            tally.pages[slug, month, kind] += 1
        if tally.first is None or day < tally.first:
            tally.first = day
        if tally.last is None or day > tally.last:
            tally.last = day


def crawler_rule() -> Callable[[str], bool]:
    """True for a user agent the crawler-user-agents list names, remembered per agent."""
    import crawleruseragents  # its 1,500 patterns are compiled on first use

    return lru_cache(maxsize=4096)(crawleruseragents.is_crawler)
