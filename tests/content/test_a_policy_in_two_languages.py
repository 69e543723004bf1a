"""A policy's Welsh text repeats policy.md field for field and paragraph for paragraph.

`check`, run as a publisher runs it, names the file and line where the Welsh text differs:
a citation changed, a paragraph left out, a list shortened; and a Welsh file for a
partnership that does not declare Welsh.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from commands import check
from conftest import BILINGUAL


def site(tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(BILINGUAL, copy)
    return copy


def edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace the first `count` of `old`; return the line of the first change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_welsh_test_partnership_matches_its_english(tmp_path):
    result = check(site(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "policy.cy.md" not in re.sub(r".*warning: .*", "", result.stderr)


def test_a_changed_citation_is_named_at_its_line(tmp_path):
    folder = site(tmp_path)
    welsh = folder / "policies" / "cwm-ffug" / "policy.cy.md"
    line = edit(welsh, 'cite: "2.1"', 'cite: "2.2"')
    result = check(folder)
    assert result.returncode == 1
    assert (
        f"policies/cwm-ffug/policy.cy.md:{line}: 'emergency.cite': policy.md has '2.1' here: "
        "ids, citations and addresses stay the same"
    ) in result.stderr


def test_a_paragraph_left_out_is_named(tmp_path):
    folder = site(tmp_path)
    welsh = folder / "policies" / "cwm-ffug" / "policy.cy.md"
    edit(welsh, "{#1.4} ", "")
    result = check(folder)
    assert result.returncode == 1
    assert "paragraph {#1.4} of policy.md is not in this translation" in result.stderr


def test_a_list_of_another_length_is_named(tmp_path):
    folder = site(tmp_path)
    welsh = folder / "policies" / "cwm-ffug" / "policy.cy.md"
    text = welsh.read_text(encoding="utf-8")
    agencies = re.search(r"\nagencies:\n((?:  - .*\n(?:    .*\n)*)+)", text)
    assert agencies is not None
    last = re.findall(r"  - .*\n(?:    .*\n)*", agencies[1])[-1]
    welsh.write_text(text.replace(last, "", 1), encoding="utf-8")
    result = check(folder)
    assert result.returncode == 1
    assert re.search(
        r"policy\.cy\.md:\d+: 'agencies': policy\.md lists 3 here and this file 2", result.stderr
    )


def test_a_welsh_file_for_a_partnership_that_does_not_declare_welsh_is_refused(tmp_path):
    folder = site(tmp_path)
    afonlas = folder / "policies" / "afonlas"
    edit(afonlas / "policy.md", "  languages: [en, cy]\n", "")
    shutil.copy(afonlas / "policy.md", afonlas / "policy.cy.md")
    result = check(folder)
    assert result.returncode == 1
    assert (
        "policies/afonlas/policy.cy.md:1: this is the policy in 'cy', which the partnership "
        "does not declare"
    ) in result.stderr


def test_languages_must_start_with_english(tmp_path):
    folder = site(tmp_path)
    line = edit(folder / "policies" / "afonlas" / "policy.md", "[en, cy]", "[cy, en]")
    result = check(folder)
    assert result.returncode == 1
    assert re.search(
        rf"policies/afonlas/policy\.md:{line - 1}|{line}: .*languages must start with en",
        result.stderr,
    )
