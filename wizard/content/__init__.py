"""Authored content: load policies, pages and the question flow; validate with file:line."""

from wizard.content.loader import (
    ANCHOR,
    BUNDLED_SITE,
    Page,
    Procedure,
    Site,
    Taken,
    anchor_id,
    inspect_site,
    load_flow,
    load_site,
)

__all__ = [
    "ANCHOR",
    "BUNDLED_SITE",
    "Page",
    "Procedure",
    "Site",
    "Taken",
    "anchor_id",
    "inspect_site",
    "load_flow",
    "load_site",
]
