"""Find links and assets in a built site that point at nothing."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml.html import document_fromstring

# In document order, as written in the page (entities decoded).
LINKS = etree.XPath("//@href | //@src | //@action")


def links(html: str) -> list[str]:
    """Every href, src and form action in a page."""
    if not html.strip():
        return []
    return [str(value) for value in LINKS(document_fromstring(html)) if value]


def target(root: Path, base_path: str, page: Path, href: str) -> Path | None:
    """The file an internal link resolves to, or None for an external or in-page link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if not path.startswith("/"):
        page_dir = "/" + str(page.parent.relative_to(root)).strip(".") + "/"
        path = page_dir.replace("//", "/") + path
    if not path.startswith(base_path):
        return root / "__outside_base_path__"
    file = root / path[len(base_path) :]
    return file / "index.html" if path.endswith("/") else file


def page_targets(root: Path, base_path: str, page: Path) -> set[Path]:
    """The files a built page's internal links and assets must find."""
    hrefs = links(page.read_text(encoding="utf-8"))
    return {file for file in (target(root, base_path, page, h) for h in hrefs) if file}


def broken_links(root: Path, base_path: str) -> list[tuple[str, str]]:
    """(page, href) for every internal link or asset that does not resolve to a file."""
    broken = []
    for page in sorted(root.rglob("*.html")):
        for href in links(page.read_text(encoding="utf-8")):
            file = target(root, base_path, page, href)
            if file is not None and not file.is_file():
                broken.append((str(page.relative_to(root)), href))
    return broken
