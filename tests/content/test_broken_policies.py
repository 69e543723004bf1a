"""A corpus of broken policy files, each rejected with the message and line an author needs.

Every case in tests/broken/<case>/policy.md is a copy of tests/broken/valid/policy.md with
one thing wrong; a case whose name starts 'map-' has the valid policy.md and a copy of the
valid paragraphs.md (its paragraph map) with one thing wrong. Each is checked twice:
in-process through `inspect_site`, and through the real `escalation-wizard check` command,
which is what an author runs.

Where the loader is wrong today, the test still states the right behaviour and is marked
`xfail(strict=True)` with the reason, so it starts failing loudly once the loader is fixed.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
from commands import check, run
from conftest import TESTS

from wizard.content import inspect_site
from wizard.content.problems import Problem
from wizard.core.policy import Condition

CORPUS = TESTS / "broken"
VALID = "valid"
TODAY = date(2026, 11, 23)
MAP_FILE = "paragraphs.md"


class Case(NamedTuple):
    """What an author must see for one broken file."""

    line: int  # the line the error is reported at
    text: str  # a substring of the error's message
    also: tuple[tuple[int, str], ...] = ()  # every other error the author sees, (line, text)
    folder: bool = False  # the error names the policy folder, not its policy.md
    bug: str | None = None  # why the loader gets this case wrong today
    noise: str | None = None  # why the loader reports more errors than `also` lists
    file: str = "policy.md"  # the file the error is reported in


# Line numbers refer to the case's own policy.md. The valid file's stage 1 is at line 53,
# stage 2 at line 75, stage 3 at line 90; its front matter closes at line 103.
CASES: dict[str, Case] = {
    # --- the file itself
    "empty-file": Case(1, "the file is empty; it needs front matter between '---' lines"),
    "not-utf8": Case(
        11, "the file is not UTF-8 text (byte 0xe9); save it with UTF-8 encoding in your editor"
    ),
    "no-opening-fence": Case(
        1, "the file must start with a line '---' that opens the front matter"
    ),
    "front-matter-not-closed": Case(
        1,
        "the front matter opened here is never closed: add a line '---' after its last field",
    ),
    "North_Somerset": Case(
        1,
        "a policy folder's name is its web address: use lower-case letters, digits and "
        "hyphens, such as 'north-somerset'",
        folder=True,
    ),
    # --- YAML
    "yaml-bad-indentation": Case(
        7,
        "the front matter cannot be read: this line is probably indented wrongly. It starts "
        "with 3 spaces, which does not line up with the fields above it (they start with 2 "
        "or 0 spaces)",
    ),
    "tab-in-front-matter": Case(
        22,
        "the front matter cannot be read: there is a tab character at column 3 of this line. "
        "The front matter must be indented with spaces, never tabs: replace the tab with "
        "spaces",
    ),
    "duplicate-yaml-key": Case(
        77,
        "the field 'title' appears twice in this group, on lines 76 and 77: one of them is "
        "probably indented wrongly, so it has joined the wrong group. Line each field up with "
        "the group it belongs to, or delete the one you do not need",
    ),
    "misindented-key": Case(
        80,
        "the field 'cite' appears twice in this group, on lines 77 and 80: one of them is "
        "probably indented wrongly, so it has joined the wrong group. If line 80 belongs to "
        "'who' above it, indent it to line up with 'says' on line 79 (indented by 6 spaces)",
        also=((78, "stages 2 › who: the field 'cite' is missing"),),
    ),
    "yaml-recursive-alias": Case(
        34,
        "YAML anchors and aliases (&name, *name) are not supported here",
    ),
    # --- types and required fields
    "text-instead-of-list": Case(
        64,
        "do: expected a list here (lines starting '- '), "
        "got 'Talk to the other practitioner and try to agree.'",
    ),
    "stage-number-word": Case(75, "number: expected a whole number here, got 'two'"),
    "stage-number-zero": Case(
        53,
        "1 to 20",
    ),
    "missing-required-field": Case(5, "partnership: the field 'short_name' is missing"),
    "missing-cite": Case(
        65,
        "the field 'cite' is missing; every fact needs a citation to its paragraph",
    ),
    "unknown-field": Case(
        11,
        "titel: unknown field 'titel'; did you mean 'title'? "
        "(allowed here: review, review_due, source, superseded_by, title, url, version)",
        also=((10, "document: the field 'title' is missing"),),
    ),
    # --- citations and anchors
    "cite-unknown-anchor": Case(
        83,
        "the citation '2.22' is not a paragraph in the policy text: no paragraph there is "
        "labelled {#2.22}. Check the paragraph's number in the source document and correct "
        "the citation; label a paragraph {#2.22} only if the source itself numbers it '2.22'. "
        "Labels in the policy text that start '2.': '2.1' (line 117), '2.2' (line 121), "
        "'2.3' (line 125).",
    ),
    "cite-unknown-anchor-no-hint": Case(
        83,
        "the citation '9.9' is not a paragraph in the policy text: no paragraph there is "
        "labelled {#9.9}. Check the paragraph's number in the source document and correct the "
        "citation; label a paragraph {#9.9} only if the source itself numbers it '9.9'. "
        "Labels in the policy text: '1.1' (line 109), '1.2' (line 111), 'Stage 1' (line 115), "
        "'2.1' (line 117), 'Stage 2' (line 119), '2.2' (line 121), 'Stage 3' (line 123), "
        "'2.3' (line 125) and 4 more.",
    ),
    "cite-missing-paragraph": Case(
        60,
        "the citation '3.2' is not a paragraph in the policy text: no paragraph there is "
        "labelled {#3.2}. Check the paragraph's number in the source document",
    ),
    "cite-label-case": Case(
        77,
        "the citation 'stage 2' does not match the paragraph anchor {#Stage 2} on line 119 "
        'exactly: write cite: "Stage 2"',
    ),
    "duplicate-anchor": Case(
        111,
        "the paragraph anchor '{#1.1}' repeats '{#1.1}' from line 109: "
        "give each paragraph a different label",
    ),
    "empty-body": Case(
        104,
        "the procedure text after the front matter is empty: paste the policy's text there",
        also=tuple(
            (line, "is not a paragraph in the policy text")
            for line in (28, 33, 40, 45, 55, 58, 60, 66, 73, 77, 80, 83, 88, 92, 95, 98, 102)
        ),
    ),
    "form-feed-in-body": Case(
        111,
        "the paragraph anchor '{#1.1}' repeats '{#1.1}' from line 109",
    ),
    "form-feed-in-front-matter": Case(
        75,
        "number: expected a whole number here, got 'two'",
    ),
    # --- cross-checks
    "unknown-agency": Case(62, "unknown agency 'polise'; did you mean 'police'?"),
    "unknown-form": Case(
        100,
        "unknown form 'escalation-from'; did you mean 'escalation-form'?",
    ),
    "duplicate-stage-number": Case(
        90,
        "duplicate stage 2: two stages may share a number only when each is a 'variant'",
        also=((75, "stage 2 has variants: the first needs a 'variant' with a 'question'"),),
    ),
    "stages-out-of-order": Case(
        75,
        "stage 3 is out of order: expected stage 2 here (list stages in order, starting at 1)",
        also=((90, "stage 2 is out of order"),),
    ),
    # --- timescales
    "timescale-unparseable": Case(
        69,
        "within: the timescale 'two working days' does not parse: write a number in digits "
        "and a unit, such as '2 working days'",
    ),
    "timescale-unknown-unit": Case(
        69, "within: the timescale '2 fortnights' does not parse: write a number in digits"
    ),
    "timescale-unknown-clock": Case(
        70,
        "from: 'disagreemnt' is not one of 'disagreement', 'stage start', 'previous stage', "
        "'outcome agreed', 'not stated', nor the id of an event in 'events' or of a clock of "
        "this stage; did you mean 'disagreement'?",
    ),
    "timescale-clock-opposite": Case(
        70,
        "from: 'after no agreement' is not one of 'disagreement', 'stage start', "
        "'previous stage', 'outcome agreed', 'not stated'",
    ),
    # --- single fields
    "bad-colour": Case(
        18,
        "colour: '#005ez5' is not a colour: write it as # and six hex digits, such as '#1d70b8'",
    ),
    "colour-unquoted": Case(
        18,
        "quotes",
    ),
    "bad-review-due": Case(
        14, "review_due: '2099-13' is not a year and month: write it as YYYY-MM, e.g. 2017-12"
    ),
    "stated-no-with-says": Case(
        34, "complaint: 'stated: no' means the policy says nothing: remove 'says'/'contacts'"
    ),
    # --- the paragraph map (paragraphs.md)
    "map-paragraph-dropped": Case(
        135,
        "paragraph '{#4.1}' is not in the paragraph map (paragraphs.md): attach it to the "
        "outcomes it applies to, or mark it 'procedure_only' with a reason",
    ),
    "map-unknown-keys": Case(
        15,
        "stage: '9' is not one of all, 1, 2, 3",
        also=(
            (22, "agency: 'helth' is not one of police, health; did you mean 'health'?"),
            (32, "route: 'condct' is not one of emergency, conduct, complaint"),
        ),
        file=MAP_FILE,
    ),
    "map-unknown-dimension": Case(
        36,
        "paragraphs 11 › applies 1 › tier: unknown field 'tier' "
        "(allowed here: agency, child, route, stage)",
        file=MAP_FILE,
    ),
}


def _xfail(reason: str | None) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def _params(kind: str) -> list:
    params = []
    for name, case in CASES.items():
        reason = case.bug if kind == "report" else (case.bug or case.noise)
        params.append(pytest.param(name, case, id=name, marks=_xfail(reason)))
    return params


def _site(tmp_path: Path, *names: str) -> Path:
    """A site folder holding policies/<name>/policy.md for each corpus case named."""
    site = tmp_path / "site"
    for name in names:
        (site / "policies" / name).mkdir(parents=True)
        shutil.copyfile(CORPUS / name / "policy.md", site / "policies" / name / "policy.md")
        if (CORPUS / name / MAP_FILE).is_file():
            shutil.copyfile(CORPUS / name / MAP_FILE, site / "policies" / name / MAP_FILE)
    return site


def _relative(name: str, case: Case) -> str:
    return f"policies/{name}" if case.folder else f"policies/{name}/{case.file}"


def _errors(site: Path) -> list[Problem]:
    _, problems = inspect_site(site, today=TODAY)
    return [p for p in problems if not p.warning]


def _check(site: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command an author runs, from inside the site folder."""
    return check(site)


