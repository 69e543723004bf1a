"""Page models for deadlines and the dated plan, shared by the page and the .ics file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from wizard.core.dates import Deadline, Holidays, PlanRow, counts_from_stage_start, plan
from wizard.core.policy import Partnership, Stage, Timescale
from wizard.web import datefmt


@dataclass(frozen=True)
class Reading:
    """One reading of a timescale and, in the live app, its deadline in words."""

    within: str
    deadline: Deadline | None = None

    @property
    def text(self) -> str | None:
        """'Wednesday, 30 December 2026', or None until a date is known."""
        return datefmt.deadline_text(self.deadline) if self.deadline else None


@dataclass(frozen=True)
class TimescaleRow:
    """A timescale in the plan: whether it can be dated, and each reading."""

    timescale: Timescale
    datable: bool
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class Row:
    """A stage in the plan, with when it starts and when it must be done by."""

    stage: Stage
    current: bool
    starts: str | None
    ends: str | None
    timescales: tuple[TimescaleRow, ...]


@dataclass(frozen=True)
class Plan:
    """The dated plan from the stage to go to now; dates are None in the static site."""

    nation: str
    first_stage: int
    start: datetime | None
    timed: bool
    rows: tuple[Row, ...]


def remaining(p: Partnership, stage: Stage) -> list[Stage]:
    """The given stage, then every later stage (all variants of a later stage)."""
    return [s for s in p.stages if s is stage or s.number > stage.number]


def build(
    p: Partnership, stage: Stage, start: datetime | None, timed: bool, holidays: Holidays
) -> Plan:
    """The plan, dated from `start`; with no start, the same plan without dates."""
    first = p.stage_numbers()[0]
    stages = remaining(p, stage)
    if start is None:
        rows = tuple(_undated_row(s, s is stage, first) for s in stages)
    else:
        rows = tuple(
            _dated_row(r, r.stage is stage, timed, first)
            for r in plan(stages, start, timed, holidays, first)
        )
    return Plan(p.partnership.nation.value, first, start, timed, rows)


def _undated_row(stage: Stage, current: bool, first: int) -> Row:
    timescales = tuple(
        TimescaleRow(
            t,
            counts_from_stage_start(t, stage.number == first),
            tuple(Reading(str(s)) for s in t.within),
        )
        for t in stage.timescales
    )
    return Row(stage, current, None, None, timescales)


def _dated_row(row: PlanRow, current: bool, timed: bool, first: int) -> Row:
    timescales = []
    for dated in row.dated:
        within = dated.timescale.within
        deadlines = dated.deadlines or (None,) * len(within)
        readings = tuple(Reading(str(s), d) for s, d in zip(within, deadlines, strict=True))
        # Datable by its clock, even where an undated earlier stage leaves no start to count from.
        datable = counts_from_stage_start(dated.timescale, row.stage.number == first)
        timescales.append(TimescaleRow(dated.timescale, datable, readings))
    starts = None if row.starts is None else _when(row.starts, timed or not current)
    ends = None if row.ends is None else _when(row.ends, True)
    return Row(row.stage, current, starts, ends, tuple(timescales))


def _when(value: datetime, timed: bool) -> str:
    if not timed or value.time() in (time(0), time(23, 59)):
        return datefmt.day(value.date())
    return datefmt.moment(value)


def start_of(day: date, clock: time | None) -> tuple[datetime, bool]:
    """The start as a datetime, and whether a time was given."""
    return datetime.combine(day, clock or time(0)), clock is not None
