"""`escalation-wizard stats` against log size: lines per second and peak memory, 100k vs 1M lines.

Run: .venv/bin/python bench/stats_scaling.py [--lines 100000 1000000]
Writes combined-format logs (the format with the most to read: a user agent per line) into a
temporary folder from the pages of the bundled site, runs the real command on each (and on
an empty log, to take the start-up off), and prints lines/s, each run's peak resident memory
(from the operating system, for that process alone), and the ratios to the smallest log, all
measured in this one run. Flat memory means the memory ratio stays near 1 as lines grow 10x.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from wizard.web import urls
from wizard.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ROOT / ".venv" / "bin" / "escalation-wizard"
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
AGENTS = (BROWSER, BROWSER.replace("131", "130"), "Googlebot/2.1 (+http://www.google.com/bot.html)")
STATUSES = (200,) * 17 + (304, 404, 302)


def paths() -> list[str]:
    """Every page of the bundled site, as the app addresses it, and an asset or two."""
    app = create_app({"PAGE_CACHE_ENTRIES": 0})
    with app.test_request_context():
        found = [urls.url_for(e, **v) for e, v in urls.every_page(app.extensions["site"])]
    return [*found, "/assets/app.css", "/favicon.ico"]


def write_log(path: Path, lines: int, pages: list[str]) -> None:
    """A combined-format log of `lines` requests over three months."""
    start = date(2026, 9, 1)
    cycle = itertools.cycle(range(len(pages)))
    with path.open("w", encoding="utf-8") as out:
        for n in range(lines):
            day = start + timedelta(days=n * 91 // lines)
            when = f"{day:%d/%b/%Y}:{n % 24:02d}:{n % 60:02d}:07 +0000"
            method = "POST" if n % 97 == 0 else "GET"
            agent = AGENTS[n % len(AGENTS)]
            status = STATUSES[n % len(STATUSES)]
            page = pages[next(cycle)]
            out.write(
                f'10.0.{n % 250}.{n % 199} - - [{when}] "{method} {page} HTTP/1.1" {status} '
                f'{1000 + n % 5000} "-" "{agent}"\n'
            )


def run(log: Path, out: Path) -> tuple[float, int]:
    """Seconds and peak resident KiB of one run of the real command."""
    began = time.perf_counter()
    process = subprocess.Popen(
        [str(COMMAND), "stats", str(log), "--out", str(out)], stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if status != 0:
        sys.exit(f"stats failed on {log}: status {status}")
    return seconds, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    pages = paths()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "empty.log").write_text("")
        startup, base_memory = run(folder / "empty.log", folder / "empty.csv")
        rows = []
        for lines in args.lines:
            log = folder / f"{lines}.log"
            write_log(log, lines, pages)
            seconds, memory = run(log, folder / f"{lines}.csv")
            rows.append((lines, log.stat().st_size, seconds, memory))
    print(f"start-up (empty log): {startup:.1f} s, {base_memory / 1024:.0f} MiB peak")
    print(
        f"{'lines':>9} {'MiB of log':>10} {'seconds':>8} {'lines/s':>8} {'peak MiB':>8} "
        f"{'lines ratio':>11} {'time ratio':>10} {'memory ratio':>12}"
    )
    first = rows[0]
    for lines, size, seconds, memory in rows:
        rate = lines / max(seconds - startup, 1e-9)
        print(
            f"{lines:>9} {size / 2**20:>10.0f} {seconds:>8.1f} {rate:>8.0f} {memory / 1024:>8.0f} "
            f"{lines / first[0]:>11.1f} {(seconds - startup) / (first[2] - startup):>10.2f} "
            f"{memory / first[3]:>12.2f}"
        )


if __name__ == "__main__":
    main()
