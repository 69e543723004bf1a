"""pa11y, running HTML_CodeSniffer at WCAG 2 AA in Debian's Chromium: zero errors on every page
type, live and static. A second engine beside axe-core (tests/browser/test_pages_in_chromium.py):
it reads what axe leaves alone, such as a link with no text inside markup hidden until needed."""

from __future__ import annotations

import json
import subprocess

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, ROOT
from pages import MORE_PAGES, PAGE_TYPES

pytestmark = pytest.mark.browser
SCRIPT = ROOT / "tests" / "pa11y.mjs"
PAGES = {**PAGE_TYPES, **MORE_PAGES}
# A static site has no server to report an error: its question pages are plain links.
STATIC_PAGES = {name: path for name, path in PAGES.items() if "?" not in path}
PLANTED = '<!DOCTYPE html><html lang="en"><title>T</title><main id="m"><a href="#m"></a></main>'


def pa11y(urls: list[str]) -> dict[str, list[dict]]:
    """pa11y's issues for each address: errors only, at WCAG 2 AA, by HTML_CodeSniffer."""
    config = {"chromeLaunchConfig": {"executablePath": CHROMIUM, "args": CHROMIUM_ARGS}}
    done = subprocess.run(
        ["node", str(SCRIPT)],
        input=json.dumps({**config, "urls": urls}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1200,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def errors(found: dict[str, list[dict]]) -> dict[str, list[str]]:
    return {
        url: [f"{issue['code']}: {issue['context'][:160]}" for issue in issues]
        for url, issues in found.items()
        if issues
    }


def test_no_pa11y_error_on_any_page_type_live(server, tmp_path):
    planted = tmp_path / "planted.html"
    planted.write_text(PLANTED)
    found = pa11y([server + path for path in PAGES.values()] + [planted.as_uri()])
    # It does read the pages: a link with no text is an error.
    assert [i["code"] for i in found.pop(planted.as_uri())] == [
        "WCAG2AA.Principle4.Guideline4_1.4_1_2.H91.A.NoContent"
    ]
    assert len(found) == len(PAGES)
    assert errors(found) == {}


def test_no_pa11y_error_on_any_page_type_static(static_site):
    found = pa11y([static_site + path.lstrip("/") for path in STATIC_PAGES.values()])
    assert len(found) == len(STATIC_PAGES)
    assert errors(found) == {}
