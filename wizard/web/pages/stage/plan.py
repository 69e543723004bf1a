"""Page models for deadlines and the dated plan: one source for the page, its script and the .ics.

The live app dates the plan here. A static page carries the same plan undated as data
(`Plan.data`, rendered into `<script type="application/json" id="plan-data">`): every
stage's timescales, which readings belong together under one duty, and the words of its
calendar events. The browser's script (static/js/plan.js) only does the arithmetic and
fills the elements those keys name; it never decides which deadline belongs where.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup

from wizard.core.dates import (
    STAGE,
    Anchor,
    Clocked,
    Deadline,
    Events,
    PlanRow,
    Start,
    WorkingCalendar,
    anchor,
    chain,
    earliest_first,
    leg,
    overall,
    overall_since,
)
from wizard.core.policy import (
    AMOUNTLESS,
    Clock,
    Fact,
    Partnership,
    Span,
    Stage,
    Timescale,
    WorkingDay,
)
from wizard.web.forms import EVENT_MESSAGES, MESSAGES, event_messages
from wizard.web.text import dates as datefmt
from wizard.web.text.catalogue import N_, gettext
from wizard.web.text.stagewords import say
from wizard.web.text.timescales import span_text

NO_EVENTS = Events()
AMOUNTLESS_FIRST = ("immediately", "as soon as possible")


@dataclass(frozen=True)
class Reading:
    """One reading of a timescale and, once dated, its deadline."""

    key: str  # 'row:timescale:reading': names this reading's elements for the script
    position: int  # which of the stage's timescales it reads
    index: int  # which of that timescale's readings it is
    within: str
    reason: Fact | None = None  # the policy's words that give it, where a duty has several
    deadline: Deadline | None = None
    overdue: bool = False
    working_day: WorkingDay | None = None  # what the policy says a working day is

    @property
    def within_words(self) -> str:
        """'within 2 working days', in the reader's language."""
        return span_text(Span.parse(self.within))

    @property
    def text(self) -> str | None:
        """'by the end of Wednesday 30 December 2026', or None until it is dated."""
        return datefmt.reading_text(self.deadline) if self.deadline else None

    @property
    def other(self) -> str:
        """Why the deadline has a second reading ('next working day', …), or ''."""
        d = self.deadline
        return d.why.value if d is not None and d.why is not None else ""

    @property
    def amountless(self) -> bool:
        """'immediately', 'as soon as possible' or 'none stated': never a date."""
        return Span.parse(self.within).unit in AMOUNTLESS


@dataclass(frozen=True)
class Duty:
    """Something that must happen, with every reading of when the policy gives for it.

    Timescales of a stage for the same thing (Staffordshire's Stage 5 flowchart gives
    2 working days in one box and 72 hours in another) gather into one duty, as do the
    readings of one timescale ("48 hours (2 working days)"); once dated, the earliest is first.
    """

    key: str  # 'row:group'
    timescale: Timescale  # the first of them: its words where it cannot be dated
    positions: tuple[int, ...]  # which of the stage's timescales it gathers
    datable: bool
    readings: tuple[Reading, ...]
    anchor: Anchor = Anchor.STAGE  # what its date counts from
    froms: tuple[str, ...] = ()  # an EVENT clock's events, in the policy's words
    after: str | None = None  # a CLOCK's clock: what it is for, in the file's words

    @property
    def several(self) -> bool:
        """More than one reading: show each apart, with its reason."""
        return len(self.readings) > 1

    @property
    def dated(self) -> bool:
        """Whether any reading has a date, and so an order by date."""
        return any(r.deadline is not None and r.deadline.end is not None for r in self.readings)


@dataclass(frozen=True)
class Row:
    """A stage in the plan, with when it starts."""

    stage: Stage
    current: bool
    starts: str
    duties: tuple[Duty, ...]
    moved: bool = False  # the stage before gives no end: dated as if moved on at once

    @property
    def main(self) -> tuple[Duty, ...]:
        """What the plan shows of a later stage: its own next dated clock, if it has one."""
        found = main_duty(self.duties, first_stage=False)
        return (found,) if found else ()


