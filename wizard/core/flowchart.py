"""Pure layout of a flowchart drawn down the page: boxes on a rail, branches hanging off it.

The chart is narrow (320 units wide) and grows downwards, so it fits a 320 px phone at a
readable size and never needs sideways scrolling: main boxes sit one under another, joined by
arrows down a rail at their left; a branch (the emergency route, another procedure, one of
two routes at a stage) hangs off the rail to the right, indented. Text is wrapped here, with
widths measured for DejaVu Sans, the widest of the common system fonts, so it fits in any.

No I/O and no SVG: the web layer turns a `Layout` into markup.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
FONT = 15  # font size, in the chart's units
LINE = 20  # line height
PAD = 10  # inside a box, around its text
PARAGRAPH = 5  # extra space between a box's paragraphs
RAIL = 18  # x of the rail the arrows run down
INDENT = 40  # where a branch box starts
GAP = 18  # between boxes
LABELLED_GAP = 30  # between boxes, where the arrow carries a label
HEAD = 7  # arrowhead length
LABEL_FONT = 14

# Advance widths of DejaVu Sans in em, measured in Chromium and grouped by width. Anything
# not listed is taken as wider than most capitals, so an unlisted character cannot overflow.
_NORMAL = {
    0.27: "'", 0.28: "ijl", 0.29: "IJ", 0.32: " .,‘’", 0.34: ":;/|", 0.35: "f", 0.36: "-",
    0.39: "t()[]", 0.4: "!", 0.41: "r", 0.46: '"', 0.5: "–*_", 0.52: "sz“”", 0.53: "?",
    0.55: "c", 0.56: "L", 0.58: "kF", 0.59: "vxy", 0.6: "P", 0.61: "aoTY", 0.62: "e",
    0.63: "bdghnpquES", 0.64: "0123456789£$", 0.66: "K", 0.68: "AV", 0.69: "BRXZ", 0.7: "C",
    0.73: "U", 0.75: "HN", 0.77: "DG", 0.78: "&", 0.79: "OQ", 0.82: "w", 0.84: "+#=<>",
    0.86: "M", 0.95: "%", 0.97: "m", 0.99: "W", 1.0: "—@…",
}  # fmt: skip
_BOLD = {
    0.31: "'", 0.34: "ijl", 0.35: " ", 0.37: "IJ/|", 0.38: ".,‘’", 0.4: ":;", 0.42: "-",
    0.44: "f", 0.46: "!()[]", 0.48: "t", 0.49: "r", 0.5: "–_", 0.52: '"*', 0.58: "z?",
    0.59: "c", 0.6: "s", 0.64: "L", 0.65: "vxy", 0.66: "“”", 0.67: "ak", 0.68: "eEFT",
    0.69: "o", 0.7: "0123456789£$", 0.71: "hnu", 0.72: "bdgpqSY", 0.73: "CPZ", 0.76: "B",
    0.77: "AKRVX", 0.81: "U", 0.82: "G", 0.83: "D", 0.84: "HN+#=<>", 0.85: "OQ", 0.87: "&",
    0.92: "w", 1.0: "M—@%…", 1.04: "m", 1.1: "W",
}  # fmt: skip
_WIDTHS = {
    bold: {ch: width for width, chars in table.items() for ch in chars}
    for bold, table in ((False, _NORMAL), (True, _BOLD))
}
_UNKNOWN = {False: 0.8, True: 0.9}


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """How wide a line of text is, in the chart's units."""
    table, unknown = _WIDTHS[bold], _UNKNOWN[bold]
    return size * sum(table.get(ch, unknown) for ch in text)


