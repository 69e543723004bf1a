"""Thin views: find the partnership, resolve the path, hand a page model to a template."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from werkzeug.exceptions import HTTPException, SecurityError
from wtforms import Form, RadioField
from wtforms.validators import InputRequired

from wizard.content import Site, anchor_id
from wizard.content import calendar as calendar_data
from wizard.core import engine
from wizard.core.engine import OutcomeKind as Kind
from wizard.core.policy import Nation, Partnership, review_overdue
from wizard.web import ics, planview, presenters
from wizard.web.app import today
from wizard.web.forms import WhenForm
from wizard.web.markup import render
from wizard.web.security import META_CSP

bp = Blueprint("wizard", __name__)
LONDON = ZoneInfo("Europe/London")


class AnswerForm(Form):
    """One question's answer. A GET form: it changes nothing, so it needs no CSRF token."""

    answer = RadioField()


def site() -> Site:
    """The validated site this app serves."""
    return current_app.extensions["site"]


def partnership_or_404(slug: str) -> Partnership:
    """The partnership at this address, or a helpful 404."""
    found = site().partnerships.get(slug)
    if found is None:
        abort(404)
    return found


def check_url(slug: str, segments: tuple[str, ...]) -> str:
    """The stable address of the wizard state after these answers."""
    if not segments:
        return url_for("wizard.check", slug=slug)
    return url_for("wizard.check", slug=slug, answers="/".join(segments))


@bp.app_context_processor
def helpers() -> dict:
    """Functions every template may call."""
    return {
        "cite_url": lambda slug, label: (
            url_for("wizard.procedure", slug=slug) + "#" + anchor_id(label)
        ),
        "check_url": check_url,
        "markdown": render,
        "service_name": current_app.config["SERVICE_NAME"],
        "static_site": current_app.config["STATIC_SITE"],
        "within_text": presenters.within_text,
        "stage_heading": presenters.stage_heading,
        "site": site(),
        "meta_csp": META_CSP,
    }


@bp.get("/")
def home():
    """Choose a partnership; with only one, go straight to it."""
    partnerships = list(site().partnerships.values())
    only = partnerships[0] if len(partnerships) == 1 else None
    if only and not current_app.config["STATIC_SITE"]:
        return redirect(url_for("wizard.start", slug=only.slug))
    pages = sorted(site().pages.values(), key=lambda p: (p.order, p.title))
    return render_template("home.html", partnerships=partnerships, pages=pages, only=only)


@bp.get("/<slug>/")
def start(slug: str):
    """What the tool does for this partnership, emergencies first."""
    p = partnership_or_404(slug)
    return render_template("start.html", p=p, overdue=_overdue(p))


@bp.get("/<slug>/procedure/")
def procedure(slug: str):
    """The partnership's procedure in its own words, each paragraph addressable."""
    p = partnership_or_404(slug)
    text = site().procedures[slug].markdown
    return render_template("procedure.html", p=p, body=render(text), overdue=_overdue(p))


@bp.get("/<slug>/brand.css")
def brand(slug: str):
    """The partnership's colour, as a stylesheet (the CSP forbids inline styles)."""
    p = partnership_or_404(slug)
    css = f":root{{--brand:{p.branding.colour}}}\n"
    return current_app.response_class(css, mimetype="text/css")


@bp.get("/<slug>/assets/<name>")
def logo(slug: str, name: str):
    """The partnership's logo, from its own policy folder; nothing else there is served."""
    p = partnership_or_404(slug)
    if name != p.branding.logo:
        abort(404)
    return send_from_directory(site().root / "policies" / slug, name, max_age=3600)


@bp.route("/<slug>/check/", defaults={"answers": ""}, methods=["GET", "POST"])
@bp.route("/<slug>/check/<path:answers>/", methods=["GET", "POST"])
def check(slug: str, answers: str):
    """A question or an outcome, from the answers in the path."""
    p = partnership_or_404(slug)
    segments = tuple(answers.split("/")) if answers else ()
    state = engine.resolve(site().flow, p, segments)
    if state.error is not None:
        abort(404)
    stage_outcome = state.outcome is not None and state.outcome.kind is Kind.STAGE
    if request.method == "POST" and not stage_outcome:
        abort(405)
    if stage_outcome:
        return _stage_outcome(p, state)
    if state.question is None:
        return _outcome(p, state)
    # The Continue button names itself, so an empty submission is told apart from a visit.
    submitted = "answer" in request.args or "continue" in request.args
    form = AnswerForm(request.args if submitted else None)
    form.answer.choices = [(o.slug, o.label) for o in state.question.options]
    # A validator of this form's own: one shared by every form would race between threads.
    form.answer.validators = [InputRequired(state.question.error)]
    if submitted and form.validate():
        return redirect(check_url(slug, (*segments, form.answer.data)))
    error = form.answer.errors[0] if form.answer.errors else None
    return render_template(
        "question.html", p=p, state=state, form=form, error=error, back=_back(p, segments)
    )


