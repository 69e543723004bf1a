"""The usage report in a real Chromium: axe-core finds nothing, a phone reads it, it prints."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from browser import axe_violations

from wizard.cli import main
from wizard.core import engine
from wizard.web import urls
from wizard.web.app import create_app

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


def logged(day: date, path: str) -> str:
    """A request as gunicorn logs it."""
    return f'127.0.0.1 [{day:%d/%b/%Y}:10:00:00 +0000] "GET {path}" 200 1 1ms'


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A report over three months of every page of two partnerships, some a few times only."""
    tmp = tmp_path_factory.mktemp("stats")
    app = create_app({"PAGE_CACHE_ENTRIES": 0})
    site = app.extensions["site"]
    lines = []
    with app.test_request_context():
        for slug in ("islington", "staffordshire-stoke"):
            for n, state in enumerate(engine.walk(site.flow, site.partnerships[slug])):
                day = date(2026, 9 + n % 3, 1 + n % 28)
                times = 1 + n % 9
                path = urls.check(slug, state.segments)
                lines += [logged(day, path)] * times
            for month, times in ((9, 40), (10, 3), (11, 65)):  # a bar, none, a longer bar
                lines += [logged(date(2026, month, 2), urls.check(slug))] * times
    (tmp / "access.log").write_text("\n".join(lines) + "\n")
    out = tmp / "usage.html"
    assert main(["stats", str(tmp / "access.log"), "--out", str(out)]) == 0
    return out


def test_the_report_has_no_axe_violations(browser, report):
    context = browser.new_context(bypass_csp=True)  # axe is injected; the report has no script
    page = context.new_page()
    page.goto(report.as_uri())
    assert page.get_by_role("img", name="Journeys started each month: Islington").is_visible()
    assert axe_violations(page) == []
    context.close()


def test_the_report_does_not_scroll_sideways_at_320_px(browser, report):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(report.as_uri())
    width = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert width == 0
    context.close()


def test_the_report_prints_each_partnership_from_a_new_sheet(browser, report, tmp_path):
    page = browser.new_page()
    page.goto(report.as_uri())
    pdf = tmp_path / "usage.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    sheets = [" ".join(sheet.split()) for sheet in text.split("\f")]
    for name in ("Islington Safeguarding", "Staffordshire and Stoke-on-Trent Safeguarding"):
        assert any(sheet.startswith(name) for sheet in sheets[1:]), name
    assert "Oct 2026" in text and "fewer than 5" in text
    page.close()
