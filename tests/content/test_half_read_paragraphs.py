"""A paragraph cut off part way is quoted only as far as it can be read, and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import answers
import pytest
from conftest import TESTS, TODAY
from pages import shown_text

from wizard.content import inspect_site

VALID = TESTS / "broken" / "valid"


def _site(tmp_path: Path, readable_to: str | None) -> Path:
    """The valid policy with paragraph 1.2 (the emergency route's) listed as unreadable."""
    folder = tmp_path / "site" / "policies" / "valid"
    shutil.copytree(VALID, folder)
    policy = folder / "policy.md"
    text = policy.read_text(encoding="utf-8")
    text = text.replace("document:\n", "document:\n  url: https://example.org/policy.pdf\n", 1)
    entry = '  - says: "Page 1 is torn."\n    cite: "1.2"\n'
    if readable_to is not None:
        entry += f'    readable_to: "{readable_to}"\n'
    text = text.replace("emergency:\n", f"unreadable:\n{entry}\nemergency:\n", 1)
    policy.write_text(text, encoding="utf-8")
    return tmp_path / "site"


def _errors(site: Path) -> list[tuple[str, str]]:
    """Each error as the line it points at and its message."""
    lines = (site / "policies" / "valid" / "policy.md").read_text(encoding="utf-8").splitlines()
    _, problems = inspect_site(site, today=TODAY)
    return [(lines[p.line - 1].strip(), p.message) for p in problems if not p.warning]


def test_a_quote_from_a_paragraph_that_cannot_be_read_is_an_error_at_its_cite(tmp_path):
    [(line, message)] = _errors(_site(tmp_path, None))
    assert line == 'cite: "1.2"'
    assert message.startswith("paragraph '1.2' is listed under 'unreadable': quote nothing")


def test_a_quote_past_where_the_paragraph_can_be_read_is_an_error_at_its_words(tmp_path):
    [(line, message)] = _errors(_site(tmp_path, "call the police"))
    assert line.startswith('says: "If a child is at risk of immediate harm')
    assert message.startswith("these words go past where paragraph '1.2' can be read")


def test_a_cut_off_point_not_in_the_paragraph_is_an_error_at_it(tmp_path):
    [(line, message)] = _errors(_site(tmp_path, "by telephone"))
    assert line == 'readable_to: "by telephone"'
    assert message.startswith("these words are not in paragraph '1.2' as written")


def test_a_quote_within_the_readable_part_passes(tmp_path):
    assert _errors(_site(tmp_path, "on 999.")) == []


@pytest.mark.parametrize("suffix", ["", "record/"])
def test_every_citation_of_a_half_read_paragraph_says_where_its_text_stops(suffix):
    url = answers.stage("tarnside", 1, agency="police", other_agency="health") + suffix
    response = answers.app_of("tarnside").test_client().get(url)
    page = shown_text(response.get_data(as_text=True))
    assert (
        "“All disagreements should be recorded on the child's file, with” (para 1.3) (its text "
        "after “recorded on the child's file, with” is not available in the copy we have)"
    ) in page
