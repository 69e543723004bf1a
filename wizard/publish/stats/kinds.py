"""What is counted: each kind of page, in its group, with the words the report gives it.

The CSV names a kind by its group and name (`outcome`, `conduct`); the HTML report by its
label. Groups and the fixed kinds are listed here; a partnership's stages, urgency tiers and
areas come from its policy file, and the routes out of the procedure from the policy model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from wizard.core import engine
from wizard.core.flow import Flow, Option, Q
from wizard.core.policy import Exits, Partnership, Stage
from wizard.web.pages.guidance import chart
from wizard.web.pages.learning.roles import has_roles
from wizard.web.text.catalogue import N_, gettext

NOT_SURE = "not-sure"


class Kind(NamedTuple):
    """A kind of page counted: its group and its name within the group (a tuple: quick to hash)."""

    group: str
    name: str


@dataclass(frozen=True)
class Row:
    """A kind as a partnership's report lists it, with its label."""

    kind: Kind
    label: str


GROUPS = {
    "journey": N_("Journeys"),
    "outcome": N_("Outcomes reached, by route"),
    "stage": N_("Stage outcomes, by stage"),
    "tier": N_("Stage outcomes, by urgency"),
    "area": N_("Outcomes, by area"),
    "download": N_("Records, forms and downloads"),
    "learning": N_("Learning pages"),
}
STARTED = Kind("journey", "started")
EMERGENCY = Kind("journey", "emergency")
STAGE = Kind("outcome", "stage")
CONCERN_HELP = Kind("outcome", NOT_SURE)
BEYOND = Kind("outcome", "beyond")
DATES_POSTED = Kind("download", "dates-posted")
EXIT_LABELS = {
    "conduct": N_("The conduct of a professional (LADO or allegations)"),
    "complaint": N_("A complaint about a service"),
    "whistleblowing": N_("Whistleblowing"),
    "policy": N_("A policy or strategic matter"),
}
FIXED = {
    STARTED: N_("Journeys started (the first question)"),
    EMERGENCY: N_("Emergency pages reached (immediate harm, or not sure)"),
    STAGE: N_("A stage of the procedure"),
    **{Kind("outcome", name): EXIT_LABELS.get(name, name) for name in Exits.model_fields},
    CONCERN_HELP: N_("Not sure what the concern is about"),
    BEYOND: N_("Every stage already tried"),
    Kind("download", "record"): N_("Escalation record (page to print)"),
    Kind("download", "record-docx"): N_("Escalation record (Word)"),
    Kind("download", "form"): N_("The partnership's forms (page to print)"),
    Kind("download", "form-docx"): N_("The partnership's forms (Word)"),
    DATES_POSTED: N_("Dates sent without JavaScript (a dated page or a calendar file)"),
    Kind("learning", "flowchart"): N_("Flowchart"),
    Kind("learning", "practice"): N_("Practice scenarios"),
    Kind("learning", "glossary"): N_("Glossary"),
    Kind("learning", "compare"): N_("Compared with another partnership"),
    Kind("learning", "roles"): N_("Roles of each agency"),
}


def stage_kind(stage: Stage) -> Kind:
    """'stage-2', or 'stage-4-urgent' for one route of a stage with alternatives."""
    variant = f"-{stage.variant.id}" if stage.variant else ""
    return Kind("stage", f"stage-{stage.number}{variant}")


def rows(flow: Flow, p: Partnership) -> Iterator[Row]:
    """Every kind counted for a partnership, in the order the report lists them."""
    fixed = [Row(kind, gettext(label)) for kind, label in FIXED.items()]
    yield from (r for r in fixed if r.kind.group in ("journey", "outcome"))
    for stage in p.stages:
        yield Row(stage_kind(stage), _stage_label(p, stage))
    asked = _options_asked(flow, p)
    tiers = p.urgency.tiers if p.urgency else ()
    yield from (Row(Kind("tier", t.id), t.label) for t in tiers)
    yield from (Row(Kind("area", o.slug), o.label) for o in asked.get(Q.AREA, {}).values())
    roles = has_roles(p)  # no roles page to count where the policy has no role table
    yield from (r for r in fixed if r.kind.group == "download")
    learning = (r for r in fixed if r.kind.group == "learning")
    yield from (r for r in learning if roles or r.kind.name != "roles")


def _stage_label(p: Partnership, stage: Stage) -> str:
    """The stage's name, and its route where it has alternatives and the title does not say."""
    name = chart.stage_name(p, stage)
    route = stage.variant.label if stage.variant else None
    if route and route not in name:
        return gettext("%(stage)s (%(route)s)", stage=name, route=route)
    return name


# Each report (one per language, format and run) walks each partnership once, not per render:
# kept with the flow and partnership themselves, so that an id is never taken for another's.
_ASKED: dict[tuple[int, int], tuple[Flow, Partnership, dict[str, dict[str, Option]]]] = {}


def _options_asked(flow: Flow, p: Partnership) -> dict[str, dict[str, Option]]:
    """Each question's options as the partnership's walk asks them, by question and answer."""
    kept = _ASKED.get((id(flow), id(p)))
    if kept is not None and kept[0] is flow and kept[1] is p:
        return kept[2]
    if len(_ASKED) > 64:
        _ASKED.clear()
    found = _walked(flow, p)
    _ASKED[(id(flow), id(p))] = (flow, p, found)
    return found


def _walked(flow: Flow, p: Partnership) -> dict[str, dict[str, Option]]:
    found: dict[str, dict[str, Option]] = {}
    for state in engine.walk(flow, p):
        if state.question is not None:
            options = found.setdefault(state.question.id, {})
            options.update({o.slug: o for o in state.question.options if o.slug not in options})
    return found
