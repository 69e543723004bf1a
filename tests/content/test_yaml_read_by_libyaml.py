"""libyaml reads every front matter of the repository as PyYAML's own parser does.

The loader composes YAML with libyaml for speed and falls back to PyYAML's parser for what
libyaml will not read; these tests hold the two to the same values, lines and problems.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ROOT

from wizard.content import frontmatter

FOLDERS = ["policies", "content", "tests/sites", "tests/broken", "docs"]
FILES = sorted(
    p
    for folder in FOLDERS
    for p in (ROOT / folder).rglob("*.md")
    if p.read_bytes().startswith(b"---")
)
# What the corpus of broken files does not hold: comments, nulls, styles, breaks, tabs.
EDGES = [
    "a: 1 # a comment\nb: '# not one'\nc: ~\nd:\ne: null\n",
    'a: |\n  two\n  lines\nb: >\n  folded\n  text\nc: "x # y"\n',
    "a: [1, 2]\nb: {c: d}\nc:\n  - x # after\n  - 'y'\n",
    "a: one\u2028b: two\n",
    "a: 1\r\nb: 2 # here\r\n",
    "a:\n\t- tab\n",
    "a: b\tc\n",
    "a: &x 1\nb: *x\n",
    "a: 1\na: 2\n",
    "a: b: c\n",
    "- just\n- a list\n",
    "a: 'unclosed\n",
    "a: \x07bell\n",
]


def _read(text: str, fast: bool, monkeypatch) -> tuple:
    if not fast:
        monkeypatch.setattr(frontmatter, "_FAST", None)
    found = frontmatter._parse_yaml(Path("x.md"), text, offset=1)
    monkeypatch.undo()
    parsed, problems = found
    if parsed is None:
        return None, problems
    data, where = parsed
    return data, _lines(where), problems


def _lines(where) -> object:
    return (where.line, where.key_lines, {k: _lines(v) for k, v in where.children.items()})


def test_every_front_matter_and_each_edge_of_yaml_reads_the_same(monkeypatch):
    sources = {str(p.relative_to(ROOT)): _front(p) for p in FILES}
    sources |= {f"edge {i}: {source!r}": source for i, source in enumerate(EDGES)}
    differ = [
        name
        for name, source in sources.items()
        if _read(source, True, monkeypatch) != _read(source, False, monkeypatch)
    ]
    assert len(sources) > 100
    assert differ == []


def _front(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text.split("\n---", 1)[0].removeprefix("---\n")


def test_libyaml_is_there_and_used():
    assert yaml.__with_libyaml__ and frontmatter._FAST is yaml.CBaseLoader
