"""Practice scenarios: a situation, the answers a practitioner would give, what must follow.

A scenario is content; what it teaches is whatever the engine says its answers lead to.
`mismatches` compares the two, so a policy change that would make a scenario teach a
different stage is caught by `check`, never shipped. No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from wizard.core.engine import State, answer
from wizard.core.flow import N_, Flow, OutcomeKind, absence
from wizard.core.outcome import facts
from wizard.core.policy import Fact, Partnership, Route, Stage


@dataclass(frozen=True)
class Expect:
    """What a scenario's answers must lead to."""

    kind: OutcomeKind
    stage: int | None = None
    variant: str | None = None
    exit: str | None = None
    text: str | None = None  # words that must appear in a fact the outcome shows


@dataclass(frozen=True)
class Scenario:
    """One practice scenario of one partnership."""

    slug: str
    partnership: str
    title: str
    based_on: str  # the policy paragraph the situation is drawn from
    answers: Mapping[str, str]  # by question id: {'risk': 'no', 'concern': 'disagreement'}
    expect: Expect
    situation: str  # Markdown


@dataclass(frozen=True)
class Mismatch:
    """Where the content and the engine disagree: the front-matter field and why."""

    field: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class Choice:
    """A possible answer to 'What would you do?': a stage, the emergency route or an exit."""

    id: str
    label: str
    stage: Stage | None = None


def key_facts(state: State) -> tuple[Fact, ...]:
    """Every fact, in the policy's words and cited, that the outcome page of this state shows."""
    outcome = state.outcome
    if outcome is None:
        return ()
    p = state.partnership
    if outcome.kind is OutcomeKind.EMERGENCY:
        return _route_facts(p.emergency)
    if outcome.kind is OutcomeKind.EXIT and outcome.exit:
        return _route_facts(getattr(p.exits, outcome.exit))
    if outcome.stage is None:
        return ()
    return _stage_facts(state, outcome.stage)


def _route_facts(route: Route) -> tuple[Fact, ...]:
    if not route.stated or not route.says or not route.cite:
        return ()
    return (Fact(says=route.says, cite=route.cite), *route.also)


def _stage_facts(state: State, stage: Stage) -> tuple[Fact, ...]:
    found = facts(state)
    notify = [*found.notify, *found.notify_if_child, *(n for _, n in found.earlier_duties)]
    roles = (
        []
        if stage.roles is None
        else [Fact(says=r.role, cite=stage.roles.cite) for r in found.roles]
    )
    gone = absence(state.partnership, state.answers)
    stand_ins = [f for i in (gone, stage.instead) if i for f in (*i.who, *i.with_)]
    return (
        *(f for f in (stage.who, stage.with_) if f),  # either may be not available
        *stand_ins,
        *(Fact(says=x.says, cite=x.cite) for x in stage.send),
        *roles,
        *stage.do,
        *(Fact(says=t.words, cite=t.cite) for t in stage.timescales),
        *(Fact(says=n.says, cite=n.cite) for n in notify),
    )


def key_fact(state: State, text: str | None) -> Fact | None:
    """The first fact the outcome shows that contains `text`."""
    if not text:
        return None
    return next((f for f in key_facts(state) if text in f.says), None)


def mismatches(flow: Flow, p: Partnership, scenario: Scenario) -> Iterator[Mismatch]:
    """Every way the engine's outcome for the answers differs from what the scenario expects."""
    state = answer(flow, p, scenario.answers)
    if state.error is not None:
        yield _no_longer_fits(flow, p, scenario, state)
        return
    if state.outcome is None:
        assert state.question is not None
        yield Mismatch(("answers",), f"the answers stop at a question: '{state.question.text}'")
        return
    yield from _outcome_mismatches(state, scenario.expect)


def _no_longer_fits(flow: Flow, p: Partnership, scenario: Scenario, state: State) -> Mismatch:
    asked = answer(flow, p, {q.id: o.slug for q, o in state.answered}).question
    assert asked is not None
    offered = ", ".join(o.slug for o in asked.options)
    return Mismatch(
        ("answers", asked.id),
        f"the answer '{scenario.answers[asked.id]}' does not fit the question "
        f"'{asked.text}' (it offers: {offered}): change the answers",
    )


def _outcome_mismatches(state: State, expect: Expect) -> Iterator[Mismatch]:
    outcome = state.outcome
    assert outcome is not None
    if outcome.kind is not expect.kind:
        yield Mismatch(
            ("expect", "kind"),
            f"the answers now lead to '{outcome.kind.value}', not '{expect.kind.value}'",
        )
        return
    stage = outcome.stage
    if expect.stage is not None and (stage is None or stage.number != expect.stage):
        word = state.partnership.partnership.stage_word
        now = stage.number if stage else "none"
        yield Mismatch(
            ("expect", "stage"),
            f"the content would now teach {word} {now}, not {word} {expect.stage}",
        )
    got_variant = stage.variant.id if stage and stage.variant else None
    if expect.variant is not None and got_variant != expect.variant:
        yield Mismatch(("expect", "variant"), f"the answers now lead to the route '{got_variant}'")
    if expect.exit is not None and outcome.exit != expect.exit:
        yield Mismatch(("expect", "exit"), f"the answers now lead to the exit '{outcome.exit}'")
    if expect.text and key_fact(state, expect.text) is None:
        yield Mismatch(
            ("expect", "text"),
            f"'{expect.text}' is not in any fact this outcome shows: quote the policy's words",
        )


def choices(p: Partnership) -> tuple[Choice, ...]:
    """The possible answers to 'What would you do?': each stage in the policy's words.

    The emergency route and the exits are the tool's own words, for the catalogue.
    """
    word = p.partnership.stage_word
    stages = tuple(Choice(f"stage-{s.key}", s.label(word), s) for s in p.stages)
    return (
        Choice("emergency", N_("Act now: a child may be at risk of immediate harm")),
        *stages,
        Choice("exit", N_("Use another procedure: this is not a professional disagreement")),
    )


def right_choice(state: State) -> str:
    """The id of the choice the engine's outcome makes right."""
    outcome = state.outcome
    assert outcome is not None
    if outcome.kind is OutcomeKind.EMERGENCY:
        return "emergency"
    if outcome.kind is OutcomeKind.EXIT:
        return "exit"
    assert outcome.stage is not None
    return f"stage-{outcome.stage.key}"
