"""A policy's text in a second language: `policy.<lang>.md`, checked to match policy.md.

The translation repeats policy.md field for field; only the words differ. Ids, citations,
numbers, addresses and the order of every list are the same, and the procedure text has
the same paragraphs, so each fact cites the same paragraph in either language.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from wizard.content.frontmatter import Document, read_text, split
from wizard.content.problems import Problem

# Values that are not words: the same in every language. (A document's or a contact's
# web address may differ: a Welsh text has its own.)
NEUTRAL = frozenset(
    {
        "area",
        "cite",
        "colour",
        "email",
        "form",
        "from",
        "id",
        "languages",
        "nation",
        "phone",
        "review_due",
        "see_also",
        "stated",
    }
)
Loc = tuple[str | int, ...]
LANGUAGE_NAMES = {"cy": "Welsh"}  # for messages to publishers, who write in English


class State(StrEnum):
    """Whether a translated page has been reviewed by a fluent translator."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


def policy_file(lang: str) -> str:
    """The file holding a policy's text in a language other than English."""
    return f"policy.{lang}.md"


def stray_files(folder: Path, declared: tuple[str, ...]) -> list[Problem]:
    """A policy.<lang>.md for a language the partnership does not declare."""
    return [
        Problem(
            path,
            1,
            f"this is the policy in '{path.suffixes[0][1:]}', which the partnership does not "
            f"declare: add it to 'languages' under 'partnership' in policy.md, or remove the file",
        )
        for path in sorted(folder.glob("policy.*.md"))
        if path.suffixes[0][1:] not in declared
    ]


def differences(english: Document, other: Document) -> list[Problem]:
    """Where the translation's front matter is not policy.md's, field for field."""
    return [
        Problem(other.path, other.where.find(loc), f"{_where(loc)}: {what}")
        for loc, what in _compare(english.data, other.data, ())
    ][:20]  # the first few say what is wrong; a wholly different file says it at once


def paragraph_differences(
    english: dict[str, int], other: dict[str, int], path: Path
) -> list[Problem]:
    """Paragraphs the translation lacks, adds or puts in another order."""
    missing = [label for label in english if label not in other]
    added = [label for label in other if label not in english]
    problems = [
        Problem(path, 1, f"paragraph {{#{label}}} of policy.md is not in this translation")
        for label in missing
    ] + [
        Problem(
            path,
            line,
            f"paragraph {{#{label}}} is not in policy.md: every paragraph of a "
            "translation must be one of the policy's own",
        )
        for label, line in other.items()
        if label in added
    ]
    if not problems and list(english) != list(other):
        problems.append(
            Problem(path, 1, "the paragraphs are in another order than in policy.md: keep it")
        )
    return problems


def _compare(first: object, second: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(first, dict) and isinstance(second, dict):
        yield from _compare_fields(first, second, loc)
    elif isinstance(first, list) and isinstance(second, list):
        if len(first) != len(second):
            yield loc, f"policy.md lists {len(first)} here and this file {len(second)}"
            return
        for index, (a, b) in enumerate(zip(first, second, strict=True)):
            yield from _compare(a, b, (*loc, index))
    elif type(first) is not type(second):
        yield loc, "this is a different kind of value than in policy.md"
    elif loc and loc[-1] in NEUTRAL and first != second:
        yield loc, f"policy.md has '{first}' here: ids, citations and addresses stay the same"


def _compare_fields(first: dict, second: dict, loc: Loc) -> Iterator[tuple[Loc, str]]:
    for key in first.keys() - second.keys():
        yield loc, f"'{key}' is in policy.md but not here: translate it too"
    for key in second.keys() - first.keys():
        yield (*loc, key), f"'{key}' is not in policy.md: a translation adds no field"
    for key in first.keys() & second.keys():
        yield from _compare(first[key], second[key], (*loc, key))


def _where(loc: Loc) -> str:
    return "'" + ".".join(str(part) for part in loc) + "'" if loc else "the front matter"


def missing(folder: Path, lang: str, english: set[str], found: set[str]) -> list[Problem]:
    """A warning for each English page or term with no file in `lang` yet."""
    name = LANGUAGE_NAMES.get(lang, lang)
    return [
        Problem(
            folder / f"{stem}.md",
            1,
            f"there is no {name} version of this page yet: translate the English file of the "
            "same name into this file (the built site refuses a language with a page missing)",
            warning=True,
        )
        for stem in sorted(english - found)
    ]


def drafts(folder: Path, pattern: str) -> list[Problem]:
    """A warning for each translated page or term still marked `translation: draft`."""
    return [
        Problem(
            path,
            1,
            "this translation is a draft: a fluent translator has not yet "
            "reviewed it (then set 'translation: reviewed')",
            warning=True,
        )
        for path in sorted(folder.glob(pattern))
        if _state(path) is not State.REVIEWED
    ]


def _state(path: Path) -> State | None:
    text, _ = read_text(path)
    doc, _ = split(path, text or "")
    value = doc.data.get("translation") if doc is not None else None
    return State(value) if value in set(State) else None
