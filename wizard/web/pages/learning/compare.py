"""Page models for partnerships side by side: each stage and route, each side its own facts."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.core.policy import Fact, Partnership, Route, Stage, StagePart
from wizard.web import urls
from wizard.web.text.catalogue import N_, gettext
from wizard.web.text.routes import EXIT_TITLES


@dataclass(frozen=True)
class Facet:
    """One kind of fact about a stage (who, when, who must be told, forms), cited."""

    label: str
    facts: tuple[Fact, ...]
    none: str


@dataclass(frozen=True)
class Side:
    """One partnership's part of a row: its stages at this number, or its route."""

    p: Partnership
    title: str
    facets: tuple[Facet, ...]


@dataclass(frozen=True)
class Row:
    """One stage number, the emergency route or one exit: both partnerships side by side."""

    id: str
    heading: str
    sides: tuple[Side, Side]


def stage_facets(stage: Stage, word: str) -> tuple[Facet, ...]:
    """Who, when, who must be told and forms at one stage, in the policy's words."""
    low = word.lower()

    def none(part: StagePart, text: str) -> str:
        # Missing from the copy we have is not the same as absent from the policy.
        if stage.not_available and stage.unknown(part):
            return gettext(
                "Not available in the copy we have: %(says)s", says=stage.not_available.says
            )
        return text

    return (
        Facet(
            gettext("Who"), tuple(f for f in (stage.who, stage.with_) if f), none(StagePart.WHO, "")
        ),
        Facet(
            gettext("Timescale"),
            tuple(Fact(says=t.words, cite=t.cite) for t in stage.timescales),
            none(
                StagePart.TIMESCALES,
                gettext("The policy gives no timescale for this %(stage)s.", stage=low),
            ),
        ),
        Facet(
            gettext("Who must be told"),
            tuple(Fact(says=n.says, cite=n.cite) for n in stage.notify),
            none(StagePart.NOTIFY, gettext("No one else is named at this %(stage)s.", stage=low)),
        ),
        Facet(
            gettext("Forms"),
            tuple(Fact(says=f.says, cite=f.cite) for f in stage.forms),
            none(StagePart.FORMS, gettext("No form is named for this %(stage)s.", stage=low)),
        ),
    )


def stage_side(p: Partnership, number: int) -> Side:
    """A partnership's stage (or each route of it) with this number."""
    word = p.partnership.stage_word
    stages = p.stages_numbered(number)
    if not stages:
        return Side(
            p, gettext("The policy has no %(stage)s %(number)s.", stage=word, number=number), ()
        )
    facets = tuple(
        Facet(f"{f.label} ({s.variant.label})", f.facts, f.none)
        if len(stages) > 1 and s.variant
        else f
        for s in stages
        for f in stage_facets(s, word)
    )
    titles = " / ".join(s.title for s in stages if s.title)
    return Side(p, _numbered(word, number, titles), facets)


def _numbered(word: str, number: int, title: str = "") -> str:
    """'Stage 2: Line managers', or 'Stage 2', each of the policy's words kept as its own."""
    if title:
        return gettext("%(word)s %(number)s: %(title)s", word=word, number=number, title=title)
    return gettext("%(word)s %(number)s", word=word, number=number)


def route_side(p: Partnership, route: Route) -> Side:
    """A partnership's words on the emergency route or an exit, or that it says nothing."""
    if route.not_available:
        lost = N_("The policy's text for this is not available in the copy we have: %(why)s")
        return Side(p, gettext(lost, why=route.not_available), ())
    if not route.stated or not route.says or not route.cite:
        return Side(p, gettext("The policy says nothing about this."), ())
    facts = (Fact(says=route.says, cite=route.cite), *route.also)
    return Side(p, "", (Facet(gettext("The policy says"), facts, ""),))


def _words(a: Partnership, b: Partnership) -> str:
    wa, wb = a.partnership.stage_word, b.partnership.stage_word
    return wa if wa == wb else gettext("%(first)s or %(second)s", first=wa, second=wb.lower())


def rows(a: Partnership, b: Partnership) -> tuple[Row, ...]:
    """Every stage number of either, then the emergency route and each exit."""
    numbers = sorted(set(a.stage_numbers()) | set(b.stage_numbers()))
    stages = tuple(
        Row(f"stage-{n}", _numbered(_words(a, b), n), (stage_side(a, n), stage_side(b, n)))
        for n in numbers
    )
    routes = tuple(
        Row(
            name,
            gettext("Emergency route") if name == "emergency" else gettext(EXIT_TITLES[name]),
            (route_side(a, a.routes()[name]), route_side(b, b.routes()[name])),
        )
        for name in a.routes()
    )
    return stages + routes


@dataclass(frozen=True)
class PartnershipLink:
    """A partnership to choose."""

    name: str
    href: str


def choices(all_: list[Partnership], first: Partnership | None) -> tuple[PartnershipLink, ...]:
    """The first partnership to choose, or the second once the first is chosen."""
    if first is None:
        return tuple(PartnershipLink(p.partnership.name, urls.compare(p.slug)) for p in all_)
    return tuple(
        PartnershipLink(p.partnership.name, urls.compare(first.slug, p.slug))
        for p in all_
        if p.slug != first.slug
    )
