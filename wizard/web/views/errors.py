"""A helpful page for every error; never a bare 500."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from werkzeug.exceptions import HTTPException, SecurityError

from wizard.web.text.catalogue import gettext
from wizard.web.views.common import site


def register_errors(app: Flask) -> None:
    """A helpful page for every error; never a bare 500."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if isinstance(error, SecurityError):  # an untrusted Host: no page can be built for it
            return current_app.response_class(
                gettext("Bad request") + "\n", 400, mimetype="text/plain"
            )
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
