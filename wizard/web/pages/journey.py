"""Page models for the wizard's pages: everything a template shows, links already built.

Templates read only these (and the partnership for the page frame); they never reach into
engine state or assemble answer paths. Links come from `wizard.web.urls`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.core.engine import Question, State
from wizard.core.flow import DISAGREEMENT, NO_IMMEDIATE_RISK, NOT_SURE, Flow
from wizard.core.policy import (
    Fact,
    Form,
    FormUse,
    Notification,
    Partnership,
    Route,
    SourceProblem,
    Stage,
)
from wizard.web import urls
from wizard.web.alsoview import Also
from wizard.web.forms import WhenForm
from wizard.web.planview import Headline, Plan, headline
from wizard.web.presenters import (
    EXIT_NOT_COVERED,
    EXIT_TITLES,
    GENERAL_ADVICE,
    HOW_TO_REACH,
    StageView,
)
from wizard.web.text.catalogue import N_, gettext


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
    also: Also = field(default_factory=Also)  # the paragraphs the map attaches here


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
    also: Also = field(default_factory=Also)  # the paragraphs the map attaches here


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
    also: Also = field(default_factory=Also)  # the paragraphs the map attaches here


@dataclass(frozen=True)
class BeyondPage:
    """Every stage has been tried."""

    journey: Journey
    last: Stage
    also: Also = field(default_factory=Also)  # the paragraphs the map attaches here


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
    unsure = bool(state.segments) and state.segments[-1] == NOT_SURE
    onward = instead(flow, p, state, NO_IMMEDIATE_RISK)
    return EmergencyPage(journey(p, state), unsure, p.emergency, onward)


def exit_page(flow: Flow, p: Partnership, state: State) -> ExitPage:
    """Where the policy sends a concern the procedure does not cover."""
    kind = state.outcome.exit if state.outcome else None
    assert kind is not None
    return ExitPage(
        journey(p, state),
        gettext(EXIT_TITLES[kind]),
        gettext(EXIT_NOT_COVERED[kind]),
        getattr(p.exits, kind),
        instead(flow, p, state, DISAGREEMENT),
        gettext(GENERAL_ADVICE[kind]),
        gettext(HOW_TO_REACH[kind]),
    )


def concern_help_page(flow: Flow, p: Partnership, state: State) -> ConcernHelpPage:
    """Each procedure the policy names, with a link to choose it."""
    exits = tuple(
        ExitChoice(gettext(title), getattr(p.exits, kind), instead(flow, p, state, kind))
        for kind, title in EXIT_TITLES.items()
    )
    return ConcernHelpPage(journey(p, state), instead(flow, p, state, DISAGREEMENT), exits)


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
    record: str
    forms: tuple[FormLink, ...]
    headline: Headline
    also: Also = field(default_factory=Also)  # the paragraphs the map attaches here

    @property
    def deadline_notes(self) -> list[SourceProblem]:
        """Notes on the one next deadline, or on a stage that gives none: shown beside it."""
        found = list(self.view.untimed)
        duty = self.headline.duty
        if duty and not self.headline.overall:
            found += [n for at in duty.positions for n in self.view.timescale_notes[at]]
        return [n for n in found if n.readers]


def stage_page(
    p: Partnership,
    state: State,
    view: StageView,
    plan: Plan,
    form: WhenForm,
    date_error: str | None,
) -> StagePage:
    """A stage outcome, with its plan and the form that dates it."""
    record = urls.record(p.slug, state.segments)
    links = form_links(p, view)
    return StagePage(journey(p, state), view, plan, form, date_error, record, links, headline(plan))


# What only the practitioner knows: labelled blanks on the record, never sent anywhere.
RECORD_BLANKS = (
    ("record-you", N_("Your name, role and agency"), False),
    ("record-them", N_("Name, role and agency of the professional you raised it with"), False),
    ("record-child", N_("Child (as your agency's records identify them)"), False),
    ("record-conversations", N_("Dates of conversations, and with whom"), True),
    ("record-concern", N_("The concern"), True),
    ("record-sought", N_("The outcome sought"), True),
    ("record-actions", N_("Agreed actions, by whom and by when"), True),
    ("record-outcome", N_("Outcome"), True),
)


@dataclass(frozen=True)
class Blank:
    """A labelled space for something only the practitioner knows."""

    id: str
    label: str
    multiline: bool


@dataclass(frozen=True)
class FormLink:
    """A form this stage uses: the policy's instruction and the form's own page."""

    use: Fact
    form: Form
    href: str
    docx: str


@dataclass(frozen=True)
class RecordPage:
    """The escalation record for a stage outcome, ready for the child's file."""

    journey: Journey
    view: StageView
    outcome: str
    address: str
    docx: str
    forms: tuple[FormLink, ...]
    blanks: tuple[Blank, ...]
    told: tuple[tuple[str, Notification], ...]


