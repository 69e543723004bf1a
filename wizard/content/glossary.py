"""Load glossary terms: content/glossary/*.md (general) and policies/<slug>/glossary/*.md."""

from __future__ import annotations

from pathlib import Path

from wizard.content.frontmatter import Document
from wizard.content.problems import Problem
from wizard.content.translation import State
from wizard.core.glossary import OwnTerm, Term, glossary_links
from wizard.core.policy import Cite, Model, Text

FOLDER = "glossary"


class TermMeta(Model):
    """A general term's front matter; its explanation is the body."""

    term: Text
    stands_for: Text | None = None
    translation: State | None = None  # in content/<lang>/glossary: reviewed yet?


class OwnTermMeta(Model):
    """A partnership term's front matter: the policy's words and their paragraph."""

    term: Text
    stands_for: Text | None = None
    says: Text
    cite: Cite
    from_note: bool = False


def term_files(folder: Path) -> list[Path]:
    """The glossary files in a folder's glossary/, in name order."""
    where = folder / FOLDER
    return sorted(where.glob("*.md")) if where.is_dir() else []


def general(path: Path, meta: TermMeta, doc: Document) -> Term:
    """A general term from its validated file."""
    return Term(path.stem, meta.term, meta.stands_for, doc.body.strip())


def own(path: Path, meta: OwnTermMeta) -> OwnTerm:
    """A partnership's term from its validated file."""
    return OwnTerm(path.stem, meta.term, meta.stands_for, meta.says, meta.cite, meta.from_note)


def cite_problem(path: Path, doc: Document, anchors: dict[str, int]) -> list[Problem]:
    """A term whose paragraph the policy does not have."""
    cite = str(doc.data.get("cite", ""))
    if not cite or cite in anchors:
        return []
    line = doc.where.find(("cite",))
    return [Problem(path, line, f"cite: the policy has no paragraph '{{#{cite}}}'")]


def link_problems(doc: Document, markdown: str, known: set[str]) -> list[Problem]:
    """Each glossary link in a body to a term no glossary defines."""
    return [
        Problem(
            doc.path,
            doc.body_line + offset,
            f"the glossary link 'glossary:{term}' names a term the glossary does not "
            f"define: use one of {', '.join(sorted(known))}",
        )
        for offset, term in glossary_links(markdown)
        if term not in known
    ]
