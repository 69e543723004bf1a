"""The question flow as content: it loads, and every structural mistake is caught with file:line."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from toy import ask, stage, toy
from toy import flow as bundled_flow

from wizard.content import inspect_site
from wizard.content.flowfile import redundancy_warnings
from wizard.core.outcome import redundant_questions

CLI = ROOT / ".venv" / "bin" / "escalation-wizard"
VALID = ROOT / "tests" / "broken" / "valid" / "policy.md"


def test_the_bundled_flow_starts_with_safety_and_asks_eight_questions():
    assert bundled_flow().start == "risk"
    assert set(bundled_flow().nodes) == {
        "risk", "concern", "progress", "variant", "missing", "area", "agency", "other-agency",
    }  # fmt: skip


def site_with_flow(tmp_path: Path, edit: dict[str, tuple[str, str]], extra=None) -> Path:
    """A site with one valid policy and a copy of the bundled flow, edited file by file."""
    site = tmp_path / "site"
    (site / "policies" / "northshire").mkdir(parents=True)
    shutil.copyfile(VALID, site / "policies" / "northshire" / "policy.md")
    shutil.copytree(ROOT / "content" / "flow", site / "content" / "flow")
    for name, (old, new) in edit.items():
        path = site / "content" / "flow" / f"{name}.md"
        text = path.read_text()
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1))
    for name, text in (extra or {}).items():
        (site / "content" / "flow" / f"{name}.md").write_text(text)
    return site


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if text in line)


def errors(site: Path) -> list[str]:
    _, problems = inspect_site(site, today=TODAY)
    return [p.render(site) for p in problems if not p.warning]


def test_a_site_without_its_own_flow_uses_the_bundled_one(tmp_path):
    site = site_with_flow(tmp_path, {})
    shutil.rmtree(site / "content")
    loaded, problems = inspect_site(site, today=TODAY)
    assert [p for p in problems if not p.warning] == []
    assert loaded.flow is not None and loaded.flow.start == "risk"


def test_an_unknown_target_is_named_at_its_line(tmp_path):
    site = site_with_flow(tmp_path, {"risk": ("  - to: concern", "  - to: concer")})
    line = line_of(site / "content/flow/risk.md", "to: concer")
    found = errors(site)
    assert found == [f"content/flow/risk.md:{line}: 'concer' is not a question or outcome"], found


def test_a_question_with_no_way_on_for_some_answers_is_a_dead_end(tmp_path):
    site = site_with_flow(
        tmp_path, {"missing": ("  - to: area", '  - answers: ["yes"]\n    to: area')}
    )
    found = errors(site)
    assert len(found) == 1 and found[0].startswith("content/flow/missing.md:")
    assert "the last branch must lead somewhere for every answer" in found[0]


def test_a_loop_is_rejected(tmp_path):
    site = site_with_flow(tmp_path, {"other-agency": ("  - to: stage", "  - to: progress")})
    line = line_of(site / "content/flow/other-agency.md", "to: progress")
    where = f"content/flow/other-agency.md:{line}"
    assert f"{where}: 'progress' leads back here: a loop" in errors(site)


def test_a_question_nothing_leads_to_is_unreachable(tmp_path):
    extra = (
        (ROOT / "content/flow/other-agency.md")
        .read_text()
        .replace("ask: their-agency-changes-the-page", "ask: always")
    )
    site = site_with_flow(tmp_path, {}, {"spare": extra})
    assert "content/flow/spare.md:1: no answer leads to the question 'spare'" in errors(site)


def test_an_unknown_predicate_lists_the_known_ones(tmp_path):
    site = site_with_flow(
        tmp_path,
        {"other-agency": ("ask: their-agency-changes-the-page", "ask: their-agency-changes")},
    )
    line = line_of(site / "content/flow/other-agency.md", "ask: their-agency-changes")
    [found] = errors(site)
    where = f"content/flow/other-agency.md:{line}"
    assert found.startswith(
        f"{where}: 'their-agency-changes' is not a known condition: use one of "
    )
    assert "their-agency-changes-the-page" in found


def test_an_unknown_list_lists_the_known_ones(tmp_path):
    site = site_with_flow(tmp_path, {"agency": ("from: agencies", "from: agency")})
    line = line_of(site / "content/flow/agency.md", "from: agency")
    [found] = errors(site)
    assert found.startswith(
        f"content/flow/agency.md:{line}: 'agency' is not a known list: "
        "use one of absences, agencies, "
    )


def test_a_field_error_in_a_flow_file_has_its_line(tmp_path):
    site = site_with_flow(tmp_path, {"risk": ("error: Select", "eror: Select")})
    [found] = [e for e in errors(site) if "unknown field" in e]
    assert found.startswith("content/flow/risk.md:") and "'eror'" in found


def test_exactly_one_start(tmp_path):
    site = site_with_flow(tmp_path, {"concern": ("ask: always", "start: true\nask: always")})
    assert errors(site) == [
        "content/flow: exactly one question needs 'start: true' (found: concern, risk)"
    ] or any("exactly one question needs 'start: true'" in e for e in errors(site))


@pytest.mark.slow
def test_check_warns_where_no_answer_to_a_question_changes_the_page(tmp_path):
    site = site_with_flow(
        tmp_path, {"other-agency": ("ask: their-agency-changes-the-page", "ask: always")}
    )
    result = subprocess.run(
        [str(CLI), "check", "--site", str(site)], cwd=site, capture_output=True, text=True,
        check=False, timeout=120,
    )  # fmt: skip
    line = line_of(site / "content/flow/other-agency.md", "ask: always")
    assert result.returncode == 0, result.stderr
    warned = [w for w in result.stderr.splitlines() if "every answer to 'other-agency'" in w]
    assert warned and all(
        w.startswith(
            f"content/flow/other-agency.md:{line}: warning: northshire: after the answers "
        )
        and w.endswith(
            "leads to the same page; ask it only where its answer changes the page "
            "(change its 'ask' condition)"
        )
        for w in warned
    ), result.stderr


def test_redundant_questions_are_found_below_http():
    bundled = bundled_flow()
    always = dataclasses.replace(bundled.nodes["other-agency"], ask="always")
    flow = dataclasses.replace(bundled, nodes={**bundled.nodes, "other-agency": always})
    p = toy(stages=[stage(1), stage(2)])
    found = [s.segments for s in redundant_questions(flow, p)]
    first = ask(p, risk="no", concern="disagreement", progress="nothing-yet")
    assert first.segments in found
    assert list(redundant_questions(bundled_flow(), p)) == []
    assert first.outcome.stage.number == 1


def test_a_redundant_question_warning_says_condition_not_predicate(tmp_path):
    bundled = bundled_flow()
    always = dataclasses.replace(bundled.nodes["other-agency"], ask="always")
    flow = dataclasses.replace(bundled, nodes={**bundled.nodes, "other-agency": always})
    partnerships = {"toy": toy(stages=[stage(1), stage(2)])}

    [first, *_] = redundancy_warnings(flow, partnerships, tmp_path)

    assert first.message.endswith("changes the page (change its 'ask' condition)")
    assert "predicate" not in first.message
