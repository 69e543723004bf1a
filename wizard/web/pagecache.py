"""A bounded cache of whole responses, in front of the app.

Every GET page is a function of its path and the date, the same for every visitor (no
cookie, no token), so it is built once per worker.

Only a plain GET (or HEAD) whose answer is 200 and `public` is kept: never a POST, an error,
a query string, or a response that sets a cookie. A hit skips Flask altogether.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from threading import Lock
from typing import Any

from werkzeug.sansio.utils import host_is_trusted

Key = tuple[str, date]
WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


@dataclass(frozen=True)
class Page:
    """One response, ready to send again."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes


class PageCache:
    """Least-recently-used pages, bounded in count and in bytes, shared by a worker's threads."""

    def __init__(self, entries: int, max_bytes: int) -> None:
        """Keep at most `entries` pages holding at most `max_bytes` of body in all."""
        self.entries, self.max_bytes = entries, max_bytes
        self.pages: OrderedDict[Key, Page] = OrderedDict()
        self.bytes = 0
        self.lock = Lock()

    def get(self, key: Key) -> Page | None:
        """The page for `key`, if kept."""
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: Key, page: Page) -> None:
        """Keep `page`, dropping the least recently used until both bounds hold."""
        if len(page.body) > self.max_bytes // 16:
            return  # one huge page must not empty the cache
        with self.lock:
            if key in self.pages:
                self.bytes -= len(self.pages.pop(key).body)
            self.pages[key] = page
            self.bytes += len(page.body)
            while len(self.pages) > self.entries or self.bytes > self.max_bytes:
                self.bytes -= len(self.pages.popitem(last=False)[1].body)


class CachedPages:
    """WSGI middleware: answer a repeated plain GET from the cache, before Flask runs."""

    def __init__(self, app: WSGIApp, cache: PageCache, today: Callable[[], date], trusted: Any):
        """Wrap `app`; `today` keys pages by date; `trusted` is TRUSTED_HOSTS (None: any)."""
        self.app, self.cache, self.today, self.trusted = app, cache, today, trusted

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Serve from the cache, or run the app and keep what it may keep."""
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        page = self.cache.get(key) or self._render(environ, key)
        start_response(page.status, page.headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [page.body]

    def _key(self, environ: dict) -> Key | None:
        plain = environ["REQUEST_METHOD"] in ("GET", "HEAD") and not environ.get("QUERY_STRING")
        if not plain or not self._trusted(environ):
            return None
        return environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), self.today()

    def _trusted(self, environ: dict) -> bool:
        if self.trusted is None:
            return True
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        return host_is_trusted(host, self.trusted)

    def _render(self, environ: dict, key: Key) -> Page:
        """Run the app as a GET; keep the page if it may be shared."""
        seen: list[Any] = []
        body = self.app({**environ, "REQUEST_METHOD": "GET"}, lambda *a: seen.append(a))
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        status, headers = seen[0][0], seen[0][1]
        page = Page(status, list(headers), data)
        if _shareable(page):
            self.cache.put(key, page)
        return page


def _shareable(page: Page) -> bool:
    names = {name.lower(): value for name, value in page.headers}
    return (
        page.status.startswith("200")
        and names.get("cache-control", "").startswith("public")
        and "set-cookie" not in names
        # A response chosen by Accept-Encoding (a gzipped asset) is not one page per path.
        and "accept-encoding" not in names.get("vary", "").lower()
    )
