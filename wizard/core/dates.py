"""Pure deadline arithmetic: working days, elapsed hours on a real clock, and a chained plan.

The time zone and its bank holidays are passed in (`WorkingCalendar`); nothing here looks
them up. Instants are aware datetimes in UTC: hours are added and deadlines compared in
UTC, so a clock change can neither stretch nor shrink "24 hours"; wall-clock times are read
from instants only to find a day or to show them. A deadline of N working days from a date
is the Nth working day after it, so a disagreement on Thursday 24 December 2026 with 2
working days runs to the end of Wednesday 30 December (25th and 28th are bank holidays,
26th and 27th a weekend). Where the policy is silent on something that moves a date
(whether weekends count for hours, whether bank holidays are working days), a deadline
carries the other reading too (`Deadline.other`). `static/js/deadlines.js` follows the same
rules, checked by the shared vectors in `tests/vectors/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from wizard.core.policy import AMOUNTLESS, Clock, Span, Stage, Timescale, Unit

WORKING_WEEK = 5  # working days in a working week
MIDNIGHT = time(0)
Holidays = frozenset[date]


@dataclass(frozen=True)
class WorkingCalendar:
    """The zone deadlines are read in, and its bank holidays."""

    zone: tzinfo
    holidays: Holidays = frozenset()

    def wall(self, instant: datetime) -> datetime:
        """The wall-clock time at `instant`, without a zone."""
        return instant.astimezone(self.zone).replace(tzinfo=None)

    def midnight(self, day: date) -> datetime:
        """The instant `day` begins (UK clocks never change at midnight)."""
        return instant(datetime.combine(day, MIDNIGHT), self)[0]

    def zone_name(self, at: datetime) -> str:
        """'BST' or 'GMT' where the wall-clock time at `at` happens twice; otherwise ''."""
        if instant(self.wall(at), self)[1] is not ClockChange.REPEATED:
            return ""
        return at.astimezone(self.zone).tzname() or ""


class ClockChange(StrEnum):
    """What a clock change does to a wall-clock time."""

    NONE = "none"
    SKIPPED = "skipped"  # the clocks went forward over it: it never happened
    REPEATED = "repeated"  # the clocks went back over it: it happened twice


def instant(wall: datetime, cal: WorkingCalendar) -> tuple[datetime, ClockChange]:
    """A wall-clock time as an instant, read as RFC 5545 reads one (section 3.3.5).

    A time that happens twice is its first occurrence, the earlier and so the safer; a time
    the clocks skip is read with the offset from before the change (1:30 am on the day the
    clocks go forward is 2:30 am), which is also what a calendar application does.
    """
    first = wall.replace(tzinfo=cal.zone, fold=0)
    at = first.astimezone(UTC)
    if first.utcoffset() == wall.replace(tzinfo=cal.zone, fold=1).utcoffset():
        return at, ClockChange.NONE
    skipped = cal.wall(at) != wall
    return at, ClockChange.SKIPPED if skipped else ClockChange.REPEATED


def is_working_day(day: date, holidays: Holidays) -> bool:
    """Monday to Friday, and not a bank holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Holidays) -> date:
    """The `days`th working day after `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        days -= is_working_day(day, holidays)
    return day


class StartKind(StrEnum):
    """What a start is: the beginning of a day, a moment, or the end of a day."""

    DAY = "day"  # a date given without a time: hours count from its start
    MOMENT = "moment"
    AFTER_DAY = "after day"  # an earlier stage ran out at the end of `day`


@dataclass(frozen=True)
class Start:
    """When a stage starts: the day working days count from, the instant hours count from."""

    kind: StartKind
    day: date
    at: datetime  # UTC
    clock: time | None = None  # the wall-clock time of a MOMENT
    zone_name: str = ""  # 'BST' or 'GMT' where that wall-clock time happens twice
    change: ClockChange = ClockChange.NONE
    asked: time | None = None  # the time as given, where a clock change moved it


def entered(day: date, clock: time | None, cal: WorkingCalendar) -> Start:
    """The start a person gave: a date, and a time if they gave one."""
    if clock is None:
        return Start(StartKind.DAY, day, cal.midnight(day))
    wall = datetime.combine(day, clock)
    at, change = instant(wall, cal)
    asked = clock if change is not ClockChange.NONE else None
    return _moment_start(at, cal, change, asked)


def after(end: datetime, cal: WorkingCalendar) -> Start:
    """The start of a stage that begins when an earlier one runs out at `end`."""
    wall = cal.wall(end)
    if wall.time() == MIDNIGHT:
        return Start(StartKind.AFTER_DAY, wall.date() - timedelta(days=1), end)
    return _moment_start(end, cal)


def _moment_start(
    at: datetime, cal: WorkingCalendar, change=ClockChange.NONE, asked: time | None = None
) -> Start:
    wall = cal.wall(at)
    zone_name = cal.zone_name(at)
    return Start(StartKind.MOMENT, wall.date(), at, wall.time(), zone_name, change, asked)


class Other(StrEnum):
    """Why a deadline has a second reading: something the policy does not say."""

    NEXT_WORKING_DAY = "next working day"  # hours ending on a day off, moved on
    BANK_HOLIDAYS_COUNT = "bank holidays count"  # working days, bank holidays not mentioned


class DeadlineKind(StrEnum):
    """How a deadline is expressed."""

    DAY = "day"  # by the end of a date
    MOMENT = "moment"  # by a date and clock time
    IMMEDIATELY = "immediately"
    ASAP = "as soon as possible"
    NONE = "none stated"


@dataclass(frozen=True)
class Deadline:
    """One reading of a timescale, as a real date where it can be one."""

    span: Span
    kind: DeadlineKind
    day: date | None = None  # the day it falls on; a DAY deadline runs to the end of it
    clock: time | None = None  # the wall-clock time of a MOMENT, never midnight
    end: datetime | None = None  # the instant it runs out, UTC
    outside_working_days: bool = False
    from_start_of_day: bool = False  # hours counted from midnight because no time was given
    zone_name: str = ""  # 'BST' or 'GMT' where its wall-clock time happens twice
    other: Deadline | None = None  # the reading where the policy's silence is read the other way
    why: Other | None = None

    def overdue(self, now: datetime) -> bool:
        """Whether the deadline has passed at `now`."""
        return self.end is not None and now >= self.end


def deadline(
    span: Span, start: Start, cal: WorkingCalendar, bank_holidays_unstated: bool = False
) -> Deadline:
    """When `span` runs out from `start`, with a second reading where the policy is silent.

    Hours that run out on a weekend or bank holiday also read as the same time on the next
    working day (the policy does not say whether those days count). Working days from a
    policy that does not say whether bank holidays count also read with them counted, where
    that gives an earlier day.
    """
    found = _deadline(span, start, cal)
    if span.unit is Unit.HOURS and found.outside_working_days and found.day is not None:
        return replace(found, other=_next_working(found, cal), why=Other.NEXT_WORKING_DAY)
    if bank_holidays_unstated and span.unit in (Unit.WORKING_DAYS, Unit.WORKING_WEEKS):
        counted = _deadline(span, start, replace(cal, holidays=frozenset()))
        if counted.day != found.day:
            return replace(found, other=counted, why=Other.BANK_HOLIDAYS_COUNT)
    return found


def _deadline(span: Span, start: Start, cal: WorkingCalendar) -> Deadline:
    if span.unit in AMOUNTLESS:
        return Deadline(span, DeadlineKind(span.unit.value))
    amount = span.amount or 0
    if span.unit is Unit.HOURS:
        untimed = start.kind is StartKind.DAY
        return _moment(span, start.at + timedelta(hours=amount), cal, untimed)
    if span.unit is Unit.WEEKS:
        return _day(span, start.day + timedelta(weeks=amount), cal)
    days = amount * (WORKING_WEEK if span.unit is Unit.WORKING_WEEKS else 1)
    return _day(span, add_working_days(start.day, days, cal.holidays), cal)


def _next_working(found: Deadline, cal: WorkingCalendar) -> Deadline:
    """The same deadline moved to the next working day, at the same wall-clock time."""
    assert found.day is not None
    day = add_working_days(found.day, 1, cal.holidays)
    if found.clock is None:
        return _day(found.span, day, cal, found.from_start_of_day)
    end = instant(datetime.combine(day, found.clock), cal)[0]
    return _moment(found.span, end, cal, found.from_start_of_day)


def _moment(span: Span, end: datetime, cal: WorkingCalendar, untimed: bool) -> Deadline:
    wall = cal.wall(end)
    if wall.time() == MIDNIGHT:  # midnight is the end of the day before: never "12:00 am"
        return _day(span, wall.date() - timedelta(days=1), cal, untimed)
    outside = not is_working_day(wall.date(), cal.holidays)
    kind, zone_name = DeadlineKind.MOMENT, cal.zone_name(end)
    return Deadline(span, kind, wall.date(), wall.time(), end, outside, untimed, zone_name)


def _day(span: Span, day: date, cal: WorkingCalendar, untimed: bool = False) -> Deadline:
    end = cal.midnight(day + timedelta(days=1))
    outside = not is_working_day(day, cal.holidays)
    return Deadline(span, DeadlineKind.DAY, day, None, end, outside, untimed)


class Anchor(StrEnum):
    """What a timescale is dated from in the plan."""

    STAGE = "stage"  # the stage's start, whether the policy names it or is silent
    OUTCOME = "outcome"  # when an outcome was agreed: a date the worker gives
    DISAGREEMENT = "disagreement"  # when the disagreement began: a date the worker gives
    EVENT = "event"  # another event the worker records, or the earlier of two (`Clocked.froms`)
    CLOCK = "clock"  # the end of another clock of the same stage ("a further ..."): `Clocked.after`
    NONE = "none"  # nothing the plan knows: no date


def anchor(timescale: Timescale, first_stage: bool, current: bool = False) -> Anchor:
    """What the plan can date a timescale from.

    A clock from the disagreement is the first stage's start there, and a date to ask for
    elsewhere; one from an agreed outcome can be asked for only at the stage the worker is at.
    A clock from events the policy declares is dated wherever their dates are given.
    """
    if timescale.named:
        return Anchor.EVENT
    if timescale.from_ is Clock.DISAGREEMENT:
        return Anchor.STAGE if first_stage else Anchor.DISAGREEMENT
    if timescale.from_ is Clock.OUTCOME:
        return Anchor.OUTCOME if current else Anchor.NONE
    return Anchor.STAGE


@dataclass(frozen=True)
class Clocked:
    """One timescale as the plan dates it: its readings, what from, what the policy leaves out."""

    spans: tuple[Span, ...]
    anchor: Anchor = Anchor.STAGE
    bank_holidays_unstated: bool = False
    froms: tuple[str, ...] = ()  # the events an EVENT clock runs from: the earlier of them
    after: int | None = None  # a CLOCK's clock: its position among the stage's timescales

    @property
    def events(self) -> tuple[str, ...]:
        """The events this clock is dated from: an event anchor's own name where none is listed."""
        if self.froms or self.anchor not in (Anchor.OUTCOME, Anchor.DISAGREEMENT):
            return self.froms
        return (self.anchor.value,)


