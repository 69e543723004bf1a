"""Find links and assets in a built site that point at nothing."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# A stylesheet's references: url(x), url('x') or url("x").
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]*)\1\s*\)""")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.found.append(value)


def links(html: str) -> list[str]:
    """Every href, src and form action in a page."""
    parser = _Links()
    parser.feed(html)
    return parser.found


def css_links(css: str) -> list[str]:
    """Every url(...) a stylesheet refers to."""
    return [m.group(2).strip() for m in CSS_URL.finditer(css) if m.group(2).strip()]


def target(root: Path, base_path: str, page: Path, href: str) -> Path | None:
    """The file an internal link resolves to, or None for an external or in-page link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if not path.startswith("/"):  # relative to the file's own address, under the base path
        folder = page.parent.relative_to(root).as_posix()
        joined = posixpath.normpath(posixpath.join(base_path, folder, path))
        path = joined + "/" if path.endswith("/") and joined != "/" else joined
    if not path.startswith(base_path):
        return root / "__outside_base_path__"
    file = root / path[len(base_path) :]
    return file / "index.html" if path.endswith("/") else file


def references(root: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each page with its links and assets, then each stylesheet with its url()s."""
    for page in sorted(root.rglob("*.html")):
        yield page, links(page.read_text(encoding="utf-8"))
    for sheet in sorted(root.rglob("*.css")):
        yield sheet, css_links(sheet.read_text(encoding="utf-8"))


def broken_links(root: Path, base_path: str) -> list[tuple[str, str]]:
    """(file, href) for every internal link, asset or stylesheet url() that resolves to no file."""
    broken = []
    for source, hrefs in references(root):
        for href in hrefs:
            file = target(root, base_path, source, href)
            if file is not None and not file.is_file():
                broken.append((str(source.relative_to(root)), href))
    return broken
