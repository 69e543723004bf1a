"""Load the question flow from `content/flow/<id>.md`: routing and wording, one file a question."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from wizard.content.frontmatter import Document
from wizard.content.problems import Problem
from wizard.core.flow import ALWAYS, Branch, Flow, Node, OptionSpec, structure_problems
from wizard.core.outcome import redundant_questions
from wizard.core.policy import Model, Slug, Text

FLOW_FOLDER = Path("content") / "flow"


class OptionEntry(Model):
    """A fixed answer (`answer`), or answers listed from the policy (`from`)."""

    answer: Slug | None = None
    from_: Slug | None = Field(default=None, alias="from")
    label: Text
    hint: Text | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> OptionEntry:
        if (self.answer is None) == (self.from_ is None):
            raise ValueError("give an option either 'answer' (a fixed answer) or 'from' (a list)")
        return self


class BranchEntry(Model):
    """Where some answers (or any) lead, if a named predicate holds."""

    answers: tuple[Slug, ...] = ()
    when: Slug | None = None
    to: Slug


class FlowFile(Model):
    """The front matter of one question's file."""

    start: bool = False
    ask: Slug = ALWAYS
    question: Text
    hint: Text | None = None
    error: Text
    options: tuple[OptionEntry, ...] = Field(min_length=1)
    next: tuple[BranchEntry, ...] = Field(min_length=1)


def flow_folder(site_root: Path, bundled_root: Path) -> Path:
    """The site's own flow if it has one; otherwise the bundled flow."""
    own = site_root / FLOW_FOLDER
    return own if own.is_dir() else bundled_root / FLOW_FOLDER


def build_node(path: Path, entry: FlowFile, doc: Document) -> Node:
    """A flow node from its validated file, remembering where each part is written."""
    where = doc.where
    options = tuple(
        OptionSpec(o.label, o.answer, o.from_, o.hint, where.find(("options", i)))
        for i, o in enumerate(entry.options)
    )
    branches = tuple(
        Branch(b.to, frozenset(b.answers), b.when, where.find(("next", i)))
        for i, b in enumerate(entry.next)
    )
    lines = {key: where.find((key,)) for key in ("ask", "next", "question")}
    return Node(
        path.stem, entry.question, entry.error, options, branches,
        entry.ask, entry.hint, entry.start, {"id": 1, **lines},
    )  # fmt: skip


def assemble(
    nodes: dict[str, tuple[Path, Node]], folder: Path
) -> tuple[Flow | None, list[Problem]]:
    """The flow from its nodes, with every structural problem at its file and line."""
    starts = [name for name, (_, node) in nodes.items() if node.start]
    if len(starts) != 1:
        named = ", ".join(starts) or "none"
        return None, [
            Problem(folder, 1, f"exactly one question needs 'start: true' (found: {named})")
        ]
    flow = Flow(starts[0], {name: node for name, (_, node) in nodes.items()})
    problems = [Problem(nodes[p.node][0], p.line, p.message) for p in structure_problems(flow)]
    return (None if problems else flow), problems


def redundancy_warnings(flow: Flow, partnerships: dict, folder: Path) -> list[Problem]:
    """A warning wherever a question is asked although no answer to it changes the page."""
    found = []
    for slug, partnership in partnerships.items():
        for state in redundant_questions(flow, partnership):
            node = flow.nodes[state.question.id]
            after = "/".join(state.segments) or "(the start)"
            found.append(
                Problem(
                    folder / f"{node.id}.md",
                    node.lines.get("ask", 1),
                    f"{slug}: after the answers {after}, every answer to '{node.id}' leads to "
                    "the same page; ask it only where its answer changes the page "
                    "(change its 'ask' condition)",
                    warning=True,
                )
            )
    return found
