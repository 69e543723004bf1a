"""No test or benchmark types an answer path: each names its answers and the flow orders them,
so adding or merging a question changes no test's path (tests/answers.py)."""

from __future__ import annotations

import ast
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import bundled
import pytest
from conftest import ROOT, TESTS

from wizard.content import load_site
from wizard.core.engine import walk

SITES = TESTS / "sites"
# An answer right after the wizard's own folder, or two answers running in a path.
CHECK = re.compile(r"check/([^/?#\s\"'*]+)")
SEGMENT = re.compile(r"[a-z0-9][a-z0-9-]*")
RISK = frozenset({"yes", "no", "not-sure"})


@cache
def answers() -> frozenset[str]:
    """Every answer any question offers, in the bundled site and the test sites."""
    sites = [bundled.site(), *(load_site(s) for s in sorted(SITES.iterdir()) if s.is_dir())]
    return frozenset(
        option.slug
        for site in sites
        for p in site.partnerships.values()
        for state in walk(site.flow, p)
        if state.question
        for option in state.question.options
    )


def typed_in_text(text: str) -> bool:
    """A path with answers in it: `check/no/`, two answers in a row (`tried-1/police/`), or
    a piece of a path made of answers alone (`/tried-2/`)."""
    if any(m[1] in answers() for m in CHECK.finditer(text)):
        return True
    parts = text.split("/")
    if text.startswith("/") and all(part in answers() for part in parts if part):
        return any(parts)
    return any(
        SEGMENT.fullmatch(a) and SEGMENT.fullmatch(b) and {a, b} <= answers()
        for a, b in pairwise(parts)
    )


def typed_in_tuple(node: ast.Tuple) -> bool:
    """Segments typed as a tuple: answers, the first question's first and only once."""
    words = [e.value if isinstance(e, ast.Constant) else None for e in node.elts]
    return (
        len(words) >= 2
        and all(isinstance(w, str) and w in answers() for w in words)
        and words[0] in RISK
        and words[1] not in RISK
    )


def typed_paths(source: str) -> list[int]:
    """The lines of a Python file that type an answer path, as a string or as segments.

    A line that says `# malformed on purpose` is left alone: a test of an address that must
    not fit the flow has to type it.
    """
    lines = source.split("\n")
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
            text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
            if typed_in_text(text):
                found.add(node.lineno)
        elif isinstance(node, ast.Tuple) and typed_in_tuple(node):
            found.add(node.lineno)
    return sorted(n for n in found if "# malformed on purpose" not in lines[n - 1])


def python_files() -> list[Path]:
    return sorted((*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")))


def test_no_test_or_benchmark_types_an_answer_path():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files()
        if path.name != Path(__file__).name
        for line in typed_paths(path.read_text())
    ]
    assert found == []


@pytest.mark.parametrize(
    "planted",
    [
        'STAGE = "/islington/check/no/disagreement/tried-1/ordinary/police/health/yes/"',
        'page.goto(static_site + "brent/check/yes/")',
        'CHECK = "/fenmouth/check/no/disagreement"',
        'page.wait_for_url("**/tried-2/ordinary/police/health/yes/")',
        'path = f"{CHECK}/nothing-yet/education/health/"',
        'resolve(flow, p, ("no", "disagreement", "tried-1"))',
        'START = ("no", "disagreement")',
        'request = b"POST /islington/check/no/disagreement/ HTTP/1.1"',
        'UNREADABLE = f"{CHECK}/tried-2/"',
    ],
)
def test_the_check_finds_a_planted_typed_path(planted):
    assert typed_paths(planted) == [1]


@pytest.mark.parametrize(
    "fine",
    [
        'page = path("islington", risk="no", concern="disagreement") + "record/"',
        'client.get("/islington/check/")',
        'client.get("/islington/check/?answer=")',
        'client.get("/islington/check/maybe/")',
        'client.get("/islington/roles/police/")',
        'resolve(flow, p, ("maybe",))',
        'assert [o.slug for o in question.options] == ["yes", "no", "not-sure"]',
        'text = "Yes or no: either will do"',
        'skipped = answers.path("islington", risk="no", concern="disagreement") + "police/"',
        'client.get("/islington/check/no//disagreement/")  # malformed on purpose',
    ],
)
def test_the_check_lets_through_what_is_not_a_typed_path(fine):
    assert typed_paths(fine) == []
