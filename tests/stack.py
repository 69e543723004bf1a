"""The documented production stack, started for real on loopback: gunicorn behind nginx.

README "Running in production" lists the same commands: gunicorn with gunicorn.conf.py, and
Debian's nginx with deploy/nginx.conf filled in by envsubst, terminating TLS.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from browser import free_port, run_nginx

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
SITE_CONF = ROOT / "deploy" / "nginx.conf"
VARIABLES = "WIZARD_SERVER_NAME WIZARD_LISTEN WIZARD_CERT WIZARD_KEY WIZARD_UPSTREAM"
VARIABLES += " WIZARD_ACCESS_LOG"


def certificate(tmp: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made with openssl for this run only."""
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class Server(NamedTuple):
    """A gunicorn started for a test or benchmark."""

    port: int
    log: Path
    process: subprocess.Popen


@contextmanager
def gunicorn(tmp: Path, app: str = "wizard.wsgi:app", args: Sequence[str] = (), **env: str):
    """gunicorn with gunicorn.conf.py (and `args` after it) on a loopback port."""
    port = free_port()
    settings = {
        **{k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"},
        "HOME": str(tmp),  # where gunicorn would put a control socket, were it on
        "ESCALATION_WIZARD_BIND": f"127.0.0.1:{port}",
        "ESCALATION_WIZARD_WORKERS": "2",
        "ESCALATION_WIZARD_BASE_URL": f"http://127.0.0.1:{port}/",
        "PYTHONPATH": str(ROOT),
        **env,
    }
    log = tmp / "gunicorn.log"
    command = [str(GUNICORN), "-c", "gunicorn.conf.py", *args, app]
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=settings, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", server)
            yield Server(port, log, server)
        finally:
            server.terminate()
            server.wait(timeout=20)


@contextmanager
def nginx(tmp: Path, upstream: int, port: int):
    """Debian's nginx with deploy/nginx.conf, terminating TLS on a loopback port."""
    cert, key = certificate(tmp)
    values = {
        "WIZARD_SERVER_NAME": "127.0.0.1",
        "WIZARD_LISTEN": f"127.0.0.1:{port}",
        "WIZARD_CERT": str(cert),
        "WIZARD_KEY": str(key),
        "WIZARD_UPSTREAM": f"127.0.0.1:{upstream}",
        "WIZARD_ACCESS_LOG": str(tmp / "access.log"),
    }
    rendered = subprocess.run(
        ["envsubst", " ".join(f"${name}" for name in VARIABLES.split())],
        input=SITE_CONF.read_text(), env={**os.environ, **values},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    (tmp / "escalation-wizard.conf").write_text(rendered)
    with run_nginx(tmp, f"include {tmp}/escalation-wizard.conf;", port):
        yield port


@contextmanager
def production(tmp: Path):
    """nginx in front of gunicorn, as README documents; yields (https port, gunicorn)."""
    port = free_port()
    base_url = f"https://127.0.0.1:{port}/"
    with (
        gunicorn(tmp, ESCALATION_WIZARD_BASE_URL=base_url) as server,
        nginx(tmp, server.port, port),
    ):
        yield port, server


def _wait_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status < 400:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy")