@dataclass(frozen=True)
class Plan:
    """The plan from the stage to go to now; undated (start None) on a static page."""

    nation: str
    start: Start | None
    rows: tuple[Row, ...]
    data: dict[str, Any] = field(hash=False)
    now: datetime | None = None
    default: bool = False  # the start is today's, not one a person gave
    overall: tuple[Duty, ...] = ()  # timescales for the whole procedure
    asks: tuple[str, ...] = ()  # dates of other events its clocks run from: 'outcome', …
    first: bool = True  # the stage to go to now is the first

    @property
    def start_text(self) -> str:
        """'10:00 am on Thursday 24 December 2026', or '' until there is a start."""
        return datefmt.start_text(self.start) if self.start else ""

    @property
    def clock_change_note(self) -> str:
        """What a clock change did to the time given, if anything."""
        return datefmt.clock_change_note(self.start) if self.start else ""

    @property
    def future(self) -> bool:
        """Whether the start given is after now: worth questioning, not refusing."""
        return bool(self.start and self.now and self.start.at > self.now)

    @property
    def overdue(self) -> tuple[str, ...]:
        """Keys of the readings already overdue: the page differs with them, so caches must."""
        return tuple(
            r.key for row in self.rows for d in row.duties for r in d.readings if r.overdue
        )

    @property
    def datable(self) -> bool:
        """Whether any deadline can have a date, and so a calendar event.

        Only if one of the current stage's can: every later stage starts when the one
        before runs out, so a stage with no date leaves every later one undated (`chain`).
        """
        return any(d.datable and not r.amountless for d in self.rows[0].duties for r in d.readings)

    @property
    def readings(self) -> list[Reading]:
        """Every reading the page prints: the stages' and the whole procedure's."""
        duties = [*(d for row in self.rows for d in row.duties), *self.overall]
        return [r for d in duties for r in d.readings]

    @property
    def notes(self) -> frozenset[str]:
        """The notes on how the dates were counted that a dated reading needs, said once."""
        found = {r.other for r in self.readings if r.other}
        if any(r.deadline and r.deadline.from_start_of_day for r in self.readings):
            found.add("midnight")
        return frozenset(found)

    @property
    def moved(self) -> bool:
        """Whether a later stage starts when the worker moves to it: the plan says why once."""
        return any(row.moved for row in self.rows)

    @property
    def unstated(self) -> bool:
        """Whether a clock the plan dates has a start the policy does not state."""
        duties = [d for row in self.rows for d in row.duties]
        return any(d.datable and not d.timescale.start_stated for d in duties)

    @property
    def working_day(self) -> WorkingDay | None:
        """What the policy says a working day is, where a reading counts in its working days."""
        return next((r.working_day for r in self.readings if r.working_day), None)

    def duty_at(self, position: int) -> Duty | None:
        """The current stage's duty that begins with its timescale at `position`."""
        current = next(row for row in self.rows if row.current)
        return next((d for d in current.duties if d.positions[0] == position), None)


@dataclass(frozen=True)
class Headline:
    """The one next deadline a stage page leads with, chosen from what the worker told us.

    `duty` is the clock to meet next; `first` an amountless clock that comes before it
    ("immediately"), shown with it; `overall` says `duty` is the whole procedure's clock,
    shown because the stage has no dated clock of its own; `rest` are the stage's other
    clocks, which the plan lists.
    """

    duty: Duty | None = None
    first: Duty | None = None
    overall: bool = False
    rest: tuple[Duty, ...] = ()


def arrival(duty: Duty, first_stage: bool) -> bool:
    """Whether a clock is the one that brings the worker to this stage (a referral into it).

    Its policy words start it at the stage before running out ("If unresolved, the problem
    should be referred within 24 hours"): a worker who has come here has already met it.
    """
    starts = duty.timescale.from_ in (Clock.STAGE_START, Clock.PREVIOUS_STAGE)
    return starts and not first_stage


def main_duty(duties: Sequence[Duty], first_stage: bool) -> Duty | None:
    """A stage's own next dated clock.

    Not the one that brings a worker to it, where it has another; nor one from an agreed
    outcome, which comes after.
    """
    dated = [d for d in duties if has_dates([d]) and d.anchor is not Anchor.OUTCOME]
    own = [d for d in dated if not arrival(d, first_stage)] or dated
    return own[0] if own else None


