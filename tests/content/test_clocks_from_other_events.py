"""The policy format's clocks from other events: declared events, a further clock, two starts.

Each case edits the valid policy of tests/broken and runs what an author runs, `check`,
asserting the error (or its absence) at the file and line the author must change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import TESTS

from wizard.content import inspect_site

VALID = TESTS / "broken" / "valid" / "policy.md"
FROM = "stages 1 › timescales 2 › from: "  # the field every message below names first
TODAY = date(2026, 11, 23)
EVENTS = """events:
  - id: raised
    label: "the day the disagreement was raised with the receiving agency"
    cite: "2.1"
  - id: decision
    label: "receipt of a decision by Children's Social Care"
    cite: "2.1"
stages:
"""
FIRST_CLOCK = """        from: disagreement
        starts: "of the disagreement"
        words: "within 2 working days of the disagreement"
        cite: "2.1"
"""


def _clock(name: str, start: str) -> str:
    """A second timescale in stage 1, running from `start` (a YAML value)."""
    return (
        f"      - {name}for: Reply\n"
        "        within: 3 working days\n"
        f"        from: {start}\n"
        '        starts: "of it being raised"\n'
        '        words: "the receiving agency should reply within 3 working days"\n'
        '        cite: "2.1"\n'
    )


def _site(tmp_path: Path, second: str, events: bool = True, first_id: str = "") -> Path:
    text = VALID.read_text(encoding="utf-8")
    if events:
        text = text.replace("stages:\n", EVENTS, 1)
    text = text.replace("      - for: Resolve", f"      - {first_id}for: Resolve", 1)
    text = text.replace(FIRST_CLOCK, FIRST_CLOCK + second, 1)
    folder = tmp_path / "site" / "policies" / "valid"
    folder.mkdir(parents=True)
    (folder / "policy.md").write_text(text, encoding="utf-8")
    return tmp_path / "site"


def _errors(site: Path) -> list[str]:
    _, problems = inspect_site(site, today=TODAY)
    return [f"{p.line}: {p.message}" for p in problems if not p.warning]


def _line(site: Path, text: str) -> int:
    lines = (site / "policies" / "valid" / "policy.md").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("second", "first_id"),
    [
        (_clock("", "raised"), ""),
        (_clock("", "[disagreement, decision]"), ""),
        (_clock("", "first-attempt"), "id: first-attempt\n        "),
        (_clock("id: reply\n        ", "outcome agreed"), ""),
    ],
    ids=["a recorded event", "either of two events", "a further clock", "a clock with an id"],
)
def test_clocks_from_declared_events_and_other_clocks_load_with_no_errors(
    tmp_path, second, first_id
):
    assert _errors(_site(tmp_path, second, first_id=first_id)) == []


def test_an_event_never_declared_is_an_error_at_its_from_line(tmp_path):
    site = _site(tmp_path, _clock("", "meeting"))
    line = _line(site, "from: meeting")
    assert _errors(site) == [
        f"{line}: {FROM}'meeting' is not one of 'disagreement', 'stage start', 'previous "
        "stage', 'outcome agreed', 'not stated', nor the id of an event in 'events' or of a "
        "clock of this stage: declare it under 'events', with the policy's words as its label"
    ]


def test_a_further_clock_must_follow_the_clock_it_runs_from(tmp_path):
    site = _site(tmp_path, _clock("id: reply\n        ", "reply"))
    line = _line(site, "from: reply")
    assert _errors(site) == [
        f"{line}: {FROM}'reply' must be a clock listed before this one in the stage's timescales"
    ]


def test_a_clock_with_three_starts_is_an_error(tmp_path):
    site = _site(tmp_path, _clock("", "[disagreement, decision, raised]"))
    line = _line(site, "from: [disagreement, decision, raised]")
    assert _errors(site) == [
        f"{line}: {FROM}a clock runs from one event, or from the earlier of two: name at most two"
    ]


def test_an_event_declared_twice_is_an_error_at_its_id(tmp_path):
    site = _site(tmp_path, _clock("", "raised"))
    policy = site / "policies" / "valid" / "policy.md"
    policy.write_text(policy.read_text().replace("id: decision", "id: raised"))
    line = [i for i, x in enumerate(policy.read_text().splitlines(), 1) if "id: raised" in x][1]
    assert _errors(site) == [f"{line}: the event 'raised' is already declared: choose another id"]
