"""The question flow as data: questions, their options, where each answer leads, and when to ask.

A flow is declared in content (`content/flow/<id>.md`), one file a question; this module
holds its shape, the named predicates and option sources the files may refer to, and
a structural check (unknown targets, dead ends, cycles, unreachable questions). Routing
lives here as data; the rules a predicate applies live in plain functions over the policy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from wizard.core.policy import Absence, Partnership, Side, Stage, Tier

NOT_SURE = "not-sure"
OTHER = "other"
IMMEDIATE_RISK = "yes"
NO_IMMEDIATE_RISK = "no"  # with DISAGREEMENT: past the emergency route and the exits
DISAGREEMENT = "disagreement"
NOTHING_YET = "nothing-yet"
TRIED = "tried-"  # then the stage's number: 'tried-2'

RESERVED_AGENCY_IDS = frozenset({OTHER, NOT_SURE})
ALWAYS = "always"

Answers = Mapping[str, str]
Extra = tuple[str, dict[str, str]]  # an answer listed from the policy, and its label's fields


class Q(StrEnum):
    """Ids of the questions whose answers the core's rules read."""

    RISK = "risk"
    CONCERN = "concern"
    PROGRESS = "progress"
    VARIANT = "variant"
    MISSING = "missing"
    AREA = "area"
    AGENCY = "agency"
    OTHER_AGENCY = "other-agency"


class OutcomeKind(StrEnum):
    """Where a flow can end."""

    EMERGENCY = "emergency"
    EXIT = "exit"  # the answer that led here names the exit: conduct, complaint, ...
    CONCERN_HELP = "concern-help"
    STAGE = "stage"
    BEYOND = "beyond"


@dataclass(frozen=True)
class Branch:
    """Where an answer leads: to a question id or an outcome, for some answers or any."""

    to: str
    answers: frozenset[str] = frozenset()  # empty: any answer, or a skipped question
    when: str | None = None  # a named predicate that must also hold
    line: int = 0


@dataclass(frozen=True)
class OptionSpec:
    """A fixed answer, or a named source that lists answers from the policy."""

    label: str
    answer: str | None = None
    source: str | None = None
    hint: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Node:
    """One question: when it is asked, its options, its branches and its wording."""

    id: str
    text: str
    error: str
    options: tuple[OptionSpec, ...]
    branches: tuple[Branch, ...]
    ask: str = ALWAYS
    hint: str | None = None
    start: bool = False
    lines: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Flow:
    """Every question, by id; the flow starts at `start`."""

    start: str
    nodes: Mapping[str, Node]
    phrases: Mapping[str, str] = field(default_factory=lambda: dict(PHRASES))


@dataclass(frozen=True)
class Option:
    """One answer as asked: its path segment, label and hint."""

    slug: str
    label: str
    hint: str | None = None


# --- the rules predicates and option sources apply ------------------------------------


def tried(number: int) -> str:
    """The progress answer for a stage tried without resolving it: 'tried-2'."""
    return f"{TRIED}{number}"


def reaching(p: Partnership, stage: Stage) -> dict[str, str]:
    """The named answers that lead to a stage, and to its route where it has several."""
    numbers = p.stage_numbers()
    at = numbers.index(stage.number)
    found = {
        Q.RISK: NO_IMMEDIATE_RISK,
        Q.CONCERN: DISAGREEMENT,
        Q.PROGRESS: tried(numbers[at - 1]) if at else NOTHING_YET,
    }
    if stage.variant:
        found[Q.VARIANT] = stage.variant.id
    return {str(k): v for k, v in found.items()}


def target_stage(p: Partnership, progress: str | None) -> int | None:
    """The stage number to go to now, or None when every stage has been tried."""
    numbers = p.stage_numbers()
    if progress in (None, NOTHING_YET, NOT_SURE):
        return numbers[0]
    last = int(progress.removeprefix(TRIED))
    later = [n for n in numbers if n > last]
    return later[0] if later else None


def asked_stage(p: Partnership, a: Answers) -> Stage | None:
    """The stage (or the chosen variant of it) that follows the stages tried."""
    progress, variant = a.get(Q.PROGRESS), a.get(Q.VARIANT)
    # Each condition of the flow asks again for every state it routes; the answer depends
    # only on the stages and two answers. The stages are kept with it, so that their id
    # names them while the entry lasts.
    key = (id(p.stages), progress, variant)
    kept = _ASKED.get(key)
    if kept is not None and kept[0] is p.stages:
        return kept[1]
    number = target_stage(p, progress)
    found = None
    if number is not None:
        variants = p.stages_numbered(number)
        chosen = [s for s in variants if s.variant and s.variant.id == variant]
        found = (chosen or variants)[0]
    if len(_ASKED) >= 4096:
        _ASKED.clear()
    _ASKED[key] = (p.stages, found)
    return found


