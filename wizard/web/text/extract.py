"""Extract the tool's own sentences into locale/messages.pot; bring each language's file up to date.

Run by `make catalogue`; a test runs `extract` into a temporary file and fails when the
committed template differs, so a sentence added anywhere is never missing from it.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from wizard.web.text.catalogue import DOMAIN, LOCALE_DIR

ROOT = LOCALE_DIR.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# No locations and no header: the file changes only when a sentence does.
STABLE = ["--no-location", "--omit-header"]


def extract(out: Path = TEMPLATE) -> None:
    """Every catalogue sentence in Python, the templates and the scripts, sorted, into `out`."""
    _pybabel(
        "extract", "-F", str(ROOT / "babel.cfg"), "-k", "lazy_gettext", "--sort-output",
        "-c", "Translators:", *STABLE, "-o", str(out), str(ROOT),
    )  # fmt: skip


def languages() -> list[str]:
    """The languages with a translations file."""
    return sorted(p.parents[1].name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    """Each language's file: new sentences empty, changed ones marked fuzzy for review."""
    for lang in languages():
        _pybabel(
            "update", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR), "-l", lang, "-D", DOMAIN,
            "--ignore-obsolete", *STABLE,
        )  # fmt: skip


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


if __name__ == "__main__":
    extract()
    update()
