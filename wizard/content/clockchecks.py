"""Checks that every clock's `from` names an event or clock the policy declares."""

from __future__ import annotations

from collections.abc import Iterator

from wizard.core.policy import BUILT_IN_EVENTS, Partnership, Stage, Timescale

Loc = tuple[str | int, ...]


def clock_starts(partnership: Partnership) -> Iterator[tuple[Loc, str]]:
    """Each `from` that names an unknown event or clock, a clock not before it, or itself."""
    events = [e.id for e in partnership.events]
    yield from _declared_once(events)
    known = set(events) | set(BUILT_IN_EVENTS)
    for s, stage in enumerate(partnership.stages):
        for t, timescale in enumerate(stage.timescales):
            loc = ("stages", s, "timescales", t, "from")
            yield from ((loc, text) for text in _start_problems(timescale, stage, t, known))
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
            yield (
                f"'{name}' names no event or clock: declare it under 'events' (with the "
                "policy's words as its label) or give a clock of this stage that id"
            )
