"""A helpful page for every error; never a bare 500."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from werkzeug.exceptions import HTTPException, SecurityError

from wizard.web.text.catalogue import N_, gettext
from wizard.web.views.common import site

# Werkzeug's titles and descriptions ("Method Not Allowed") are its own words, in English:
# each page says the catalogue's instead, for its code or for its kind of error.
NOT_FOUND = (
    N_("Page not found"),
    N_(
        "If you typed the web address, check it is correct. If you followed a link or "
        "bookmark, the guidance may have changed since."
    ),
)
TOO_LARGE = (
    N_("Sorry, too much was sent"),
    N_("What your browser sent is more than this page accepts. Go back and try again."),
)
WORDS: dict[int, tuple[str, str]] = {
    404: NOT_FOUND,
    410: NOT_FOUND,
    413: TOO_LARGE,
    414: TOO_LARGE,
    431: TOO_LARGE,
    429: (N_("Sorry, there have been too many requests"), N_("Wait a minute, then try again.")),
}
REFUSED = (
    N_("Sorry, this page cannot be shown"),
    N_("Your browser asked for this page in a way it does not answer. Go back and try again."),
)
BROKEN = (N_("Sorry, there is a problem with the service"), N_("Try again later."))


def words(code: int) -> tuple[str, str]:
    """An error page's title and description, from the catalogue, in the reader's language."""
    title, description = WORDS.get(code) or (BROKEN if code >= 500 else REFUSED)
    return gettext(title), gettext(description)


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
        title, description = words(code)
        partnerships = list(site().partnerships.values())
        page = render_template(
            template,
            error=error,
            partnerships=partnerships,
            title=title,
            description=description,
        )
        return page, code
