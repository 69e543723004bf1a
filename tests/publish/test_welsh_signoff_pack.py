"""The sign-off pack in Welsh: the Welsh pages a board approves, its sentences in both tongues."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from commands import run
from conftest import BILINGUAL
from welsh import english_words, read_as

ADDRESS = re.compile(r"\S*://\S*")


def signoff(out: Path, *args: str) -> subprocess.CompletedProcess:
    return run("signoff", "--site", str(BILINGUAL), "--out", str(out), *args)


def pack_in_welsh(tmp_path: Path, slug: str) -> str:
    out = tmp_path / "pack.html"
    result = signoff(out, "--partnership", slug, "--language", "cy")
    assert result.returncode == 0, result.stderr
    pack = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in pack
    assert not re.search("[\ue000-\ue005]", pack)
    # Each sentence in Welsh, with the English it translates beside it, marked English.
    assert '<td>Yn cyfrif o<br><span lang="en">Counted from</span></td>' in pack
    return pack


@pytest.mark.slow
def test_the_welsh_pack_of_a_policy_given_in_welsh_is_welsh_throughout(tmp_path):
    pack = pack_in_welsh(tmp_path, "cwm-ffug")
    assert "Mynd i Cam 1: Ymarferydd i ymarferydd" in pack
    # A sentence is shown as the catalogue holds it: its placeholders and markup unfilled.
    said = re.sub(r"%\(\w+\)s|<[^>]*>", " ", ADDRESS.sub(" ", read_as(pack)["cy"]))
    assert english_words(said) == []


@pytest.mark.slow
def test_the_welsh_pack_of_an_english_only_policy_marks_its_text_english(tmp_path):
    pack = pack_in_welsh(tmp_path, "afonlas")
    assert '<div class="procedure" lang="en">' in pack


@pytest.mark.slow
def test_a_pack_in_a_language_the_partnership_does_not_declare_is_refused(tmp_path):
    result = signoff(tmp_path / "pack.html", "--partnership", "cwm-ffug", "--language", "fr")
    assert result.returncode == 1
    assert "signoff: cwm-ffug is published in en, cy, not 'fr'" in result.stderr
