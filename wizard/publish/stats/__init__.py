"""Usage figures from access logs: pages reached, by partnership and month, without knowing who.

`logline` reads a line, `reading` a (gzip) file, `classify` tells the page through the app's
own routes and engine, `count` keeps counters only, `figures` lays them out, and `csvfile`,
`report` and `chart` write them. Nothing is stored between runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from wizard.publish.stats import csvfile, reading, report
from wizard.publish.stats.classify import Classifier
from wizard.publish.stats.count import Counting, Tally, crawler_rule
from wizard.publish.stats.figures import figures
from wizard.publish.stats.reading import UnreadableLogError

__all__ = ["Options", "Tally", "UnreadableLogError", "app_for", "count", "render"]


@dataclass(frozen=True)
class Options:
    """What to read, and what to count."""

    logs: tuple[Path, ...]
    site: Path
    since: date | None = None
    until: date | None = None
    only: frozenset[str] = frozenset()
    base_url: str = "/"
    at_root: str | None = None


def app_for(options: Options) -> Flask:
    """The app whose routes the logs are read by, as it served or was frozen."""
    from wizard.web.app import create_app

    config = {"SITE_DIR": options.site, "PAGE_CACHE_ENTRIES": 0}
    return create_app({**config, "ROOT_PARTNERSHIP": options.at_root})


def count(app: Flask, options: Options) -> Tally:
    """Read every log, a line at a time; raises UnreadableLogError for one that cannot be read."""
    base_path = urlsplit(options.base_url).path or "/"
    counting = Counting(
        Classifier(app, base_path), options.since, options.until, options.only, crawler_rule()
    )
    for path in options.logs:
        counting.add_lines(str(path), reading.lines(path))
    return counting.tally


def render(app: Flask, options: Options, tally: Tally, kind: str, today: date) -> str:
    """The figures as an HTML report or as CSV."""
    site = app.extensions["site"]
    laid_out = figures(site, tally, options.only, options.since, options.until)
    if kind == "csv":
        return csvfile.text(laid_out)
    return report.html(app, laid_out, len(options.logs), today)
