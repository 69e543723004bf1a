r"""Explain why PyYAML could not read front matter, in words an author can act on.

PyYAML's own words ("found character '\t' that cannot start any token", "mapping values
are not allowed here") describe its parser, not the mistake. Each rule below looks at the
lines around the place PyYAML stopped and names the likely mistake and its fix.
"""

from __future__ import annotations

import yaml

LEAD = "the front matter cannot be read"
FALLBACK = (
    f"{LEAD} here: check the indentation (spaces only, lined up with the lines around it) "
    "and put text that contains ': ' or starts with a symbol in double quotes"
)


def explain(err: yaml.MarkedYAMLError, source: str) -> tuple[int, str]:
    """The front-matter line (counting from 1) to report, and what to do about it."""
    lines = source.split("\n")
    problem = (err.problem or "").strip()
    mark = err.problem_mark or err.context_mark
    if mark is None:
        return 1, FALLBACK
    at, column = mark.line, mark.column
    context = err.context_mark.line if err.context_mark else at
    if "'\\t'" in problem:
        return at + 1, _tab(lines[at][:column] if at < len(lines) else "", column)
    first = _value_start(lines[at] if at < len(lines) else "")
    if first in ("[", "{"):
        return at + 1, _brackets()
    if first in ("*", "&", "!", "@", "`", "%"):
        return at + 1, _symbol(first)
    if problem == "mapping values are not allowed here":
        return at + 1, _colon(lines, at, column)
    if "while scanning a quoted scalar" in (err.context or ""):
        return context + 1, _unclosed_quote()
    if "flow" in (err.context or ""):
        return context + 1, _brackets()  # a bracket opened on an earlier line
    if problem == "could not find expected ':'":
        return context + 1, _no_colon()
    if problem.startswith("expected <block end>"):
        return _misaligned(lines, at, column)
    return at + 1, FALLBACK


def _tab(before: str, column: int) -> str:
    where = f"{LEAD}: there is a tab character at column {column + 1} of this line"
    if before.strip(" -"):
        # A tab pasted inside text (often from a PDF) rather than used to indent.
        return (
            f"{where}, inside the text. The front matter cannot hold tabs outside quotes: "
            "replace the tab with a space, or put the whole value in double quotes"
        )
    return (
        f"{where}. The front matter must be indented with spaces, never tabs: replace the "
        "tab with spaces, lined up with the lines around it (two spaces for each level)"
    )


def _value_start(line: str) -> str:
    """The first character of the value on a 'field: value' or '- value' line."""
    text = line.strip()
    text = text[2:].lstrip() if text.startswith("- ") else text
    if ": " in text and text[:1] not in ('"', "'"):
        text = text.split(": ", 1)[1].lstrip()
    return text[:1]


def _symbol(char: str) -> str:
    return (
        f"{LEAD}: a value cannot start with '{char}' unless it is in quotes. "
        "Put the whole value in double quotes"
    )


def _colon(lines: list[str], at: int, column: int) -> str:
    text = lines[at] if at < len(lines) else ""
    first = text.find(": ")
    if 0 <= first < column:
        return (
            f"{LEAD}: the text on this line contains ': ', which marks a new field. "
            'Put the whole value in double quotes, such as title: "Escalation policy: '
            'resolving disagreements"'
        )
    return _misaligned(lines, at, column)[1]


def _unclosed_quote() -> str:
    return (
        f'{LEAD}: the double quote (") that opens the value on this line is not closed '
        'on the same line. End the value with a closing ", and keep each value on one line'
    )


def _brackets() -> str:
    return (
        f"{LEAD}: a value that starts with '[' or '{{' is read as a list or group. If it is "
        "text, put the whole value in double quotes; if it is a list, check its brackets "
        "and commas"
    )


def _no_colon() -> str:
    return (
        f"{LEAD}: this line is not a 'field: value' line. If it continues the text on the "
        "line above, join the two lines (keep each value on one line); otherwise add the "
        "field's name and ': ' before the value"
    )


