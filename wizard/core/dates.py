"""Pure deadline arithmetic: working days, clock hours, and a dated escalation plan.

Bank holidays are passed in as data (a set of dates); nothing here looks them up.
A deadline of N working days from a date is the Nth working day after it, so a
disagreement on Thursday 24 December 2026 with 2 working days runs to Wednesday 30
December (25th and 28th are bank holidays, 26th and 27th a weekend).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from wizard.core.policy import Clock, Span, Stage, Timescale, Unit

WORKING_WEEK = 5  # working days in a working week
END_OF_DAY = time(23, 59)
Holidays = frozenset[date]


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
    at: datetime | None = None
    outside_working_days: bool = False
    from_start_of_day: bool = False  # hours counted from midnight because no time was given

    @property
    def latest(self) -> datetime | None:
        """The last moment that still meets the deadline."""
        if self.at is None:
            return None
        return (
            datetime.combine(self.at.date(), END_OF_DAY)
            if self.kind is DeadlineKind.DAY
            else self.at
        )


def deadline(span: Span, start: datetime, timed: bool, holidays: Holidays) -> Deadline:
    """When `span` runs out, counting from `start` (`timed`: whether a clock time was given)."""
    if span.unit in (Unit.IMMEDIATELY, Unit.ASAP, Unit.NONE_STATED):
        return Deadline(span, DeadlineKind(span.unit.value))
    amount = span.amount or 0
    if span.unit is Unit.HOURS:
        origin = start if timed else datetime.combine(start.date(), time(0))
        at = origin + timedelta(hours=amount)
        outside = not is_working_day(at.date(), holidays)
        return Deadline(span, DeadlineKind.MOMENT, at, outside, from_start_of_day=not timed)
    if span.unit is Unit.WEEKS:
        day = start.date() + timedelta(weeks=amount)
    else:
        days = amount * (WORKING_WEEK if span.unit is Unit.WORKING_WEEKS else 1)
        day = add_working_days(start.date(), days, holidays)
    return Deadline(span, DeadlineKind.DAY, datetime.combine(day, time(0)))


def counts_from_stage_start(timescale: Timescale, first_stage: bool) -> bool:
    """Whether a date can be worked out from when the stage started."""
    if timescale.from_ is Clock.DISAGREEMENT:
        return first_stage
    return timescale.from_ in (Clock.STAGE_START, Clock.PREVIOUS_STAGE, Clock.NOT_STATED)


@dataclass(frozen=True)
class Dated:
    """A timescale and a deadline for each of its readings (none if it cannot be dated)."""

    timescale: Timescale
    deadlines: tuple[Deadline, ...]


@dataclass(frozen=True)
class PlanRow:
    """One stage in the dated plan: when it starts and its deadlines, if they can be known."""

    stage: Stage
    starts: datetime | None
    dated: tuple[Dated, ...]

    @property
    def ends(self) -> datetime | None:
        """The latest deadline of the stage, assuming it runs its full course."""
        ends = [d.latest for t in self.dated for d in t.deadlines if d.latest is not None]
        return max(ends) if ends else None


def date_timescales(
    stage: Stage, start: datetime, timed: bool, holidays: Holidays, first_stage: bool
) -> tuple[Dated, ...]:
    """Each of a stage's timescales with its deadlines from `start`."""
    return tuple(
        Dated(t, tuple(deadline(s, start, timed, holidays) for s in t.within))
        if counts_from_stage_start(t, first_stage)
        else Dated(t, ())
        for t in stage.timescales
    )


def plan(
    stages: Iterable[Stage], start: datetime, timed: bool, holidays: Holidays, first: int
) -> list[PlanRow]:
    """Every stage from now on, each starting when the one before runs out."""
    rows: list[PlanRow] = []
    starts: datetime | None = start
    group: list[PlanRow] = []
    previous_number = None
    for stage in stages:
        if stage.number != previous_number and group:
            starts = _latest(group)
            group = []
        previous_number = stage.number
        # A stage after an undated one keeps its timescales, in words, without dates.
        dated = (
            tuple(Dated(t, ()) for t in stage.timescales)
            if starts is None
            else date_timescales(
                stage, starts, timed or starts != start, holidays, stage.number == first
            )
        )
        row = PlanRow(stage, starts, dated)
        rows.append(row)
        group.append(row)
    return rows


def _latest(group: list[PlanRow]) -> datetime | None:
    ends = [row.ends for row in group]
    return None if None in ends else max(e for e in ends if e is not None)