def _error_line(stderr: str, path: str, line: int, text: str) -> str | None:
    """The stderr line reporting `text` as an error at path:line, if there is one."""
    prefix = f"{path}:{line}: "
    return next(
        (
            out
            for out in stderr.splitlines()
            if out.startswith(prefix)
            and not out.removeprefix(prefix).startswith("warning: ")
            and text in out.removeprefix(prefix)
        ),
        None,
    )


# --- the corpus itself


def test_every_case_folder_has_an_expectation():
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith(".")}
    assert folders == {*CASES, VALID}
    assert len(CASES) >= 18


@pytest.mark.parametrize("name", list(CASES))
def test_each_case_is_an_edited_copy_of_the_valid_policy(name):
    same = (CORPUS / name / "policy.md").read_bytes() == (CORPUS / VALID / "policy.md").read_bytes()
    # A folder case is broken by its folder's name alone; a map case by its paragraphs.md.
    assert same is (CASES[name].folder or name.startswith("map-"))
    if name.startswith("map-"):
        edited = (CORPUS / name / MAP_FILE).read_text()
        assert edited != (CORPUS / VALID / MAP_FILE).read_text()


def test_the_not_utf8_case_has_a_latin1_byte_on_line_11():
    raw = (CORPUS / "not-utf8" / "policy.md").read_bytes()
    assert b"\xe9" in raw.splitlines()[10]
    assert raw.count(b"\xe9") == 1
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


