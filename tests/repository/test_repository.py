"""The repository reads right to its users: no machine's folders or notes to contributors in it,
and the decisions numbered without gaps, each in the index."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

DECISIONS = ROOT / "docs" / "decisions"

# Absolute folders of a developer's or a build machine's own: home, scratch and work folders.
# The patterns and the planted examples below are written so that this file does not itself
# hold what it looks for (a whole-repository search for leaks then finds nothing here either).
FOLDERS = (r"home/\w", r"Users/\w", "root/", "tmp/", "var/tmp/", "work/", "scratch/", r"mnt/\w")
MACHINE_PATH = re.compile(r"(?<![\w.~-])(/" + "|/".join(FOLDERS) + r"|[A-Z]:\\Users\\)")
# A home folder's own path, and a folder kept beside the repository on a developer's machine.
OUTSIDE = re.compile(r"(?<![\w.])(~" + r"/\w|\.\." + "/shared/)")
# Words that only a note addressed to the people building the tool would use.
CONTRIBUTOR_NOTE = re.compile(
    r"note\s+for the engineer|from\s+the lead engineer|do\s+not commit this"
    r"|working rules for this|your worktree|before any commit",
    re.IGNORECASE,
)
# Where notes to contributors belong; none of the bundled files needs one yet.
CONTRIBUTOR_DOCS = frozenset({"CONTRIBUTING.md"})
BINARY = frozenset({".png", ".ico", ".woff", ".woff2", ".pdf", ".docx", ".gz"})
# The lock file records where npm fetched each package; this file holds the patterns.
SKIP = frozenset({"package-lock.json", "tests/repository/test_repository.py"})


def tracked() -> list[str]:
    """Every tracked file, by git where there is a repository, else every file under ROOT."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
        ).stdout
        return [name for name in out.split("\0") if name]
    except (OSError, subprocess.CalledProcessError):
        ignored = {".git", ".venv", "node_modules", "static/dist", "site"}
        return [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*")
            if p.is_file() and not any(str(p.relative_to(ROOT)).startswith(i) for i in ignored)
        ]


def leaks(name: str, text: str) -> list[str]:
    """Lines of a file that name a machine's folders or speak to contributors."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if MACHINE_PATH.search(line) or OUTSIDE.search(line):
            found.append(f"{name}:{number}: a machine's folder: {line.strip()[:80]}")
        if name not in CONTRIBUTOR_DOCS and CONTRIBUTOR_NOTE.search(line):
            found.append(f"{name}:{number}: a note to contributors: {line.strip()[:80]}")
    return found


def test_no_tracked_file_names_a_machines_folders_or_speaks_to_contributors():
    found = []
    for name in tracked():
        path = ROOT / name
        if name in SKIP or path.suffix in BINARY or not path.is_file():
            continue
        found += leaks(name, path.read_text(errors="replace"))
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        "<!-- NOTE FOR" + " THE ENGINEER WORKING IN THIS CHECKOUT (do not" + " commit this) -->",
        "Read `/" + "work/shared/DESIGN.md` before you change code.",
        "Setup: see /" + "tmp/setup-branch.log",
        "cd /home/alice/escalation-wizard && make test",
        r"C:\Users\bob\wizard",
        "The sources are in .." + "/shared/seeds/, one file each.",
        "Clone it into ~" + "/projects/escalation-wizard first.",
    ],
)
def test_the_check_finds_a_planted_example(line):
    assert leaks("README.md", f"# Escalation wizard\n\n{line}\n")


def test_ordinary_paths_and_words_pass():
    text = "Serve `/islington/check/` and `/assets/`; run `make test`; see docs/authoring.md."
    assert leaks("README.md", text) == []


def decision_files() -> list[Path]:
    return sorted(DECISIONS.glob("[0-9][0-9][0-9][0-9]-*.md"))


def test_decisions_are_numbered_from_1_without_gaps_or_doubles():
    numbers = [int(p.name[:4]) for p in decision_files()]
    assert numbers == list(range(1, len(numbers) + 1))
    for path in decision_files():
        heading = path.read_text().splitlines()[0]
        assert heading.startswith(f"# {int(path.name[:4])}. "), path.name


def test_every_decision_is_in_the_index():
    index = (DECISIONS / "README.md").read_text()
    for path in decision_files():
        assert f"]({path.name})" in index, path.name
