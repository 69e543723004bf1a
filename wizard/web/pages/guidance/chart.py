"""A partnership's procedure as a flowchart, and the same flowchart in words.

Both come from one list of steps built from the policy file: the chart draws each step's
heading and lines, and the text alternative lists the same heading and lines, adding the
policy's words with their paragraphs and links into the wizard. So they say the same thing.
Reads only the policy model's public fields: stage number, title (which may be missing),
variant and timescales, the emergency route and the exits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import render_template_string

from wizard.core.flow import IMMEDIATE_RISK, NO_IMMEDIATE_RISK, NOT_SURE, Q, reaching
from wizard.core.flowchart import Layout, Node, layout
from wizard.core.policy import Partnership, Route, Stage, StagePart, Timescale
from wizard.web import urls
from wizard.web.text.catalogue import N_, gettext
from wizard.web.text.markup import render
from wizard.web.text.routes import EXIT_TITLES
from wizard.web.text.timescales import within_text

RISK_QUESTION = N_("Is a child at risk of immediate harm?")
CONCERN_QUESTION = N_("Is it a disagreement between agencies about a child's safety?")
CALL_999 = N_("General advice: if a child is in immediate danger, call the police on 999.")
NO_EMERGENCY_ROUTE = N_(
    "The policy gives no route of its own: follow your own agency's safeguarding procedure."
)
EMERGENCY_NOT_AVAILABLE = N_("The policy's text on this is not available in the copy we have.")
# `{flowchart}` in a policy's text, as Markdown renders it: the generated chart goes there.
MARKER_HTML = re.compile(r'<p class="govuk-body">\s*\{flowchart\}\s*</p>')
IN_PROCEDURE = (
    '{% from "_flowchart.html" import in_procedure with context %}' + "{{ in_procedure(p, chart) }}"
)


@dataclass(frozen=True)
class Line:
    """A line of a box: our words, then the policy's words quoted, then their paragraph."""

    text: str
    says: str | None = None
    cite: str | None = None

    @property
    def drawn(self) -> str:
        """The line as the chart draws it, citation in brackets as a cite link reads."""
        quoted = f" “{self.says}”" if self.says else ""
        cited = f" ({cite_text(self.cite)})" if self.cite else ""
        return f"{self.text}{quoted}{cited}"


@dataclass(frozen=True)
class Step:
    """One box of the chart, and what the text alternative adds to it."""

    kind: str
    heading: str
    lines: tuple[Line, ...] = ()
    label: str | None = None
    branch: bool = False
    quotes: tuple[Line, ...] = ()  # the policy's words behind the lines, in words only
    wizard: tuple[str, str] | None = None  # (link text, address) of the same place
    branches: tuple[Step, ...] = ()

    @property
    def node(self) -> Node:
        """The box as the layout places it."""
        drawn = tuple(line.drawn for line in self.lines)
        return Node(self.kind, self.heading, drawn, self.label, self.branch)


@dataclass(frozen=True)
class Flowchart:
    """The chart's title, description, drawing, and its steps for the text alternative."""

    title: str
    desc: str
    layout: Layout
    steps: tuple[Step, ...]


def cite_text(label: str) -> str:
    """A paragraph as a citation link shows it: 'para 3.10', or a label such as 'Step 1'."""
    return f"para {label}" if label[:1].isdigit() else label


def stage_name(p: Partnership, stage: Stage) -> str:
    """'Stage 2: Line Manager', or 'Stage 2' where the file gives the stage no title."""
    word, number = p.partnership.stage_word, stage.number
    if stage.title:
        return gettext(
            "%(stage)s %(number)s: %(title)s", stage=word, number=number, title=stage.title
        )
    return gettext("%(stage)s %(number)s", stage=word, number=number)


def timescale_line(t: Timescale) -> Line:
    """'Within 2 working days: Attempt to resolve the differences or concerns (para 3.6)'."""
    when = within_text(t)
    when = gettext("No time given") if when == "none stated" else when[0].upper() + when[1:]
    return Line(gettext("%(when)s: %(what)s", when=when, what=t.for_), cite=t.cite)


def _emergency(p: Partnership, route: Route) -> Step:
    lines = [Line(gettext(CALL_999))]
    if route.stated and route.says and route.cite:
        lines.append(Line(gettext("The policy says:"), route.says, route.cite))
    elif route.not_available:
        lines.append(Line(gettext(EMERGENCY_NOT_AVAILABLE)))
    else:
        lines.append(Line(gettext(NO_EMERGENCY_ROUTE)))
    said = route.says or ""
    lines += [Line(f"{c.name}: {c.phone}") for c in route.contacts if c.phone not in said]
    link = (
        gettext("See the emergency route in the wizard"),
        urls.situation(p, {Q.RISK: IMMEDIATE_RISK}),
    )
    heading = gettext("Emergency: act now")
    return Step("emergency", heading, tuple(lines), gettext("Yes"), True, wizard=link)


def _exits(p: Partnership) -> Step:
    lines, quotes = [], []
    for kind, title in EXIT_TITLES.items():
        route, title = p.routes()[kind], gettext(title)
        if route.stated and route.says and route.cite:
            said = gettext("%(procedure)s: the policy says where", procedure=title)
            lines.append(Line(said, cite=route.cite))
            said = gettext("%(procedure)s: the policy says", procedure=title)
            quotes.append(Line(said, route.says, route.cite))
        elif route.not_available:
            lost = gettext(
                "%(procedure)s: the policy's text is not available in the copy we have",
                procedure=title,
            )
            lines.append(Line(lost))
        else:
            lines.append(
                Line(gettext("%(procedure)s: the policy does not say where", procedure=title))
            )
    unsure = {Q.RISK: NO_IMMEDIATE_RISK, Q.CONCERN: NOT_SURE}
    link = (gettext("Find which procedure fits, in the wizard"), urls.situation(p, unsure))
    heading = gettext("Another procedure applies")
    return Step("exit", heading, tuple(lines), gettext("No"), True, tuple(quotes), link)