@bp.get("/holidays/<nation>.json")
def bank_holidays(nation: str):
    """Bank holidays for the static site's deadline script, from the year before onwards."""
    try:
        which = Nation(nation)
    except ValueError:
        abort(404)
    year = _today().year
    days = sorted(calendar_data.bank_holidays(which, year - 1, year + 5))
    return {
        "nation": nation,
        "first_year": year - 1,
        "last_year": year + 5,
        "dates": [d.isoformat() for d in days],
    }


@bp.get("/healthz")
def health():
    """For load balancers: the app is up and its content loaded."""
    return {"status": "ok", "partnerships": len(site().partnerships)}


@bp.get("/sitemap.xml")
def sitemap():
    """The pages worth indexing: questions and outcomes are noindex."""
    urls = [absolute("wizard.home")]
    for slug in site().partnerships:
        urls += [absolute(e, slug=slug) for e in ("wizard.start", "wizard.procedure")]
    urls += [absolute("wizard.page", page=p) for p in site().pages]
    xml = render_template("sitemap.xml", urls=urls)
    return current_app.response_class(xml, mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    """Allow indexing of the guidance; point to the sitemap."""
    text = f"User-agent: *\nAllow: /\nSitemap: {absolute('wizard.sitemap')}\n"
    return current_app.response_class(text, mimetype="text/plain")


@bp.get("/pages/<page>/")
def page(page: str):
    """A general content page."""
    found = site().pages.get(page)
    if found is None:
        abort(404)
    return render_template("page.html", page=found, body=render(found.markdown))


def _context(p: Partnership, state: engine.State) -> dict:
    summary = presenters.answer_summary(state, lambda s: check_url(p.slug, s))
    return {"p": p, "state": state, "summary": summary, "back": _back(p, state.segments)}


def _stage_outcome(p: Partnership, state: engine.State):
    """The stage to go to now, with deadlines from today or from the date posted."""
    today = _today()
    form = WhenForm(request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.day.data, form.month.data, form.year.data = today.day, today.month, today.year
        return _render_stage(p, state, form, today, None, None)
    day, clock, error = form.started()
    if error is None and "download" in request.form:
        return _ics(p, _plan(p, state, day, clock))
    return _render_stage(p, state, form, day or today, clock, error)


def _plan(p: Partnership, state: engine.State, day: date, clock) -> planview.Plan:
    start, timed = planview.start_of(day, clock)
    holidays = calendar_data.around(p.partnership.nation, day.year)
    static = current_app.config["STATIC_SITE"]
    return planview.build(p, state.outcome.stage, None if static else start, timed, holidays)


def _render_stage(p: Partnership, state: engine.State, form, day: date, clock, error) -> str:
    return render_template(
        "outcome_stage.html",
        view=presenters.stage_view(state),
        plan=_plan(p, state, day, clock),
        form=form,
        date_error=error,
        **_context(p, state),
    )


def _ics(p: Partnership, plan: planview.Plan):
    body = ics.calendar(p, plan, datetime.now(LONDON))
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="{p.slug}-escalation.ics"'
    return response


def _outcome(p: Partnership, state: engine.State):
    context = _context(p, state)
    kind = state.outcome.kind
    if kind is Kind.EXIT:
        exit_kind = state.outcome.exit
        route = getattr(p.exits, exit_kind)
        return render_template(
            "outcome_exit.html",
            title=presenters.exit_title(exit_kind),
            intro=presenters.EXIT_NOT_COVERED[exit_kind],
            route=route,
            **context,
        )
    template = {
        Kind.EMERGENCY: "outcome_emergency.html",
        Kind.CONCERN_HELP: "outcome_concern_help.html",
        Kind.BEYOND: "outcome_beyond.html",
    }[kind]
    return render_template(template, exit_titles=presenters.EXIT_TITLES, **context)


def _back(p: Partnership, segments: tuple[str, ...]) -> str:
    if not segments:
        return url_for("wizard.start", slug=p.slug)
    return check_url(p.slug, segments[:-1])


def _overdue(p: Partnership) -> bool:
    return review_overdue(p.document, _today())


def _today() -> date:
    """Today in the UK (or the date a test or build fixes)."""
    return today(current_app)


def register_errors(app: Flask) -> None:
    """A helpful page for every error; never a bare 500."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if isinstance(error, SecurityError):  # an untrusted Host: no page can be built for it
            return current_app.response_class("Bad request\n", 400, mimetype="text/plain")
        template = "404.html" if code == 404 else "error.html"
        partnerships = list(site().partnerships.values())
        return render_template(template, error=error, partnerships=partnerships), code


def absolute(endpoint: str, **values: str) -> str:
    """A page's full address under the configured base URL, never the request's Host."""
    path = url_for(endpoint, **values)[len(request.script_root) :]
    return current_app.config["BASE_URL"].rstrip("/") + path
