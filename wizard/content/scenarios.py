"""Load practice scenarios (policies/<slug>/scenarios/*.md) and check them through the engine."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field

from wizard.content.frontmatter import Document
from wizard.content.messages import describe
from wizard.content.problems import Problem
from wizard.core.flow import Flow, OutcomeKind
from wizard.core.policy import Cite, Model, Partnership, Slug, Text
from wizard.core.practice import Expect, Scenario, mismatches

FOLDER = "scenarios"
NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class ExpectMeta(Model):
    """What the answers must lead to, as written in a scenario's front matter."""

    kind: OutcomeKind
    stage: int | None = Field(default=None, ge=1, le=20)
    variant: Slug | None = None
    exit: Slug | None = None
    text: Text | None = None


class ScenarioMeta(Model):
    """A scenario's front matter."""

    title: Text
    based_on: Cite
    # By question id, so a question added to the flow changes no scenario.
    answers: dict[Slug, Slug] = Field(min_length=1)
    expect: ExpectMeta


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files of one policy folder, in name order."""
    where = folder / FOLDER
    return sorted(where.glob("*.md")) if where.is_dir() else []


def build(slug: str, path: Path, meta: ScenarioMeta, doc: Document) -> Scenario:
    """The core's scenario from validated front matter and its body."""
    e = meta.expect
    expect = Expect(e.kind, e.stage, e.variant, e.exit, e.text)
    return Scenario(
        path.stem, slug, meta.title, meta.based_on, meta.answers, expect, doc.body.strip()
    )


def file_problems(path: Path, doc: Document, anchors: dict[str, int]) -> list[Problem]:
    """Problems of the file itself: its name, its body, the paragraph it is drawn from."""
    problems = []
    if not NAME.fullmatch(path.stem):
        problems.append(
            Problem(
                path,
                1,
                "a scenario's file name is its web address: use lower-case "
                "letters, digits and hyphens, such as 'closing-involvement.md'",
            )
        )
    if not doc.body.strip():
        problems.append(
            Problem(path, doc.body_line, "the situation after the front matter is empty")
        )
    based_on = str(doc.data.get("based_on", ""))
    if based_on and based_on not in anchors:
        problems.append(
            Problem(
                path,
                doc.where.find(("based_on",)),
                f"based_on: the policy has no paragraph '{{#{based_on}}}'",
            )
        )
    return problems


def engine_problems(
    flow: Flow, p: Partnership, scenario: Scenario, path: Path, doc: Document
) -> list[Problem]:
    """Where the engine would now teach something other than the scenario expects."""
    return [
        Problem(path, doc.where.find(m.field), f"{describe(m.field)}: {m.message}")
        for m in mismatches(flow, p, scenario)
    ]
