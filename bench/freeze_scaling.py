"""Freeze time against site size: synthetic copies of the bundled partnerships.

Run: .venv/bin/python bench/freeze_scaling.py [--copies 1 2 4]
Prints pages, seconds and pages/s for each size, and the ratios to the smallest size,
all measured in this one run. Linear growth means the time-per-page ratio stays near 1.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from wizard.content import BUNDLED_SITE
from wizard.publish.freeze import build


def synthetic_site(root: Path, copies: int) -> Path:
    """A site holding `copies` renamed copies of every bundled partnership."""
    site = root / f"site-{copies}"
    for policy in sorted((BUNDLED_SITE / "policies").iterdir()):
        for n in range(copies):
            shutil.copytree(policy, site / "policies" / f"{policy.name}-{n + 1}")
    shutil.copytree(BUNDLED_SITE / "content", site / "content")
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for copies in args.copies:
            result = build(synthetic_site(root, copies), root / f"out-{copies}", "/")
            rows.append((copies, copies * 5, result.pages, result.seconds))
    base = rows[0]
    print(
        f"{'copies':>6} {'partnerships':>12} {'pages':>7} {'seconds':>8} {'pages/s':>8} "
        f"{'pages ratio':>11} {'time ratio':>10} {'time/page ratio':>15}"
    )
    for copies, partnerships, pages, seconds in rows:
        print(
            f"{copies:>6} {partnerships:>12} {pages:>7} {seconds:>8.1f} {pages / seconds:>8.0f} "
            f"{pages / base[2]:>11.2f} {seconds / base[3]:>10.2f} "
            f"{(seconds / pages) / (base[3] / base[2]):>15.2f}"
        )


if __name__ == "__main__":
    main()
