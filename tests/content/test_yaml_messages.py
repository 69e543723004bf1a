r"""Front matter PyYAML cannot read is explained in the author's terms, at the right line.

Each case is a few lines of front matter with one mistake people make. The message must
name the mistake and its fix, and never repeat PyYAML's own words, which describe its
parser ("found character '\t' that cannot start any token").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.content.frontmatter import split

# PyYAML's wording, which means nothing to an author.
JARGON = (
    "cannot start any token",
    "mapping values",
    "block end",
    "block mapping",
    "scalar",
    "simple key",
    "flow sequence",
    "alias",
    "stream",
)

# (name, front matter lines, line reported in the file, words the author must see)
CASES = [
    (
        "tab used to indent",
        ["document:", "\ttitle: Escalation policy"],
        3,
        "there is a tab character at column 1 of this line. The front matter must be "
        "indented with spaces, never tabs",
    ),
    (
        "tab after spaces",
        ["agencies:", "  - id: police", "  \tname: Police"],
        4,
        "tab character at column 3 of this line",
    ),
    (
        "tab pasted inside text",
        ["document:", "  title: Escalation\tpolicy"],
        3,
        "tab character at column 20 of this line, inside the text. The front matter cannot "
        "hold tabs outside quotes: replace the tab with a space",
    ),
    (
        "an invisible control character pasted from a PDF",
        ["document:", "  title: Escalation\x07 policy"],
        3,
        "this line has an invisible control character (code 7) at column 20, often pasted "
        "from a PDF: delete it, or retype the line",
    ),
    (
        "': ' inside unquoted text",
        ["document:", "  title: Escalation policy: resolving disagreements"],
        3,
        "the text on this line contains ': ', which marks a new field. Put the whole value "
        "in double quotes",
    ),
    (
        "a field indented one space too far",
        ["partnership:", "  name: Example", "   short_name: ESCP"],
        4,
        "this line is probably indented wrongly. It starts with 3 spaces, which does not "
        "line up with the fields above it (they start with 2 or 0 spaces)",
    ),
    (
        "a field indented one space too little",
        ["partnership:", "  name: Example", " short_name: ESCP"],
        4,
        "It starts with 1 space, which does not line up",
    ),
    (
        "a list item's field out of line",
        ["agencies:", "  - id: police", "   name: Police"],
        4,
        "It starts with 3 spaces, which does not line up with the fields above it (they "
        "start with 4 or 0 spaces)",
    ),
    (
        "straight quotes inside straight quotes",
        ["emergency:", '  says: "It is "paramount" here."', '  cite: "1.2"'],
        3,
        'the double quotes on this line do not pair up: a " inside a value in double '
        "quotes ends it early. Use single quotes inside",
    ),
    (
        "text after a closing quote",
        ["emergency:", '  says: "Call the police" on 999', '  cite: "1.2"'],
        3,
        "the value on this line starts with a quote, so it must end with that quote, and "
        "nothing may follow it",
    ),
    (
        "a line of three dots, which ends YAML early",
        ["document:", "  title: Escalation policy", "...", "  version: 2"],
        5,
        "the front matter cannot be read here: check the indentation (spaces only, lined up "
        "with the lines around it)",
    ),
    (
        "a quote never closed",
        ["emergency:", '  says: "Call the police', '  cite: "1.2"'],
        3,
        'the double quote (") that opens the value on this line is not closed on the same line',
    ),
    (
        "a value broken over two lines",
        ["document:", "  title: Escalation policy", "  and procedure", "  version: 2"],
        4,
        "this line is not a 'field: value' line. If it continues the text on the line "
        "above, join the two lines",
    ),
    (
        "text that starts with a bracket",
        ["document:", "  title: [Draft] Escalation policy: 2024"],
        3,
        "a value that starts with '[' or '{' is read as a list or group. If it is text, "
        "put the whole value in double quotes",
    ),
    (
        "text that starts with @",
        ["contacts:", "  - name: @lado"],
        3,
        "a value cannot start with '@' unless it is in quotes",
    ),
    (
        "text that starts with *",
        ["emergency:", "  says: *urgent* call 999"],
        3,
        "a value cannot start with '*' unless it is in quotes",
    ),
]


@pytest.mark.parametrize(
    ("lines", "line", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_unreadable_front_matter_is_explained_in_plain_words(lines, line, words):
    text = "\n".join(["---", *lines, "---", "", "{#1.2} Text."])

    doc, [problem] = split(Path("policy.md"), text)

    assert doc is None
    assert problem.line == line
    assert problem.message.startswith("the front matter cannot be read")
    assert words in problem.message
    assert not [j for j in JARGON if j in problem.message]


DUPLICATES = [
    (
        "a field indented too little leaves its group",
        [
            "emergency:",
            "  says: Call 999",
            "  cite: '1.2'",
            "  who:",
            "    says: the LADO",
            "  cite: '4.1'",
        ],
        7,
        "the field 'cite' appears twice in this group, on lines 4 and 7: one of them is "
        "probably indented wrongly, so it has joined the wrong group. If line 7 belongs to "
        "'who' above it, indent it to line up with 'says' on line 6 (indented by 4 spaces); "
        "otherwise delete the one you do not need",
    ),
    (
        "a field indented too far joins the group inside",
        ["emergency:", "  who:", "    cite: '2.1'", "    cite: '1.2'", "  says: Call 999"],
        5,
        "the field 'cite' appears twice in this group, on lines 4 and 5: one of them is "
        "probably indented wrongly, so it has joined the wrong group. If line 5 belongs to "
        "the group around this one, indent it less, to line up with 'who' on line 3 "
        "(indented by 2 spaces)",
    ),
    (
        "a list item's field indented too little",
        ["stage:", "  cite: Stage 1", "  do:", "    - says: Talk", "  cite: '2.1'"],
        6,
        "If line 6 belongs to 'do' above it, indent it to line up with 'says' on line 5 "
        "(indented by 6 spaces)",
    ),
]


@pytest.mark.parametrize(
    ("lines", "line", "words"), [c[1:] for c in DUPLICATES], ids=[c[0] for c in DUPLICATES]
)
def test_a_field_written_twice_is_called_probably_indented_wrongly(lines, line, words):
    text = "\n".join(["---", *lines, "---", "", "{#1.2} Text."])

    _, problems = split(Path("policy.md"), text)

    assert [(p.line, words in p.message) for p in problems] == [(line, True)], problems