def headline(plan: Plan) -> Headline:
    """The one next deadline: the stage's own, the whole procedure's where it has none.

    Not the clock that brought the worker here where the stage has another; "immediately"
    with the dated clock after it.
    """
    duties = next(row for row in plan.rows if row.current).duties
    duty = main_duty(duties, plan.first)
    # "immediately", "as soon as possible": what comes first; never "none stated".
    ahead = [d for d in duties if not has_dates([d]) and d.readings[0].within in AMOUNTLESS_FIRST]
    first = next((d for d in ahead if duty is None or d.positions[0] < duty.positions[0]), None)
    if duty is None and plan.overall:
        first = first or next(iter(ahead), None)
        rest = tuple(d for d in duties if d is not first)
        return Headline(plan.overall[0], first, True, rest)
    return Headline(duty, first, False, tuple(d for d in duties if d not in (duty, first)))


def remaining(p: Partnership, stage: Stage) -> list[Stage]:
    """The given stage, then every later stage (all variants of a later stage)."""
    return [s for s in p.stages if s is stage or s.number > stage.number]


def build(
    p: Partnership,
    stage: Stage,
    start: Start | None,
    cal: WorkingCalendar,
    now: datetime | None = None,
    default: bool = False,
    events: Events = NO_EVENTS,
) -> Plan:
    """The plan, dated from `start` at `now`; with no start, the same plan undated."""
    first = p.stage_numbers()[0]
    stages = remaining(p, stage)
    legs = [leg(s, s.number == first, s is stage) for s in stages]
    dated = chain(legs, start, cal, events) if start else [None] * len(stages)
    rows = tuple(
        _row(p, i, s, s is stage, first, d, now)
        for i, (s, d) in enumerate(zip(stages, dated, strict=True))
    )
    first_stage = stage.number == first
    since = overall_since(events, start, first_stage)
    whole = overall(p.overall_timescales, since, cal) if since else None
    duties = tuple(_overall(i, t, whole, now) for i, t in enumerate(p.overall_timescales))
    asks = asked(p, stage)
    data = {
        **plan_data(p, rows, first),
        "overall": [_timescale_data(t, Anchor.DISAGREEMENT) for t in p.overall_timescales],
        "asks": list(asks),
        "labels": {key: declared_label(p, key) for key in asks},
        "dated": start is not None,
        "default": default,
        "first": first_stage,
    }
    for key in asks:
        data["messages"] |= event_messages(key, declared_label(p, key))
    nation = p.partnership.nation.value
    return Plan(nation, start, rows, data, now, default, duties, asks, first_stage)


def asked(p: Partnership, stage: Stage) -> tuple[str, ...]:
    """The dates, other than the stage's start, that the stage's clocks run from.

    An agreed outcome, the events the policy declares that a clock names (in the order the
    clocks name them), then when the disagreement began where a clock or the whole
    procedure runs from it; at the first stage that is the stage's own start.
    """
    first = stage.number == p.stage_numbers()[0]
    anchors = {anchor(t, first, current=True) for t in stage.timescales}
    found = ["outcome"] if Anchor.OUTCOME in anchors else []
    for c in leg(stage, first, current=True).timescales:
        found += [e for e in c.froms if e not in (*found, STAGE, "disagreement")]
    named = any("disagreement" in c.froms for c in leg(stage, first, True).timescales)
    if not first and (p.overall_timescales or Anchor.DISAGREEMENT in anchors or named):
        found.append("disagreement")
    return tuple(found)


# The two events every policy can name, in the tool's words where no label is declared.
BUILT_IN_LABELS = {
    "outcome": N_("the date the outcome was agreed"),
    "disagreement": N_("the date the disagreement began"),
}


def declared_label(p: Partnership, key: str) -> str:
    """The policy's words for an event it declares; '' for the two built in (own sentences)."""
    return next((e.label for e in p.events if e.id == key), "")


def event_label(p: Partnership, key: str) -> str:
    """The policy's words for an event a clock runs from, as the partnership declares them."""
    declared = {e.id: e.label for e in p.events}
    return declared.get(key) or gettext(BUILT_IN_LABELS[key])


def event_words(p: Partnership, key: str) -> str:
    """An event as a sentence names it: a declared one quoted in the policy's words."""
    if key == STAGE:  # the first stage's start: when the disagreement began
        key = "disagreement"
    if any(e.id == key for e in p.events):
        return gettext("“%(words)s”", words=event_label(p, key))
    return event_label(p, key)


def _overall(
    i: int, t: Timescale, whole: list[tuple[Deadline, ...]] | None, now: datetime | None
) -> Duty:
    readings = tuple(
        Reading(
            f"overall:{i}:{r}",
            i,
            r,
            str(span),
            deadline=(d := whole[i][r] if whole else None),
            overdue=bool(d and now and d.overdue(now)),
            working_day=t.working_day,
        )
        for r, span in enumerate(t.within)
    )
    return Duty(f"overall:{i}", t, (i,), True, readings, Anchor.DISAGREEMENT)


