"""The figures as CSV: one row per partnership, month and kind of page."""

from __future__ import annotations

import csv
import io

from wizard.publish.stats.count import shown
from wizard.publish.stats.figures import Figures

# The header is part of the command's interface: README.md documents each column.
HEADER = ("partnership", "month", "group", "kind", "count")


def text(figures: Figures) -> str:
    """The CSV file's text; a count below 5 is written 'fewer than 5', with no thousands comma."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for p in figures.partnerships:
        for index, month in enumerate(figures.months):
            for line in p.lines:
                kind = line.row.kind
                count = shown(line.counts[index]).replace(",", "")
                writer.writerow((p.slug, month, kind.group, kind.name, count))
    return out.getvalue()
