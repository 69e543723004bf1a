"""Extract the tool's own sentences into locale/messages.pot; bring each language's file up to date.

Run by `make catalogue`; a test runs `extract` into a temporary file and fails when the
committed template differs, so a sentence added anywhere is never missing from it.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from wizard.web.text.catalogue import DOMAIN, LOCALE_DIR
from wizard.web.text.languages import ONLY_A_FIELD

ROOT = LOCALE_DIR.parent
FLOW = ROOT / "content" / "flow"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# No locations and no header: the file changes only when a sentence does.
STABLE = ["--no-location", "--omit-header"]
# Folders never searched: pybabel's own (hidden ones), and npm's packages, fifteen thousand
# files that babel.cfg's patterns would each be matched against for nothing.
SKIPPED = ".* ._ node_modules __pycache__"


def extract(out: Path = TEMPLATE) -> None:
    """Every catalogue sentence in Python, the templates, the scripts and the questions."""
    _pybabel(
        "extract", "-F", str(ROOT / "babel.cfg"), "-k", "lazy_gettext", "--sort-output",
        "-c", "Translators:", "--ignore-dirs", SKIPPED, *STABLE, "-o", str(out), str(ROOT),
    )  # fmt: skip
    with out.open("rb") as pot:
        catalog = read_po(pot)
    for sentence in flow_sentences(FLOW):
        catalog.add(sentence)
    with out.open("wb") as pot:
        write_po(pot, catalog, sort_output=True, omit_header=True, no_location=True)


def flow_sentences(folder: Path) -> list[str]:
    """Each question's words in the flow's files: question, hint, error, option label and hint.

    A value that is only a field filled from the policy ("{label}") is the policy's words.
    """
    found: list[str] = []
    for path in sorted(folder.glob("*.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1]) or {}
        options = data.get("options", [])
        found += [data.get(key) for key in ("question", "hint", "error")]
        found += [option.get(key) for option in options for key in ("label", "hint")]
    return list(dict.fromkeys(s for s in found if s and not ONLY_A_FIELD.fullmatch(s)))


def languages() -> list[str]:
    """The languages with a translations file."""
    return sorted(p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    """Each language's file: new sentences empty, changed ones marked fuzzy for review."""
    with TEMPLATE.open("rb") as pot:
        template = read_po(pot)
    for lang in languages():
        path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as po:
            catalog = read_po(po, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)  # a guess could break placeholders
        with path.open("wb") as po:
            write_po(po, catalog, sort_output=True, no_location=True, ignore_obsolete=True)


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


if __name__ == "__main__":
    extract()
    update()