@dataclass(frozen=True)
class Leg:
    """A stage as the plan sees it: its number and its timescales."""

    number: int
    timescales: tuple[Clocked, ...]


def leg(stage: Stage, first_stage: bool, current: bool = False) -> Leg:
    """The stage's timescales, each with what it can be dated from."""
    return Leg(
        stage.number,
        tuple(_clocked(t, stage, first_stage, current) for t in stage.timescales),
    )


def _clocked(t: Timescale, stage: Stage, first_stage: bool, current: bool) -> Clocked:
    """A timescale as the plan dates it: from another of the stage's clocks where it names one."""
    ids = [each.id for each in stage.timescales]
    if len(t.named) == 1 and t.named[0] in ids:
        after = ids.index(t.named[0])
        return Clocked(t.within, Anchor.CLOCK, t.bank_holidays_unstated, after=after)
    # At the first stage the stage's start is when the disagreement began.
    froms = tuple(STAGE if first_stage and k == "disagreement" else k for k in t.named)
    return Clocked(t.within, anchor(t, first_stage, current), t.bank_holidays_unstated, froms)


STAGE = "stage"  # among a clock's events: the stage's own start


class Events(dict[str, Start]):
    """Dates of events other than a stage's start that clocks run from, by event id, where given.

    `outcome` and `disagreement` are two such events; a policy declares the others.
    """

    def earliest(self, keys: Sequence[str]) -> Start | None:
        """The earlier of the events' dates, or None unless every one of them is given.

        One of two events alone cannot say which came first, so it never dates the clock.
        """
        given = [self.get(k) for k in keys]
        if not keys or None in given:
            return None
        return min((s for s in given if s is not None), key=lambda s: s.at)

    def which(self, keys: Sequence[str]) -> str | None:
        """Which of the events the clock is dated from: the earlier, once all are given."""
        first = self.earliest(keys)
        return next((k for k in keys if self.get(k) == first), None) if first else None


