"""Dates and plurals in words, through Babel (en_GB), exactly as the browser's Intl shows them."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_time
from babel.plural import PluralRule

from wizard.core.dates import Deadline, DeadlineKind

LOCALE = "en_GB"
_DAYS = PluralRule({"one": "n is 1"})


def day(value: date) -> str:
    """'Wednesday, 30 December 2026'."""
    return format_date(value, "full", locale=LOCALE)


def moment(value: datetime) -> str:
    """'Saturday, 5 December 2026 at 3:30 pm'."""
    return f"{day(value.date())} at {format_time(value, 'h:mm a', locale=LOCALE)}"


def deadline_text(d: Deadline) -> str:
    """The deadline in words: a date, a date and time, or the policy's own unit."""
    if d.at is None:
        return d.kind.value
    return day(d.at.date()) if d.kind is DeadlineKind.DAY else moment(d.at)


def count(n: int, singular: str, plural: str) -> str:
    """'1 working day', '2 working days', with the plural chosen by Babel's rule."""
    return f"{n} {singular if _DAYS(n) == 'one' else plural}"
