"""A helpful page for every error; never a bare 500."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from wizard.web.views.common import site


def register_errors(app: Flask) -> None:
    """A helpful page for every error; never a bare 500."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        partnerships = list(site().partnerships.values())
        return render_template(
            "error.html",
            error=error,
            partnerships=partnerships,
            title="This form has expired",
            description="Go back, reload the page and enter the date "
            "again. Nothing you entered was kept.",
        ), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code in (301, 302, 308):
            return error
        template = "404.html" if code == 404 else "error.html"
        partnerships = list(site().partnerships.values())
        page = render_template(
            template,
            error=error,
            partnerships=partnerships,
            title=error.name,
            description=error.description,
        )
        return page, code
