"""The engine: replay answers through a flow to a next question, an outcome, or an error.

State is an immutable value rebuilt by replaying the answers in a path; an answer that
does not fit is an error state, never an exception. No I/O and no web framework here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from wizard.core.flow import (
    NOT_SURE,
    OTHER,
    PREDICATES,
    Answers,
    Flow,
    Node,
    Option,
    OutcomeKind,
    Q,
    current_stage,
    fill,
    options,
    target_stage,
    tier,
    wording,
)
from wizard.core.policy import Partnership, Stage

__all__ = [
    "NOT_SURE",
    "OTHER",
    "Outcome",
    "OutcomeKind",
    "Q",
    "Question",
    "State",
    "answer",
    "resolve",
    "target_stage",
    "walk",
]


@dataclass(frozen=True)
class Question:
    """A question as asked: its id, wording and options."""

    id: str
    text: str
    options: tuple[Option, ...]
    error: str
    hint: str | None = None

    def option(self, slug: str) -> Option | None:
        """The option with this path segment, if any."""
        return next((o for o in self.options if o.slug == slug), None)


@dataclass(frozen=True)
class Outcome:
    """Where the answers lead."""

    kind: OutcomeKind
    exit: str | None = None
    stage: Stage | None = None


EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class State:
    """The wizard after replaying some answers: a next question, an outcome, or an error."""

    partnership: Partnership
    answered: tuple[tuple[Question, Option], ...] = ()
    question: Question | None = None
    outcome: Outcome | None = None
    error: int | None = None  # index of the first segment that does not fit
    answers: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    base: Partnership | None = None  # the policy before an urgency tier's clock was applied

    @property
    def segments(self) -> tuple[str, ...]:
        """The path segments of the answers so far."""
        return tuple(option.slug for _, option in self.answered)


def resolve(flow: Flow, partnership: Partnership, segments: tuple[str, ...]) -> State:
    """Replay path segments as answers; stop at the first that does not fit."""
    state = _step(flow, partnership, ())
    for index, segment in enumerate(segments):
        option = state.question.option(segment) if state.question else None
        if option is None:
            return State(partnership, state.answered, error=index, answers=state.answers)
        state = _step(flow, partnership, (*state.answered, (state.question, option)))
    return state


def answer(flow: Flow, partnership: Partnership, situation: Answers) -> State:
    """The state a situation leads to, its answers named by question id, asked in the flow's order.

    Only the questions the flow asks are answered, so a situation names what is true and
    the flow decides what matters; it stops at the first question the situation leaves
    open, and an answer that is not one of a question's options is an error state.
    """
    state = _step(flow, partnership, ())
    while state.question is not None and state.question.id in situation:
        option = state.question.option(situation[state.question.id])
        if option is None:
            index = len(state.answered)
            return State(partnership, state.answered, error=index, answers=state.answers)
        state = _step(flow, partnership, (*state.answered, (state.question, option)))
    return state


def walk(flow: Flow, partnership: Partnership) -> Iterator[State]:
    """Every reachable state, breadth first: the source of URLs, flow graphs and tests."""
    queue = deque([_step(flow, partnership, ())])
    while queue:
        state = queue.popleft()
        yield state
        if state.question is not None:
            for option in state.question.options:
                queue.append(_step(flow, partnership, (*state.answered, (state.question, option))))


def _step(flow: Flow, p: Partnership, answered: tuple[tuple[Question, Option], ...]) -> State:
    answers = MappingProxyType({q.id: o.slug for q, o in answered})
    found = _route(flow, p, answers)
    if isinstance(found, Question):
        return State(p, answered, question=found, answers=answers)
    urgent = tier(p, answers)
    if urgent is not None and found.kind is OutcomeKind.STAGE:
        # The tier's clock replaces each stage's own, so the page and the plan use it.
        timed = p.on_tier_clock(urgent)
        found = Outcome(found.kind, stage=current_stage(timed, answers))
        return State(timed, answered, outcome=found, answers=answers, base=p)
    return State(p, answered, outcome=found, answers=answers)


def _route(flow: Flow, p: Partnership, a: Answers) -> Question | Outcome:
    """Follow the flow from its start: ask the first question that is due and unanswered."""
    at, last_answer = flow.start, None
    while at in flow.nodes:
        node = flow.nodes[at]
        asked = PREDICATES[node.ask](p, a)
        if asked and node.id not in a:
            return _question(node, p, a, flow.phrases)
        last_answer = a.get(node.id) if asked else None
        at = _branch(node, last_answer, p, a)
    return _outcome(OutcomeKind(at), last_answer, p, a)


def _outcome(kind: OutcomeKind, answer: str | None, p: Partnership, a: Answers) -> Outcome:
    if kind is OutcomeKind.EXIT:
        return Outcome(kind, exit=answer)
    if kind is OutcomeKind.STAGE:
        return Outcome(kind, stage=current_stage(p, a))
    if kind is OutcomeKind.BEYOND:
        return Outcome(kind, stage=p.stages[-1])
    return Outcome(kind)


def _branch(node: Node, answer: str | None, p: Partnership, a: Answers) -> str:
    for branch in node.branches:
        if branch.answers and answer not in branch.answers:
            continue
        if branch.when is None or PREDICATES[branch.when](p, a):
            return branch.to
    raise AssertionError(f"no branch of '{node.id}' fits: the flow check prevents this")


def _question(node: Node, p: Partnership, a: Answers, words: Mapping[str, str]) -> Question:
    values = wording(p, a)
    return Question(
        node.id,
        fill(node.text, values) or node.id,
        options(node, p, a, words),
        fill(node.error, values) or "",
        fill(node.hint, values),
    )
