"""Page models for practice scenarios: the list, the situation as a question, the answer."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.core.engine import answer
from wizard.core.flow import Flow, OutcomeKind
from wizard.core.policy import Fact, Partnership
from wizard.core.practice import Choice, Scenario, choices, key_fact, key_facts, right_choice
from wizard.web import urls
from wizard.web.text.catalogue import gettext
from wizard.web.text.stagewords import stage_heading


@dataclass(frozen=True)
class ScenarioLink:
    """A scenario in the list."""

    title: str
    href: str


@dataclass(frozen=True)
class ChoiceLink:
    """A possible answer to 'What would you do?', linked to its answer page."""

    label: str
    href: str


@dataclass(frozen=True)
class Step:
    """One answer a practitioner would give, as the wizard words it."""

    question: str
    answer: str


@dataclass(frozen=True)
class ScenarioPage:
    """The situation and the question 'What would you do?'."""

    scenario: Scenario
    back: str
    choices: tuple[ChoiceLink, ...]


@dataclass(frozen=True)
class AnswerPage:
    """Whether the choice was right, why in the policy's words, and the wizard's same state."""

    scenario: Scenario
    back: str
    chose: str
    right: bool
    answer: str
    kind: str
    steps: tuple[Step, ...]
    key: Fact | None
    facts: tuple[Fact, ...]
    wizard: str
    index: str


def scenario_links(p: Partnership, found: dict[str, Scenario]) -> tuple[ScenarioLink, ...]:
    """Every scenario of a partnership, linked."""
    return tuple(ScenarioLink(s.title, urls.scenario(p.slug, s.slug)) for s in found.values())


def scenario_page(p: Partnership, scenario: Scenario) -> ScenarioPage:
    """The situation, with each possible answer as a link."""
    links = tuple(
        ChoiceLink(label(p, c), urls.scenario_answer(p.slug, scenario.slug, c.id))
        for c in choices(p)
    )
    return ScenarioPage(scenario, urls.practice(p.slug), links)


def label(p: Partnership, choice: Choice) -> str:
    """A choice as the page says it: a stage in the policy's words, else the tool's own."""
    return stage_heading(p, choice.stage) if choice.stage else gettext(choice.label)


def find_choice(p: Partnership, choice: str) -> Choice | None:
    """The choice with this id, if the partnership has it."""
    return next((c for c in choices(p) if c.id == choice), None)


def answer_page(flow: Flow, p: Partnership, scenario: Scenario, chose: Choice) -> AnswerPage:
    """The engine's outcome for the scenario's answers, against the choice made."""
    state = answer(flow, p, scenario.answers)
    right = find_choice(p, right_choice(state))
    assert right is not None and state.outcome is not None
    steps = tuple(Step(q.text, o.label) for q, o in state.answered)
    key = key_fact(state, scenario.expect.text)
    rest = tuple(f for f in key_facts(state) if f != key)
    return AnswerPage(
        scenario,
        urls.scenario(p.slug, scenario.slug),
        label(p, chose),
        chose.id == right.id,
        label(p, right),
        OutcomeKind(state.outcome.kind).value,
        steps,
        key,
        tuple(dict.fromkeys(rest)),
        urls.check(p.slug, state.segments),
        urls.practice(p.slug),
    )
