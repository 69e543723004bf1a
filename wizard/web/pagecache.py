"""A bounded cache of rendered pages: every GET page is a pure function of its path.

Only plain GETs are cached: never a POST, an error, or a query.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from flask import current_app, request


class PageCache:
    """Least-recently-used rendered pages, safe to share between a worker's threads."""

    def __init__(self, size: int) -> None:
        """Keep at most `size` pages."""
        self.size, self.pages, self.lock = size, OrderedDict(), Lock()

    def get(self, key: tuple, render: Callable[[], str]) -> str:
        """The page for `key`, rendering it on a miss."""
        with self.lock:
            if key in self.pages:
                self.pages.move_to_end(key)
                return self.pages[key]
        page = render()
        with self.lock:
            self.pages[key] = page
            if len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return page


def cached(render: Callable[[], str], today: object = None) -> str:
    """Render through the app's page cache when the request is a plain GET."""
    cache: PageCache | None = current_app.extensions.get("page_cache")
    plain = request.method == "GET" and not request.args
    return cache.get((request.path, today), render) if cache and plain else render()
