"""The date-entry form: when the stage started. Posted, never put in a URL.

It changes nothing on the server and carries no token (docs/decisions/0006), so an outcome
page is the same for everyone and can be cached like any other page.
"""

from __future__ import annotations

import re
from datetime import date, time

from wtforms import Form, StringField

DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
YEAR = re.compile(r"[0-9]{4}")
TIME = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")
MISSING = "Enter the date this stage started, including a day, month and year"
NOT_A_DATE = "The date must be a real date, like 24 12 2026"
YEAR_RANGE = "The year must be between 2000 and 2100"
NOT_A_TIME = "Enter the time as hours and minutes, like 14:30"


def _strip(value: str | None) -> str:
    return (value or "").strip()


class WhenForm(Form):
    """Day, month and year as the GOV.UK date input asks for them, and an optional time."""

    day = StringField("Day", filters=[_strip])
    month = StringField("Month", filters=[_strip])
    year = StringField("Year", filters=[_strip])
    clock = StringField("Time (optional)", filters=[_strip])

    def started(self) -> tuple[date | None, time | None, str | None]:
        """The date and time given, or an error message in the GOV.UK style."""
        day, error = self._date()
        if day is None:
            return None, None, error
        text = self.clock.data
        if not text:
            return day, None, None
        match = TIME.fullmatch(text)
        if not match:
            return day, None, NOT_A_TIME
        return day, time(int(match[1]), int(match[2])), None

    def _date(self) -> tuple[date | None, str | None]:
        day, month, year = self.day.data, self.month.data, self.year.data
        if not (day and month and year):
            return None, MISSING
        digits = DAY_OR_MONTH.fullmatch(day) and DAY_OR_MONTH.fullmatch(month)
        if not (digits and YEAR.fullmatch(year)):
            return None, NOT_A_DATE
        if not 2000 <= int(year) <= 2100:
            return None, YEAR_RANGE
        try:
            return date(int(year), int(month), int(day)), None
        except ValueError:
            return None, NOT_A_DATE