_ASKED: dict[tuple[int, str | None, str | None], tuple[tuple[Stage, ...], Stage | None]] = {}


def _always(p: Partnership, a: Answers) -> bool:
    """Always."""
    return True


def absence(p: Partnership, a: Answers) -> Absence | None:
    """The policy's fallback for someone the worker said their organisation does not have."""
    stage = asked_stage(p, a)
    return stage.missing.item(a.get(Q.MISSING)) if stage and stage.missing else None


def current_stage(p: Partnership, a: Answers) -> Stage | None:
    """The stage the answers lead to: the one asked about, or where its fallback sends them."""
    stage, gone = asked_stage(p, a), absence(p, a)
    if stage is None or gone is None or gone.to_stage is None:
        return stage
    return p.stages_numbered(gone.to_stage)[0]


def _every_stage_tried(p: Partnership, a: Answers) -> bool:
    """Where every stage has been tried."""
    return target_stage(p, a.get(Q.PROGRESS)) is None


def _stage_has_variants(p: Partnership, a: Answers) -> bool:
    """Where the stage to go to has alternative routes (a `variant` on each)."""
    number = target_stage(p, a.get(Q.PROGRESS))
    return number is not None and len(p.stages_numbered(number)) > 1


def _stage_asks_for(p: Partnership, a: Answers, side: Side) -> bool:
    """Where the stage to go to has a row of the role table (`roles`) read by this side's agency."""
    stage = current_stage(p, a)
    return bool(p.agencies) and stage is not None and bool(stage.roles and stage.roles.asks(side))


def _their_agency_changes_the_page(p: Partnership, a: Answers) -> bool:
    """Where the stage's role table (`roles`) is read by the other agency."""
    return _stage_asks_for(p, a, Side.THEIRS)


def _your_agency_changes_the_page(p: Partnership, a: Answers) -> bool:
    """Where the stage's role table, or the policy's `adviser` at every stage, needs your agency."""
    return _stage_asks_for(p, a, Side.YOURS) or (
        bool(p.agencies) and current_stage(p, a) is not None and p.adviser_row() is not None
    )


def area_facts(stage: Stage, gone: Absence | None = None) -> Iterator[str]:
    """The areas named by anything at this stage (or a fallback) that applies in one area only."""
    stand_ins = [f for i in (stage.instead, gone) if i for f in (*i.who, *i.with_)]
    for f in (*stage.do, *stage.rules, *stage.record, *stage.notify, *stage.send, *stand_ins):
        if f.area:
            yield f.area
    for cells in stage.roles.by_agency.values() if stage.roles else ():
        yield from (c.area for c in cells if c.area)


def _area_changes_the_page(p: Partnership, a: Answers) -> bool:
    """Where the policy has `areas` and something at the stage to go to applies in one area."""
    stage = current_stage(p, a)
    return p.areas is not None and stage is not None and any(area_facts(stage, absence(p, a)))


def _someone_named_may_be_missing(p: Partnership, a: Answers) -> bool:
    """Where the stage says what to do if the worker's organisation lacks someone (`missing`)."""
    stage = asked_stage(p, a)
    return stage is not None and stage.missing is not None


def tier(p: Partnership, a: Answers) -> Tier | None:
    """The urgency tier the first answer names, where the stage to go to has a next level."""
    # At the last stage there is no next level for the tier's clock to reach.
    number = target_stage(p, a.get(Q.PROGRESS))
    found = p.tier(a.get(Q.RISK))
    return found if number is not None and number < p.stage_numbers()[-1] else None


PREDICATES: dict[str, Callable[[Partnership, Answers], bool]] = {
    ALWAYS: _always,
    "every-stage-tried": _every_stage_tried,
    "stage-has-variants": _stage_has_variants,
    "their-agency-changes-the-page": _their_agency_changes_the_page,
    "area-changes-the-page": _area_changes_the_page,
    "someone-named-may-be-missing": _someone_named_may_be_missing,
    "your-agency-changes-the-page": _your_agency_changes_the_page,
}