@dataclass(frozen=True)
class PlanRow:
    """One stage in the dated plan: when it starts and its deadlines, if they can be known."""

    starts: Start
    deadlines: tuple[tuple[Deadline, ...], ...]  # per timescale; () where it has no date
    moved: bool = False  # the stage before gives no end: dated as if moved on at once

    @property
    def ends(self) -> datetime | None:
        """When the stage runs out, assuming it runs its full course: its latest deadline.

        A second reading where the policy is silent (`Deadline.other`) does not move it.
        """
        ends = [d.end for ds in self.deadlines for d in ds if d.end is not None]
        return max(ends) if ends else None


def chain(
    legs: Iterable[Leg], start: Start, cal: WorkingCalendar, events: Events | None = None
) -> list[PlanRow]:
    """Every stage dated: each starts when the one before runs out.

    All variants of a stage share a start, and the next stage starts when the latest of
    them that has a date runs out. Where none has one, the next stage starts when the worker
    moves to it, which is not known: it is dated as if they moved on when the stage before
    started, the earliest it can begin, and says so (`moved`).
    """
    rows: list[PlanRow] = []
    events = events or Events()
    starts, moved = start, False
    group: list[PlanRow] = []
    number = None
    for each in legs:
        if each.number != number and group:
            starts, moved = _next_start(group, cal)
            group = []
        number = each.number
        row = PlanRow(starts, _dated(each, starts, cal, events), moved)
        rows.append(row)
        group.append(row)
    return rows


