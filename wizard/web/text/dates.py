"""Dates in words, through Babel, exactly as static/js/deadlines.js writes them with Intl.

Each is the tool's own words: marked as a catalogue sentence is, where text is marked.

A day deadline reads "by the end of Tuesday 24 November 2026"; a moment "by 3:00 pm on
Tuesday 24 November 2026". Nothing is ever "12:00 am": a deadline at midnight is the end of
the day before (wizard.core.dates), and noon is "midday". The shared vectors check that
both languages give the same text, character for character.
"""

from __future__ import annotations

from datetime import date, time

from babel.dates import format_date, format_time, get_day_names, get_month_names
from babel.plural import PluralRule

from wizard.core.dates import ClockChange, Deadline, DeadlineKind, Other, Start, StartKind
from wizard.web.text.catalogue import gettext, language, marked

LOCALES = {"en": "en_GB", "cy": "cy_GB"}  # Babel's locale for each page language
MIDDAY = time(12, 0)
MIDNIGHT = time(0)
_DAYS = PluralRule({"one": "n is 1"})


def locale() -> str:
    """The Babel locale of the page's language: its day and month names, its am and pm."""
    return LOCALES[language()]


def day(value: date) -> str:
    """'Tuesday 24 November 2026'; 'Dydd Mawrth 24 Tachwedd 2026' in Welsh."""
    return marked(format_date(value, "EEEE d MMMM y", locale=locale()))


def long_date(value: date) -> str:
    """'24 November 2026': when a site was built."""
    return marked(format_date(value, "d MMMM y", locale=locale()))


def names() -> dict[str, object]:
    """Day and month names, am and pm, as `day` and `clock` write them: for the page's script."""
    where = locale()
    days, months = get_day_names("wide", locale=where), get_month_names("wide", locale=where)
    return {
        "days": [days[i] for i in range(7)],  # Monday first
        "months": [months[i] for i in range(1, 13)],
        "am": format_time(time(9), "a", locale=where),
        "pm": format_time(time(15), "a", locale=where),
    }


def clock(value: time) -> str:
    """'3:00 pm', or 'midday'."""
    if value == MIDDAY:
        return gettext("midday")
    return marked(format_time(value, "h:mm a", locale=locale()))


def moment(on: date, at: time, zone_name: str = "") -> str:
    """'3:00 pm on Tuesday 24 November 2026'; 'BST' or 'GMT' after a time that happens twice."""
    if zone_name:
        return gettext("%(time)s %(zone)s on %(day)s", time=clock(at), zone=zone_name, day=day(on))
    return gettext("%(time)s on %(day)s", time=clock(at), day=day(on))


def deadline_text(d: Deadline) -> str:
    """'by the end of Tuesday 24 November 2026', 'by 3:00 pm on …', or the policy's unit."""
    if d.kind is DeadlineKind.DAY and d.day is not None:
        return gettext("by the end of %(day)s", day=day(d.day))
    if d.kind is DeadlineKind.MOMENT and d.day is not None and d.clock is not None:
        return gettext("by %(moment)s", moment=moment(d.day, d.clock, d.zone_name))
    return d.kind.value


def reading_text(d: Deadline) -> str:
    """The deadline in words, with its second reading where the policy is silent, earlier first."""
    if d.other is None:
        return deadline_text(d)
    if d.why is Other.BANK_HOLIDAYS_COUNT:
        return gettext(
            "%(earlier)s if bank holidays count as working days, or %(later)s if they do not",
            earlier=deadline_text(d.other),
            later=deadline_text(d),
        )
    return gettext(
        "%(first)s, or %(moved)s if it moves to the next working day",
        first=deadline_text(d),
        moved=deadline_text(d.other),
    )


def start_text(s: Start) -> str:
    """'Tuesday 24 November 2026', '3:00 pm on …', 'the start of …', or 'the end of …'."""
    if s.kind is StartKind.AFTER_DAY:
        return gettext("the end of %(day)s", day=day(s.day))
    if s.clock == MIDNIGHT:
        return gettext("the start of %(day)s", day=day(s.day))
    if s.kind is StartKind.MOMENT and s.clock is not None:
        return moment(s.day, s.clock, s.zone_name)
    return day(s.day)


def sentence(text: str) -> str:
    """The text with a capital letter, to stand on its own."""
    return text[:1].upper() + text[1:]


def clock_change_note(s: Start) -> str:
    """What a clock change did to the time given, or '' where it did nothing."""
    if s.asked is None or s.clock is None:
        return ""
    if s.change is ClockChange.SKIPPED:
        return gettext(
            "The clocks go forward an hour on %(day)s, so there is no %(asked)s that day: "
            "counting from %(time)s.",
            day=day(s.day),
            asked=clock(s.asked),
            time=clock(s.clock),
        )
    return gettext(
        "The clocks go back an hour on %(day)s, so %(asked)s happens twice that day: "
        "counting from the first, %(time)s %(zone)s.",
        day=day(s.day),
        asked=clock(s.asked),
        time=clock(s.clock),
        zone=s.zone_name,
    )
