"""The docs a publisher reads agree with the tool: the lists written from the flow are up to date,
the reference's table names every field of the format, and the skeleton's comments say the same."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from wizard.content import flowdocs
from wizard.content.loader import read_flow
from wizard.content.skeleton import TEMPLATE

REFERENCE = ROOT / "docs" / "reference.md"
SCHEMA = json.loads((ROOT / "schema" / "policy.schema.json").read_text())
TABLE_HEADING = "## 1. Every field, and where it shows"


# --- the lists written from the flow -------------------------------------------------------


def test_the_generated_lists_match_the_flow():
    stale = [str(path) for path in flowdocs.stale(ROOT)]
    assert stale == [], f"out of date: {', '.join(stale)}; run `make docs`"


def test_every_question_condition_and_list_is_documented():
    readme, reference = (ROOT / "README.md").read_text(), REFERENCE.read_text()
    for question in sorted((ROOT / "content" / "flow").glob("*.md")):
        assert f"`{question.stem}`" in readme
        assert f"`{question.name}`" in reference
    for name in (*flowdocs.PREDICATES, *flowdocs.OPTION_SOURCES):
        assert f"| `{name}` |" in reference


def test_a_new_question_is_documented_with_no_change_to_the_generator(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content" / "flow", site / "content" / "flow")
    last = site / "content" / "flow" / "other-agency.md"
    last.write_text(last.read_text().replace("  - to: stage", "  - to: language"))
    (site / "content" / "flow" / "language.md").write_text(
        "---\nask: their-agency-changes-the-page\n"
        "question: Which language does the family speak?\n"
        "error: Select a language\noptions:\n  - answer: english\n    label: English\n"
        "  - answer: welsh\n    label: Welsh\nnext:\n  - to: stage\n---\n"
    )
    (site / "README.md").write_text("<!-- generated: answers -->\n<!-- end generated -->\n")
    (site / "docs").mkdir()
    (site / "docs" / "reference.md").write_text(
        "<!-- generated: conditions -->\nold\n<!-- end generated -->\n"
    )
    assert [str(p) for p in flowdocs.stale(site)] == ["README.md", "docs/reference.md"]
    assert flowdocs.main(site) == 0
    answers = (site / "README.md").read_text().splitlines()
    assert answers[-2] == (
        "9. `language`, “Which language does the family speak?”: `english`, `welsh`. "
        "Asked after `other-agency`; only where the stage's role table (`roles`) is read by "
        "the other agency."
    )
    assert "| `other-agency.md`, `language.md` |" in (site / "docs" / "reference.md").read_text()
    assert flowdocs.stale(site) == []


def test_a_condition_without_a_description_stops_the_docs(monkeypatch):
    monkeypatch.setitem(flowdocs.PREDICATES, "undocumented", lambda p, a: True)
    with pytest.raises(ValueError, match="needs a one-line docstring"):
        flowdocs.conditions(read_flow(ROOT / "content" / "flow")[0])


def test_every_example_address_in_the_readme_leads_to_a_page(client):
    for path in re.findall(r"`(/[a-z-]+/check/[^`]+/)`", (ROOT / "README.md").read_text()):
        assert client.get(path).status_code == 200, path


# --- the reference's table of every field ------------------------------------------------


def resolve(node: dict) -> dict:
    """The object a schema node describes: through references, lists and alternatives."""
    if "$ref" in node:
        return resolve(SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "items" in node:
        return resolve(node["items"])
    if "anyOf" in node:
        options = [resolve(option) for option in node["anyOf"]]
        return next((o for o in options if "properties" in o), options[0])
    if "properties" not in node and isinstance(node.get("additionalProperties"), dict):
        return resolve(node["additionalProperties"])
    return node


def schema_fields() -> set[tuple[int, str]]:
    """Every field of the format, as (the object that holds it, its name)."""
    found: set[tuple[int, str]] = set()
    todo, seen = [SCHEMA], set()
    while todo:
        node = resolve(todo.pop())
        if id(node) in seen or "properties" not in node:
            continue
        seen.add(id(node))
        for name, child in node["properties"].items():
            found.add((id(node), name))
            todo.append(child)
    return found


def locate(path: tuple[str, ...]) -> tuple[int, str, bool]:
    """The field a path names, and whether the object that holds it requires it."""
    node = resolve(SCHEMA)
    for name in path[:-1]:
        node = resolve(node["properties"][name])
    if path[-1] not in node.get("properties", {}):
        raise KeyError(" › ".join(path))
    return id(node), path[-1], path[-1] in node.get("required", [])


def table_rows() -> dict[tuple[str, ...], str]:
    """The reference table's rows: each field's path, and what its 'required' cell says."""
    text = REFERENCE.read_text()
    section = text[text.index(TABLE_HEADING) : text.index("\n## 2. ")]
    rows = re.findall(r"^\| `([a-z_ ›]+)` \| ([^|]+) \|", section, re.MULTILINE)
    return {tuple(path.split(" › ")): required.strip() for path, required in rows}


def first(cell: str) -> str:
    """The first word of a 'required' cell: yes, no or unless."""
    return cell.split()[0].rstrip(",") if cell else ""


def test_the_reference_table_names_every_field_of_the_format():
    named = {locate(path)[:2] for path in table_rows()}
    missing = schema_fields() - named
    assert missing == set(), "fields the reference table leaves out: " + ", ".join(
        sorted(name for _, name in missing)
    )


def test_the_reference_table_says_required_exactly_where_the_format_does():
    wrong = [
        " › ".join(path)
        for path, cell in table_rows().items()
        if locate(path)[2] != (first(cell) == "yes") or first(cell) not in ("yes", "no", "unless")
    ]
    assert wrong == []


def test_the_reference_table_says_where_each_field_shows():
    text = REFERENCE.read_text()
    section = text[text.index(TABLE_HEADING) : text.index("\n## 2. ")]
    rows = re.findall(r"^\| `[a-z_ ›]+` \| [^|]+ \| ([^|]*) \|", section, re.MULTILINE)
    assert rows and all(cell.strip() for cell in rows)


def test_the_list_of_stage_fields_names_every_field_a_stage_takes():
    text = REFERENCE.read_text()
    section = text[text.index("\n## 13. `stages`") : text.index("\n## 14. ")]
    fields = SCHEMA["$defs"]["Stage"]["properties"]
    assert [f for f in fields if f"\n- `{f}`" not in section] == []


# --- the skeleton from `new` ----------------------------------------------------------------

KEY = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z_]+):")
# Fields whose line in the skeleton must carry a comment saying whether it is required.
EXPLAINED = ("partnership", "document", "stages")


def skeleton_fields() -> dict[tuple[str, ...], str | None]:
    """Each field of the skeleton, by path, with the first line of the comment above it."""
    lines = TEMPLATE.split("---\n")[1].splitlines()
    found: dict[tuple[str, ...], str | None] = {}
    stack: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        match = KEY.match(line)
        if not match:
            continue
        level = len(match["indent"]) + (2 if match["dash"] else 0)
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, match["key"]))
        found[tuple(k for _, k in stack)] = comment_above(lines[:number])
    return found


def comment_above(lines: list[str]) -> str | None:
    """The first line of the comment block right above a line, if there is one."""
    block = []
    while lines and lines[-1].lstrip().startswith("#"):
        block.insert(0, lines.pop().strip().removeprefix("# "))
    return block[0] if block else None


def marked(comment: str | None) -> str | None:
    """What a comment says about whether its field is required: yes, unless or no."""
    if comment is None:
        return None
    if comment.startswith("REQUIRED unless"):
        return "unless"
    return "yes" if comment.startswith("REQUIRED") else "no"


def test_the_skeleton_marks_required_exactly_where_the_format_and_the_reference_do():
    table = table_rows()
    wrong = []
    for path, comment in skeleton_fields().items():
        explained = len(path) == 1 or (len(path) == 2 and path[0] in EXPLAINED)
        if comment is None and not explained:
            continue
        required, said = locate(path)[2], marked(comment)
        if said != first(table.get(path, "")) or (said == "yes") != required:
            wrong.append(f"{' › '.join(path)}: the skeleton says {comment!r}")
    assert wrong == []


# --- links between the docs ---------------------------------------------------------------

LINK = re.compile(r"\]\((?P<file>[^)#\s]*?)(?:#(?P<anchor>[^)\s]+))?\)")


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file, outside code blocks."""
    found, fenced = set(), False
    for line in path.read_text().splitlines():
        fenced ^= line.startswith("```")
        if not fenced and line.startswith("#"):
            title = line.lstrip("#").strip().lower().replace("`", "")
            found.add(re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", title)))
    return found


@pytest.mark.parametrize(
    "document", [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))], ids=str
)
def test_every_link_to_a_section_of_the_docs_leads_to_one(document):
    links = LINK.finditer(document.read_text())
    assert [m[0] for m in links if leads_nowhere(document, m["file"], m["anchor"])] == []


def leads_nowhere(document: Path, file: str, anchor: str | None) -> bool:
    """True for a link to a file that is not there, or to a heading its file does not have."""
    if ":" in file:  # another scheme: a web address, mailto:, glossary:
        return False
    target = (document.parent / file).resolve() if file else document
    if not target.exists():
        return True
    return bool(anchor) and target.suffix == ".md" and anchor not in anchors(target)
