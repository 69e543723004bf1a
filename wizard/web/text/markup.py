"""Render authored Markdown to safe HTML, turning {#label} markers into paragraph anchors."""

from __future__ import annotations

import re
from functools import lru_cache
from xml.etree import ElementTree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markupsafe import escape

from wizard.content.loader import ANCHOR, anchor_id
from wizard.web.text.catalogue import gettext

# Anything an author writes passes through this allow-list: no script, style, iframe,
# event handlers or javascript: URLs can reach a page.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "span": {"id", "class"}, "*": {"id"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
CLASSES = {
    "h1": "govuk-heading-xl",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
}


HEADING = re.compile(r"<(/?)h([1-6])")
OPEN_TAG = re.compile(r"<(" + "|".join(CLASSES) + r")(?=[\s>])")


class AnchorProcessor(InlineProcessor):
    """'{#3.6} text' shows '3.6' as the paragraph's number; 'Heading {#x}' is a silent anchor."""

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API name
        """Replace the marker with a span that carries the anchor id."""
        label = m.group(1).strip()
        span = ElementTree.Element("span", {"id": anchor_id(label), "class": "app-para-ref"})
        if data[m.end() :].strip():
            span.text = label
        else:
            span.set("class", "app-anchor")
        return span, m.start(0), m.end(0)


class AnchorExtension(Extension):
    """Registers the paragraph-anchor syntax."""

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        """Add the anchor pattern ahead of links, so '{#…}' is never read as anything else."""
        md.inlinePatterns.register(AnchorProcessor(ANCHOR.pattern, md), "para-anchor", 200)


def render(text: str, top: int = 2) -> str:
    """Markdown to sanitised HTML with GOV.UK classes; its first heading level becomes `top`."""
    return _render(text, top)


@lru_cache(maxsize=256)
def _render(text: str, top: int) -> str:
    html = markdown.markdown(text, extensions=[AnchorExtension(), "tables", "sane_lists"])
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    levels = [int(level) for level in re.findall(r"<h([1-6])", clean)]
    return _decorate(clean, top - min(levels) if levels else 0)


def _decorate(html: str, shift: int) -> str:
    # Classes are added after sanitising, so authors cannot set them.
    if shift:
        html = HEADING.sub(lambda m: f"<{m[1]}h{max(1, min(int(m[2]) + shift, 6))}", html)
    html = OPEN_TAG.sub(lambda m: f'<{m[1]} class="{CLASSES[m[1]]}"', html)
    # A wide table scrolls inside a focusable region, so keyboard users can scroll it too.
    count = iter(range(1, 1000))
    html = re.sub(
        r"<table",
        lambda _: (
            '<div class="app-table-wrapper" role="region" aria-label="'
            + str(escape(gettext("Table %(number)s", number=next(count))))
            + '" tabindex="0"><table'
        ),
        html,
    )
    return html.replace("</table>", "</table></div>")