def N_(message: str) -> str:  # noqa: N802 (the name the catalogue's extraction looks for)
    """Mark a phrase for the message catalogue; the web layer gives the flow it translated."""
    return message


# The words a stage's answer is built from where the policy gives none; a flow in another
# language carries them translated (wizard.web.text.languages).
PHRASES: Mapping[str, str] = {
    "named": N_("%(word)s %(number)s: %(title)s"),
    "bare": N_("%(word)s %(number)s"),
    "tried": N_("%(word)s %(number)s did not resolve it"),
}


def _stage_options(p: Partnership, a: Answers, words: Mapping[str, str]) -> Iterator[Extra]:
    """Each stage tried, as `tried-N`. Label fields: {number}, {title}, {done}, {stage_title}."""
    for number in p.stage_numbers():
        named = {"word": p.partnership.stage_word, "number": number}
        # An untitled stage's hint does not repeat 'Stage 2' under 'Stage 2 did not resolve it'.
        title = " / ".join(s.title for s in p.stages_numbered(number) if s.title)
        done = next((s.done for s in p.stages_numbered(number) if s.done), None)
        heading = words["named"] % {**named, "title": title} if title else ""
        yield (
            tried(number),
            {
                "number": str(number),
                "title": title,
                "done": done or words["tried"] % named,
                "stage_title": heading or (words["bare"] % named if done else ""),
            },
        )


def _variant_options(p: Partnership, a: Answers, words: Mapping[str, str]) -> Iterator[Extra]:
    """Each route's `variant` `id` at the stage to go to. Label fields: {label}, {hint}."""
    number = target_stage(p, a.get(Q.PROGRESS))
    for s in p.stages_numbered(number) if number is not None else ():
        if s.variant:
            yield s.variant.id, {"label": s.variant.label, "hint": s.variant.hint or ""}


def _agency_options(p: Partnership, a: Answers, words: Mapping[str, str]) -> Iterator[Extra]:
    """Each agency's `id` from the policy's `agencies`. Label fields: {name}."""
    for agency in p.agencies:
        yield agency.id, {"name": agency.name}


def _area_options(p: Partnership, a: Answers, words: Mapping[str, str]) -> Iterator[Extra]:
    """Each area's `id` from the policy's `areas`. Label fields: {name}."""
    for area in p.areas.items if p.areas else ():
        yield area.id, {"name": area.name}


def _tier_options(p: Partnership, a: Answers, words: Mapping[str, str]) -> Iterator[Extra]:
    """Each `urgency` tier's `id`. Label fields: {label}, {hint}."""
    for t in p.urgency.tiers if p.urgency else ():
        yield t.id, {"label": t.label, "hint": t.hint or ""}


def _absence_options(p: Partnership, a: Answers, words: Mapping[str, str]) -> Iterator[Extra]:
    """Each of the stage's `missing` items' `id`. Label fields: {label}, {hint}."""
    stage = asked_stage(p, a)
    for item in stage.missing.items if stage and stage.missing else ():
        yield item.id, {"label": item.label, "hint": item.hint or ""}


OPTION_SOURCES: dict[str, Callable[[Partnership, Answers, Mapping[str, str]], Iterator[Extra]]]
OPTION_SOURCES = {
    "stages": _stage_options,
    "variants": _variant_options,
    "agencies": _agency_options,
    "areas": _area_options,
    "tiers": _tier_options,
    "absences": _absence_options,
}


def wording(p: Partnership, a: Answers) -> dict[str, str]:
    """Values a question's wording may name in braces: {word}, {variant_question}, ..."""
    number = target_stage(p, a.get(Q.PROGRESS))
    variants = p.stages_numbered(number) if number is not None else []
    question = next((s.variant.question for s in variants if s.variant and s.variant.question), "")
    word = p.partnership.stage_word
    areas = p.areas
    asked = asked_stage(p, a)
    missing = asked.missing if asked else None
    return {
        "missing_question": missing.question if missing else "",
        "missing_hint": (missing.hint or "") if missing else "",
        "missing_present": missing.present if missing else "",
        "word": word,
        "word_lower": word.lower(),
        "variant_question": question,
        "area_question": areas.question if areas else "",
        "area_hint": (areas.hint or "") if areas else "",
        "urgency_ordinary": p.urgency.ordinary if p.urgency else "",
    }


