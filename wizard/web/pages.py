"""Page models for the wizard's pages: everything a template shows, links already built.

Templates read only these (and the partnership for the page frame); they never reach into
engine state or assemble answer paths. Links come from `wizard.web.urls`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.core.engine import Question, State
from wizard.core.flow import NOT_SURE, Flow, Q
from wizard.core.policy import Partnership, Route, Stage
from wizard.web import urls
from wizard.web.forms import WhenForm
from wizard.web.planview import Plan
from wizard.web.presenters import EXIT_NOT_COVERED, EXIT_TITLES, GENERAL_ADVICE, StageView


@dataclass(frozen=True)
class AnswerRow:
    """One answer given, and the link that changes it."""

    question: str
    answer: str
    change: str


@dataclass(frozen=True)
class Journey:
    """What every page of the wizard shares: where Back and Start again go, the answers so far."""

    back: str
    start_again: str
    here: str
    answers: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class OptionLink:
    """An answer to a question, with the address it leads to."""

    slug: str
    label: str
    hint: str | None
    href: str


@dataclass(frozen=True)
class QuestionPage:
    """One question: its wording, its options as links, and the form's error if any."""

    journey: Journey
    question: Question
    options: tuple[OptionLink, ...]
    error: str | None = None
    previous: str | None = None  # the answer being changed, selected again
    then: str | None = None  # later answers, kept where they still apply


@dataclass(frozen=True)
class EmergencyPage:
    """A child may be at risk of immediate harm."""

    journey: Journey
    unsure: bool
    route: Route
    no_immediate_risk: str


@dataclass(frozen=True)
class ExitPage:
    """A concern this procedure does not cover, and where the policy sends it."""

    journey: Journey
    title: str
    intro: str
    route: Route
    disagreement: str
    general_advice: str


@dataclass(frozen=True)
class ExitChoice:
    """One kind of concern on the 'which procedure fits' page."""

    title: str
    route: Route
    href: str


@dataclass(frozen=True)
class ConcernHelpPage:
    """Which procedure fits the concern: the disagreement, or one of the exits."""

    journey: Journey
    disagreement: str
    exits: tuple[ExitChoice, ...]


@dataclass(frozen=True)
class BeyondPage:
    """Every stage has been tried."""

    journey: Journey
    last: Stage


def journey(p: Partnership, state: State) -> Journey:
    """Back, Start again, this page's own address, and the answers with their Change links."""
    rows = tuple(
        AnswerRow(question.text, option.label, urls.change(p.slug, state.segments, index))
        for index, (question, option) in enumerate(state.answered)
    )
    here = urls.check(p.slug, state.segments)
    return Journey(urls.back(p.slug, state.segments), urls.check(p.slug), here, rows)


def question_page(
    p: Partnership,
    state: State,
    error: str | None = None,
    previous: str | None = None,
    then: str | None = None,
) -> QuestionPage:
    """A question with each option linked to the state it leads to."""
    assert state.question is not None
    options = tuple(
        OptionLink(o.slug, o.label, o.hint, urls.check(p.slug, (*state.segments, o.slug)))
        for o in state.question.options
    )
    if state.question.option(previous or "") is None:
        previous, then = None, None
    return QuestionPage(journey(p, state), state.question, options, error, previous, then)


def keep_later_answers(flow: Flow, p: Partnership, answers: tuple[str, ...]) -> tuple[str, ...]:
    """The longest run of these answers that still fits the flow after a change."""
    from wizard.core.engine import resolve

    state = resolve(flow, p, answers)
    return answers if state.error is None else answers[: state.error]


def instead(flow: Flow, p: Partnership, state: State, answer: str) -> str:
    """The address of the same path with its last answer replaced, checked against the flow."""
    from wizard.core.engine import resolve

    segments = (*state.segments[:-1], answer)
    assert resolve(flow, p, segments).error is None, segments
    return urls.check(p.slug, segments)


def emergency_page(flow: Flow, p: Partnership, state: State) -> EmergencyPage:
    """The emergency route first; how to go on if there is no immediate risk."""
    unsure = bool(state.segments) and state.segments[-1] == "not-sure"
    return EmergencyPage(journey(p, state), unsure, p.emergency, instead(flow, p, state, "no"))


def exit_page(flow: Flow, p: Partnership, state: State) -> ExitPage:
    """Where the policy sends a concern the procedure does not cover."""
    kind = state.outcome.exit if state.outcome else None
    assert kind is not None
    return ExitPage(
        journey(p, state),
        EXIT_TITLES[kind],
        EXIT_NOT_COVERED[kind],
        getattr(p.exits, kind),
        instead(flow, p, state, "disagreement"),
        GENERAL_ADVICE[kind],
    )


def concern_help_page(flow: Flow, p: Partnership, state: State) -> ConcernHelpPage:
    """Each procedure the policy names, with a link to choose it."""
    exits = tuple(
        ExitChoice(title, getattr(p.exits, kind), instead(flow, p, state, kind))
        for kind, title in EXIT_TITLES.items()
    )
    return ConcernHelpPage(journey(p, state), instead(flow, p, state, "disagreement"), exits)


def beyond_page(p: Partnership, state: State) -> BeyondPage:
    """After the last stage: what the policy says next, if anything."""
    return BeyondPage(journey(p, state), p.stages[-1])


@dataclass(frozen=True)
class StagePage:
    """The stage to go to now: its facts, the dated plan and the date form."""

    journey: Journey
    view: StageView
    plan: Plan
    form: WhenForm
    date_error: str | None
    child_unsure: bool


def stage_page(
    p: Partnership,
    state: State,
    view: StageView,
    plan: Plan,
    form: WhenForm,
    date_error: str | None,
) -> StagePage:
    """A stage outcome, with its plan and the form that dates it."""
    unsure = state.answers.get(Q.CHILD) == NOT_SURE
    return StagePage(journey(p, state), view, plan, form, date_error, unsure)
