"""The documented production command, started for real: gunicorn with gunicorn.conf.py."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from browser import free_port

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
STAGE = "/islington/check/no/disagreement/tried-1/police/health/yes/"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    env = {
        **os.environ,
        "ESCALATION_WIZARD_BIND": f"127.0.0.1:{port}",
        "ESCALATION_WIZARD_WORKERS": "2",
        "ESCALATION_WIZARD_SECRET_KEY": "test-only-key",
        "ESCALATION_WIZARD_HSTS": "1",
    }
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(GUNICORN), "-c", "gunicorn.conf.py", "wizard.wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base, server)
            yield base, log
        finally:
            server.terminate()
            server.wait(timeout=20)


def _wait_healthy(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy")


def test_health_endpoint(production):
    base, _ = production
    with urllib.request.urlopen(base + "/healthz") as response:
        assert response.read() == b'{"partnerships":5,"status":"ok"}\n'


def test_pages_are_served_with_hsts(production):
    base, _ = production
    for path in ("/", "/islington/", STAGE, "/islington/procedure/"):
        with urllib.request.urlopen(base + path) as response:
            assert response.status == 200
            assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_unknown_path_is_a_404_page(production):
    base, _ = production
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(base + "/nowhere/")
    assert error.value.code == 404 and b"Page not found" in error.value.read()


def test_date_form_works_across_workers_and_nothing_typed_is_logged(production):
    base, log = production
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    # Cookies marked Secure are sent over HTTPS only; this test talks plain HTTP on loopback.
    for _ in range(6):  # several requests, so both workers answer some
        page = opener.open(base + STAGE).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
        for cookie in jar:
            cookie.secure = False
        body = urllib.parse.urlencode(
            {"csrf_token": token, "day": "17", "month": "3", "year": "2099", "clock": "13:57"}
        ).encode()
        result = opener.open(base + STAGE, data=body).read().decode()
        assert "1:57 pm on Tuesday 17 March 2099" in result
    with urllib.request.urlopen(base + "/islington/check/?answer=Private+note+about+Jo") as r:
        assert r.status == 200
    time.sleep(0.5)
    logged = log.read_text()
    assert f'"POST {STAGE}" 200' in logged
    for typed in ("13:57", "2099", "Private", "Jo", "csrf_token", "answer="):
        assert typed not in logged
