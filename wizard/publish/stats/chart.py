"""A bar chart drawn in Python for inline SVG: one bar a month, its number written beside it.

Geometry only; `templates/stats.html` writes the elements. A count below 5 gets no bar,
only the words "fewer than 5", so no length can tell a small number.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.publish.stats.count import SMALL, shown
from wizard.web.text.catalogue import gettext

WIDTH = 320  # user units: the chart scales to its box, and fits a phone
LABEL_END = 76  # month labels end here, right-aligned
BAR_START = 82
BAR_ROOM = 170  # the longest bar; its number is written after it
ROW = 26
BAR_HEIGHT = 16
TOP = 6


@dataclass(frozen=True)
class Bar:
    """One month: where its bar and texts go."""

    label: str
    value: str
    y: float
    width: float
    text_y: float
    value_x: float


@dataclass(frozen=True)
class Chart:
    """A chart's size, bars, and the words that say what it shows."""

    id: str
    caption: str
    title: str
    desc: str
    height: float
    bars: tuple[Bar, ...]
    label_end: float = LABEL_END
    bar_start: float = BAR_START
    width: float = WIDTH
    bar_height: float = BAR_HEIGHT


def bars(chart_id: str, caption: str, of: str, values: list[tuple[str, int]]) -> Chart:
    """A chart of labelled counts, the longest bar for the largest count of 5 or more."""
    largest = max((v for _, v in values if v >= SMALL), default=0)
    drawn = tuple(_bar(i, label, value, largest) for i, (label, value) in enumerate(values))
    desc = gettext("A bar for each month; the same numbers are in the first table below.")
    height = TOP * 2 + ROW * len(values)
    title = gettext("%(chart)s: %(partnership)s", chart=caption, partnership=of)
    return Chart(chart_id, caption, title, desc, height, drawn)


def _bar(index: int, label: str, value: int, largest: int) -> Bar:
    width = BAR_ROOM * value / largest if value >= SMALL and largest else 0
    y = TOP + index * ROW + (ROW - BAR_HEIGHT) / 2
    return Bar(label, shown(value), y, round(width, 1), y + BAR_HEIGHT - 4, BAR_START + width + 5)
