"""The counts laid out for output: each partnership's kinds of page by month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wizard.content import Site
from wizard.core.policy import Partnership as Policy
from wizard.publish.stats import kinds
from wizard.publish.stats.count import Tally
from wizard.publish.stats.kinds import Row


@dataclass(frozen=True)
class Line:
    """One kind of page: its label and its count in each month, in the figures' month order."""

    row: Row
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Partnership:
    """One partnership's figures."""

    slug: str
    name: str
    lines: tuple[Line, ...]

    def group(self, group: str) -> tuple[Line, ...]:
        """The lines of one group, in order."""
        return tuple(line for line in self.lines if line.row.kind.group == group)


@dataclass(frozen=True)
class Figures:
    """Every partnership's figures over the same months, and what was left out."""

    months: tuple[str, ...]
    partnerships: tuple[Partnership, ...]
    tally: Tally
    since: date | None
    until: date | None


def figures(
    site: Site, tally: Tally, only: frozenset[str], since: date | None, until: date | None
) -> Figures:
    """Lay out a tally: every kind of every partnership asked for, in every month."""
    months = tuple(tally.months(since, until))
    chosen = [p for slug, p in site.partnerships.items() if not only or slug in only]
    laid_out = tuple(_partnership(site, p, tally, months) for p in chosen)
    return Figures(months, laid_out, tally, since, until)


def _partnership(site: Site, p: Policy, tally: Tally, months: tuple[str, ...]) -> Partnership:
    lines = tuple(
        Line(row, tuple(tally.pages[p.slug, month, row.kind] for month in months))
        for row in kinds.rows(site.flow, p)
    )
    return Partnership(p.slug, p.partnership.name, lines)
