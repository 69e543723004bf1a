"""gunicorn's side: log values on one line without queries; headers on its own errors."""

from __future__ import annotations

import logging
from datetime import timedelta

from wizard.serving import SafeLogger, _redact_record, _WithHeaders, escape, redact


def test_escape_keeps_a_logged_value_on_one_line():
    assert escape('/x\n127.0.0.1 "GET / HTTP/1.1" 200\r') == (
        "/x\\x0a127.0.0.1 \\x22GET / HTTP/1.1\\x22 200\\x0d"
    )


def test_redact_removes_every_query_string():
    line = "Invalid HTTP request line: 'GET /a?name=Jo+Bloggs&day=17 HTTP/1.1 x'"
    assert redact(line) == "Invalid HTTP request line: 'GET /a?[query removed] HTTP/1.1 x'"


def test_error_log_records_are_redacted():
    record = logging.LogRecord(
        "gunicorn.error", logging.WARNING, "", 0, "bad %s", ("/a?x=1\n",), None
    )
    assert _redact_record(record) and record.getMessage() == "bad /a?[query removed]\\x0a"


class Sent:
    def __init__(self) -> None:
        self.data = b""

    def sendall(self, data: bytes) -> None:
        self.data += data


def test_headers_follow_the_status_line():
    sock = Sent()
    _WithHeaders(sock, b"X-Content-Type-Options: nosniff\r\n").sendall(
        b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nbody"
    )
    assert sock.data == (
        b"HTTP/1.1 400 Bad Request\r\nX-Content-Type-Options: nosniff\r\n"
        b"Connection: close\r\n\r\nbody"
    )


def test_access_log_atoms_hold_no_query():
    logger = SafeLogger.__new__(SafeLogger)
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/a?secret=1", "PATH_INFO": "/a\n",
        "QUERY_STRING": "secret=1", "SERVER_PROTOCOL": "HTTP/1.1",
    }  # fmt: skip

    class Response:
        status, sent, headers = "200 OK", 10, []

    atoms = logger.atoms(Response(), [], environ, timedelta(0))
    assert atoms["U"] == "/a\\x0a" and atoms["q"] == "-" and "secret" not in atoms["r"]
