"""The Flask application factory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from wizard.content import BUNDLED_SITE, load_site
from wizard.web import assets, pagecache, security

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
STATIC = Path(__file__).resolve().parents[2] / "static"
# Bytes of a request body, bytes of one field, number of fields (deploy/nginx.conf agrees).
LIMITS = {"body": 8 * 1024, "field": 1024, "fields": 16}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app for a site; refuses to start (ContentError) if the content is invalid."""
    # Assets are served fingerprinted by wizard.assets, not by Flask's static route.
    app = Flask(__name__, static_folder=None, template_folder=str(TEMPLATES))
    app.config.from_mapping(
        # The only body the app reads is the date form: a few short fields.
        MAX_CONTENT_LENGTH=LIMITS["body"],
        MAX_FORM_MEMORY_SIZE=LIMITS["field"],
        MAX_FORM_PARTS=LIMITS["fields"],
        SITE_DIR=BUNDLED_SITE,
        STATIC_SITE=False,
        SERVICE_NAME="Resolving professional disagreements",
        BUILD_DATE=None,
        PARTNERSHIPS=None,
        FRAME_ANCESTORS=os.environ.get("ESCALATION_WIZARD_FRAME_ANCESTORS", "'none'"),
        HSTS=os.environ.get("ESCALATION_WIZARD_HSTS", "") == "1",
        # Where the service lives: the sitemap and robots.txt name it, never a request's Host.
        BASE_URL=os.environ.get("ESCALATION_WIZARD_BASE_URL") or "http://localhost/",
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if v is not None})
    app.jinja_env.loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    site = load_site(Path(app.config["SITE_DIR"]))
    if app.config["PARTNERSHIPS"]:
        site.partnerships = {
            k: v for k, v in site.partnerships.items() if k in app.config["PARTNERSHIPS"]
        }
    app.extensions["site"] = site
    app.config.setdefault("TODAY", None)
    security.init_app(app)
    manifest = assets.build_manifest(STATIC)
    app.extensions["assets"] = manifest
    app.extensions["assets_by_name"] = {a.name: a for a in manifest.values()}
    app.register_blueprint(assets.bp)
    if app.config.get("PAGE_CACHE_SIZE", 4096):
        app.extensions["page_cache"] = pagecache.PageCache(app.config.get("PAGE_CACHE_SIZE", 4096))
    app.jinja_env.globals["asset_url"] = assets.asset_url

    from wizard.web import views

    app.register_blueprint(views.bp)
    views.register_errors(app)
    return app
