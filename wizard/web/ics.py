"""The dated plan as an iCalendar file (RFC 5545), exactly as static/js/deadlines.js writes it.

One event per dated reading, titled in plain words, with a reminder; no personal data.
A day deadline is an all-day event on its last day, reminded at 9:00 am that day; a moment
is an event at that time in Europe/London (in UTC where the time happens twice, which a
zone would read as its first occurrence), reminded two hours before.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from icalendar import Alarm, Calendar, Event, Timezone

from wizard.core.dates import Deadline, DeadlineKind
from wizard.core.policy import Partnership
from wizard.web import datefmt
from wizard.web.planview import EventText, Plan, calendar_name, events

DAY_REMINDER = timedelta(hours=9)  # 9:00 am on the day a day deadline ends
MOMENT_REMINDER = timedelta(hours=-2)


def calendar(p: Partnership, plan: Plan, zone: tzinfo, stamp: datetime) -> bytes:
    """An .ics file with an event for every dated deadline in the plan."""
    cal = Calendar()
    cal.add("prodid", "-//escalation-wizard//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name(p))
    dated = [(r.deadline, text) for r, text in events(p, plan.rows) if r.deadline is not None]
    days = [d.day for d, _ in dated if d.day is not None] or [stamp.date()]
    cal.add_component(timezone(zone, min(days), max(days)))
    for d, text in dated:
        cal.add_component(event(d, text, zone, stamp))
    return cal.to_ical()


def timezone(zone: tzinfo, first: date, last: date) -> Timezone:
    """The zone's VTIMEZONE, from the tz database, for the years the deadlines fall in."""
    return Timezone.from_tzinfo(
        zone, "Europe/London", date(first.year, 1, 1), date(last.year + 1, 1, 1)
    )


def event(d: Deadline, text: EventText, zone: tzinfo, stamp: datetime) -> Event:
    """One deadline as an event, with a reminder."""
    assert d.day is not None and d.end is not None
    e = Event()
    e.add("summary", text.summary)
    if d.kind is DeadlineKind.DAY:
        e.add("dtstart", d.day)
        e.add("dtend", d.day + timedelta(days=1))
        suffix = d.day.strftime("%Y%m%d")
    else:
        # A time that happens twice would be read as its first occurrence: say it in UTC.
        e.add("dtstart", d.end if d.zone_name else d.end.astimezone(zone))
        suffix = d.end.strftime("%Y%m%dT%H%M%SZ")
    e.add("dtstamp", stamp)
    e.add("uid", f"{text.uid}-{suffix}@escalation-wizard")
    e.add("description", f"{datefmt.sentence(datefmt.deadline_text(d))}. {text.description}")
    e.add_component(_alarm(text.summary, d))
    return e


def _alarm(summary: str, d: Deadline) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", DAY_REMINDER if d.kind is DeadlineKind.DAY else MOMENT_REMINDER)
    return alarm
