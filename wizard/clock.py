"""Today and now in Europe/London: the one clock the app, its views, the build and the loader read.

A server keeping UTC is an hour behind London all summer, so late on a summer evening its own
date is still yesterday's. Every date the tool stamps or judges by is London's, read here. A
test or a build may fix the day (`TODAY`) or the moment (`NOW`) instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")  # the whole UK keeps one clock


def _utc_now() -> datetime:
    """The machine's moment now: the clock's one source of time."""
    return datetime.now(UTC)


def today(fixed: date | None = None) -> date:
    """Today's date in London, or the day fixed."""
    return fixed or _utc_now().astimezone(LONDON).date()


def now(fixed_day: date | None = None, fixed_moment: datetime | None = None) -> datetime:
    """The moment now, in UTC: the moment fixed, or the start of the day fixed (in London)."""
    if fixed_moment is not None:
        return fixed_moment.astimezone(UTC)
    if fixed_day is not None:
        return datetime.combine(fixed_day, time(0), LONDON).astimezone(UTC)
    return _utc_now()
