"""The production recipe for real: Debian's nginx with deploy/nginx.conf, TLS, in front of
gunicorn with gunicorn.conf.py, all on loopback, as README "Running in production" says.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import subprocess
import threading
import time
from contextlib import ExitStack
from typing import NamedTuple
from urllib.parse import urlencode

import answers
import pytest
from browser import open_dates
from pages import POLICE_HEALTH_PLAN
from stack import GUNICORN, ROOT, production

from wizard.web.security import headers as security_headers

# One worker runs the module, in order, over one stack; the slow clients are held throughout.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("production")]
STAGE = answers.stage("islington", 2, **POLICE_HEALTH_PLAN)
SECURITY = security_headers("'none'", hsts=True)
LOG_LINE = re.compile(r'^\S+ \[[^\]]+\] "(?:[A-Z]+ [^"]*|- -)" \d{3} \S+ \S+$')
HOST = b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stack")
    with production(tmp) as (port, server):
        yield port, server, tmp


HALF_HEADER = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
HALF_BODY = (
    b"POST " + STAGE.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nday=1"
)


class SlowClients(NamedTuple):
    """Health checks made while the slow clients were held, and how nginx answered them."""

    checks: list[tuple[int, float]]  # status, seconds
    answered: list[bytes]  # the start of each one's answer, or b"" if it was closed
    reader: threading.Thread


@pytest.fixture(scope="module", autouse=True)
def slow_clients(proxy):
    """100 clients that send half a request and stop, from this module's first test on.

    nginx gives up on them after 10 s (client_header_timeout, client_body_timeout). Their
    answers are awaited in the background while the module's other tests use the stack, so
    that its 10 s pass in use rather than asleep.
    """
    port, _, _ = proxy
    with ExitStack() as held:
        slow = []
        for start in [HALF_HEADER] * 50 + [HALF_BODY] * 50:
            plain = held.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            sock = held.enter_context(tls().wrap_socket(plain))
            sock.sendall(start)
            slow.append(sock)
        checks = []
        for _ in range(3):
            started = time.monotonic()
            checks.append((request(port, "GET", "/healthz").status, time.monotonic() - started))
            time.sleep(1)
        answered: list[bytes] = []

        def read() -> None:
            for sock in slow:
                sock.settimeout(15)
                answered.append(sock.recv(64))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        yield SlowClients(checks, answered, reader)
        reader.join()


def tls() -> ssl.SSLContext:
    """Accept the stack's self-signed certificate (verified in test_tls_is_terminated)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def request(port: int, method: str, path: str, body: str = "", **headers: str):
    """One HTTPS request through nginx; the response, read in full."""
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=tls(), timeout=10)
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def post_date(port: int, **extra: str):
    form = urlencode({"day": "17", "month": "3", "year": "2099", "clock": "13:57", **extra})
    kind = "application/x-www-form-urlencoded"
    return request(port, "POST", STAGE, form, **{"Content-Type": kind})


