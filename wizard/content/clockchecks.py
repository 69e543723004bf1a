"""Checks that every clock's `from` names an event or clock the policy declares."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import get_close_matches

from wizard.content.messages import describe
from wizard.core.policy import BUILT_IN_EVENTS, Clock, Partnership, Stage, Timescale

Loc = tuple[str | int, ...]


def clock_starts(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    """Each `from` that names an unknown event or clock, a clock not before it, or itself."""
    events = [e.id for e in partnership.events]
    yield from _declared_once(events)
    known = set(events) | set(BUILT_IN_EVENTS)
    for s, stage in enumerate(partnership.stages):
        for t, timescale in enumerate(stage.timescales):
            loc = ("stages", s, "timescales", t, "from")
            found = _start_problems(timescale, stage, t, known)
            yield from ((loc, f"{describe(loc)}: {text}") for text in found)
    for t, timescale in enumerate(partnership.overall_timescales):
        if timescale.named:
            loc = ("overall_timescales", t, "from")
            yield loc, "a whole-procedure timescale counts from the disagreement"


def _declared_once(events: list[str]) -> Iterator[tuple[Loc, str]]:
    for i, event in enumerate(events):
        if event in BUILT_IN_EVENTS or event in events[:i]:
            yield ("events", i, "id"), f"the event '{event}' is already declared: choose another id"


def _start_problems(timescale: Timescale, stage: Stage, t: int, known: set[str]) -> Iterator[str]:
    ids = [each.id for each in stage.timescales]
    named = timescale.named
    if len(named) == 1 and named[0] in ids:
        if ids.index(named[0]) >= t:
            yield f"'{named[0]}' must be a clock listed before this one in the stage's timescales"
        return
    if len(named) > 2:
        yield "a clock runs from one event, or from the earlier of two: name at most two"
    for name in named:
        if name in ids and len(named) > 1:
            yield f"'{name}' is a clock: a clock with two starts names two events"
        elif name not in known and name not in ids:
            kinds = [c.value for c in Clock]
            near = get_close_matches(name, [*kinds, *known, *(i for i in ids if i)], 1, 0.8)
            listed = ", ".join(f"'{k}'" for k in kinds)
            hint = (
                f"; did you mean '{near[0]}'?"
                if near
                else ": declare it under 'events', with the policy's words as its label"
            )
            yield (
                f"'{name}' is not one of {listed}, nor the id of an event in 'events' or of "
                f"a clock of this stage{hint}"
            )
