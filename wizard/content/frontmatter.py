"""Split a Markdown file into YAML front matter and body, keeping every value's line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wizard.content import yamlerrors
from wizard.content.problems import Problem

FENCE = "---"
NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Where:
    """Line numbers of a parsed value and, for lists and mappings, of its children."""

    line: int
    children: dict[str | int, Where] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)

    def find(self, loc: tuple[str | int, ...]) -> int:
        """The line of the deepest part of `loc` that exists; for a field, the field's own line."""
        node, line = self, self.line
        for part in loc:
            if isinstance(part, str) and part in node.key_lines:
                line = node.key_lines[part]
            child = node.children.get(part)
            if child is None:
                return line
            node = child
            if isinstance(part, int):
                line = child.line
        return line


@dataclass
class Document:
    """A parsed Markdown file: front matter data, where each value sits, and the body."""

    path: Path
    data: dict
    where: Where
    body: str
    body_line: int  # line number of the body's first line


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8, explaining exactly where it is not."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start]
        return None, [
            Problem(
                path,
                line,
                f"the file is not UTF-8 text (byte 0x{byte:02x}); "
                "save it with UTF-8 encoding in your editor",
            )
        ]
    return text.removeprefix("\ufeff"), []


def split(path: Path, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse the front matter between '---' lines; report problems with their lines."""
    if not text.strip():
        return None, [
            Problem(path, 1, "the file is empty; it needs front matter between '---' lines")
        ]
    # Split on newlines only: str.splitlines() also breaks at form feeds and other
    # characters pasted from PDFs, which would shift every line number after them.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].strip() != FENCE:
        return None, [
            Problem(path, 1, "the file must start with a line '---' that opens the front matter")
        ]
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FENCE)
    except StopIteration:
        return None, [
            Problem(
                path,
                1,
                "the front matter opened here is never closed: add a line '---' after its "
                "last field",
            )
        ]
    source = "\n".join(lines[1:end])
    parsed, problems = _parse_yaml(path, source, offset=1)
    if parsed is None:
        return None, problems
    data, where = parsed
    body = "\n".join(lines[end + 1 :])
    return Document(path, data, where, body, end + 2), problems


# libyaml composes the same nodes many times as fast as PyYAML's own parser; what it will not
# read is read again by PyYAML's, so that every error is explained as it always was.
_FAST = getattr(yaml, "CBaseLoader", None)
# Where YAML breaks lines: a mark's line and column count by these.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _compose(source: str) -> yaml.Node | None:
    """The YAML's tree of nodes, each with its marks."""
    # libyaml reads a tab inside plain text that PyYAML refuses (and the tool explains).
    if _FAST is not None and "\t" not in source:
        try:
            return yaml.compose(source, Loader=_FAST)
        except yaml.YAMLError:
            pass
    return yaml.compose(source, Loader=yaml.BaseLoader)


def _parse_yaml(
    path: Path, source: str, offset: int
) -> tuple[tuple[dict, Where] | None, list[Problem]]:
    try:
        # BaseLoader keeps every scalar as text: "3.10" stays "3.10", "no" stays "no".
        # A form feed (a page break pasted from a PDF) is invisible and not a line break.
        source = source.replace("\f", " ")
        node = _compose(source)
    except yaml.reader.ReaderError as err:
        line = source[: err.position].count("\n") + 1 + offset
        return None, [
            Problem(
                path,
                line,
                f"the front matter cannot be read: this line has an invisible control "
                f"character (code {err.character}) at column "
                f"{err.position - source.rfind(chr(10), 0, err.position)}, often pasted from "
                "a PDF: delete it, or retype the line",
            )
        ]
    except yaml.MarkedYAMLError as err:
        line, text = yamlerrors.explain(err, source)
        return None, [Problem(path, line + offset, text)]
    if node is None or not isinstance(node, yaml.MappingNode):
        line = node.start_mark.line + 1 + offset if node is not None else offset + 1
        return None, [Problem(path, line, "the front matter must be a set of 'field: value' lines")]
    problems: list[Problem] = []
    try:
        reading = _Reading(path, offset, problems, _BREAKS.split(source))
        data, where = _convert(node, reading, set())
    except _AliasError as err:
        return None, [
            Problem(
                path,
                err.line,
                "YAML anchors and aliases (&name, *name) are not "
                "supported here: write the value out in full",
            )
        ]
    return (data, where), problems


class _AliasError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


@dataclass(frozen=True)
class _Reading:
    """One source being converted: its file, its first line's offset, its problems, its lines."""

    path: Path
    offset: int
    problems: list[Problem]
    lines: list[str]


def _convert(node: yaml.Node, at: _Reading, seen: set[int], outer: yaml.MappingNode | None = None):
    path, offset, problems = at.path, at.offset, at.problems
    line = node.start_mark.line + 1 + offset
    if id(node) in seen:
        # Only an alias (*name) reaches a node twice; a recursive one would never end.
        raise _AliasError(line)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        data: dict = {}
        where = Where(line)
        for index, (key_node, value_node) in enumerate(node.value):
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            key_line = key_node.start_mark.line + 1 + offset
            if key in data:
                text = yamlerrors.duplicate(node, index, outer, offset)
                problems.append(Problem(path, key_line, text))
                continue
            data[key], where.children[key] = _convert(value_node, at, seen, node)
            where.key_lines[key] = key_line
        return data, where
    if isinstance(node, yaml.SequenceNode):
        items, where = [], Where(line)
        for index, item in enumerate(node.value):
            value, where.children[index] = _convert(item, at, seen)
            items.append(value)
        return items, where
    plain = not node.style  # libyaml says '' where PyYAML's own parser says None
    if plain and node.value in NULLS:
        return None, Where(line)  # an empty value, '~' or 'null' means "not given"
    if plain and _comment_after(node, at.lines):
        problems.append(
            Problem(
                path,
                line,
                "text after ' #' on this line is a comment and is not "
                "published; if it is part of the value, put the whole value in quotes",
                warning=True,
            )
        )
    return node.value, Where(line)


def _comment_after(node: yaml.ScalarNode, lines: list[str]) -> bool:
    """True when a plain value is followed on its line by a '#' comment."""
    mark = node.end_mark
    if mark.line >= len(lines):
        return False
    return lines[mark.line][mark.column :].lstrip().startswith("#")
