"""The Flask application factory."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from types import CodeType
from typing import Any

from flask import Flask
from jinja2 import (
    BytecodeCache,
    ChainableUndefined,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
)
from jinja2.bccache import Bucket
from jinja2.utils import missing

from wizard import clock
from wizard.content import BUNDLED_SITE, Site, Taken, load_site
from wizard.web import assets, components, pagecache, reload, security, urls, views
from wizard.web.text import catalogue, stagewords
from wizard.web.text.catalogue import N_

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
STATIC = Path(__file__).resolve().parents[2] / "static"
# Literal ids, ids a loop numbers (id="due-{{ loop.index }}" reserves 'due'), and GOV.UK macro ids.
TEMPLATE_ID = re.compile(
    r'\bid="([A-Za-z][\w-]*?)(?:"|-\{\{)|"(?:id|idPrefix)": "([A-Za-z][\w-]*)"'
)
# Bytes of a request body, bytes of one field, number of fields (deploy/nginx.conf agrees).
LIMITS = {"body": 8 * 1024, "field": 1024, "fields": 16}
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


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, whatever the number of apps made in it.

    Each app has its own Jinja environment, which compiles every template again on the first
    page it renders (over half a second): the tests, a preview reloading content and the
    usage report make many apps. A template is compiled again when its source changes, or
    for an environment set up differently.
    """

    def __init__(self) -> None:
        self.kept: dict[str, tuple[str, CodeType]] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str):
        """The bucket for a template as this environment compiles it."""
        # Flask's autoescape is a method of each app: the same function is the same setting.
        autoescape = getattr(environment.autoescape, "__func__", environment.autoescape)
        settings = (
            autoescape,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.keep_trailing_newline,
            environment.finalize,
            getattr(environment, "newstyle_gettext", None),
            tuple(sorted(environment.extensions)),
        )
        key = f"{self.get_cache_key(name, filename)}:{hash(settings)}"
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """The template's code, if compiled from the same source."""
        kept = self.kept.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template's code once compiled."""
        if bucket.code is not None:
            self.kept[bucket.key] = (bucket.checksum, bucket.code)


COMPILED = _CompiledTemplates()


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
        # A site already loaded and validated, served instead of loading SITE_DIR again.
        SITE=None,
        STATIC_SITE=False,
        SERVICE_NAME=N_("Resolving professional disagreements"),
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
        # Where the service lives: the sitemap and robots.txt name it, never a request's Host.
        BASE_URL=os.environ.get("ESCALATION_WIZARD_BASE_URL") or "http://localhost/",
        # Per worker. The bundled site's 1,681 wizard pages come to about 35 MiB in all.
        PAGE_CACHE_ENTRIES=4096,
        PAGE_CACHE_BYTES=32 * 1024 * 1024,
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if v is not None})
    app.jinja_env.loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.bytecode_cache = COMPILED
    # A name a template misspells fails loudly in tests, never renders as nothing.
    app.jinja_env.undefined = PageUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    catalogue.init_app(app)
    components.init_app(app)
    _register_routes(app)
    if app.config["RELOAD"]:
        _refuse_in_production(app)
        reload.init_app(app, lambda: load(app))
    else:
        app.extensions["site"] = load(app)
    app.config.setdefault("TODAY", None)
    security.init_app(app)
    manifest = assets.build_manifest(STATIC)
    app.extensions["assets"] = manifest
    app.extensions["assets_by_name"] = {a.name: a for a in manifest.values()}
    if app.config["PAGE_CACHE_ENTRIES"] and not app.config["RELOAD"]:
        _cache_pages(app)
    app.jinja_env.globals["asset_url"] = assets.asset_url
    # Templates build their addresses where the code does: through `urls`, once per request.
    app.jinja_env.globals["url_for"] = urls.url_for
    return app


def load(app: Flask) -> Site:
    """The configured site (loaded and validated), keeping only the configured partnerships."""
    config = app.config
    site = config["SITE"] or load_site(Path(config["SITE_DIR"]), taken=taken(app))
    only = config["PARTNERSHIPS"] or [config["ROOT_PARTNERSHIP"]]
    if any(only):  # a copy: a given site may serve other apps too
        site = replace(site, partnerships={k: v for k, v in site.partnerships.items() if k in only})
    return site


def _refuse_in_production(app: Flask) -> None:
    if app.config["PRODUCTION"]:
        raise RuntimeError(
            "RELOAD is for previewing content: production (wizard.wsgi) loads content once"
        )


def _cache_pages(app: Flask) -> None:
    cache = pagecache.PageCache(app.config["PAGE_CACHE_ENTRIES"], app.config["PAGE_CACHE_BYTES"])
    app.extensions["page_cache"] = cache
    app.wsgi_app = pagecache.CachedPages(
        app.wsgi_app, cache, lambda: today(app), app.config["TRUSTED_HOSTS"]
    )


def today(app: Flask) -> date:
    """Today in the UK, or the date a test or build fixes."""
    return clock.today(app.config["TODAY"])


def taken(app: Flask | None = None) -> Taken:
    """The folder names and element ids the app uses, which content may not take."""
    folders = _routes_folders() if app is None else urls.reserved_names(app)
    return Taken(folders=folders, ids=reserved_ids())


@cache
def _routes_folders() -> frozenset[str]:
    """The folder names of the app's own routes, which only the code changes: found once."""
    # Routes are compiled as they are added, a tenth of a second for the app's fifty.
    app = Flask(__name__, static_folder=None)
    app.config["ROOT_PARTNERSHIP"] = None
    _register_routes(app)
    return urls.reserved_names(app)


def reserved_ids() -> frozenset[str]:
    """Ids the templates give elements; GOV.UK components add '-hint', '-error', '-2' after them."""
    text = "".join(path.read_text(encoding="utf-8") for path in TEMPLATES.glob("*.html"))
    return frozenset(m[1] or m[2] for m in TEMPLATE_ID.finditer(text)) | {stagewords.NOTE_ID}


def _register_routes(app: Flask) -> None:
    app.register_blueprint(assets.bp)
    app.register_blueprint(views.bp)
    urls.add_languages(app)
    views.register_errors(app)
    if app.config["ROOT_PARTNERSHIP"]:
        urls.at_root(app, app.config["ROOT_PARTNERSHIP"])
