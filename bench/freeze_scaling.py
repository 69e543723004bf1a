"""Freeze speed against site size and worker processes: synthetic copies of the bundled site.

Run: .venv/bin/python bench/freeze_scaling.py [--copies 1 2 4] [--jobs 1 2]
Builds each size with each number of worker processes and prints pages, seconds and pages/s,
with two ratios measured in this one run: time per page against the smallest size (the same
number of workers), which stays near 1 while the build grows linearly; and speed against one
worker (the same size), which nears the number of workers while the build uses every core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wizard.content import BUNDLED_SITE
from wizard.publish.freeze import build


@dataclass(frozen=True)
class Run:
    """One build: its size, its workers and how long it took."""

    copies: int
    jobs: int
    pages: int
    seconds: float

    @property
    def rate(self) -> float:
        """Pages per second."""
        return self.pages / self.seconds


def synthetic_site(root: Path, copies: int) -> Path:
    """A site holding `copies` renamed copies of every bundled partnership."""
    site = root / f"site-{copies}"
    for policy in sorted((BUNDLED_SITE / "policies").iterdir()):
        for n in range(copies):
            shutil.copytree(policy, site / "policies" / f"{policy.name}-{n + 1}")
    shutil.copytree(BUNDLED_SITE / "content", site / "content")
    return site


def measure(copies: list[int], jobs: list[int]) -> list[Run]:
    """Build every size with every number of workers, in one run."""
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in copies:
            site = synthetic_site(root, n)
            for j in jobs:
                result = build(site, root / f"out-{n}-{j}", "/", jobs=j)
                runs.append(Run(n, j, result.pages, result.seconds))
    return runs


def report(runs: list[Run]) -> None:
    """Print each run with its ratios to the smallest size and to one worker."""
    smallest = {r.jobs: r for r in runs if r.copies == runs[0].copies}
    first_jobs = {r.copies: r for r in runs if r.jobs == runs[0].jobs}
    print(
        f"{'copies':>6} {'partnerships':>12} {'workers':>7} {'pages':>7} {'seconds':>8} "
        f"{'pages/s':>8} {'time/page vs smallest':>21} {'speed vs 1st workers':>20}"
    )
    for r in runs:
        per_page = (r.seconds / r.pages) / (smallest[r.jobs].seconds / smallest[r.jobs].pages)
        print(
            f"{r.copies:>6} {r.copies * 5:>12} {r.jobs:>7} {r.pages:>7} {r.seconds:>8.1f} "
            f"{r.rate:>8.0f} {per_page:>21.2f} {r.rate / first_jobs[r.copies].rate:>20.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"usable cores: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()}")
    report(measure(args.copies, args.jobs))
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
