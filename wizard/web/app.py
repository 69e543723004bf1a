"""The Flask application factory."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from jinja2 import (
    ChainableUndefined,
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
)
from jinja2.utils import missing

from wizard.content import BUNDLED_SITE, Site, load_site
from wizard.web import assets, pagecache, reload, security, urls

csrf = CSRFProtect()
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
STATIC = Path(__file__).resolve().parents[2] / "static"


LENIENT_NAMES = frozenset({"undefined", "null", "caller"})


class PageUndefined(StrictUndefined):
    """Strict for names and page-model attributes; lenient for a missing key of a dict.

    GOV.UK Frontend's macros read optional keys of their `params` dict freely; our own
    templates read names and dataclass attributes, where a typo must fail.
    """

    def __new__(cls, hint=None, obj=missing, name=None, exc=None, **kwargs):
        # The macros also test the names `undefined`, `null` and `caller`, which may be unset.
        if isinstance(obj, dict) or (obj is missing and name in LENIENT_NAMES):
            return ChainableUndefined(hint, obj, name)
        return super().__new__(cls)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app for a site; refuses to start (ContentError) if the content is invalid."""
    # Assets are served fingerprinted by wizard.assets, not by Flask's static route.
    app = Flask(__name__, static_folder=None, template_folder=str(TEMPLATES))
    app.config.from_mapping(
        # Signs the CSRF token of the date form. Set it in production so that every
        # worker and instance agrees; a random key is fine for one process.
        SECRET_KEY=os.environ.get("ESCALATION_WIZARD_SECRET_KEY") or secrets.token_hex(32),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        SITE_DIR=BUNDLED_SITE,
        STATIC_SITE=False,
        SERVICE_NAME="Resolving professional disagreements",
        BUILD_DATE=None,
        PARTNERSHIPS=None,
        # One partnership's pages at the site's root (a one-partnership static build).
        ROOT_PARTNERSHIP=None,
        # Reload content when a file changes, showing its errors on the page (previews only).
        RELOAD=False,
        # Set by wizard.wsgi: what production must never do is refused.
        PRODUCTION=False,
        FRAME_ANCESTORS=os.environ.get("ESCALATION_WIZARD_FRAME_ANCESTORS", "'none'"),
        HSTS=os.environ.get("ESCALATION_WIZARD_HSTS", "") == "1",
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if v is not None})
    app.jinja_env.loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    # A name a template misspells fails loudly in tests, never renders as nothing.
    app.jinja_env.undefined = PageUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if app.config["RELOAD"]:
        _refuse_in_production(app)
        reload.init_app(app, lambda: load(app.config))
    else:
        app.extensions["site"] = load(app.config)
    app.config.setdefault("TODAY", None)
    csrf.init_app(app)
    security.init_app(app)
    manifest = assets.build_manifest(STATIC)
    app.extensions["assets"] = manifest
    app.extensions["assets_by_name"] = {a.name: a for a in manifest.values()}
    app.register_blueprint(assets.bp)
    if app.config.get("PAGE_CACHE_SIZE", 4096) and not app.config["RELOAD"]:
        app.extensions["page_cache"] = pagecache.PageCache(app.config.get("PAGE_CACHE_SIZE", 4096))
    app.jinja_env.globals["asset_url"] = assets.asset_url

    from wizard.web import views

    app.register_blueprint(views.bp)
    views.register_errors(app)
    if app.config["ROOT_PARTNERSHIP"]:
        urls.at_root(app, app.config["ROOT_PARTNERSHIP"])
    return app


def load(config: Mapping[str, Any]) -> Site:
    """Load and validate the configured site, keeping only the configured partnerships."""
    site = load_site(Path(config["SITE_DIR"]), reserved=urls.app_reserved_names())
    only = config["PARTNERSHIPS"] or [config["ROOT_PARTNERSHIP"]]
    if any(only):
        site.partnerships = {k: v for k, v in site.partnerships.items() if k in only}
    return site


def _refuse_in_production(app: Flask) -> None:
    if app.config["PRODUCTION"]:
        raise RuntimeError(
            "RELOAD is for previewing content: production (wizard.wsgi) loads content once"
        )
