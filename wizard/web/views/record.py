"""The escalation record of a stage outcome and the partnership's own forms: pages and .docx."""

from __future__ import annotations

from flask import abort, current_app, render_template

from wizard.core import engine
from wizard.core.engine import OutcomeKind
from wizard.core.policy import Form, Partnership
from wizard.web import urls
from wizard.web.formats import docx
from wizard.web.pages.record import RecordPage, form_page, record_page
from wizard.web.text.catalogue import language, marking
from wizard.web.views.common import bp, partnership_or_404, site


def _stage_state(slug: str, answers: str) -> tuple[Partnership, engine.State]:
    p = partnership_or_404(slug)
    state = engine.resolve(site().flow, p, urls.segments(answers))
    if state.error is not None or state.outcome is None or state.outcome.kind != OutcomeKind.STAGE:
        abort(404)
    return state.partnership, state


# The record's page and its Word file are two addresses of one record: a build asks for
# both, one after the other, and each was worked out twice.
RECORDS_KEPT = 16


def _record(slug: str, answers: str) -> tuple[Partnership, RecordPage]:
    here = site()
    kept: dict = current_app.extensions.setdefault("records", {})
    key = (language(), marking(), slug, answers)
    found = kept.get(key)
    if found is None or found[0] is not here:
        if len(kept) >= RECORDS_KEPT:
            kept.clear()
        p, state = _stage_state(slug, answers)
        found = kept[key] = (here, p, record_page(here, state))
    return found[1], found[2]


def _form(slug: str, form_id: str) -> tuple[Partnership, Form]:
    p = partnership_or_404(slug)
    found = p.form(form_id)
    if found is None:
        abort(404)
    return p, found


def _download(body: bytes, name: str):
    response = current_app.response_class(body, mimetype=docx.MIMETYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/<slug>/check/<path:answers>/record/")
def record(slug: str, answers: str):
    """The escalation record, printable, with blanks the practitioner may fill in the browser."""
    p, page = _record(slug, answers)
    return render_template("record.html", p=p, page=page)


@bp.get("/<slug>/check/<path:answers>/record.docx")
def record_docx(slug: str, answers: str):
    """The same record as a blank Word document."""
    p, page = _record(slug, answers)
    return _download(docx.record(p, page), f"{slug}-stage-{page.view.stage.key}-record.docx")


@bp.get("/<slug>/forms/<form_id>/")
def form(slug: str, form_id: str):
    """One of the partnership's forms, printable, its fields as the policy gives them."""
    p, found = _form(slug, form_id)
    page = form_page(p, found)
    return render_template("form.html", p=p, page=page)


@bp.get("/<slug>/forms/<form_id>.docx")
def form_docx(slug: str, form_id: str):
    """The same form as a blank Word document."""
    p, found = _form(slug, form_id)
    return _download(docx.form(p, form_page(p, found)), f"{slug}-{form_id}.docx")
