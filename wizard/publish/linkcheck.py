"""Find links, assets and stylesheet references in a built site that point at nothing."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml.html import document_fromstring

# In document order, as written in the page (entities decoded).
LINKS = etree.XPath("//@href | //@src | //@action")
# A stylesheet's references: url(x), url('x') or url("x").
CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]*)\1\s*\)""")


def links(html: str) -> list[str]:
    """Every href, src and form action in a page."""
    if not html.strip():
        return []
    return [str(value) for value in LINKS(document_fromstring(html)) if value]


def css_links(css: str) -> list[str]:
    """Every url(...) a stylesheet refers to."""
    return [m.group(2).strip() for m in CSS_URL.finditer(css) if m.group(2).strip()]


def target(root: Path, base_path: str, page: Path, href: str) -> Path | None:
    """The file an internal link resolves to, or None for an external or in-page link."""
    # An address from the root is the same file from every page: the site's pages share
    # their few hundred addresses thousands of times.
    relative = not href.startswith("/") or href.startswith("//")
    return _target(root, base_path, page.parent if relative else None, href)


@lru_cache(maxsize=65536)
def _target(root: Path, base_path: str, folder: Path | None, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if not path.startswith("/") and folder is not None:  # relative to the page's address
        joined = posixpath.normpath(
            posixpath.join(base_path, folder.relative_to(root).as_posix(), path)
        )
        path = joined + "/" if path.endswith("/") and joined != "/" else joined
    if not path.startswith(base_path):
        return root / "__outside_base_path__"
    file = root / path[len(base_path) :]
    return file / "index.html" if path.endswith("/") else file


def page_targets(root: Path, base_path: str, page: Path) -> set[Path]:
    """The files a built page's internal links and assets must find."""
    # A page names the same few addresses many times (each citation of one paragraph).
    hrefs = dict.fromkeys(links(page.read_text(encoding="utf-8")))
    return _targets(root, base_path, page, list(hrefs))


def stylesheet_targets(root: Path, base_path: str) -> set[Path]:
    """The files the built stylesheets' url()s must find."""
    found: set[Path] = set()
    for sheet in root.rglob("*.css"):
        found |= _targets(root, base_path, sheet, css_links(sheet.read_text(encoding="utf-8")))
    return found


def _targets(root: Path, base_path: str, source: Path, hrefs: list[str]) -> set[Path]:
    return {file for file in (target(root, base_path, source, h) for h in hrefs) if file}


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
