"""The real command line, as an author or publisher runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLI = Path(sys.executable).with_name("escalation-wizard")


def run(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """`escalation-wizard ARGS`, its output captured, whatever its exit status."""
    command = [str(CLI), *args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def check(site: Path) -> subprocess.CompletedProcess:
    """`escalation-wizard check` on a site, run from inside its folder."""
    return run("check", "--site", str(site), cwd=site, timeout=120)
