"""Glossary terms: general explanations, and a partnership's own definitions, cited.

No I/O: the content loader fills these; pages read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINK = re.compile(r"\]\(glossary:([^)\s]*)\)")


@dataclass(frozen=True)
class Term:
    """A general explanation of a term, not from any partnership's policy."""

    id: str
    term: str
    stands_for: str | None
    explanation: str  # Markdown


@dataclass(frozen=True)
class OwnTerm:
    """A partnership's own definition: the policy's words, or the file's note where it has none."""

    id: str
    term: str
    stands_for: str | None
    says: str
    cite: str
    from_note: bool  # True: the policy does not define it; `says` is our note on its text


def glossary_links(markdown: str) -> list[tuple[int, str]]:
    """Each `[text](glossary:id)` link in Markdown, as (line offset, id)."""
    return [(markdown[: m.start()].count("\n"), m[1]) for m in LINK.finditer(markdown)]
