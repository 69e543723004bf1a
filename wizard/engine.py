"""The wizard's decision tree: questions, options and outcomes, routed on policy data.

State is an immutable value rebuilt by replaying the answers in a path; an answer that
does not fit is an error state, never an exception. No I/O and no web framework here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from wizard.policy import Partnership, Stage

EXITS = ("conduct", "complaint", "whistleblowing", "policy")
NOT_SURE = "not-sure"
OTHER = "other"
RESERVED_AGENCY_IDS = frozenset({OTHER, NOT_SURE})


class Q(StrEnum):
    """Question ids, in the order they can be asked."""

    RISK = "risk"
    CONCERN = "concern"
    PROGRESS = "progress"
    VARIANT = "variant"
    AGENCY = "agency"
    OTHER_AGENCY = "other-agency"
    CHILD = "child"


class Kind(StrEnum):
    """Kinds of outcome."""

    EMERGENCY = "emergency"
    EXIT = "exit"
    CONCERN_HELP = "concern-help"
    STAGE = "stage"
    BEYOND = "beyond"


@dataclass(frozen=True)
class Option:
    """One answer to a question; `slug` is its path segment."""

    slug: str
    label: str
    hint: str | None = None


@dataclass(frozen=True)
class Question:
    """A question the wizard asks, with its options."""

    id: Q
    text: str
    options: tuple[Option, ...]
    hint: str | None = None

    def option(self, slug: str) -> Option | None:
        """The option with this path segment, if any."""
        return next((o for o in self.options if o.slug == slug), None)


@dataclass(frozen=True)
class Outcome:
    """Where the answers lead."""

    kind: Kind
    exit: str | None = None
    stage: Stage | None = None


@dataclass(frozen=True)
class State:
    """The wizard after replaying some answers: a next question, an outcome, or an error."""

    partnership: Partnership
    answered: tuple[tuple[Question, Option], ...] = ()
    question: Question | None = None
    outcome: Outcome | None = None
    error: int | None = None  # index of the first segment that does not fit
    answers: dict[Q, str] = field(default_factory=dict)

    @property
    def segments(self) -> tuple[str, ...]:
        """The path segments of the answers so far."""
        return tuple(option.slug for _, option in self.answered)


def resolve(partnership: Partnership, segments: tuple[str, ...]) -> State:
    """Replay path segments as answers; stop at the first that does not fit."""
    state = _step(partnership, (), {})
    for index, segment in enumerate(segments):
        option = state.question.option(segment) if state.question else None
        if option is None:
            return State(partnership, state.answered, error=index, answers=state.answers)
        answers = {**state.answers, state.question.id: segment}
        state = _step(partnership, (*state.answered, (state.question, option)), answers)
    return state


def walk(partnership: Partnership) -> Iterator[State]:
    """Every reachable state, breadth first: the source of URLs, flow graphs and tests."""
    queue = deque([resolve(partnership, ())])
    while queue:
        state = queue.popleft()
        yield state
        if state.question is not None:
            for option in state.question.options:
                answers = {**state.answers, state.question.id: option.slug}
                answered = (*state.answered, (state.question, option))
                queue.append(_step(partnership, answered, answers))


def _step(partnership: Partnership, answered: tuple, answers: dict[Q, str]) -> State:
    next_ = _route(partnership, answers)
    if isinstance(next_, Question):
        return State(partnership, answered, question=next_, answers=answers)
    return State(partnership, answered, outcome=next_, answers=answers)


def _route(p: Partnership, a: dict[Q, str]) -> Question | Outcome:
    if Q.RISK not in a:
        return risk_question()
    if a[Q.RISK] != "no":
        return Outcome(Kind.EMERGENCY)
    if Q.CONCERN not in a:
        return concern_question()
    if a[Q.CONCERN] in EXITS:
        return Outcome(Kind.EXIT, exit=a[Q.CONCERN])
    if a[Q.CONCERN] == NOT_SURE:
        return Outcome(Kind.CONCERN_HELP)
    return _route_stage(p, a)


def _route_stage(p: Partnership, a: dict[Q, str]) -> Question | Outcome:
    if Q.PROGRESS not in a:
        return progress_question(p)
    target = target_stage(p, a[Q.PROGRESS])
    if target is None:
        return Outcome(Kind.BEYOND, stage=p.stages[-1])
    variants = p.stages_numbered(target)
    if len(variants) > 1 and Q.VARIANT not in a:
        return variant_question(variants)
    stage = next((s for s in variants if s.variant and s.variant.id == a.get(Q.VARIANT)), None)
    stage = stage or variants[0]
    if p.agencies and _roles_matter(p, target):
        for qid in (Q.AGENCY, Q.OTHER_AGENCY):
            if qid not in a:
                return agency_question(p, qid)
    if p.has_conditional_notifications() and Q.CHILD not in a:
        return child_question()
    return Outcome(Kind.STAGE, stage=stage)


def target_stage(p: Partnership, progress: str) -> int | None:
    """The stage number to go to now, or None when every stage has been tried."""
    numbers = p.stage_numbers()
    if progress in ("nothing-yet", NOT_SURE):
        return numbers[0]
    tried = int(progress.removeprefix("tried-"))
    later = [n for n in numbers if n > tried]
    return later[0] if later else None


def _roles_matter(p: Partnership, number: int) -> bool:
    """Agencies change the outcome when this stage or the next names per-agency roles."""
    return any(s.roles for s in p.stages if s.number in (number, number + 1))


def risk_question() -> Question:
    """Is a child at risk of immediate harm? Asked first, always."""
    return Question(
        Q.RISK,
        "Is a child at risk of immediate harm?",
        (
            Option("yes", "Yes"),
            Option("no", "No"),
            Option(NOT_SURE, "I'm not sure"),
        ),
        hint="Immediate harm means a child may be hurt before a disagreement can be resolved.",
    )


def concern_question() -> Question:
    """What is the concern about? Separates disagreements from other procedures."""
    return Question(
        Q.CONCERN,
        "What is your concern about?",
        (
            Option(
                "disagreement",
                "A disagreement with another agency about a child's safety",
                "Their decision, action or inaction, such as a threshold decision, "
                "a plan, or an agreed action not done.",
            ),
            Option(
                "conduct",
                "The behaviour or conduct of a professional",
                "For example a concern that someone who works with children may have "
                "harmed a child (LADO or allegations).",
            ),
            Option("complaint", "A complaint about a service"),
            Option("whistleblowing", "Wrongdoing at work that you want to report (whistleblowing)"),
            Option("policy", "A policy or strategic matter, not about one child"),
            Option(NOT_SURE, "I'm not sure"),
        ),
    )


def progress_question(p: Partnership) -> Question:
    """How far has it got? Options name the partnership's own stages, in its order."""
    word = p.partnership.stage_word
    options = [Option("nothing-yet", "Nothing yet", "We have not tried to resolve it.")]
    for number in p.stage_numbers():
        stages = p.stages_numbered(number)
        title = " / ".join(s.title for s in stages)
        options.append(Option(f"tried-{number}", f"{word} {number} did not resolve it", title))
    options.append(Option(NOT_SURE, "I'm not sure"))
    return Question(
        Q.PROGRESS,
        "What has happened so far?",
        tuple(options),
        hint=f"Choose the last {word.lower()} that was tried without resolving the disagreement.",
    )


