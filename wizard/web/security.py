"""Security headers on every response, and caching that never shares a private page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, redirect, request

# No inline script or style anywhere, so the policy needs no 'unsafe-inline'.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "manifest-src 'self'; frame-ancestors {frame_ancestors}"
)
# The same policy for the static site's <meta> tag, where frame-ancestors is not allowed.
META_CSP = CSP.split("; frame-ancestors")[0]


def init_app(app: Flask) -> None:
    """Add the headers to every response the app sends, errors included."""
    app.config.setdefault("FRAME_ANCESTORS", "'none'")
    app.config.setdefault("HSTS", False)

    @app.after_request
    def _headers(response: Response) -> Response:
        response = _path_only_redirect(response)
        response.headers.update(headers(app.config["FRAME_ANCESTORS"], app.config["HSTS"]))
        _cache(response)
        return response


def headers(frame_ancestors: str, hsts: bool) -> dict[str, str]:
    """The security headers of every response: the app's, gunicorn's and nginx's own."""
    found = {
        "Content-Security-Policy": CSP.format(frame_ancestors=frame_ancestors),
        "X-Content-Type-Options": "nosniff",
        # Paths hold the answers given; never send them to another site.
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
    if frame_ancestors == "'none'":
        found["X-Frame-Options"] = "DENY"
    if hsts:
        found["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return found


def _path_only_redirect(response: Response) -> Response:
    # Werkzeug's trailing-slash redirect names the request's Host; a path alone is enough.
    location = urlsplit(response.headers.get("Location", ""))
    if not location.netloc:
        return response
    return redirect(location._replace(scheme="", netloc="").geturl(), response.status_code)


def _cache(response: Response) -> None:
    if "Cache-Control" in response.headers and response.cache_control.max_age:
        return  # fingerprinted assets set their own long lifetime
    if response.cache_control.no_store:
        return  # a view that knows its page depends on the moment
    # A posted date's page, an error, or anything that sets a cookie is never stored.
    private = "Set-Cookie" in response.headers
    if request.method != "GET" or private or response.status_code >= 400:
        response.headers["Cache-Control"] = "no-store"
    else:
        response.headers["Cache-Control"] = "public, max-age=300"
