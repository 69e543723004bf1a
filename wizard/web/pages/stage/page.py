"""The stage page: the one builder that joins the stage's facts, its dated plan and the map.

`view` says who acts and what to do, `plan` dates each duty, `also` adds the paragraphs the
map attaches; `stage_page` joins them into the finished page, so a view only renders it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from wizard.content import Site
from wizard.content import calendar as calendar_data
from wizard.core import dates
from wizard.core.engine import State
from wizard.core.policy import Partnership, SourceProblem, Stage
from wizard.web import urls
from wizard.web.forms import WhenForm
from wizard.web.pages.also import Also, for_outcome, on_stage
from wizard.web.pages.journey import Journey, journey
from wizard.web.pages.record import FormLink, form_links
from wizard.web.pages.stage.plan import Headline, Plan, build, headline
from wizard.web.pages.stage.view import StageView, stage_view


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
    also: Also  # the paragraphs the map attaches here

    @property
    def deadline_notes(self) -> list[SourceProblem]:
        """Notes on the one next deadline, or on a stage that gives none: shown beside it."""
        found = list(self.view.untimed)
        duty = self.headline.duty
        if duty and not self.headline.overall:
            found += [n for at in duty.positions for n in self.view.timescale_notes[at]]
        return [n for n in found if n.readers]


@dataclass(frozen=True)
class When:
    """What the plan is dated from: the day and time the stage started, the events given, now."""

    day: date
    clock: time | None
    moment: datetime
    dated: bool = True  # False on a static page: its script dates the plan in the browser
    default: bool = False  # the start of today, not a start the practitioner gave
    events: Mapping[str, date] = field(default_factory=dict)


def plan(p: Partnership, stage: Stage, when: When) -> Plan:
    """The stage's dated plan, in the working calendar of the partnership's nation."""
    cal = calendar_data.working_calendar(p.partnership.nation, when.day.year)
    start = dates.entered(when.day, when.clock, cal) if when.dated else None
    given = dates.Events(**{k: dates.entered(v, None, cal) for k, v in when.events.items()})
    return build(p, stage, start, cal, when.moment, when.default, given)


def stage_page(
    site: Site, state: State, when: When, form: WhenForm, date_error: str | None
) -> StagePage:
    """A stage outcome, finished: its facts, its plan, the form that dates it and the map's."""
    # An urgency tier's clock is in the state's copy of the policy: the plan reads it.
    p, view = state.partnership, stage_view(state)
    dated = plan(p, state.outcome.stage, when)
    forms = form_links(p, view)
    attached = for_outcome(site, state, on_stage(p, view), [f.id for _, f in view.forms])
    record = urls.record(p.slug, state.segments)
    return StagePage(
        journey(p, state), view, dated, form, date_error, record, forms, headline(dated), attached
    )
