"""The dated plan as an iCalendar file (RFC 5545), line for line as static/js/calendar.js writes it.

One event per dated reading, titled in plain words, with a reminder; no personal data: only
the dates come from what a person typed. A day deadline is an all-day event on its last day
(DATE values), reminded at 9:00 am that day; a moment is an event from that time in
Europe/London (in UTC where the time happens twice, which a zone would read as its first
occurrence) lasting a quarter of an hour, reminded two hours before. Both languages write
the lines themselves, so the two files are the same byte for byte but for DTSTAMP
(tests/vectors/calendar.json; decision 0019).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from wizard.core.dates import Deadline, DeadlineKind
from wizard.core.policy import Partnership
from wizard.web.pages.stage.plan import EventText, Plan, calendar_name, events
from wizard.web.text import dates

ZONE = "Europe/London"
# The UK's rule since 1996, which covers every year the date form accepts (2000 to 2100).
VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{ZONE}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST",
    "DTSTART:19810329T010000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT",
    "DTSTART:19961027T020000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)  # fmt: skip
DAY_REMINDER = "PT9H"  # 9:00 am on the day a day deadline ends
MOMENT_REMINDER = "-PT2H"  # two hours before a moment
MOMENT_LENGTH = "PT15M"  # a moment's event starts at the deadline and lasts this long
LIMIT = 75  # octets in a line, not counting its CRLF (RFC 5545, section 3.1)
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
PIECE = re.compile(r"\\.|.", re.DOTALL)  # an escape pair stays whole; str holds code points


def plan_calendar(p: Partnership, plan: Plan, stamp: datetime) -> bytes | None:
    """An .ics file with an event for every dated deadline in the plan; None if there is none."""
    dated = [(r.deadline, text) for r, text in events(p, plan.rows) if _dated(r.deadline)]
    if not dated:
        return None
    return calendar(calendar_name(p), [event(d, text, stamp) for d, text in dated])


def _dated(d: Deadline | None) -> bool:
    return d is not None and d.day is not None and d.end is not None


def calendar(name: str, events: Sequence[Sequence[str]]) -> bytes:
    """The whole file, folded, with CRLF line ends. A calendar needs at least one event."""
    if not events:
        raise ValueError("a calendar with no events")
    head = ("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//escalation-wizard//EN")
    lines = [*head, "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape(name)}", *VTIMEZONE]
    lines += [line for e in events for line in e]
    lines.append("END:VCALENDAR")
    return "".join(f"{fold(line)}\r\n" for line in lines).encode()


def event(d: Deadline, text: EventText, stamp: datetime) -> list[str]:
    """One VEVENT's lines, unfolded: a dated deadline, its words and a reminder."""
    assert d.day is not None and d.end is not None
    day = d.kind is DeadlineKind.DAY
    by = dates.sentence(dates.reading_text(d))  # the same words as the page: both readings
    return [
        "BEGIN:VEVENT",
        f"SUMMARY:{escape(text.summary)}",
        *_when(d),
        f"DTSTAMP:{_utc(stamp)}",
        f"UID:{text.uid}-{_day(d.day) if day else _utc(d.end)}@escalation-wizard",
        f"DESCRIPTION:{escape(f'{by}. {text.description}')}",
        *("BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(text.summary)}"),
        f"TRIGGER:{DAY_REMINDER if day else MOMENT_REMINDER}",
        *("END:VALARM", "END:VEVENT"),
    ]


def _when(d: Deadline) -> list[str]:
    assert d.day is not None and d.end is not None
    if d.kind is DeadlineKind.DAY:
        after = d.day + timedelta(days=1)
        return [f"DTSTART;VALUE=DATE:{_day(d.day)}", f"DTEND;VALUE=DATE:{_day(after)}"]
    assert d.clock is not None
    wall = f"DTSTART;TZID={ZONE}:{_day(d.day)}T{d.clock.strftime('%H%M%S')}"
    return [f"DTSTART:{_utc(d.end)}" if d.zone_name else wall, f"DURATION:{MOMENT_LENGTH}"]


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape(text: str) -> str:
    """A TEXT value escaped (RFC 5545, section 3.3.11); other control characters are dropped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROL.sub("", re.sub(r"\r\n|\r|\n", r"\\n", text))


def fold(line: str) -> str:
    """A content line folded to at most 75 octets a line, never inside a character or escape."""
    parts: list[str] = []
    current = ""
    for piece in PIECE.findall(line):
        room = LIMIT - 1 if parts else LIMIT  # a continuation starts with a space
        if current and len((current + piece).encode()) > room:
            parts.append(current)
            current = ""
        current += piece
    parts.append(current)
    return "\r\n ".join(parts)
