"""A language is published only when it is whole, and said to be a draft until it is reviewed.

`check` lists what each declared language is missing and what a translator has not reviewed;
`freeze` refuses a language with anything missing, and builds one with unreviewed text only
with --draft-translations, its pages then saying so. Each case runs on the bilingual test site
with its own copy of the Welsh catalogue.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import BILINGUAL, ROOT, TODAY

from wizard import cli
from wizard.publish.freeze import BuildError, build
from wizard.web.text import catalogue

WELSH_PO = ROOT / "locale" / "cy" / "LC_MESSAGES" / "messages.po"
ONE = "Continue"  # the entry each case changes


def site_with_reviewed_pages(tmp_path: Path) -> Path:
    """The bilingual site with its own glossary, English and Welsh, the Welsh reviewed."""
    site = tmp_path / "site"
    shutil.copytree(BILINGUAL, site)
    for lang in ("", "cy/"):
        source = ROOT / "content" / lang / "glossary"
        shutil.copytree(source, site / "content" / lang / "glossary")
    for path in (site / "content" / "cy" / "glossary").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("translation: draft", "translation: reviewed"), "utf-8")
    return site


@pytest.fixture
def welsh_catalogue(tmp_path, monkeypatch):
    """Write a Welsh catalogue: every entry reviewed, then `change` applied to it."""

    def write(change=lambda catalog: None) -> None:
        with WELSH_PO.open("rb") as po:
            catalog = read_po(po, locale="cy")
        for message in catalog:
            if message.id:
                message.flags.discard("fuzzy")
        change(catalog)
        target = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as po:
            write_po(po, catalog)
        monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path / "locale")
        catalogue.translations.cache_clear()

    yield write
    catalogue.translations.cache_clear()


def missing(catalog) -> None:
    catalog[ONE].string = ""


def unreviewed(catalog) -> None:
    catalog[ONE].flags.add("fuzzy")


def broken(catalog) -> None:
    catalog[ONE].string = "Parhau %(stage)s"


def checked(site: Path, capsys) -> tuple[int, str]:
    status = cli.main(["check", "--site", str(site)])
    out = capsys.readouterr()
    return status, out.out + out.err


def test_check_lists_a_missing_entry(tmp_path, welsh_catalogue, capsys):
    welsh_catalogue(missing)
    status, said = checked(site_with_reviewed_pages(tmp_path), capsys)
    assert status == 0  # the site still serves: the missing sentence is said in English
    assert "cy: missing: catalogue: Continue" in said
    assert "cy: 1 missing, 0 unreviewed" in said


def test_check_lists_an_unreviewed_entry_and_draft_pages(tmp_path, welsh_catalogue, capsys):
    welsh_catalogue(unreviewed)
    status, said = checked(site_with_reviewed_pages(tmp_path), capsys)
    assert status == 0
    assert "cy: unreviewed: catalogue: Continue" in said
    assert "cy: 0 missing, 1 unreviewed" in said
    status, said = checked(BILINGUAL, capsys)  # the bundled Welsh pages are drafts
    assert "cy: unreviewed: file: content/cy/glossary/iro.md" in said


def test_check_refuses_a_translation_whose_placeholders_are_not_its_sentences(
    tmp_path, welsh_catalogue, capsys
):
    welsh_catalogue(broken)
    status, said = checked(site_with_reviewed_pages(tmp_path), capsys)
    assert status == 1
    assert "cy: broken: catalogue: Continue" in said


@pytest.mark.slow  # builds
def test_freeze_refuses_a_language_with_a_missing_entry(tmp_path, welsh_catalogue):
    welsh_catalogue(missing)
    site, out = site_with_reviewed_pages(tmp_path), tmp_path / "out"
    with pytest.raises(BuildError, match=r"'cy' translation is not complete: 1 missing"):
        build(site, out, today=TODAY, jobs=1, draft_translations=True)
    assert not out.exists()


@pytest.mark.slow  # builds
def test_freeze_needs_a_flag_for_unreviewed_text_and_then_says_it_is_a_draft(
    tmp_path, welsh_catalogue
):
    welsh_catalogue(unreviewed)
    site, out = site_with_reviewed_pages(tmp_path), tmp_path / "out"
    with pytest.raises(BuildError, match="--draft-translations"):
        build(site, out, today=TODAY, jobs=1)
    assert not out.exists()
    build(site, out, today=TODAY, jobs=1, draft_translations=True)
    assert "Cyfieithiad heb ei adolygu eto" in (out / "cy" / "cwm-ffug" / "index.html").read_text()
    assert "Drafft" not in (out / "cwm-ffug" / "index.html").read_text()


@pytest.mark.slow  # builds
def test_freeze_publishes_a_reviewed_language_without_a_flag(tmp_path, welsh_catalogue):
    welsh_catalogue()
    site, out = site_with_reviewed_pages(tmp_path), tmp_path / "out"
    build(site, out, today=TODAY, jobs=1)
    welsh_start = (out / "cy" / "cwm-ffug" / "index.html").read_text()
    assert '<html lang="cy"' in welsh_start and "Drafft" not in welsh_start
    assert (out / "cy" / "afonlas" / "procedure" / "index.html").is_file()
