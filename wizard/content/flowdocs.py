"""The documented lists of questions, conditions and option lists, written from the flow itself.

A document marks each list with `<!-- generated: NAME -->` and `<!-- end generated -->`;
`python -m wizard.content.flowdocs` (`make docs`) rewrites what lies between them from the
bundled question flow and the docstrings of the core's conditions and option lists.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from wizard.content.flowfile import FLOW_FOLDER
from wizard.content.loader import BUNDLED_SITE, read_flow
from wizard.content.problems import ContentError
from wizard.core.flow import ALWAYS, OPTION_SOURCES, PREDICATES, Branch, Flow, Node

DOCUMENTS = (Path("README.md"), Path("docs") / "reference.md")
BLOCK = re.compile(
    r"(?P<open><!-- generated: (?P<name>[a-z-]+) -->\n).*?(?P<close><!-- end generated -->)",
    re.DOTALL,
)
LABEL_FIELDS = " Label fields: "
# Wording fields a question may use that do not come from one policy's own words.
GENERAL_WORDING = {"word": "Stage", "word_lower": "stage"}


def description(function: Callable) -> str:
    """The one-line description a condition or option list carries as its docstring."""
    doc = (function.__doc__ or "").strip()
    if not doc:
        raise ValueError(f"{function.__name__} needs a one-line docstring: the docs quote it")
    return doc.splitlines()[0]


def clause(function: Callable) -> str:
    """A description as part of a sentence: no capital to start, no full stop to end."""
    text = description(function).split(LABEL_FIELDS)[0].rstrip(".")
    return text[:1].lower() + text[1:]


def order(flow: Flow) -> list[str]:
    """Question ids in the order they are asked: each after every question that leads to it."""
    seen: set[str] = set()
    done: list[str] = []

    def visit(name: str) -> None:
        seen.add(name)
        for branch in reversed(flow.nodes[name].branches):
            if branch.to in flow.nodes and branch.to not in seen:
                visit(branch.to)
        done.append(name)

    visit(flow.start)
    return done[::-1]


def wording(node: Node) -> str:
    """The question as written, in quotes, or a note that the policy file words it."""
    fields = {name for _, name, _, _ in string.Formatter().parse(node.text) if name}
    if fields - GENERAL_WORDING.keys():
        return "in the policy file's own words"
    return f"“{node.text.format_map(GENERAL_WORDING)}”"


def answers(node: Node) -> str:
    """Every answer a question takes: its fixed answers and the lists it takes from a policy."""
    parts = [
        f"`{o.answer}`" if o.answer else clause(OPTION_SOURCES[o.source or ""])
        for o in node.options
    ]
    return ("; " if any(o.source for o in node.options) else ", ").join(parts)


def reached(flow: Flow, target: str) -> Iterator[str]:
    """How the answers to earlier questions lead to this one."""
    for node in flow.nodes.values():
        for index, branch in enumerate(node.branches):
            if branch.to == target:
                yield _leads(node, node.branches[:index], branch)


def _leads(node: Node, earlier: tuple[Branch, ...], branch: Branch) -> str:
    taken = {a for b in earlier if b.when is None for a in b.answers}
    if not taken and not branch.answers:
        words = f"after `{node.id}`"
    else:
        words = f"where `{node.id}` is " + " or ".join(_chosen(node, taken, branch))
    unless = [clause(PREDICATES[b.when]) for b in earlier if b.when]
    if unless:
        words += " unless " + " or ".join(w.removeprefix("where ") for w in unless)
    if branch.when:
        words += ", " + clause(PREDICATES[branch.when])
    return words


def _chosen(node: Node, taken: set[str], branch: Branch) -> list[str]:
    """The answers a branch takes, in the order asked: its own, or all those left over."""
    if branch.answers:
        fixed = [o.answer for o in node.options if o.answer in branch.answers]
        return [f"`{a}`" for a in fixed + sorted(branch.answers - set(fixed))]
    left = [f"`{o.answer}`" for o in node.options if o.answer and o.answer not in taken]
    return left + (["an answer from the policy"] if any(o.source for o in node.options) else [])


def asked(flow: Flow, node: Node) -> str:
    """When a question is asked, in a sentence."""
    where = "first" if node.id == flow.start else " or ".join(reached(flow, node.id))
    if node.ask == ALWAYS:
        return f"Asked {where}."
    return f"Asked {where}; only {clause(PREDICATES[node.ask])}."


def answer_list(flow: Flow) -> str:
    """The README's list: each question in the order asked, its answers, and when it is asked."""
    lines = []
    for number, name in enumerate(order(flow), 1):
        node = flow.nodes[name]
        lines.append(f"{number}. `{name}`, {wording(node)}: {answers(node)}. {asked(flow, node)}")
    return "\n".join(lines)


