"""The date-entry form: when the stage started. Posted, never put in a URL."""

from __future__ import annotations

import re
from datetime import date, time

from flask_wtf import FlaskForm
from wtforms import StringField

TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


class WhenForm(FlaskForm):
    """Day, month and year as the GOV.UK date input asks for them, and an optional time."""

    class Meta:
        """Field names without a prefix keep the GOV.UK date-input ids."""

    day = StringField("Day")
    month = StringField("Month")
    year = StringField("Year")
    clock = StringField("Time (optional)")

    def started(self) -> tuple[date | None, time | None, str | None]:
        """The date and time given, or an error message in the GOV.UK style."""
        parts = [
            (self.day.data or "").strip(),
            (self.month.data or "").strip(),
            (self.year.data or "").strip(),
        ]
        if not all(parts):
            return None, None, "Enter the date this stage started, including a day, month and year"
        if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            return None, None, "The date must be a real date, like 24 12 2026"
        try:
            day = date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            return None, None, "The date must be a real date, like 24 12 2026"
        if not 2000 <= day.year <= 2100:
            return None, None, "The year must be between 2000 and 2100"
        text = (self.clock.data or "").strip()
        if not text:
            return day, None, None
        match = TIME.match(text)
        if not match:
            return day, None, "Enter the time as hours and minutes, like 14:30"
        return day, time(int(match[1]), int(match[2])), None