def _row(
    p: Partnership,
    i: int,
    stage: Stage,
    current: bool,
    first: int,
    dated: PlanRow | None,
    now: datetime | None,
) -> Row:
    duties = tuple(
        _duty(p, f"{i}:{g}", stage, positions, first, current, dated, now)
        for g, positions in enumerate(groups(stage, stage.number == first))
    )
    moved = dated is not None and dated.moved
    starts = _starts(p, stage, current, dated, has_dates(duties))
    return Row(stage, current, starts, duties, moved)


def has_dates(duties: Sequence[Duty]) -> bool:
    """Whether any of a stage's duties can have a date."""
    return any(d.datable and not r.amountless for d in duties for r in d.readings)


def _starts(p: Partnership, stage: Stage, current: bool, dated: PlanRow | None, dates: bool) -> str:
    """What a stage in the plan is counted from, in words.

    The current stage's date is said once, beside the deadline it dates, not here.
    """
    if current:
        return gettext("When this %(stage)s started", stage=p.partnership.stage_word.lower())
    if dated is not None and dated.moved:
        return moved_start(p, datefmt.start_text(dated.starts) if dates else None)
    if dated is not None:
        return after_text(p, stage).replace("{start}", datefmt.start_text(dated.starts))
    before = max(n for n in p.stage_numbers() if n < stage.number)
    return str(say("plan_after_undated", stage=p.partnership.stage_word, number=before))


def after_text(p: Partnership, stage: Stage) -> str:
    """'From {start}, when Stage 2 runs out': a later stage's start, the date left to fill."""
    numbers = [n for n in p.stage_numbers() if n < stage.number]
    if not numbers:
        return "{start}"
    word = p.partnership.stage_word
    return str(say("plan_after", start=Markup("{start}"), stage=word, number=numbers[-1]))


def moved_start(p: Partnership, start: str | None) -> str:
    """What a start reads where the stage before gives no date it runs out.

    The plan says why once (`Plan.moved`).
    """
    if start is None:
        return str(say("plan_moved_undated"))
    return str(say("plan_moved", start=Markup("{start}"))).replace("{start}", start)


def groups(stage: Stage, first_stage: bool) -> list[tuple[int, ...]]:
    """The stage's timescales gathered into duties: datable ones for the same thing together."""
    found: dict[str, list[int]] = {}
    result: list[list[int]] = []
    for i, t in enumerate(stage.timescales):
        gathers = anchor(t, first_stage) is Anchor.STAGE
        if gathers and t.for_ in found:
            found[t.for_].append(i)
            continue
        result.append([i])
        if gathers:
            found[t.for_] = result[-1]
    return [tuple(g) for g in result]


def _duty(
    p: Partnership,
    key: str,
    stage: Stage,
    positions: tuple[int, ...],
    first: int,
    current: bool,
    dated: PlanRow | None,
    now: datetime | None,
) -> Duty:
    row = key.split(":")[0]
    pairs = [(t, r) for t in positions for r in range(len(stage.timescales[t].within))]
    several = len(positions) > 1  # timescales gathered: each reading names its own paragraph
    readings = [_reading(f"{row}:{t}:{r}", stage, t, r, several, dated, now) for t, r in pairs]
    order = earliest_first([r.deadline for r in readings])
    timescale = stage.timescales[positions[0]]
    found = anchor(timescale, stage.number == first, current)
    ordered = tuple(readings[i] for i in order)
    c = leg(stage, stage.number == first, current).timescales[positions[0]]
    froms = tuple(event_words(p, e) for e in c.froms)
    after = stage.timescales[c.after].for_ if c.after is not None else None
    return Duty(key, timescale, positions, found is not Anchor.NONE, ordered, found, froms, after)


def _reading(
    key: str,
    stage: Stage,
    position: int,
    r: int,
    several: bool,
    dated: PlanRow | None,
    now: datetime | None,
) -> Reading:
    t = stage.timescales[position]
    span = t.within[r]
    reason = Fact(says=quote(t.words, span), cite=t.cite) if several else None
    found = dated.deadlines[position] if dated is not None else ()
    d = found[r] if found else None
    overdue = bool(d and now and d.overdue(now))
    return Reading(key, position, r, str(span), reason, d, overdue, t.working_day)


