"""The wizard itself: a question or an outcome for every path of answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from flask import abort, current_app, make_response, redirect, render_template, request
from wtforms import Form, RadioField
from wtforms.validators import InputRequired

from wizard.content import calendar as calendar_data
from wizard.core import dates, engine
from wizard.core.engine import OutcomeKind
from wizard.core.policy import Partnership
from wizard.web import alsoview, ics, pages, planview, presenters, stagewords, urls
from wizard.web.forms import WhenForm
from wizard.web.views.common import bp, now, partnership_or_404, site, today


class AnswerForm(Form):
    """One question's answer. A GET form: it changes nothing, so it needs no CSRF token."""

    answer = RadioField()


@bp.route("/<slug>/check/", defaults={"answers": ""}, methods=["GET", "POST"])
@bp.route("/<slug>/check/<path:answers>/", methods=["GET", "POST"])
def check(slug: str, answers: str):
    """A question or an outcome, from the answers in the path."""
    p = partnership_or_404(slug)
    state = engine.resolve(site().flow, p, urls.segments(answers))
    if state.error is not None:
        abort(404)
    staged = state.outcome is not None and state.outcome.kind is OutcomeKind.STAGE
    if request.method == "POST" and not staged:
        abort(405)
    if staged:
        # An urgency tier's clock is in the state's copy of the policy: the plan reads it.
        return _stage_outcome(state.partnership, state)
    if state.question is None:
        return _render_outcome(p, state)
    return _question(p, state)


def _question(p: Partnership, state: engine.State):
    # The Continue button names itself, so an empty submission is told apart from a visit.
    submitted = "answer" in request.args or "continue" in request.args
    form = AnswerForm(request.args if submitted else None)
    form.answer.choices = [(o.slug, o.label) for o in state.question.options]
    # A validator of this form's own: one shared by every form would race between threads.
    form.answer.validators = [InputRequired(state.question.error)]
    then = urls.segments(request.args.get("then", ""))
    if submitted and form.validate():
        chosen = (*state.segments, form.answer.data, *then)
        return redirect(urls.check(p.slug, pages.keep_later_answers(site().flow, p, chosen)))
    error = form.answer.errors[0] if form.answer.errors else None
    previous = request.args.get("change")
    page = pages.question_page(p, state, error, previous, "/".join(then) or None)
    return render_template("question.html", p=p, page=page)


OUTCOME_TEMPLATES = {
    OutcomeKind.EMERGENCY: "outcome_emergency.html",
    OutcomeKind.EXIT: "outcome_exit.html",
    OutcomeKind.CONCERN_HELP: "outcome_concern_help.html",
    OutcomeKind.BEYOND: "outcome_beyond.html",
}


def _render_outcome(p: Partnership, state: engine.State) -> str:
    flow, kind = site().flow, state.outcome.kind
    page = {
        OutcomeKind.EMERGENCY: lambda: pages.emergency_page(flow, p, state),
        OutcomeKind.EXIT: lambda: pages.exit_page(flow, p, state),
        OutcomeKind.CONCERN_HELP: lambda: pages.concern_help_page(flow, p, state),
        OutcomeKind.BEYOND: lambda: pages.beyond_page(p, state),
    }[kind]()
    page = replace(page, also=_also(page, state))
    return render_template(OUTCOME_TEMPLATES[kind], p=p, page=page)


def _also(page, state: engine.State) -> alsoview.Also:
    """The map's paragraphs for a page that is not a stage, less what it quotes already."""
    if isinstance(page, pages.ConcernHelpPage):
        shown = [text for c in page.exits for text in alsoview.on_route(c.route)[:1]]
    elif isinstance(page, pages.BeyondPage):
        shown = alsoview.on_beyond(page.last)
    else:
        shown = alsoview.on_route(page.route)
    return _mapped(state, shown)


def _mapped(state: engine.State, shown: list[str], forms=()) -> alsoview.Also:
    slug = state.partnership.slug
    texts = site().procedures[slug].paragraphs
    return alsoview.also(site().maps.get(slug), texts, state, shown, forms)


def _stage_outcome(p: Partnership, state: engine.State):
    """The stage to go to now, with deadlines from the start of today or from the start posted.

    A GET page may be cached for the day (wizard.web.pagecache), so it must read true all
    day: it counts from the start of today, says so against every timescale in hours, and
    leaves the time empty. Where JavaScript runs, static/js/plan.js then puts in the time now
    and dates the page again in the browser, the one place "now" is honest. A page that
    already shows an overdue mark depends on the moment, so it is never stored; nor is a
    posted start.
    """
    form = WhenForm(request.form if request.method == "POST" else None)
    day, moment = today(), now()
    if request.method == "GET":
        if not current_app.config["STATIC_SITE"]:  # a static page's script fills them in
            form.day.data, form.month.data, form.year.data = day.day, day.month, day.year
        plan = _plan(p, state, day, None, moment, default=True)
        response = make_response(_render_stage(p, state, form, plan, None))
        if plan.overdue:
            response.headers["Cache-Control"] = "no-store"
        return response
    given, clock, error = form.started()
    events: dict[str, date] = {}
    for key in planview.asked(p, state.outcome.stage):
        when, wrong = form.event(request.form, key, planview.event_label(p, key))
        error = error or wrong
        if when is not None:
            events[key] = when
    plan = _plan(p, state, given or day, clock, moment, events=events)
    wants_file = error is None and "download" in request.form
    body = ics.plan_calendar(p, plan, moment) if wants_file else None
    if body is not None:  # where nothing can be dated there is no file: the page again
        return _ics(p, body)
    return _render_stage(p, state, form, plan, error)


def _plan(
    p: Partnership,
    state: engine.State,
    day: date,
    clock: time | None,
    moment: datetime,
    default: bool = False,
    events: dict[str, date] | None = None,
) -> planview.Plan:
    cal = calendar_data.working_calendar(p.partnership.nation, day.year)
    start = None if current_app.config["STATIC_SITE"] else dates.entered(day, clock, cal)
    given = {k: dates.entered(v, None, cal) for k, v in (events or {}).items()}
    events_given = dates.Events(**given)
    return planview.build(p, state.outcome.stage, start, cal, moment, default, events_given)


def _render_stage(
    p: Partnership, state: engine.State, form: WhenForm, plan: planview.Plan, error: str | None
) -> str:
    view = presenters.stage_view(state)
    page = pages.stage_page(p, state, view, plan, form, error)
    forms = [f.id for _, f in view.forms]
    page = replace(page, also=_mapped(state, alsoview.on_stage(p, view), forms))
    return render_template("outcome_stage.html", p=p, page=page, notebook=stagewords.NoteBook())


def _ics(p: Partnership, body: bytes):
    response = current_app.response_class(body, mimetype="text/calendar")
    name = planview.calendar_filename(p)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
