"""Cold start of `check` and `serve`, against the bare interpreter and a Flask import.

Run: .venv/bin/python bench/cold_start.py [--runs 5]   (medians, in one run)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import ROOT, free_port

CLI = str(Path(sys.executable).with_name("escalation-wizard"))


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - started


def serve_until_healthy() -> float:
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [CLI, "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    return time.perf_counter() - started
            except OSError:
                if time.perf_counter() - started > 30:
                    raise RuntimeError("serve did not start") from None
                time.sleep(0.01)
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cases = {
        "python -c pass": lambda: timed([sys.executable, "-c", "pass"]),
        "python -c 'import flask'": lambda: timed([sys.executable, "-c", "import flask"]),
        "escalation-wizard check": lambda: timed([CLI, "check"]),
        "escalation-wizard serve (to first /healthz)": serve_until_healthy,
    }
    medians = {
        name: statistics.median(run() for _ in range(args.runs)) for name, run in cases.items()
    }
    floor = medians["python -c 'import flask'"]
    print(f"{'command':<46} {'median s':>9} {'vs import flask':>16}")
    for name, seconds in medians.items():
        print(f"{name:<46} {seconds:>9.2f} {seconds / floor:>16.1f}")


if __name__ == "__main__":
    main()
