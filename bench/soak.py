"""A bounded soak: wrk at 50 connections against gunicorn, sampling worker memory.

Run: .venv/bin/python bench/soak.py [--seconds 60] [--connections 50]
Reports requests, errors, and each worker's resident memory at the start and end.
Traffic goes to loopback only and stops after --seconds.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import threading
import time
from pathlib import Path

from common import ROOT, gunicorn, need

LUA = """
paths = {%s}
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def rss_kb(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except FileNotFoundError:  # a worker recycled by max_requests between listing and reading
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def sample_paths(count: int = 400) -> list[str]:
    from wizard.content import BUNDLED_SITE, load_site
    from wizard.core.engine import walk

    site = load_site(BUNDLED_SITE)
    paths = [
        f"/{slug}/check/{'/'.join(s.segments)}/".replace("//", "/")
        for slug, p in site.partnerships.items()
        for s in walk(site.flow, p)
    ]
    random.Random(7).shuffle(paths)
    return [*paths[:count], "/", "/islington/", "/islington/procedure/"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    script = ROOT / "bench" / ".soak.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in sample_paths()))
    samples: list[tuple[float, int]] = []
    with gunicorn("wizard.wsgi:app") as (url, process):
        # Workers are recycled after max_requests, so sample whichever are alive.
        seen = set(workers(process.pid))
        start = sum(rss_kb(pid) for pid in seen)
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(5):
                alive = workers(process.pid)
                seen.update(alive)
                samples.append((time.monotonic(), sum(rss_kb(pid) for pid in alive)))

        sampler = threading.Thread(target=sample)
        sampler.start()
        out = subprocess.run(
            [
                need("wrk"),
                "-t2",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--latency",
                "-s",
                str(script),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        stop.set()
        sampler.join()
        end = sum(rss_kb(pid) for pid in workers(process.pid))
        recycled = len(seen) - len(workers(process.pid))
    script.unlink()
    print(out)
    print(
        f"workers' total RSS: {start / 1024:.0f} MiB at start -> {end / 1024:.0f} MiB at end; "
        f"{recycled} worker(s) recycled by max_requests"
    )
    print("total RSS every 5 s (MiB):", " ".join(f"{kb / 1024:.0f}" for _, kb in samples))
    half = len(samples) // 2
    if half:
        first = sum(kb for _, kb in samples[:half]) / half
        second = sum(kb for _, kb in samples[half:]) / (len(samples) - half)
        print(f"second half vs first half of the soak: {second / first:.3f}")


if __name__ == "__main__":
    main()
