"""The record and form pages: the escalation record of a stage outcome, the partnership's forms.

Also the links to a stage's forms, which the stage page shows too.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.content import Site
from wizard.core.engine import State
from wizard.core.policy import Fact, Form, FormUse, Notification, Partnership, Stage
from wizard.web import urls
from wizard.web.pages import also
from wizard.web.pages.journey import Journey, journey
from wizard.web.pages.stage.view import StageView, stage_view
from wizard.web.text.catalogue import N_, gettext

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


def record_page(site: Site, state: State) -> RecordPage:
    """The record of a stage outcome, with blanks for the practitioner's own details.

    Who must be told: the stage's own duties, then those of the paragraphs the map attaches.
    """
    p, view = state.partnership, stage_view(state)
    texts = site.procedures[p.slug].paragraphs
    attached = also.for_outcome(site, state, also.on_stage(p, view))
    here = journey(p, state)
    return RecordPage(
        Journey(here.here, here.start_again, here.here, here.answers),
        view,
        here.here,
        urls.record(p.slug, state.segments, external=True),
        urls.record_docx(p.slug, state.segments),
        form_links(p, view),
        tuple(Blank(id_, gettext(label), multi) for id_, label, multi in RECORD_BLANKS),
        told(p, view) + also.told(attached, texts),
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
