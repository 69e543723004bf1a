"""Page models for the role matrix: each agency's role at each stage, cited, with its caveats."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard.core.policy import Agency, Partnership, SourceProblem, Stage
from wizard.web import urls


@dataclass(frozen=True)
class RoleCell:
    """An agency's role at one stage, in the role table's words."""

    stage: Stage
    role: str
    cite: str


@dataclass(frozen=True)
class AgencyRow:
    """One agency across the stages, with the notes that name it."""

    agency: Agency
    cells: tuple[RoleCell, ...]
    notes: tuple[SourceProblem, ...]
    href: str


def has_roles(p: Partnership) -> bool:
    """True when any stage of the policy has a role table."""
    return any(s.roles for s in p.stages)


def table_notes(p: Partnership) -> tuple[SourceProblem, ...]:
    """Recorded problems about the role tables: those of stages with roles, or citing a table."""
    cites = {s.roles.cite for s in p.stages if s.roles}
    staged = [n for s in p.stages if s.roles for n in s.problems]
    return tuple(dict.fromkeys([*staged, *(n for n in p.problems if n.cite in cites)]))


def names(note: SourceProblem, agency: Agency) -> bool:
    """True when a note names this agency."""
    return re.search(rf"(?<!\w){re.escape(agency.name)}(?!\w)", note.says) is not None


def agency_row(p: Partnership, agency: Agency, notes: tuple[SourceProblem, ...]) -> AgencyRow:
    """An agency's role at each stage whose table names it."""
    cells = tuple(
        RoleCell(s, s.roles.text(agency.id), s.roles.cite)
        for s in p.stages
        if s.roles and agency.id in s.roles.by_agency
    )
    attached = [
        n
        for s in p.stages
        if s.roles
        for c in s.roles.by_agency.get(agency.id, ())
        for n in c.notes
    ]
    mine = tuple(dict.fromkeys([*(n for n in notes if names(n, agency)), *agency.notes, *attached]))
    href = urls.roles(p.slug, agency.id)
    return AgencyRow(agency, cells, mine, href)


def rows(p: Partnership) -> tuple[AgencyRow, ...]:
    """Every agency any role table names."""
    notes = table_notes(p)
    found = (agency_row(p, a, notes) for a in p.agencies)
    return tuple(r for r in found if r.cells)


def general_notes(p: Partnership, all_rows: tuple[AgencyRow, ...]) -> tuple[SourceProblem, ...]:
    """Notes about the tables that name no single agency: shown once, above them."""
    named = {n for r in all_rows for n in r.notes}
    return tuple(n for n in table_notes(p) if n not in named)


@dataclass(frozen=True)
class RolesPage:
    """The role matrix as its page shows it: every agency, those shown, and the notes."""

    every: tuple[AgencyRow, ...]
    shown: tuple[AgencyRow, ...]
    notes: tuple[SourceProblem, ...]
    chosen: Agency | None


def roles_page(p: Partnership, agency: str | None = None) -> RolesPage | None:
    """Every agency's roles, or one agency's (`agency`); None where the policy has no such page."""
    if not has_roles(p):
        return None
    every = rows(p)
    shown = tuple(r for r in every if agency in (None, r.agency.id))
    if not shown:
        return None
    return RolesPage(every, shown, general_notes(p, every), shown[0].agency if agency else None)