# --- the valid policy


# Completeness warnings, not errors: the corpus's policy names people without contact details.
NO_CONTACT = "no contact: "


def _not_contact(problems):
    return [p for p in problems if not p.message.startswith(NO_CONTACT)]


def test_valid_policy_loads_with_no_errors_or_warnings(tmp_path):
    site, problems = inspect_site(_site(tmp_path, VALID), today=TODAY)

    assert _not_contact(problems) == []
    policy = site.partnerships[VALID]
    assert policy.partnership.name == "Example Safeguarding Children Partnership"
    assert [a.id for a in policy.agencies] == ["police", "health"]
    assert [s.number for s in policy.stages] == [1, 2, 3]
    assert str(policy.stages[0].timescales[0].within[0]) == "2 working days"
    assert policy.stages[1].notify[0].when is Condition.CP_OR_LOOKED_AFTER
    assert [f.id for f in policy.forms] == ["escalation-form"]
    assert policy.stages[2].forms[0].form == "escalation-form"
    assert not policy.exits.complaint.stated
    assert site.procedures[VALID].anchors["2.1"] == 117


@pytest.mark.slow
def test_valid_policy_passes_check_with_exit_0(tmp_path):
    result = _check(_site(tmp_path, VALID))

    assert result.returncode == 0
    assert result.stdout == "1 partnership(s), 0 page(s): 0 error(s), 4 warning(s)\n"
    assert result.stderr.count(": warning: no contact: ") == 4


def test_everyone_named_without_a_way_to_reach_them_is_listed(tmp_path):
    _, problems = inspect_site(_site(tmp_path, VALID), today=TODAY)

    found = [(p.line, p.message[:60]) for p in problems if p.message.startswith(NO_CONTACT)]
    assert found == [
        (26, "no contact: the emergency route names someone to go to, but "),
        (31, "no contact: the conduct route names someone to go to, but th"),
        (38, "no contact: the policy route names someone to go to, but the"),
        (85, "no contact: 'The Child Protection Chair' (Stage 2: Line mana"),
    ]
    assert all(p.warning for p in problems)


# --- each broken case


