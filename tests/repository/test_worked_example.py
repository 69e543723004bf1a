"""The worked example of a partly readable policy is the event-clocks test partnership, whole."""

from __future__ import annotations

import re

from conftest import EVENT_CLOCKS, ROOT, TODAY

from wizard.content import inspect_site

DOC = ROOT / "docs" / "worked-example-partly-readable.md"
FOLDER = EVENT_CLOCKS / "policies" / "tarnside"


def _blocks() -> list[str]:
    return re.findall(r"^````markdown\n(.*?)\n````$", DOC.read_text(encoding="utf-8"), re.M | re.S)


def test_the_example_shows_each_file_exactly_as_the_tests_use_it():
    files = [FOLDER / "policy.md", FOLDER / "paragraphs.md"]
    assert _blocks() == [f.read_text(encoding="utf-8").rstrip() for f in files]


def test_the_example_passes_check_with_no_error():
    site, problems = inspect_site(EVENT_CLOCKS, today=TODAY)
    assert "tarnside" in site.partnerships
    assert [p.message for p in problems if not p.warning] == []
