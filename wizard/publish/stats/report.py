"""The figures as one self-contained HTML page to read or print: a chart and tables, no script."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date
from flask import Flask

from wizard.publish.stats import chart
from wizard.publish.stats.count import REASONS, SMALL, shown
from wizard.publish.stats.figures import Figures, Partnership
from wizard.publish.stats.kinds import GROUPS
from wizard.web.text.catalogue import gettext


@dataclass(frozen=True)
class Table:
    """One group of kinds: a row per kind, a column per month."""

    caption: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Section:
    """One partnership: its chart, then its tables."""

    slug: str
    name: str
    chart: chart.Chart
    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Report:
    """Everything the page shows, every count already as it may be shown."""

    period: str
    made: str
    logs: int
    lines: str
    counted: str
    months: tuple[str, ...]
    sections: tuple[Section, ...]
    left_out: tuple[tuple[str, str], ...]
    fewer: str
    small: int = SMALL


def html(app: Flask, figures: Figures, logs: int, today: date) -> str:
    """The report's HTML, rendered by the app's templates (strict about every name)."""
    return app.jinja_env.get_template("stats.html").render(report=build(figures, logs, today))


def build(figures: Figures, logs: int, today: date) -> Report:
    """The report's page model."""
    tally = figures.tally
    return Report(
        period=_period(figures),
        made=_long(today),
        logs=logs,
        lines=shown(tally.lines),
        counted=shown(tally.counted),
        months=tuple(_month(m, "MMM y") for m in figures.months),
        sections=tuple(_section(p, figures.months) for p in figures.partnerships),
        left_out=tuple(
            (gettext(label), shown(tally.left_out[key])) for key, label in REASONS.items()
        ),
        fewer=shown(0),
    )


def _section(p: Partnership, months: tuple[str, ...]) -> Section:
    tables = tuple(
        Table(
            gettext(caption),
            tuple((line.row.label, tuple(map(shown, line.counts))) for line in lines),
        )
        for group, caption in GROUPS.items()
        if (lines := p.group(group))
    )
    started = p.group("journey")[0].counts
    values = [(_month(m, "MMM y"), n) for m, n in zip(months, started, strict=True)]
    caption = gettext("Journeys started each month")
    drawn = chart.bars(f"chart-{p.slug}", caption, p.name, values)
    return Section(p.slug, p.name, drawn, tables)


def _period(figures: Figures) -> str:
    first = figures.since or figures.tally.first
    last = figures.until or figures.tally.last
    if first is None or last is None:
        return gettext("No request was counted")
    return gettext("%(first)s to %(last)s", first=_long(first), last=_long(last))


def _long(day: date) -> str:
    return format_date(day, format="d MMMM y", locale="en_GB")


def _month(month: str, pattern: str) -> str:
    year, number = month.split("-")
    return format_date(date(int(year), int(number), 1), format=pattern, locale="en_GB")
