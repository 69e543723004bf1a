"""The wizard itself: a question or an outcome for every path of answers."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, make_response, redirect, render_template, request
from wtforms import Form, RadioField
from wtforms.validators import InputRequired

from wizard.core import engine
from wizard.core.engine import OutcomeKind
from wizard.core.policy import Partnership
from wizard.web import urls
from wizard.web.formats import ics
from wizard.web.forms import WhenForm
from wizard.web.pages import journey
from wizard.web.pages.stage.page import StagePage, When, stage_page
from wizard.web.pages.stage.plan import asked, calendar_filename, declared_label
from wizard.web.text.stagewords import NoteBook
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
        return redirect(urls.check(p.slug, journey.keep_later_answers(site().flow, p, chosen)))
    error = form.answer.errors[0] if form.answer.errors else None
    previous = request.args.get("change")
    page = journey.question_page(p, state, error, previous, "/".join(then) or None)
    return render_template("question.html", p=p, page=page)


OUTCOME_TEMPLATES = {
    OutcomeKind.EMERGENCY: "outcome_emergency.html",
    OutcomeKind.EXIT: "outcome_exit.html",
    OutcomeKind.CONCERN_HELP: "outcome_concern_help.html",
    OutcomeKind.BEYOND: "outcome_beyond.html",
}


def _render_outcome(p: Partnership, state: engine.State) -> str:
    page = journey.outcome_page(site(), p, state)
    return render_template(OUTCOME_TEMPLATES[state.outcome.kind], p=p, page=page)


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
    dated = not current_app.config["STATIC_SITE"]  # a static page's script dates it
    if request.method == "GET":
        return _for_the_day(p, state, form, When(day, None, moment, dated, True))
    when, error = _posted(p, state, form, When(day, None, moment, dated))
    page = stage_page(site(), state, when, form, error)
    wants_file = error is None and "download" in request.form
    body = ics.plan_calendar(p, page.plan, moment) if wants_file else None
    if body is not None:  # where nothing can be dated there is no file: the page again
        return _ics(p, body)
    return _render_stage(p, page)


def _for_the_day(p: Partnership, state: engine.State, form: WhenForm, when: When):
    """The page as a GET shows it, dated from the start of today; kept only while true."""
    if when.dated:
        form.day.data, form.month.data, form.year.data = when.day.day, when.day.month, when.day.year
    page = stage_page(site(), state, when, form, None)
    response = make_response(_render_stage(p, page))
    if page.plan.overdue:
        response.headers["Cache-Control"] = "no-store"
    return response


def _posted(
    p: Partnership, state: engine.State, form: WhenForm, default: When
) -> tuple[When, str | None]:
    """The start and the dates of the stage's events as posted, and the first error."""
    given, clock, error = form.started()
    events: dict[str, date] = {}
    for key in asked(p, state.outcome.stage):
        on, wrong = form.event(request.form, key, declared_label(p, key))
        error = error or wrong
        if on is not None:
            events[key] = on
    when = When(given or default.day, clock, default.moment, default.dated, events=events)
    return when, error


def _render_stage(p: Partnership, page: StagePage) -> str:
    return render_template("outcome_stage.html", p=p, page=page, notebook=NoteBook())


def _ics(p: Partnership, body: bytes):
    response = current_app.response_class(body, mimetype="text/calendar")
    name = calendar_filename(p)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
