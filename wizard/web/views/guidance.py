"""Guidance pages: home, start, procedure, content pages, and the files a site needs."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, send_from_directory

from wizard.content import calendar as calendar_data
from wizard.core.policy import Nation
from wizard.web import urls
from wizard.web.pages.guidance import chart, overview
from wizard.web.pages.learning import roles
from wizard.web.text.catalogue import passage
from wizard.web.text.markup import render
from wizard.web.views.common import bp, overdue, partnership_or_404, site, today


@bp.get("/")
def home():
    """Choose a partnership; with only one, go straight to it."""
    partnerships = list(site().partnerships.values())
    only = partnerships[0] if len(partnerships) == 1 else None
    if only and not current_app.config["STATIC_SITE"]:
        return redirect(urls.start(only.slug))
    pages = sorted(site().pages.values(), key=lambda p: (p.order, p.title))
    return render_template("home.html", partnerships=partnerships, pages=pages, only=only)


@bp.get("/<slug>/")
def start(slug: str):
    """What the tool does for this partnership, emergencies first."""
    p = partnership_or_404(slug)
    steps = overview.stage_steps(p)
    return render_template(
        "start.html", p=p, overdue=overdue(p), steps=steps, roles=roles.has_roles(p)
    )


@bp.get("/<slug>/procedure/")
def procedure(slug: str):
    """The partnership's procedure in its own words, each paragraph addressable."""
    p = partnership_or_404(slug)
    body = chart.procedure_body(p, site().procedures[slug].markdown)
    text = site().procedures[slug].markdown
    return render_template("procedure.html", p=p, body=passage(body, text), overdue=overdue(p))


@bp.get("/<slug>/flowchart/", endpoint="flowchart")
def flowchart_page(slug: str):
    """The procedure as a flowchart drawn from the policy file, and the same in words."""
    p = partnership_or_404(slug)
    return render_template("flowchart.html", p=p, chart=chart.flowchart(p))


@bp.get("/<slug>/brand.css")
def brand(slug: str):
    """The partnership's colour, as a stylesheet (the CSP forbids inline styles)."""
    p = partnership_or_404(slug)
    css = f":root{{--brand:{p.branding.colour}}}\n"
    return current_app.response_class(css, mimetype="text/css")


@bp.get("/<slug>/logo/<name>")
def logo(slug: str, name: str):
    """The partnership's logo, from its own policy folder; nothing else there is served."""
    p = partnership_or_404(slug)
    if name != p.branding.logo:
        abort(404)
    return send_from_directory(site().root / "policies" / slug, name, max_age=3600)


@bp.get("/holidays/<nation>.json")
def bank_holidays(nation: str):
    """Bank holidays for the static site's deadline script, from the year before onwards."""
    try:
        which = Nation(nation)
    except ValueError:
        abort(404)
    year = today().year
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
    """The pages worth indexing, with their other languages; questions and outcomes are noindex."""
    found = [("wizard.home", {})]
    for slug in site().partnerships:
        pages = ("wizard.start", "wizard.procedure", "wizard.flowchart")
        found += [(e, {"slug": slug}) for e in pages]
    found += [("wizard.page", {"page": p}) for p in site().pages]
    entries = {}  # a one-partnership site at the root has one address for home and start
    for endpoint, values in found:
        alternates = [
            (lang, urls.absolute(endpoint, **values, lang=lang))
            for lang, _ in urls.other_languages(endpoint, values)
        ]
        for _, address in alternates or [("en", urls.absolute(endpoint, **values, lang="en"))]:
            entries.setdefault(address, alternates)
    xml = render_template("sitemap.xml", entries=entries)
    return current_app.response_class(xml, mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    """Allow indexing of the guidance; point to the sitemap."""
    text = f"User-agent: *\nAllow: /\nSitemap: {urls.absolute('wizard.sitemap')}\n"
    return current_app.response_class(text, mimetype="text/plain")


@bp.get("/pages/<page>/")
def page(page: str):
    """A general content page."""
    found = site().pages.get(page)
    if found is None:
        abort(404)
    body = render(urls.glossed(found.markdown))
    return render_template("page.html", page=found, body=passage(body, found.markdown))