def variant_question(stages: list[Stage]) -> Question:
    """Which of a stage's alternative routes applies."""
    first = stages[0].variant
    assert first is not None and first.question is not None  # guaranteed by content checks
    options = tuple(
        Option(s.variant.id, s.variant.label, s.variant.hint) for s in stages if s.variant
    )
    return Question(Q.VARIANT, first.question, options)


def agency_question(p: Partnership, qid: Q) -> Question:
    """Which agency are you (or the other professional) in, from the policy's own list."""
    options = [Option(a.id, a.name) for a in p.agencies]
    if qid is Q.AGENCY:
        options.append(Option(OTHER, "Another agency, or I'm not sure"))
        return Question(Q.AGENCY, "Which agency are you in?", tuple(options))
    options.append(Option(OTHER, "Another agency, or I'm not sure"))
    return Question(
        Q.OTHER_AGENCY, "Which agency is the professional you disagree with in?", tuple(options)
    )


def child_question() -> Question:
    """Is the child on a Child Protection Plan or Looked After? Changes who must be told."""
    return Question(
        Q.CHILD,
        "Is the child on a Child Protection Plan, or Looked After?",
        (
            Option("yes", "Yes", "On a Child Protection Plan, Looked After, or both."),
            Option("no", "No"),
            Option(NOT_SURE, "I'm not sure"),
        ),
    )
