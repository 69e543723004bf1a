"""The real command line, as an author or publisher runs it."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from pathlib import Path

from wizard.cli import main

CLI = Path(sys.executable).with_name("escalation-wizard")


def run(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """`escalation-wizard ARGS`, its output captured, whatever its exit status."""
    command = [str(CLI), *args]
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
    )


def check(site: Path) -> subprocess.CompletedProcess:
    """`escalation-wizard check` on a site, from inside its folder: the command's own `main`.

    Run in this process, its output captured: a new Python and its imports cost each check
    about a second, and the corpus of broken files checks over a hundred sites. An exception
    fails the test where the command would have printed a traceback. `run` starts the real
    command, as tests/content/test_broken_policies.py does once.
    """
    args = ["check", "--site", str(site)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(site), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as stopped:  # argparse's usage errors
            code = stopped.code if isinstance(stopped.code, int) else 2
    return subprocess.CompletedProcess([str(CLI), *args], code, out.getvalue(), err.getvalue())