@pytest.mark.parametrize(("name", "case"), _params("report"))
def test_inspect_site_reports_the_error_at_its_line(tmp_path, name, case):
    site = _site(tmp_path, name).resolve()

    loaded, problems = inspect_site(site, today=TODAY)

    errors = [p for p in problems if not p.warning]
    found = [(p.path, p.line) for p in errors if case.text in p.message]
    assert found == [(site / _relative(name, case), case.line)], "\n".join(
        p.render(site) for p in errors
    )
    if name.startswith("map-"):  # the policy is valid; its map is not loaded
        assert loaded.maps == {}
    else:
        assert loaded.partnerships == {}


@pytest.mark.slow
@pytest.mark.parametrize(("name", "case"), _params("report"))
def test_check_command_reports_the_error_at_its_line(tmp_path, name, case):
    result = _check(_site(tmp_path, name))

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stderr
    assert _error_line(result.stderr, _relative(name, case), case.line, case.text), result.stderr
    loaded = 1 if name.startswith("map-") else 0  # a map's errors leave its policy valid
    assert result.stdout.startswith(f"content is not valid: {loaded} partnership(s)")


@pytest.mark.parametrize(("name", "case"), _params("exact"))
def test_inspect_site_reports_exactly_these_errors(tmp_path, name, case):
    _, problems = inspect_site(_site(tmp_path, name), today=TODAY)
    expected = sorted([(case.line, case.text), *case.also])

    problems = _not_contact(problems)
    assert [p for p in problems if p.warning] == []
    got = [(p.line, p.message) for p in problems]
    assert len(got) == len(expected), got
    for (line, message), (want_line, want_text) in zip(got, expected, strict=True):
        assert line == want_line, got
        assert want_text in message, got


# --- several files at once


@pytest.mark.slow
def test_check_reports_every_error_from_every_broken_policy(tmp_path):
    names = ("unknown-field", "stages-out-of-order")
    result = _check(_site(tmp_path, *names))

    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in names:
        case = CASES[name]
        for line, text in [(case.line, case.text), *case.also]:
            assert _error_line(result.stderr, _relative(name, case), line, text), result.stderr
    assert len([e for e in result.stderr.splitlines() if "warning: no contact: " not in e]) == 4
    assert result.stdout == (
        "content is not valid: 0 partnership(s), 0 page(s): 4 error(s), 4 warning(s)\n"
    )


def test_a_broken_policy_does_not_hide_a_valid_one(tmp_path):
    site = _site(tmp_path, VALID, "unknown-agency")

    loaded, problems = inspect_site(site, today=TODAY)

    assert list(loaded.partnerships) == [VALID]
    found = [(p.path.parent.name, p.line) for p in _not_contact(problems)]
    assert found == [("unknown-agency", 62)]


# --- what a message suggests


def test_no_suggestion_means_the_opposite_of_what_was_written(tmp_path):
    [error] = _errors(_site(tmp_path, "timescale-clock-opposite"))

    # 'disagreement' is close in letters to 'after no agreement', and opposite in meaning.
    assert "did you mean" not in error.message
    assert "disagreement" in error.message  # listed among the allowed values instead


def test_a_missing_paragraph_is_never_swapped_for_another(tmp_path):
    [error] = _errors(_site(tmp_path, "cite-missing-paragraph"))

    # 3.1 is one keystroke away and a different paragraph: listed as a label, never offered.
    assert "did you mean" not in error.message
    assert "Mark the paragraph" not in error.message
    assert "Labels in the policy text that start '3.': '3.1' (line 127)." in error.message


def test_a_citation_with_no_labels_to_list_says_so(tmp_path):
    errors = _errors(_site(tmp_path, "empty-body"))

    cited = [e for e in errors if "is not a paragraph in the policy text" in e.message]
    assert cited and all(
        e.message.endswith("The policy text has no paragraph labels yet.") for e in cited
    )


# --- how messages name a field


def test_field_paths_read_as_documented(tmp_path):
    [error] = _errors(_site(tmp_path, "timescale-unknown-clock"))

    assert error.message.startswith("stages 1 › timescales 1 › from: ")


@pytest.mark.slow
def test_check_names_files_relative_to_the_folder_it_runs_in(tmp_path):
    _site(tmp_path, "bad-colour")

    result = run("check", "--site", "site", cwd=tmp_path, timeout=120)

    assert result.returncode == 1
    assert result.stderr.startswith("site/policies/bad-colour/policy.md:18: branding › colour: ")


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["assets", "holidays", "pages", "healthz"])
def test_a_folder_named_like_one_of_the_apps_own_addresses_is_rejected(tmp_path, folder):
    site = tmp_path / "site"
    (site / "policies" / folder).mkdir(parents=True)
    shutil.copyfile(CORPUS / "valid" / "policy.md", site / "policies" / folder / "policy.md")
    result = _check(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    expected = f"policies/{folder}:1: '{folder}' is used by the site itself"
    assert expected in result.stderr, result.stderr
