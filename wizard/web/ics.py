"""The dated plan as an iCalendar file: one event per deadline, and no personal data."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from wizard.core.dates import DeadlineKind
from wizard.core.policy import Partnership
from wizard.web.planview import Plan

LONDON = ZoneInfo("Europe/London")


def calendar(p: Partnership, plan: Plan, stamp: datetime) -> bytes:
    """An .ics file with an event for every dated deadline in the plan."""
    cal = Calendar()
    cal.add("prodid", "-//escalation-wizard//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{p.partnership.short_name} escalation deadlines")
    word = p.partnership.stage_word
    for row in plan.rows:
        for ts in row.timescales:
            for reading in ts.readings:
                deadline = reading.deadline
                if deadline is None or deadline.at is None:
                    continue
                title = f"{p.partnership.short_name} {word} {row.stage.number}: {ts.timescale.for_}"
                event = Event()
                event.add("summary", f"{title} (within {reading.within})")
                event.add(
                    "description",
                    f"“{ts.timescale.words}” ({ts.timescale.cite}). "
                    f"{p.document.title}, {p.document.version}.",
                )
                if deadline.kind is DeadlineKind.DAY:
                    event.add("dtstart", deadline.at.date())
                    event.add("dtend", deadline.at.date() + timedelta(days=1))
                else:
                    event.add("dtstart", deadline.at.replace(tzinfo=LONDON))
                    event.add("dtend", deadline.at.replace(tzinfo=LONDON) + timedelta(minutes=15))
                event.add("dtstamp", stamp)
                event.add("uid", _uid(p.slug, title, reading.within, deadline.at))
                cal.add_component(event)
    return cal.to_ical()


def _uid(*parts: object) -> str:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]
    return f"{digest}@escalation-wizard"
