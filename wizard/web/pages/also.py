"""'Also in the policy for this situation': the paragraphs the map attaches to an outcome.

Each attached paragraph is quoted in full, from the policy text, with its citation; one the
page already quotes word for word elsewhere is not repeated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.content import Site
from wizard.core.engine import State
from wizard.core.paragraphs import ParagraphMap, attached, plain, quoted_in_full, situation
from wizard.core.policy import Form, Notification, Partnership, Route, Stage
from wizard.web.pages.stage.view import StageView, shown_on_stage
from wizard.web.text import quotes


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
    quoted: list[Quote] = []
    tell: list[Tell] = []
    for found in attached(m, p, situation(state)):
        e, unless = found.entry, found.unless
        if e.tell and e.paragraph:
            tell.append(Tell(e.tell, e.paragraph, unless))
        if e.form is not None:
            form = p.form(e.form)
            if form is not None and form.id not in forms_shown:
                fields = e.fields or tuple(f for s in form.sections for f in s.fields)
                quoted.append(Quote(form.cite, unless=unless, form=form, fields=fields))
            continue
        text = e.part or texts.get(e.paragraph or "", "")
        left = words_left(text, shown)
        if left:
            quoted.append(Quote(e.paragraph or "", left, unless))
            shown.append(plain(text))
    return Also(tuple(quoted), tuple(tell))


def for_outcome(
    site: Site, state: State, shown: Iterable[str], forms_shown: Iterable[str] = ()
) -> Also:
    """The site's map of this partnership's paragraphs, for this outcome, less what it shows."""
    slug = state.partnership.slug
    texts = site.procedures[slug].paragraphs
    return also(site.maps.get(slug), texts, state, shown, forms_shown)


def words_left(text: str, shown: list[str]) -> str | None:
    """A paragraph as "more from the policy" quotes it.

    Whole where the page quotes none of it; only what the page does not quote where it
    quotes some; nothing where it quotes it all.
    """
    if not text or quoted_in_full(text, shown):
        return None
    left = quotes.rest(plain(text), shown)
    return text if left == plain(text) else left


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
    """Every quotation a stage page shows before the paragraphs the map attaches."""
    forms = [form.use or "" for _, form in view.forms]
    return [*shown_on_stage(p, view), *forms]