def wrap(text: str, width: float, size: float = FONT, bold: bool = False) -> list[str]:
    """Words into lines no wider than `width`; a word too long for a line is broken."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while text_width(word, size, bold) > width:  # an address or a long name
            cut = max(1, _fits(word, width, size, bold))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _fits(word: str, width: float, size: float, bold: bool) -> int:
    count = 0
    while count < len(word) and text_width(word[: count + 1], size, bold) <= width:
        count += 1
    return count


@dataclass(frozen=True)
class Node:
    """One box: a bold heading, then paragraphs; `label` is on the arrow that leads to it."""

    kind: str  # what it is, for styling: "question", "stage", "emergency", "exit"
    heading: str
    lines: tuple[str, ...] = ()
    label: str | None = None
    branch: bool = False  # hangs off the rail, rather than sitting on it


@dataclass(frozen=True)
class Text:
    """One line of text, at its baseline's left end."""

    x: float
    y: float
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Box:
    """A node placed: its rectangle and its wrapped lines."""

    node: Node
    x: float
    y: float
    width: float
    height: float
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class Arrow:
    """A straight line from one point to another; `head` puts an arrowhead at its end."""

    x1: float
    y1: float
    x2: float
    y2: float
    head: bool = True

    @property
    def head_points(self) -> str:
        """The arrowhead's three corners, as SVG 'points'."""
        if self.x1 == self.x2:  # downwards
            x, y = self.x2, self.y2
            return f"{x - HEAD / 2 - 1},{y - HEAD} {x + HEAD / 2 + 1},{y - HEAD} {x},{y}"
        x, y = self.x2, self.y2  # rightwards
        return f"{x - HEAD},{y - HEAD / 2 - 1} {x - HEAD},{y + HEAD / 2 + 1} {x},{y}"

    @property
    def stem_end(self) -> tuple[float, float]:
        """Where the line stops, so it does not poke through the arrowhead's point."""
        if not self.head:
            return self.x2, self.y2
        if self.x1 == self.x2:
            return self.x2, self.y2 - HEAD + 1
        return self.x2 - HEAD + 1, self.y2


@dataclass(frozen=True)
class Segment:
    """A band across the chart: one box, the arrow into it, and the rail passing by.

    Drawn one under another, the bands join up; on paper a page may end between two bands,
    never inside a box.
    """

    y: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]  # any arrow that crosses the band; the band's edges clip it
    labels: tuple[Text, ...]


@dataclass(frozen=True)
class Layout:
    """Everything placed: the chart's size, its boxes, arrows and the arrows' labels."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    labels: tuple[Text, ...]
    cuts: tuple[float, ...] = (0.0,)  # where each band starts

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The chart in bands, each starting at a cut."""
        ends = (*self.cuts[1:], self.height)
        return tuple(self._band(top, bottom) for top, bottom in zip(self.cuts, ends, strict=True))

    def _band(self, top: float, bottom: float) -> Segment:
        def inside(y: float) -> bool:
            return top <= y < bottom

        arrows = tuple(
            a
            for a in self.arrows
            if (min(a.y1, a.y2) < bottom and max(a.y1, a.y2) > top) or inside(a.y1)
        )
        return Segment(
            top,
            bottom - top,
            tuple(b for b in self.boxes if inside(b.y)),
            arrows,
            tuple(t for t in self.labels if inside(t.y)),
        )


def _box(node: Node, x: float, y: float) -> Box:
    width = WIDTH - x
    inner = width - 2 * PAD
    texts: list[Text] = []
    baseline = y + PAD + FONT
    paragraphs = [(node.heading, True), *((line, False) for line in node.lines)]
    for index, (paragraph, bold) in enumerate(paragraphs):
        if index:
            baseline += PARAGRAPH
        for line in wrap(paragraph, inner, FONT, bold):
            texts.append(Text(x + PAD, baseline, line, bold))
            baseline += LINE
    height = baseline - FONT + PAD - y  # the last line's descent, then the padding
    return Box(node, x, y, width, height, tuple(texts))


def layout(nodes: tuple[Node, ...]) -> Layout:
    """Place the nodes down the page in order; each branch hangs off the main box before it."""
    if not nodes or nodes[0].branch:
        raise ValueError("a flowchart starts with a main box, not a branch")
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    labels: list[Text] = []
    y = 0.0
    cuts = [y]
    rail_from = rail_to = None  # the rail below the last main box, down to its last branch
    for node in nodes:
        if boxes:
            cuts.append(y)
            y += LABELLED_GAP if node.label else GAP
        x = INDENT if node.branch else 0
        box = _box(node, x, y)
        if node.branch:
            tick = y + PAD + FONT / 2
            arrows.append(Arrow(RAIL, tick, INDENT, tick))
            rail_to = tick
        elif rail_from is not None:
            arrows.append(Arrow(RAIL, rail_from, RAIL, y))
            rail_to = None
        if node.label:
            labels.append(Text(RAIL + 8, y - 9, node.label, True))
        if not node.branch:
            rail_from = y + box.height
        boxes.append(box)
        y += box.height
    if rail_from is not None and rail_to is not None:
        arrows.append(Arrow(RAIL, rail_from, RAIL, rail_to, head=False))
    arrows.sort(key=lambda a: a.x1 != a.x2)  # the rail first, the ticks over it
    return Layout(WIDTH, y + 1, tuple(boxes), tuple(arrows), tuple(labels), tuple(cuts))