def raw(port: int, data: bytes, secure: bool = True) -> str:
    """Send bytes as they are; the answer's status line and headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as plain:
        sock = tls().wrap_socket(plain) if secure else plain
        sock.sendall(data)
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := sock.recv(65536)):
            answer += chunk
        return answer.split(b"\r\n\r\n")[0].decode("latin-1") + "\r\n"


def assert_secure(headers) -> None:
    for name, value in SECURITY.items():
        assert headers.get_all(name) == [value], name


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
def test_tls_is_terminated_with_the_certificate_and_modern_versions_only(proxy):
    port, _, tmp = proxy
    trusted = ssl.create_default_context(cafile=str(tmp / "cert.pem"))
    with (
        socket.create_connection(("127.0.0.1", port)) as plain,
        trusted.wrap_socket(plain, server_hostname="127.0.0.1") as sock,
    ):
        assert sock.version() in ("TLSv1.2", "TLSv1.3")
    old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    old.check_hostname, old.verify_mode = False, ssl.CERT_NONE
    old.set_ciphers("DEFAULT:@SECLEVEL=0")  # so that only the server can refuse TLS 1.1
    old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
    with socket.create_connection(("127.0.0.1", port)) as plain, pytest.raises(ssl.SSLError):
        old.wrap_socket(plain)


def test_pages_over_tls_carry_each_security_header_once(proxy):
    port, _, _ = proxy
    for path in ("/", "/islington/", STAGE, "/islington/procedure/", "/healthz"):
        response = request(port, "GET", path)
        assert response.status == 200, path
        assert_secure(response.headers)
        assert response.headers["Server"] == "nginx"  # no version


def test_health_and_not_found_through_the_proxy(proxy):
    port, _, _ = proxy
    assert request(port, "GET", "/healthz").body == b'{"partnerships":5,"status":"ok"}\n'
    missing = request(port, "GET", "/nowhere/")
    assert missing.status == 404 and b"Page not found" in missing.body


def test_gunicorn_will_not_start_without_a_base_url(tmp_path):
    env = {**os.environ, "ESCALATION_WIZARD_BASE_URL": "", "ESCALATION_WIZARD_BIND": "127.0.0.1:0"}
    started = subprocess.run(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "wizard.wsgi:app"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert started.returncode != 0 and "set ESCALATION_WIZARD_BASE_URL" in started.stderr


def test_outcome_pages_are_cacheable_through_the_proxy(proxy):
    port, _, _ = proxy
    response = request(port, "GET", STAGE)
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers.get("Set-Cookie") is None


def test_the_date_form_and_calendar_work_over_https(proxy):
    port, _, _ = proxy
    page = post_date(port)
    assert page.status == 200 and b"Tuesday 17 March 2099" in page.body
    assert page.headers["Cache-Control"] == "no-store"
    calendar = post_date(port, download="ics")
    assert calendar.status == 200 and calendar.body.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("body too large", b"POST /" + HOST + b"Content-Length: 9000\r\n\r\n", 413),
        ("address too long", b"GET /" + b"a" * 9000 + HOST + b"\r\n", 414),
        ("header too large", b"GET /" + HOST + b"X-Big: " + b"b" * 9000 + b"\r\n\r\n", 400),
        ("untrusted host", b"GET /robots.txt HTTP/1.1\r\nHost: evil.example\r\n\r\n", 400),
        ("malformed request", b"GET / HTTP/1.1 junk\r\n\r\n", 400),
    ],
)  # fmt: skip
def test_nginx_refuses_with_the_security_headers(proxy, name, data, status):
    port, _, _ = proxy
    head = raw(port, data)
    assert head.startswith(f"HTTP/1.1 {status} "), (name, head)
    for header, value in SECURITY.items():
        assert f"\r\n{header}: {value}\r\n" in head, (name, header)
    assert "evil.example" not in head


def test_gunicorn_refuses_with_the_security_headers(proxy):
    _, server, _ = proxy
    cases = {
        400: b"GET /a?secret=Jo HTTP/1.1 junk\r\n\r\n",
        414: b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n\r\n",
        431: b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(60)) + b"\r\n",
    }
    for status, data in cases.items():
        head = raw(server.port, data, secure=False)
        assert head.startswith(f"HTTP/1.1 {status} ")
        for header, value in SECURITY.items():
            assert f"\r\n{header}: {value}\r\n" in head, (status, header)


def test_gunicorn_refuses_an_untrusted_host_itself(proxy):
    _, server, _ = proxy
    head = raw(server.port, b"GET /sitemap.xml HTTP/1.1\r\nHost: evil.example\r\n\r\n", False)
    assert head.startswith("HTTP/1.1 400 ") and "evil" not in head


def test_logs_hold_one_escaped_line_per_request_and_no_query(proxy):
    port, server, tmp = proxy
    request(port, "GET", "/x%0A127.0.0.1%20[forged]%20%22GET%20/%22%20200%20")
    request(port, "GET", "/islington/check/?answer=Private+note+about+Jo")
    post_date(port)
    raw(server.port, b"GET /a?secret=Jo HTTP/1.1 junk\r\n\r\n", secure=False)
    time.sleep(0.5)
    access = (tmp / "access.log").read_text()
    served = [line for line in server.log.read_text().splitlines() if line[:1] != "["]
    for line in [*access.splitlines(), *served]:
        assert LOG_LINE.match(line), line
    logged = access + server.log.read_text()
    for typed in ("Private", "Jo", "answer=", "13:57", "2099", "secret"):
        assert typed not in logged
    assert "forged" in logged and not re.search(r"^127\.0\.0\.1 \[forged\]", logged, re.M)


def test_no_control_socket(proxy):
    _, server, tmp = proxy
    assert not (tmp / ".gunicorn").exists()  # gunicorn 27's default: $HOME/.gunicorn/gunicorn.ctl
    assert "Control socket listening" not in server.log.read_text()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_date_form_and_download_in_chromium_over_https(proxy, browser, tmp_path, javascript):
    port, _, _ = proxy
    context = browser.new_context(ignore_https_errors=True, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"https://127.0.0.1:{port}{STAGE}")
    open_dates(page)  # folded under "Change when it started"
    page.fill("#day", "17")  # the stage's start: the page may ask for other dates too
    page.fill("#month", "3")
    page.fill("#year", "2099")
    page.get_by_role("button", name="Update dates").click()
    # With JavaScript the page's script dates it, without a request: wait for it.
    page.locator("#dates", has_text="Tuesday 17 March 2099").first.wait_for()
    open_dates(page)  # without JavaScript the posted page comes back with the form folded
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    saved = tmp_path / "plan.ics"
    download.value.save_as(saved)
    assert saved.read_text().startswith("BEGIN:VCALENDAR")
    assert context.cookies() == []
    context.close()


def test_slow_clients_neither_stop_health_checks_nor_stay_open(slow_clients):
    assert [status for status, _ in slow_clients.checks] == [200, 200, 200]
    assert max(seconds for _, seconds in slow_clients.checks) < 1
    slow_clients.reader.join(timeout=20)
    assert len(slow_clients.answered) == 100
    for answer in slow_clients.answered:
        assert re.match(rb"(HTTP/1.1 408|$)", answer)