def question_files(flow: Flow) -> str:
    """The guide's table of question files, in the order asked."""
    rows = ["| file | the question | its answers | when it is asked |", "| --- | --- | --- | --- |"]
    for name in order(flow):
        node = flow.nodes[name]
        cells = (f"`{name}.md`", wording(node), answers(node), asked(flow, node))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def used_by(flow: Flow, uses: Callable[[Node], bool]) -> str:
    """The bundled question files that use a condition or a list, or a dash."""
    names = [f"`{n}.md`" for n in order(flow) if uses(flow.nodes[n])]
    return ", ".join(names) or "–"


def conditions(flow: Flow) -> str:
    """The guide's table of every condition an `ask` or a `when` may name."""
    rows = ["| condition | holds | used by |", "| --- | --- | --- |"]
    for name, function in PREDICATES.items():
        users = used_by(flow, lambda n, name=name: name in (n.ask, *(b.when for b in n.branches)))
        rows.append(f"| `{name}` | {description(function)} | {users} |")
    return "\n".join(rows)


def option_lists(flow: Flow) -> str:
    """The guide's table of every list an option may take `from` a policy."""
    rows = ["| list | its answers | label fields | used by |", "| --- | --- | --- | --- |"]
    for name, function in OPTION_SOURCES.items():
        listed, _, fields = description(function).partition(LABEL_FIELDS)
        users = used_by(flow, lambda n, name=name: any(o.source == name for o in n.options))
        fields = ", ".join(f"`{f}`" for f in fields.rstrip(".").split(", ") if f) or "–"
        rows.append(f"| `{name}` | {listed} | {fields} | {users} |")
    return "\n".join(rows)


RENDERERS: dict[str, Callable[[Flow], str]] = {
    "answers": answer_list,
    "question-files": question_files,
    "conditions": conditions,
    "option-lists": option_lists,
}


def rewrite(text: str, flow: Flow) -> str:
    """The document with every generated block written afresh from the flow."""

    def block(match: re.Match) -> str:
        body = RENDERERS[match["name"]](flow)
        return f"{match['open']}{body}\n{match['close']}"

    return BLOCK.sub(block, text)


def bundled_flow(root: Path = BUNDLED_SITE) -> Flow:
    """The flow the documents describe: the bundled one; its errors stop the rewrite."""
    flow, problems = read_flow(root / FLOW_FOLDER)
    if flow is None:
        raise ContentError(problems)
    return flow


def stale(root: Path = BUNDLED_SITE) -> list[Path]:
    """The documents whose generated blocks no longer match the flow."""
    flow = bundled_flow(root)
    return [d for d in DOCUMENTS if rewrite((root / d).read_text(), flow) != (root / d).read_text()]


def main(root: Path = BUNDLED_SITE) -> int:
    """Rewrite each document's generated blocks; say which changed."""
    flow = bundled_flow(root)
    for document in DOCUMENTS:
        path = root / document
        text = path.read_text(encoding="utf-8")
        if rewrite(text, flow) != text:
            path.write_text(rewrite(text, flow), encoding="utf-8")
            print(f"rewrote the generated lists in {document}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