def _misaligned(lines: list[str], at: int, column: int) -> tuple[int, str]:
    """A line that lines up with no field above it, or text whose quotes do not pair up."""
    unpaired = _unpaired_quote(lines, at)
    if unpaired is not None:
        return unpaired + 1, _unclosed_quote()
    text = lines[at] if at < len(lines) else ""
    if text.count('"') - text.count('\\"') > 2:
        return at + 1, (
            f'{LEAD}: the double quotes on this line do not pair up: a " inside a value in '
            "double quotes ends it early. Use single quotes inside ('like this') or the "
            "curly quotes from the source instead"
        )
    spaces = len(text) - len(text.lstrip(" "))
    if column > spaces + 2 and _value_start(text) in ('"', "'"):
        # PyYAML stopped mid-line, after a quoted value had closed: not an indentation slip.
        return at + 1, (
            f"{LEAD}: the value on this line starts with a quote, so it must end with that "
            "quote, and nothing may follow it. Put the whole value in double quotes, with "
            "single quotes inside it"
        )
    levels = " or ".join(str(n) for n in _open_levels(lines, at))
    above = f" (they start with {levels} spaces)" if levels else ""
    return at + 1, (
        f"{LEAD}: this line is probably indented wrongly. It starts with {_spaces(spaces)}, "
        f"which does not line up with the fields above it{above}. Line it up exactly with "
        "the other fields of the group it belongs to"
    )


def _unpaired_quote(lines: list[str], at: int) -> int | None:
    """The line above `at`, or `at` itself, whose double quotes do not pair up."""
    for index in (at - 1, at):
        if 0 <= index < len(lines):
            text = lines[index].replace('\\"', "")
            if text.count('"') % 2 and not text.lstrip().startswith("#"):
                return index
    return None


def _open_levels(lines: list[str], at: int) -> list[int]:
    """The indentation of each group still open at line `at`, deepest first."""
    levels: list[int] = []
    limit = None
    for text in reversed(lines[:at]):
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        if stripped.startswith("- "):
            indent += 2  # the fields of a list item line up after its '- '
        if limit is None or indent < limit:
            levels.append(indent)
            limit = indent
        if indent == 0:
            break
    return levels


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def duplicate(
    group: yaml.MappingNode, second: int, outer: yaml.MappingNode | None, offset: int
) -> str:
    """Why a field appears twice in one group: usually one of the two is indented wrongly."""
    key = group.value[second][0].value
    first = next((i for i, (k, _) in enumerate(group.value) if k.value == key), second)
    lines = [group.value[i][0].start_mark.line + 1 + offset for i in (first, second)]
    head = (
        f"the field '{key}' appears twice in this group, on lines {lines[0]} and {lines[1]}: "
        f"one of them is probably indented wrongly, so it has joined the wrong group"
    )
    inner = _group_missing(key, group.value[first + 1 : second])
    if inner is not None:
        name, target = inner
        return (
            f"{head}. If line {lines[1]} belongs to '{name}' above it, indent it to line up "
            f"with {_field_at(target, offset)}; otherwise delete the one you do not need"
        )
    if outer is not None and not any(k.value == key for k, _ in outer.value):
        return (
            f"{head}. If line {lines[1]} belongs to the group around this one, indent it "
            f"less, to line up with {_field_at(outer.value[0][0], offset)}; otherwise "
            "delete the one you do not need"
        )
    return (
        f"{head}. Line each field up with the group it belongs to, or delete the one you "
        "do not need"
    )


def _group_missing(
    key: str, between: list[tuple[yaml.Node, yaml.Node]]
) -> tuple[str, yaml.Node] | None:
    """The last group written between two copies of `key` that lacks `key`, and its first field."""
    for name, value in reversed(between):
        if isinstance(value, yaml.SequenceNode) and value.value:
            value = value.value[-1]  # a field may belong to the list's last item
        fields = value.value if isinstance(value, yaml.MappingNode) else []
        if fields and not any(k.value == key for k, _ in fields):
            return name.value, fields[0][0]
    return None


def _field_at(key: yaml.Node, offset: int) -> str:
    spaces = _spaces(key.start_mark.column)
    return f"'{key.value}' on line {key.start_mark.line + 1 + offset} (indented by {spaces})"
