"""A one-partnership build: the partnership at the base URL's root, as the live app goes to it."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from urllib.parse import urljoin

import answers
import pytest
from browser import nginx
from conftest import TODAY
from pages import h1s, links

from wizard.content import BUNDLED_SITE
from wizard.publish import linkcheck
from wizard.publish.freeze import build

BASE = "https://example.org/brent/"
pytestmark = pytest.mark.slow  # builds


@pytest.fixture(scope="module")
def brent(tmp_path_factory):
    site = tmp_path_factory.mktemp("one") / "site"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    shutil.copytree(BUNDLED_SITE / "content", site / "content")
    policy = site / "policies" / "brent" / "policy.md"
    (policy.parent / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    policy.write_text(
        policy.read_text().replace(
            'branding:\n  colour: "#00635a"',
            'branding:\n  colour: "#00635a"\n  logo: logo.svg\n  logo_alt: Brent LSCB logo',
        )
    )
    return build(site, site.parent / "out", BASE, only=["brent"], today=TODAY)


def test_home_is_the_start_page_and_no_segment_is_doubled(brent):
    index = (brent.out / "index.html").read_text()
    assert h1s(index) == ["Resolve a professional disagreement about a child's safety"]
    assert 'href="/brent/check/"' in index and "refresh" not in index
    assert not (brent.out / "brent").exists()
    assert (brent.out / "procedure" / "index.html").is_file()
    assert (brent.out / "logo" / "logo.svg").is_file()
    for page in brent.out.rglob("*.html"):
        assert "/brent/brent/" not in page.read_text(), page


def test_no_link_to_a_list_of_one_partnership(brent):
    index = (brent.out / "index.html").read_text()
    assert "All partnerships" not in index


def test_every_link_resolves(brent):
    assert brent.base_path == "/brent/"
    assert linkcheck.broken_links(brent.out, brent.base_path) == []


def test_sitemap_and_robots_name_each_page_once(brent):
    sitemap = (brent.out / "sitemap.xml").read_text()
    locs = [line.strip() for line in sitemap.splitlines() if "<loc>" in line]
    assert len(locs) == len(set(locs))
    assert f"<url><loc>{BASE}</loc></url>" in locs
    assert f"<url><loc>{BASE}procedure/</loc></url>" in locs
    assert f"Sitemap: {BASE}sitemap.xml" in (brent.out / "robots.txt").read_text()


def test_served_by_nginx_every_page_reached_from_home_answers(brent, tmp_path):
    with nginx(brent.out, brent.base_path, tmp_path) as server:
        home = server + brent.base_path
        seen = crawl(home, brent.base_path)
        folders = [
            p.parent.relative_to(brent.out).as_posix() for p in brent.out.rglob("index.html")
        ]
        pages = {home if f == "." else f"{home}{f}/" for f in folders}
        assert len(pages) > 20 and pages <= seen  # every page is linked and answers
        assert fetch(home + answers.stage("brent", 1).removeprefix("/brent/"))[0] == 200
        assert fetch(home + "brent/")[0] == 404


def crawl(start: str, base_path: str) -> set[str]:
    """Follow every link under the base path from `start`; fail on any that is not 200."""
    seen, queue = set(), [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        assert status == 200, url
        if url.endswith("/"):
            for href in links(body):
                target = urljoin(url, href).split("#")[0]
                if target.startswith(urljoin(start, base_path)):
                    queue.append(target)
    return seen


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            # A downloadable file (a .docx, a calendar) is checked for its status only.
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


def test_the_base_url_need_not_name_the_partnership(tmp_path):
    result = build(BUNDLED_SITE, tmp_path / "out", "/escalation/", only=["havering"], today=TODAY)
    index = (result.out / "index.html").read_text()
    assert 'href="/escalation/check/"' in index and "havering/" not in index
    assert linkcheck.broken_links(result.out, result.base_path) == []
