"""Live app under gunicorn against a hello-world floor under the same settings, with wrk.

Run: .venv/bin/python bench/load.py [--seconds 5] [--connections 20] [--rounds 3]
Both servers run side by side; each page's run is paired with a floor run just before it,
and the pairs repeat --rounds times. Prints the medians of req/s and p99, and the median of
the paired ratios (page / floor), all measured in this one run on loopback.
"""

from __future__ import annotations

import argparse
from statistics import median

from common import answers, gunicorn, wrk
from pages import POLICE_HEALTH_PLAN

PAGES = {
    "start": "/islington/",
    "question": answers.path("islington", risk="no", concern="disagreement"),
    "outcome": answers.stage("islington", 2, **POLICE_HEALTH_PLAN),
    "procedure": "/islington/procedure/",
    "content": "/pages/about/",
}


def measure(floor: str, app: str, args: argparse.Namespace) -> dict[str, list[tuple]]:
    """For each page, --rounds pairs of (floor run, page run)."""
    pairs: dict[str, list[tuple]] = {name: [] for name in PAGES}
    for url in (floor + "/", *(app + path for path in PAGES.values())):
        wrk(url, 2, args.connections)  # warm up, and fill the page cache
    for _ in range(args.rounds):
        for name, path in PAGES.items():
            base = wrk(floor + "/", args.seconds, args.connections)
            page = wrk(app + path, args.seconds, args.connections)
            pairs[name].append((base, page))
    return pairs


def report(pairs: dict[str, list[tuple]], args: argparse.Namespace) -> None:
    """One line per page: medians over the rounds."""
    print(
        f"wrk, {args.connections} connections, {args.seconds} s per run, median of "
        f"{args.rounds} paired rounds, gunicorn.conf.py"
    )
    print(f"{'page':<10} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'vs floor':>9}")
    floors = [base for runs in pairs.values() for base, _ in runs]
    row(
        "floor",
        [(b, b) for b in floors],
    )
    for name, runs in pairs.items():
        row(name, runs)


def row(name: str, runs: list[tuple]) -> None:
    """Print the medians of one page's runs."""
    pages = [page for _, page in runs]
    ratio = median(page["rps"] / base["rps"] for base, page in runs)
    print(
        f"{name:<10} {median(p['rps'] for p in pages):>8.0f} "
        f"{median(p['p50'] for p in pages):>7.2f} {median(p['p99'] for p in pages):>7.2f} "
        f"{sum(p['errors'] for p in pages):>6} {ratio:>9.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with gunicorn("bench.hello:app") as (floor, _), gunicorn("wizard.wsgi:app") as (app, _):
        report(measure(floor, app, args), args)


if __name__ == "__main__":
    main()