def _stage(p: Partnership, stage: Stage, label: str | None, branch: bool) -> Step:
    word, lines = p.partnership.stage_word, []
    variant = stage.variant
    if variant and variant.label not in (stage.title or ""):
        lines.append(Line(variant.label))
    lines += [timescale_line(t) for t in stage.timescales]
    if stage.unknown(StagePart.TIMESCALES):
        lines.append(Line(gettext("Its timescale is not available in the copy we have.")))
    elif not stage.timescales:
        said = gettext("The policy gives no timescale for this %(stage)s.", stage=word.lower())
        lines.append(Line(said))
    said = dict.fromkeys((t.words, t.cite) for t in stage.timescales)  # each sentence once
    quotes = tuple(Line(gettext("The policy says:"), words, cite) for words, cite in said)
    link = (go_to(word, stage.number, variant.label if variant else None), _wizard(p, stage))
    return Step("stage", stage_name(p, stage), tuple(lines), label, branch, quotes, link)


def go_to(word: str, number: int, route: str | None) -> str:
    """'Go to Stage 2 (urgent) in the wizard': the link from a stage's box."""
    if route:
        return gettext(
            "Go to %(stage)s %(number)s (%(variant)s) in the wizard",
            stage=word, number=number, variant=route,
        )  # fmt: skip
    return gettext("Go to %(stage)s %(number)s in the wizard", stage=word, number=number)


def _wizard(p: Partnership, stage: Stage) -> str:
    return urls.situation(p, reaching(p, stage))


def _stage_steps(p: Partnership) -> list[Step]:
    steps, word = [], p.partnership.stage_word
    for index, number in enumerate(p.stage_numbers()):
        label = gettext("Yes") if index == 0 else gettext("Not resolved")
        found = p.stages_numbered(number)
        if len(found) == 1:
            steps.append(_stage(p, found[0], label, branch=False))
            continue
        asked = next((s.variant.question for s in found if s.variant and s.variant.question), None)
        question = asked or gettext(
            "Which route applies at %(stage)s %(number)s?", stage=word, number=number
        )
        routes = tuple(_stage(p, s, None, branch=True) for s in found)
        steps.append(Step("question", question, (), label, branches=routes))
    return steps


def steps(p: Partnership) -> tuple[Step, ...]:
    """The main steps in order, each with the branches that hang off it."""
    risk = Step("question", gettext(RISK_QUESTION), branches=(_emergency(p, p.emergency),))
    concern = Step("question", gettext(CONCERN_QUESTION), (), gettext("No"), branches=(_exits(p),))
    return (risk, concern, *_stage_steps(p))


def flatten(found: tuple[Step, ...]) -> tuple[Node, ...]:
    """Every node in drawing order: each main node, then its branches."""
    return tuple(n for step in found for n in (step.node, *(b.node for b in step.branches)))


DESCRIBED = N_(
    "Two questions first: whether a child is at risk of immediate harm (the emergency "
    "route), and whether the concern is a disagreement between agencies (if not, another "
    "procedure). Then %(count)s %(stage)ss, from %(first)s to %(last)s, each "
    "with its timescales. Drawn by this guidance from the policy's text; the same "
    "flowchart is written out in words after it."
)
DESCRIBED_SO_FAR = N_(
    "Two questions first: whether a child is at risk of immediate harm (the emergency "
    "route), and whether the concern is a disagreement between agencies (if not, another "
    "procedure). Then the %(stage)ss from %(first)s to %(last)s, the last in the copy we "
    "have (more may follow), each with its timescales. Drawn by this guidance from the "
    "policy's text; the same flowchart is written out in words after it."
)


def flowchart(p: Partnership) -> Flowchart:
    """The partnership's flowchart: needs a request context, for its links into the wizard."""
    found = steps(p)
    word, numbers = p.partnership.stage_word.lower(), p.stage_numbers()
    first, last = p.stages_numbered(numbers[0])[0], p.stages_numbered(numbers[-1])
    end = gettext(" or ").join(stage_name(p, s) for s in last)
    title = gettext(
        "Flowchart of the %(partnership)s escalation procedure",
        partnership=p.partnership.short_name,
    )
    # Where text after the last stage is lost, more may follow: the stages are not counted.
    described = DESCRIBED if p.stage_count_known() else DESCRIBED_SO_FAR
    desc = gettext(described, count=len(numbers), stage=word, first=stage_name(p, first), last=end)
    return Flowchart(title, desc, layout(flatten(found)), found)


def split_at_marker(html: str) -> tuple[str, str] | None:
    """The rendered procedure before and after its `{flowchart}` placeholder, if it has one."""
    match = MARKER_HTML.search(html)
    return (html[: match.start()], html[match.end() :]) if match else None


def procedure_body(p: Partnership, markdown: str) -> str:
    """The readable procedure, the generated flowchart where its text has `{flowchart}`."""
    body = render(markdown)
    parts = split_at_marker(body)
    if parts is None:
        return body
    chart = render_template_string(IN_PROCEDURE, p=p, chart=flowchart(p))
    return parts[0] + chart + parts[1]
