"""'Also in the policy for this situation': the paragraphs the map attaches to an outcome.

Each attached paragraph is quoted in full, from the policy text, with its citation; one the
page already quotes word for word elsewhere is not repeated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.core.engine import State
from wizard.core.paragraphs import ParagraphMap, attached, plain, quoted_in_full, situation
from wizard.core.policy import Form, Notification, Partnership, Route, Stage
from wizard.web.presenters import StageView


@dataclass(frozen=True)
class Quote:
    """A paragraph (or the words of it that apply), or a form's fields, to show in full."""

    cite: str
    markdown: str = ""
    unless: tuple[str, ...] = ()  # conditions the answers leave open, in words
    form: Form | None = None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tell:
    """Someone an attached paragraph says to tell, for the page's summary."""

    who: str
    cite: str
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class Also:
    """What the map adds to an outcome page."""

    quotes: tuple[Quote, ...] = ()
    tell: tuple[Tell, ...] = ()


def also(
    m: ParagraphMap | None,
    texts: dict[str, str],
    state: State,
    shown: Iterable[str],
    forms_shown: Iterable[str] = (),
) -> Also:
    """The map's paragraphs for this outcome, less those the page quotes in full already."""
    if m is None:
        return Also()
    p, shown, forms_shown = state.partnership, list(shown), set(forms_shown)
    quotes: list[Quote] = []
    tell: list[Tell] = []
    for found in attached(m, p, situation(state)):
        e, unless = found.entry, found.unless
        if e.tell and e.paragraph:
            tell.append(Tell(e.tell, e.paragraph, unless))
        if e.form is not None:
            form = p.form(e.form)
            if form is not None and form.id not in forms_shown:
                fields = e.fields or tuple(f for s in form.sections for f in s.fields)
                quotes.append(Quote(form.cite, unless=unless, form=form, fields=fields))
            continue
        text = e.part or texts.get(e.paragraph or "", "")
        if text and not quoted_in_full(text, shown):
            quotes.append(Quote(e.paragraph or "", text, unless))
    return Also(tuple(quotes), tuple(tell))


def told(also: Also, texts: dict[str, str]) -> tuple[tuple[str, Notification], ...]:
    """Each 'tell' of the map as the record lists it: who, and the paragraph's words."""
    return tuple(
        (
            f"{'; '.join(t.unless)}: {t.who}" if t.unless else t.who,
            Notification(who=t.who, says=plain(texts[t.cite]), cite=t.cite),
        )
        for t in also.tell
        if texts.get(t.cite)
    )


def _says(facts: Iterable[object]) -> list[str]:
    """The words of each fact or notification given."""
    return [str(getattr(f, "says", "")) for f in facts if f is not None]


def on_route(route: Route) -> list[str]:
    """What an emergency or exit page quotes of its route."""
    return [route.says or "", *_says(route.also)]


def on_beyond(last: Stage) -> list[str]:
    """What the 'every stage tried' page quotes."""
    return _says([last.if_unresolved, *last.do])


def on_stage(p: Partnership, view: StageView) -> list[str]:
    """Every quotation a stage page shows, wherever on the page."""
    s = view.stage
    facts: list[object] = [s.who, s.with_, *s.do, *view.record, *view.rules, s.if_unresolved]
    facts += [*view.notify, *view.notify_if_child, *(n for _, n in view.earlier_duties)]
    facts += [use for use, _ in view.forms]
    facts += [*(x.send for x in view.send), *view.who_if, *view.with_if, view.moved]
    facts += [n.fact for n in (*view.who_now, *view.with_now)]
    words = [t.words for t in (*s.timescales, *p.overall_timescales)]
    forms = [form.use or "" for _, form in view.forms]
    return [*_says(facts), *words, *forms]
