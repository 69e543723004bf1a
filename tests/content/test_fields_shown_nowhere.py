"""`check` warns, at its line, about a field it accepts but no page shows."""

from __future__ import annotations

import shutil
from pathlib import Path

from answers import path
from commands import check
from conftest import TESTS, TODAY
from pages import visible_text

from wizard.content import inspect_site
from wizard.content.checks import NOWHERE
from wizard.web.app import create_app

VALID = TESTS / "broken" / "valid"
REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "reference.md"
UNREAD = """\
unreadable:
  - says: "The end of this paragraph is cut off in the copy we have."
    cite: "1.1"
    notes:
      - kind: unclear
        says: "Only the first line survives."
        cite: "1.1"

"""


def _site(tmp_path: Path) -> Path:
    folder = tmp_path / "site" / "policies" / "valid"
    shutil.copytree(VALID, folder)
    policy = folder / "policy.md"
    text = policy.read_text(encoding="utf-8")
    # Text marked not available needs the published original's address.
    text = text.replace("document:\n", "document:\n  url: https://example.org/policy.pdf\n", 1)
    policy.write_text(text.replace("emergency:\n", UNREAD + "emergency:\n", 1), encoding="utf-8")
    return tmp_path / "site"


def test_a_field_no_page_shows_is_a_warning_at_its_line(tmp_path):
    site = _site(tmp_path)
    _, problems = inspect_site(site, today=TODAY)
    unseen = [p for p in problems if "no page shows it" in p.message]
    lines = site.joinpath("policies/valid/policy.md").read_text(encoding="utf-8").splitlines()
    assert [(lines[p.line - 1].strip(), p.warning) for p in unseen] == [("notes:", True)]
    assert unseen[0].message.startswith("'unreadable › notes' is accepted but no page shows it")


def test_the_check_command_prints_it_with_file_and_line(tmp_path):
    site = _site(tmp_path)
    result = check(site)
    assert result.returncode == 0, result.stderr
    assert "policies/valid/policy.md:30: warning: 'unreadable › notes' is accepted" in result.stderr


def test_the_fields_warned_about_are_those_the_reference_marks_nowhere_yet():
    rows = [r for r in REFERENCE.read_text(encoding="utf-8").splitlines() if r.startswith("| `")]
    marked = {
        tuple(r.split("`")[1].split(" › "))
        for r in rows
        if r.split("|", 3)[3].strip().startswith("nowhere yet")
    }
    assert marked == {tuple(k for k in path if k != "*") for path in NOWHERE}


SILENT_WITH_OUTSIDE = """\
outside_contacts:
  - id: front-door
    name: Valeshire Children's Front Door
    for: a child at risk of immediate harm
    phone: 01632 960 999
    source: "the Valeshire Council website, 'Worried about a child' page"
    checked: 2026-11-02

emergency:
  stated: no
  outside: [front-door]
"""


def test_an_outside_contact_on_a_silent_emergency_route_is_shown(tmp_path):
    """The emergency route's `outside` shows whether or not the policy states the route."""
    folder = tmp_path / "site" / "policies" / "valid"
    shutil.copytree(VALID, folder)
    policy = folder / "policy.md"
    text = policy.read_text(encoding="utf-8")
    start = text.index("emergency:\n")
    end = text.index("exits:\n")
    policy.write_text(text[:start] + SILENT_WITH_OUTSIDE + "\n" + text[end:], encoding="utf-8")
    app = create_app({"TESTING": True, "TODAY": TODAY, "SITE_DIR": tmp_path / "site"})
    page = visible_text(
        app.test_client().get(path("valid", app, risk="yes")).get_data(as_text=True)
    )
    assert "The policy does not say what to do when a child is at risk of immediate harm." in page
    assert "Valeshire Children's Front Door (a child at risk of immediate harm)" in page
    assert "Not from the policy: from the Valeshire Council website" in page
