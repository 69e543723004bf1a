"""Text the copy we have cannot read is said to be not available, never that the policy is silent.

A copy of the valid test policy whose emergency route and whistleblowing route are marked
not available, read as a practitioner reads every page that names them.
"""

from __future__ import annotations

import shutil

import pytest
from answers import path
from conftest import TESTS, TODAY
from pages import shown_text

from wizard.web.app import create_app

VALID = TESTS / "broken" / "valid"
LOST = "Page 2 of the copy we have is torn."
ROUTES = f"""\
emergency:
  stated: no
  not_available: "{LOST}"

"""


@pytest.fixture(scope="module")
def lost_text(tmp_path_factory):
    site = tmp_path_factory.mktemp("lost") / "site"
    folder = site / "policies" / "valid"
    shutil.copytree(VALID, folder)
    policy = folder / "policy.md"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("document:\n", "document:\n  url: https://example.org/policy.pdf\n", 1)
    start, end = text.index("emergency:\n"), text.index("exits:\n")
    text = text[:start] + ROUTES + text[end:]
    text = text.replace(
        "  whistleblowing:\n    stated: no\n",
        f'  whistleblowing:\n    stated: no\n    not_available: "{LOST}"\n',
    )
    policy.write_text(text, encoding="utf-8")
    shutil.copytree(VALID, site / "policies" / "other")  # a whole copy, to compare with
    app = create_app({"TESTING": True, "TODAY": TODAY, "SITE_DIR": site})
    return app.test_client()


def read(lost_text, url: str) -> str:
    response = lost_text.get(url)
    assert response.status_code == 200, url
    return shown_text(response.get_data(as_text=True))


SILENT = ("does not say", "says nothing", "gives no route")


def test_the_emergency_page_says_the_text_is_not_available(lost_text):
    with lost_text.application.test_request_context():
        url = path("valid", lost_text.application, risk="yes")
    page = read(lost_text, url)
    assert f"The policy's text for this is not available in the copy we have: {LOST}" in page
    assert not any(words in page for words in SILENT)


def test_the_start_page_says_the_emergency_text_is_not_available(lost_text):
    page = read(lost_text, "/valid/")
    assert (
        "The ESCP policy's text on a child at risk of immediate harm is not available in the "
        f"copy we have: {LOST}" in page
    )
    assert "gives no route of its own" not in page


def test_the_which_procedure_page_says_which_text_is_not_available(lost_text):
    with lost_text.application.test_request_context():
        url = path("valid", lost_text.application, risk="no", concern="not-sure")
    page = read(lost_text, url)
    whistleblowing = page[page.index("Whistleblowing") :]
    assert f"not available in the copy we have: {LOST}" in whistleblowing[:300]
    # The complaints route is silent in this copy, and says so.
    assert "The policy says nothing about this." in page[page.index("Complaint") :][:200]


def test_the_flowchart_says_which_text_is_not_available(lost_text):
    page = read(lost_text, "/valid/flowchart/")
    assert "The policy's text on this is not available in the copy we have." in page
    assert "Whistleblowing: the policy's text is not available in the copy we have" in page
    assert "Complaints: the policy does not say where" in page  # silent, and says so


def test_the_comparison_says_which_text_is_not_available(lost_text):
    page = read(lost_text, "/compare/valid/other/")
    assert f"The policy's text for this is not available in the copy we have: {LOST}" in page