def fill(template: str | None, values: Mapping[str, str]) -> str | None:
    """A template with {name} fields filled in; None stays None, an empty result is None."""
    if template is None:
        return None
    return template.format_map(values) or None


def options(
    node: Node, p: Partnership, a: Answers, words: Mapping[str, str] = PHRASES
) -> tuple[Option, ...]:
    """The options of a question as asked, fixed ones and those listed from the policy."""
    values = wording(p, a)
    found: list[Option] = []
    for spec in node.options:
        if spec.answer is not None:
            found.append(
                Option(spec.answer, fill(spec.label, values) or "", fill(spec.hint, values))
            )
            continue
        for slug, extra in OPTION_SOURCES[spec.source or ""](p, a, words):
            fields = {**values, **extra}
            found.append(Option(slug, fill(spec.label, fields) or "", fill(spec.hint, fields)))
    return tuple(found)


# --- structure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowProblem:
    """A structural problem: which question, which line of its file, and what to fix."""

    node: str
    line: int
    message: str


def outcome_targets() -> frozenset[str]:
    """Names a branch may lead to that end the flow."""
    return frozenset(k.value for k in OutcomeKind)


def structure_problems(flow: Flow) -> list[FlowProblem]:
    """Unknown targets, predicates or sources, dead ends, cycles and unreachable questions."""
    problems: list[FlowProblem] = []
    for node in flow.nodes.values():
        problems += _node_problems(flow, node)
    problems += _cycles(flow)
    if problems:  # a broken link also strands what lies beyond it: report the cause only
        return problems
    reachable = _reachable(flow)
    problems += [
        FlowProblem(n.id, n.lines.get("id", 1), f"no answer leads to the question '{n.id}'")
        for n in flow.nodes.values()
        if n.id not in reachable
    ]
    return problems


def _node_problems(flow: Flow, node: Node) -> Iterator[FlowProblem]:
    known = set(flow.nodes) | outcome_targets()
    fixed = {o.answer for o in node.options if o.answer is not None}
    if node.ask not in PREDICATES:
        yield FlowProblem(node.id, node.lines.get("ask", 1), _unknown("predicate", node.ask))
    for spec in node.options:
        if spec.source is not None and spec.source not in OPTION_SOURCES:
            yield FlowProblem(node.id, spec.line, _unknown("option source", spec.source))
    for branch in node.branches:
        if branch.to not in known:
            yield FlowProblem(node.id, branch.line, f"'{branch.to}' is not a question or outcome")
        if branch.when is not None and branch.when not in PREDICATES:
            yield FlowProblem(node.id, branch.line, _unknown("predicate", branch.when))
        sourced = any(o.source for o in node.options)
        for answer in sorted(branch.answers - fixed):
            if not sourced:
                yield FlowProblem(node.id, branch.line, f"'{answer}' is not one of its answers")
    if not node.branches or node.branches[-1].answers or node.branches[-1].when:
        yield FlowProblem(
            node.id,
            node.lines.get("next", 1),
            "the last branch must lead somewhere for every answer: "
            "end 'next' with one that has only 'to'",
        )


def _unknown(what: str, name: str) -> str:
    choices = PREDICATES if what == "predicate" else OPTION_SOURCES
    # docs/authoring.md calls a predicate a "condition" and an option source a "list".
    word = "condition" if what == "predicate" else "list"
    return f"'{name}' is not a known {word}: use one of {', '.join(sorted(choices))}"


def _targets(node: Node) -> list[str]:
    return [b.to for b in node.branches]


def _reachable(flow: Flow) -> set[str]:
    seen, todo = set(), [flow.start]
    while todo:
        current = todo.pop()
        if current in seen or current not in flow.nodes:
            continue
        seen.add(current)
        todo += _targets(flow.nodes[current])
    return seen


def _cycles(flow: Flow) -> list[FlowProblem]:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[FlowProblem] = []

    def visit(name: str) -> None:
        state[name] = 1
        for target in _targets(flow.nodes[name]):
            if target not in flow.nodes:
                continue
            if state.get(target) == 1:
                node = flow.nodes[name]
                line = next(b.line for b in node.branches if b.to == target)
                found.append(FlowProblem(name, line, f"'{target}' leads back here: a loop"))
            elif target not in state:
                visit(target)
        state[name] = 2

    for name in [flow.start, *flow.nodes]:  # from the start, so a loop is named where it closes
        if name in flow.nodes and name not in state:
            visit(name)
    return found