def _dated(each: Leg, starts: Start, cal: WorkingCalendar, events: Events) -> tuple:
    found: list[tuple[Deadline, ...]] = []
    for c in each.timescales:
        origin = _origin(c, starts, found, cal, events)
        found.append(
            ()
            if origin is None
            else tuple(deadline(s, origin, cal, c.bank_holidays_unstated) for s in c.spans)
        )
    return tuple(found)


def _origin(
    c: Clocked,
    starts: Start,
    found: Sequence[tuple[Deadline, ...]],
    cal: WorkingCalendar,
    events: Events,
) -> Start | None:
    """What a clock counts from; never the stage's start for an event (issue 24)."""
    if c.anchor is Anchor.STAGE:
        return starts
    if c.anchor is Anchor.CLOCK:
        return _clock_end(found, c.after, cal)
    if c.anchor is Anchor.NONE:
        return None
    return Events({**events, STAGE: starts}).earliest(c.events)


def _clock_end(
    found: Sequence[tuple[Deadline, ...]], index: int | None, cal: WorkingCalendar
) -> Start | None:
    """Where another clock runs out, at its latest reading; None while it has no date."""
    if index is None or index >= len(found):
        return None
    ends = [d.end for d in found[index] if d.end is not None]
    return after(max(ends), cal) if ends else None


def _next_start(group: Sequence[PlanRow], cal: WorkingCalendar) -> tuple[Start, bool]:
    ends = [e for row in group if (e := row.ends) is not None]
    if not ends:
        return group[0].starts, True
    return after(max(ends), cal), False


def overall_since(events: Events, start: Start | None, first_stage: bool) -> Start | None:
    """What the whole procedure counts from: the disagreement, never a later stage's start.

    At the first stage the stage's start is when the disagreement began; at a later one the
    date must be given, and until it is the whole-procedure clock has no date.
    """
    return events.get("disagreement") or (start if first_stage else None)


def overall(
    timescales: Iterable[Timescale], start: Start, cal: WorkingCalendar
) -> list[tuple[Deadline, ...]]:
    """Timescales for the whole procedure, dated from when the disagreement began."""
    return [
        tuple(deadline(s, start, cal, t.bank_holidays_unstated) for s in t.within)
        for t in timescales
    ]


def earliest_first(deadlines: Sequence[Deadline | None]) -> list[int]:
    """Positions of readings, the earliest deadline first; undated ones keep their order last."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(
        range(len(deadlines)),
        key=lambda i: (d.end or far) if (d := deadlines[i]) is not None else far,
    )
