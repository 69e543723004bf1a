"""The static build: complete, every link resolves, same facts as the live app, atomic."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SUB_URL, TODAY
from pages import visible_text
from toy import FLOW

from wizard.content import BUNDLED_SITE
from wizard.core.engine import walk
from wizard.publish import linkcheck
from wizard.publish.freeze import BuildError, build
from wizard.web.app import create_app

MAIN = re.compile(r"<main.*?</main>", re.S)
# Dates differ by design: the live app fills them in; the static page's script does.
DATES = re.compile(
    r'<section class="app-section app-plan".*?</section>|<!--date-->.*?<!--/date-->'
    # On paper only, the page's own address: it differs by where the site is hosted.
    r'|<div class="app-print-only app-print-record">.*?</div>',
    re.S,
)
# Every test that reads the shared build runs on the worker that built it.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build")]


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(str(f.relative_to(folder)).encode() + f.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("which", ["root_build", "site_build"])
def test_every_internal_link_and_asset_resolves(request, which):
    result = request.getfixturevalue(which)
    assert linkcheck.broken_links(result.out, result.base_path) == []
    index = (result.out / "index.html").read_text()
    assert f'href="{result.base_path}assets/dist/app.' in index  # assets under the sub-path


def test_page_count_is_bounded(site_build, site):
    states = sum(1 for p in site.partnerships.values() for _ in walk(FLOW, p))
    # home, glossary, content pages, start/procedure/brand.css/practice/glossary per
    # partnership, 404, sitemap, robots, a bank-holiday list per nation; each scenario
    # and its answer to every choice
    nations = {p.partnership.nation for p in site.partnerships.values()}
    fixed = 2 + len(site.pages) + 5 * len(site.partnerships) + 3 + len(nations)
    practice = sum(
        len(found) * (1 + len(site.partnerships[slug].stages) + 2)
        for slug, found in site.scenarios.items()
    )
    n = len(site.partnerships)
    compare = 1 + n + n * (n - 1)  # choose the first, the second, every ordered pair
    assets = sum(1 for f in (site_build.out / "assets").rglob("*") if f.is_file())
    named = [
        {a for s in p.stages if s.roles for a in s.roles.by_agency}
        for p in site.partnerships.values()
    ]
    roles = sum(1 + len(agencies) for agencies in named if agencies)  # the matrix, each agency
    assert site_build.pages == states + fixed + practice + compare + roles + assets
    assert site_build.pages < 5000, "the static site has grown past what a partnership can host"


def test_every_reachable_outcome_exists_with_the_same_facts(site_build, site):
    live = create_app({"TESTING": True, "TODAY": TODAY}).test_client()
    checked = 0
    for slug, p in site.partnerships.items():
        for state in walk(FLOW, p):
            if state.outcome is None:
                continue
            path = "/".join((slug, "check", *state.segments))
            frozen = (site_build.out / path / "index.html").read_text()
            served = live.get(f"/{path}/").get_data(as_text=True)
            frozen_main = DATES.sub("", MAIN.search(frozen)[0])
            served_main = DATES.sub("", MAIN.search(served)[0])
            assert visible_text(frozen_main) == visible_text(served_main)
            checked += 1
    assert checked > 1400  # every outcome of five partnerships


def test_questions_are_plain_links_in_the_static_site(site_build):
    page = (site_build.out / "islington" / "check" / "index.html").read_text()
    assert "<form" not in page
    base = site_build.base_path
    assert f'href="{base}islington/check/no/"' in page
    assert f'href="{base}islington/check/yes/"' in page


def test_discovery_files_and_noindex(site_build):
    assert f"Sitemap: {SUB_URL}sitemap.xml" in (site_build.out / "robots.txt").read_text()
    sitemap = (site_build.out / "sitemap.xml").read_text()
    assert f"<loc>{SUB_URL}islington/procedure/</loc>" in sitemap and "/check/" not in sitemap
    outcome = site_build.out / "islington/check/no/disagreement/tried-1/police/health/yes"
    outcome = outcome / "index.html"
    assert '<meta name="robots" content="noindex">' in outcome.read_text()
    start = (site_build.out / "islington" / "index.html").read_text()
    assert "noindex" not in start


def test_every_page_is_stamped_with_version_review_and_build_date(site_build):
    for page in ["islington/index.html", "brent/check/no/disagreement/nothing-yet/index.html"]:
        text = visible_text((site_build.out / page).read_text())
        assert "Site built 23 November 2026" in text and "Review date:" in text


def test_not_found_page_has_absolute_links(site_build):
    page = (site_build.out / "404.html").read_text()
    assert "Page not found" in page
    assert f'href="{site_build.base_path}islington/"' in page


def test_single_partnership_build(root_build):
    result = root_build
    assert (result.out / "brent" / "index.html").is_file()
    assert not (result.out / "islington").exists()
    assert (
        'http-equiv="refresh" content="0; url=/brent/"' in (result.out / "index.html").read_text()
    )


def test_unknown_partnership_is_refused_with_a_hint(tmp_path):
    with pytest.raises(BuildError, match="did you mean 'brent'"):
        build(BUNDLED_SITE, tmp_path / "site", "/", only=["brnet"])


def broken_site(tmp_path: Path) -> Path:
    site = tmp_path / "broken"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    policy = site / "policies" / "brent" / "policy.md"
    policy.write_text(policy.read_text().replace("number: 3", "number: three", 1))
    return site


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "site"
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    before = digest(out)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wizard",
            "freeze",
            "--site",
            str(broken_site(tmp_path)),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "policies/brent/policy.md:" in result.stderr and "whole number" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_broken_link_fails_the_build_and_changes_nothing(tmp_path):
    site = tmp_path / "linky"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    (site / "content").mkdir()
    (site / "content" / "help.md").write_text(
        "---\ntitle: Help\nsummary: Help.\n---\nSee [the missing page](/nowhere/).\n"
    )
    out = tmp_path / "site"
    out.mkdir()
    with pytest.raises(BuildError, match=r"(?s)broken link.*pages/help/index.html: /nowhere/"):
        build(site, out, "/")
    assert list(out.iterdir()) == []


def test_partnership_logo_and_colour_are_published(tmp_path):
    site = tmp_path / "branded"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    policy = site / "policies" / "brent" / "policy.md"
    (site / "policies" / "brent" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="10" height="10"/></svg>'
    )
    policy.write_text(
        policy.read_text().replace(
            'branding:\n  colour: "#00635a"',
            'branding:\n  colour: "#00635a"\n  logo: logo.svg\n  logo_alt: Brent LSCB logo',
        )
    )
    result = build(site, tmp_path / "out", "/esc/", today=TODAY)
    start = (result.out / "brent" / "index.html").read_text()
    assert (
        '<img class="app-header__logo" src="/esc/brent/assets/logo.svg" alt="Brent LSCB logo">'
        in start
    )
    assert (result.out / "brent" / "assets" / "logo.svg").is_file()
    assert "--brand:#00635a" in (result.out / "brent" / "brand.css").read_text()
