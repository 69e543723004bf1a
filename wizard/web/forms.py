"""The date-entry form: when the stage started. Posted, never put in a URL.

It changes nothing on the server and carries no token (docs/decisions/0011), so an outcome
page is the same for everyone and can be cached like any other page.

`read_start` is the one rule for what counts as a start; static/js/plan.js applies the same
rule (checked by the shared vectors) and shows the same messages, which the page hands it.
"""

from __future__ import annotations

import re
from datetime import date, time

from wtforms import Form, StringField

from wizard.web.text.catalogue import N_, gettext

# ASCII digits only, whole field only: int() would also read other scripts' digits.
TIME = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")
DIGITS = re.compile(r"[0-9]{1,2}")
YEAR = re.compile(r"[0-9]{4}")
MESSAGES = {
    "missing": N_("Enter the date this stage started, including a day, month and year"),
    "not a date": N_("The date must be a real date, like 24 12 2026"),
    "year": N_("The year must be between 2000 and 2100"),
    "not a time": N_("Enter the time as hours and minutes, like 14:30"),
}


# Dates of other events a clock runs from, asked for beside the stage's start: each
# message whole, for the catalogue.
EVENT_MESSAGES = {
    "outcome missing": N_(
        "Enter the date the outcome was agreed, including a day, month and year, or leave it empty"
    ),
    "outcome not a date": N_(
        "The date the outcome was agreed must be a real date, like 24 12 2026"
    ),
    "outcome year": N_("The year the outcome was agreed must be between 2000 and 2100"),
    "disagreement missing": N_(
        "Enter the date the disagreement began, including a day, month and year, or leave it empty"
    ),
    "disagreement not a date": N_(
        "The date the disagreement began must be a real date, like 24 12 2026"
    ),
    "disagreement year": N_("The year the disagreement began must be between 2000 and 2100"),
}


# The same for an event the policy declares, named in its own words.
DECLARED_MESSAGES = {
    "missing": N_(
        "Enter the date of “%(event)s”, including a day, month and year, or leave it empty"
    ),
    "not a date": N_("The date of “%(event)s” must be a real date, like 24 12 2026"),
    "year": N_("The year of “%(event)s” must be between 2000 and 2100"),
}


def event_messages(key: str, label: str) -> dict[str, str]:
    """The messages for one event asked for, by error key ('raised missing'), translated."""
    if key in ("outcome", "disagreement"):
        return {k: gettext(v) for k, v in EVENT_MESSAGES.items() if k.startswith(f"{key} ")}
    return {f"{key} {k}": gettext(v, event=label) for k, v in DECLARED_MESSAGES.items()}


def read_event(key: str, day: str, month: str, year: str) -> tuple[date | None, str | None]:
    """The date of another event, None where left empty, or the key of what is wrong."""
    if not (day.strip() or month.strip() or year.strip()):
        return None, None
    when, _, error = read_start(day, month, year, "")
    return when, f"{key} {error}" if error else None


def read_start(
    day: str, month: str, year: str, clock: str
) -> tuple[date | None, time | None, str | None]:
    """The date and time given, or the key of the message that says what is wrong."""
    day, month, year, clock = (part.strip() for part in (day, month, year, clock))
    if not (day and month and year):
        return None, None, "missing"
    if not (DIGITS.fullmatch(day) and DIGITS.fullmatch(month) and YEAR.fullmatch(year)):
        return None, None, "not a date"
    if not 2000 <= int(year) <= 2100:
        return None, None, "year"
    try:
        when = date(int(year), int(month), int(day))
    except ValueError:
        return None, None, "not a date"
    if not clock:
        return when, None, None
    found = TIME.fullmatch(clock)
    if found is None:
        return when, None, "not a time"
    return when, time(int(found[1]), int(found[2])), None


class WhenForm(Form):
    """Day, month and year as the GOV.UK date input asks for them, and a time."""

    class Meta:
        """Field names without a prefix keep the GOV.UK date-input ids."""

    day = StringField("Day")
    month = StringField("Month")
    year = StringField("Year")
    clock = StringField("Time")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.given: dict[str, dict[str, str]] = {}  # other events' dates as typed

    def event(self, data, key: str, label: str) -> tuple[date | None, str | None]:
        """The date given for another event a clock runs from, or an error message."""
        parts = [str(data.get(f"{key}-{part}", "")) for part in ("day", "month", "year")]
        self.given[key] = dict(zip(("day", "month", "year"), parts, strict=True))
        when, error = read_event(key, *parts)
        return when, event_messages(key, label)[error] if error else None

    def started(self) -> tuple[date | None, time | None, str | None]:
        """The date and time given, or an error message in the GOV.UK style."""
        fields = (self.day, self.month, self.year, self.clock)
        day, clock, error = read_start(*(str(f.data or "") for f in fields))
        return day, clock, gettext(MESSAGES[error]) if error else None
