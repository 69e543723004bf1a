"""Live app under gunicorn against a hello-world floor under the same settings, with wrk.

Run: .venv/bin/python bench/load.py [--seconds 10] [--connections 20]
Prints req/s, p50 and p99 for the start, question and outcome pages, each as a ratio of
the floor's throughput, all measured in this one run on loopback.
"""

from __future__ import annotations

import argparse

from common import gunicorn, wrk

PAGES = {
    "start": "/islington/",
    "question": "/islington/check/no/disagreement/",
    "outcome": "/islington/check/no/disagreement/tried-1/police/health/yes/",
    "procedure": "/islington/procedure/",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    with gunicorn("bench.hello:app") as (url, _):
        wrk(url + "/", 2, args.connections)  # warm up
        floor = wrk(url + "/", args.seconds, args.connections)
    results = {}
    with gunicorn("wizard.wsgi:app") as (url, _):
        for name, path in PAGES.items():
            wrk(url + path, 2, args.connections)
            results[name] = wrk(url + path, args.seconds, args.connections)
    print(f"wrk, {args.connections} connections, {args.seconds} s per page, gunicorn.conf.py")
    print(f"{'page':<10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'vs floor':>9}")
    print(
        f"{'floor':<10} {floor['rps']:>8.0f} {floor['p50']:>8.2f} {floor['p99']:>8.2f} "
        f"{floor['errors']:>7} {1:>9.2f}"
    )
    for name, r in results.items():
        print(
            f"{name:<10} {r['rps']:>8.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} "
            f"{r['errors']:>7} {r['rps'] / floor['rps']:>9.2f}"
        )


if __name__ == "__main__":
    main()