def _if_child(who: str) -> str:
    return gettext("If the child is on a Child Protection Plan or Looked After: %(who)s", who=who)


def _from_earlier(who: str, word: str, number: int) -> str:
    return gettext(
        "%(who)s (from %(stage)s %(number)s, if the child is on a Child Protection Plan or "
        "Looked After)",
        who=who, stage=word, number=number,
    )  # fmt: skip


def told(p: Partnership, view: StageView) -> tuple[tuple[str, Notification], ...]:
    """Who must be told, each with when the duty applies, as the stage page words it."""
    word = p.partnership.stage_word
    rows = [(n.who, n) for n in view.notify]
    rows += [(_if_child(n.who), n) for n in view.notify_if_child]
    for earlier, n in view.earlier_duties:
        rows.append((_from_earlier(n.who, word, earlier.number), n))
    return tuple(rows)


def form_links(p: Partnership, view: StageView) -> tuple[FormLink, ...]:
    """The forms a stage uses, each with its printable page and Word document."""
    return tuple(
        FormLink(use, form, urls.form(p.slug, form.id), urls.form_docx(p.slug, form.id))
        for use, form in view.forms
    )


def record_page(
    p: Partnership,
    state: State,
    view: StageView,
    also_told: tuple[tuple[str, Notification], ...] = (),
) -> RecordPage:
    """The record of a stage outcome, with blanks for the practitioner's own details.

    `also_told`: who the paragraph map's paragraphs say to tell, after the stage's own.
    """
    here = journey(p, state)
    return RecordPage(
        Journey(here.here, here.start_again, here.here, here.answers),
        view,
        here.here,
        urls.record(p.slug, state.segments, external=True),
        urls.record_docx(p.slug, state.segments),
        form_links(p, view),
        tuple(Blank(id_, gettext(label), multi) for id_, label, multi in RECORD_BLANKS),
        told(p, view) + also_told,
    )


@dataclass(frozen=True)
class FormField:
    """One field of a form, in the form's own words; `number` makes its id ('field-2-3')."""

    number: str
    label: str


@dataclass(frozen=True)
class FormPart:
    """A section of a form with its fields in order."""

    title: str
    completed_by: str | None
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class FormPage:
    """One of the partnership's own forms, as the policy defines it."""

    form: Form
    uses: tuple[tuple[Stage, FormUse], ...]
    rules: tuple[Fact, ...]
    parts: tuple[FormPart, ...]
    address: str
    docx: str


def form_rules(p: Partnership, form: Form) -> tuple[Fact, ...]:
    """The policy's rules that travel with a form: those cited to the form's own paragraph."""
    rules = [*p.rules, *(r for s in p.stages for r in s.rules)]
    seen: set[str] = set()
    return tuple(
        r for r in rules if r.cite == form.cite and not (r.says in seen or seen.add(r.says))
    )


def form_page(p: Partnership, form: Form) -> FormPage:
    """A form's sections and fields in order, the stages that use it and its rules."""
    uses = tuple((s, u) for s in p.stages for u in s.forms if u.form == form.id)
    parts = tuple(
        FormPart(
            section.title,
            section.completed_by,
            tuple(FormField(f"{i}-{j}", f) for j, f in enumerate(section.fields, 1)),
        )
        for i, section in enumerate(form.sections, 1)
    )
    return FormPage(
        form,
        uses,
        form_rules(p, form),
        parts,
        urls.form(p.slug, form.id, external=True),
        urls.form_docx(p.slug, form.id),
    )