def quote(words: str, span: Span) -> str:
    """The fewest of the policy's words that give a reading, such as 'within 48 hours'."""
    found = re.search(rf"(within\s+)?\b{re.escape(str(span))}\b", words, re.IGNORECASE)
    if found is None:
        return words
    start, end = found.span()
    if words[start - 1 : start] == "(" and words[end : end + 1] == ")":
        return words[start - 1 : end + 1]
    return words[start:end]


def plan_data(p: Partnership, rows: Sequence[Row], first: int) -> dict[str, Any]:
    """The undated plan for the browser's script: what to compute, and where each result goes."""
    return {
        "nation": p.partnership.nation.value,
        "moved": moved_start(p, "{start}"),
        "movedUndated": moved_start(p, None),
        "calendar": calendar_name(p),
        "filename": calendar_filename(p),
        "rows": [_row_data(p, row, first) for row in rows],
        "events": {r.key: vars(text) for r, text in events(p, rows)},
        "messages": {k: gettext(v) for k, v in (MESSAGES | EVENT_MESSAGES).items()},
    }


def calendar_name(p: Partnership) -> str:
    """'ISCP escalation deadlines'."""
    return gettext("%(partnership)s escalation deadlines", partnership=p.partnership.short_name)


def calendar_filename(p: Partnership) -> str:
    """'islington-escalation.ics': the partnership's, never the site's base path."""
    return f"{p.slug}-escalation.ics"


def _row_data(p: Partnership, row: Row, first: int) -> dict[str, Any]:
    first_stage = row.stage.number == first
    return {
        "number": row.stage.number,
        "after": after_text(p, row.stage),
        "timescales": [
            _timescale_data(t, anchor(t, first_stage, row.current), c)
            for t, c in zip(
                row.stage.timescales,
                leg(row.stage, first_stage, row.current).timescales,
                strict=True,
            )
        ],
        "groups": [
            {"key": d.key, "readings": [r.key for r in sorted(d.readings, key=_policy_order)]}
            for d in row.duties
        ],
        "dates": has_dates(row.duties),
    }


def _timescale_data(t: Timescale, found: Anchor, c: Clocked | None = None) -> dict[str, Any]:
    """A timescale for the script: its readings, what it counts from, and what is not stated."""
    data: dict[str, Any] = {"within": [str(s) for s in t.within]}
    data["datable"] = found is not Anchor.NONE
    if found in (Anchor.OUTCOME, Anchor.DISAGREEMENT):
        data["from"] = found.value
    if c is not None and c.anchor is Anchor.CLOCK:
        data["after"] = c.after
    elif c is not None and c.anchor is Anchor.EVENT:
        data["from"] = list(c.events) if len(c.events) > 1 else c.events[0]
    if t.bank_holidays_unstated:
        data["bank_holidays"] = "not stated"
    return data


def _policy_order(reading: Reading) -> tuple[int, int]:
    return reading.position, reading.index


@dataclass(frozen=True)
class EventText:
    """The words of one reading's calendar event; its dates come from the deadline."""

    summary: str
    description: str
    uid: str


def events(p: Partnership, rows: Sequence[Row]) -> list[tuple[Reading, EventText]]:
    """Every reading that can have a date, with the words of its calendar event."""
    return [
        (r, event_text(p, row.stage, r))
        for row in rows
        for d in row.duties
        for r in d.readings
        if not r.amountless
    ]


def event_text(p: Partnership, stage: Stage, reading: Reading) -> EventText:
    """'Deadline: Stage 2 Line Manager, refer the problem … (within 24 hours)', and its source."""
    t = stage.timescales[reading.position]
    name = " ".join(str(x) for x in (p.partnership.stage_word, stage.number, stage.title) if x)
    what = f"{name}, {_lower_first(t.for_)}"
    description = gettext(
        "%(partnership)s escalation policy: “%(words)s” (%(cite)s). %(title)s, %(version)s.",
        partnership=p.partnership.short_name,
        words=t.words,
        cite=t.cite,
        title=p.document.title,
        version=p.document.version,
    )
    uid = f"{p.slug}-{stage.key}-{reading.position}-{reading.index}"
    summary = gettext("Deadline: %(what)s (%(within)s)", what=what, within=reading.within_words)
    return EventText(summary, description, uid)


def _lower_first(text: str) -> str:
    """'Refer the matter' becomes 'refer the matter'; an acronym such as 'SLO' stays."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]
