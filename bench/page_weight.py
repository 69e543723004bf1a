"""Page weight for each page type: HTML plus the CSS and JS it loads, raw and gzipped.

Run: .venv/bin/python bench/page_weight.py   (target: at most 30 KB gzip per page)
"""

from __future__ import annotations

import gzip
import re
import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "tests"))
from pages import PAGE_TYPES

from wizard.web.app import create_app

TARGET = 30 * 1024


def weigh(client, url: str) -> tuple[int, int, int, int]:
    html = client.get(url).data
    assets = re.findall(rb'(?:href|src)="(/(?:assets|[a-z-]+/brand\.css)[^"]*\.(?:css|js))"', html)
    bodies = [client.get(a.decode()).data for a in assets]
    for body in list(bodies):  # modules the page's script imports
        for name in re.findall(rb"from '\./([^']+\.js)'", body):
            bodies.append(client.get("/assets/js/" + name.decode()).data)
    raw = len(html) + sum(map(len, bodies))
    zipped = len(gzip.compress(html, 9)) + sum(len(gzip.compress(b, 9)) for b in bodies)
    return len(html), len(gzip.compress(html, 9)), raw, zipped


def main() -> None:
    live = create_app({"TESTING": True}).test_client()
    static = create_app({"TESTING": True, "STATIC_SITE": True}).test_client()
    header = f"{'page type':<20} {'site':<7} {'HTML':>8} {'HTML gz':>8} {'total':>8}"
    print(f"{header} {'total gz':>9}  target")
    worst = 0
    for name, url in PAGE_TYPES.items():
        for label, client in (("live", live), ("static", static)):
            html, html_gz, raw, zipped = weigh(client, url)
            worst = max(worst, zipped)
            ok = "ok" if zipped <= TARGET else f"over by {zipped - TARGET} B"
            print(f"{name:<20} {label:<7} {html:>8} {html_gz:>8} {raw:>8} {zipped:>9}  {ok}")
    print(f"heaviest page: {worst} B gzip = {worst / TARGET:.2f} of the 30 KB target")


if __name__ == "__main__":
    main()
