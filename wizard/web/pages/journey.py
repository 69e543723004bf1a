"""The journey's pages: each question, and the outcomes that are not a stage.

Page models hold everything a template shows, links already built. Templates read only these
(and the partnership for the page frame); they never reach into engine state or assemble
answer paths. Links come from `wizard.web.urls`.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.content import Site
from wizard.core.engine import OutcomeKind, Question, State, resolve
from wizard.core.flow import DISAGREEMENT, NO_IMMEDIATE_RISK, NOT_SURE, Flow
from wizard.core.policy import Partnership, Route, Stage
from wizard.web import urls
from wizard.web.pages.also import Also, for_outcome, on_beyond, on_route
from wizard.web.text.catalogue import gettext
from wizard.web.text.routes import EXIT_NOT_COVERED, EXIT_TITLES, GENERAL_ADVICE, HOW_TO_REACH


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
    also: Also  # the paragraphs the map attaches here


@dataclass(frozen=True)
class ExitPage:
    """A concern this procedure does not cover, and where the policy sends it."""

    journey: Journey
    title: str
    intro: str
    route: Route
    disagreement: str
    general_advice: str
    how_to_reach: str  # general advice, where the route names no contact details
    also: Also  # the paragraphs the map attaches here


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
    also: Also  # the paragraphs the map attaches here


@dataclass(frozen=True)
class BeyondPage:
    """Every stage has been tried."""

    journey: Journey
    last: Stage
    also: Also  # the paragraphs the map attaches here


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
    state = resolve(flow, p, answers)
    return answers if state.error is None else answers[: state.error]


def instead(flow: Flow, p: Partnership, state: State, answer: str) -> str:
    """The address of the same path with its last answer replaced, checked against the flow."""
    segments = (*state.segments[:-1], answer)
    assert resolve(flow, p, segments).error is None, segments
    return urls.check(p.slug, segments)


def emergency_page(site: Site, p: Partnership, state: State) -> EmergencyPage:
    """The emergency route first; how to go on if there is no immediate risk."""
    unsure = bool(state.segments) and state.segments[-1] == NOT_SURE
    onward = instead(site.flow, p, state, NO_IMMEDIATE_RISK)
    also = for_outcome(site, state, on_route(p.emergency))
    return EmergencyPage(journey(p, state), unsure, p.emergency, onward, also)


def exit_page(site: Site, p: Partnership, state: State) -> ExitPage:
    """Where the policy sends a concern the procedure does not cover."""
    kind = state.outcome.exit if state.outcome else None
    assert kind is not None
    route = getattr(p.exits, kind)
    return ExitPage(
        journey(p, state),
        gettext(EXIT_TITLES[kind]),
        gettext(EXIT_NOT_COVERED[kind]),
        route,
        instead(site.flow, p, state, DISAGREEMENT),
        gettext(GENERAL_ADVICE[kind]),
        gettext(HOW_TO_REACH[kind]),
        for_outcome(site, state, on_route(route)),
    )


def concern_help_page(site: Site, p: Partnership, state: State) -> ConcernHelpPage:
    """Each procedure the policy names, with a link to choose it."""
    flow = site.flow
    exits = tuple(
        ExitChoice(gettext(title), getattr(p.exits, kind), instead(flow, p, state, kind))
        for kind, title in EXIT_TITLES.items()
    )
    shown = [text for c in exits for text in on_route(c.route)[:1]]
    also = for_outcome(site, state, shown)
    return ConcernHelpPage(journey(p, state), instead(flow, p, state, DISAGREEMENT), exits, also)


def beyond_page(site: Site, p: Partnership, state: State) -> BeyondPage:
    """After the last stage: what the policy says next, if anything."""
    last = p.stages[-1]
    return BeyondPage(journey(p, state), last, for_outcome(site, state, on_beyond(last)))


OUTCOMES = {
    OutcomeKind.EMERGENCY: emergency_page,
    OutcomeKind.EXIT: exit_page,
    OutcomeKind.CONCERN_HELP: concern_help_page,
    OutcomeKind.BEYOND: beyond_page,
}


def outcome_page(
    site: Site, p: Partnership, state: State
) -> EmergencyPage | ExitPage | ConcernHelpPage | BeyondPage:
    """An outcome that is not a stage, with the paragraphs the map attaches to it."""
    assert state.outcome is not None
    return OUTCOMES[state.outcome.kind](site, p, state)
