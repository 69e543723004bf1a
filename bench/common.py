"""Helpers for benchmarks: servers on loopback, wrk runs, bounded in count and time."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the production stack, as the tests start it

import answers  # noqa: E402, F401  (used by other benchmarks)
import stack  # noqa: E402
from browser import free_port  # noqa: E402, F401  (used by other benchmarks)


def need(tool: str) -> str:
    found = shutil.which(tool) or (
        f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists() else None
    )
    if not found:
        sys.exit(f"{tool} is not installed: run 'make bench', which installs it")
    return found


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def gunicorn(app: str, args: Sequence[str] = (), **env: str):
    """gunicorn with the production config on a loopback port, without an access log."""
    with tempfile.TemporaryDirectory() as tmp:
        quiet = ("--access-logfile", "/dev/null", *args)
        env = {"ESCALATION_WIZARD_WORKERS": str((os.cpu_count() or 1) + 1), **env}
        with stack.gunicorn(Path(tmp), app, quiet, **env) as server:
            yield f"http://127.0.0.1:{server.port}", server.process


def wrk(url: str, seconds: int = 10, connections: int = 20, threads: int = 2) -> dict:
    """Run wrk; return requests/s, p50 and p99 in ms, and the error count."""
    out = subprocess.run(
        [need("wrk"), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    lat = {p: _ms(re.search(rf"^\s+{p}%\s+([\d.]+\w+)", out, re.M)[1]) for p in ("50", "99")}
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": lat["50"],
        "p99": lat["99"],
        "errors": errors + (int(non2xx[1]) if non2xx else 0),
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
    }


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
