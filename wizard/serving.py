"""gunicorn's side of production: logs that cannot be forged or leak, headers on its own errors.

Named in gunicorn.conf.py as `logger_class` and `worker_class`.
"""

from __future__ import annotations

import logging
import re
import socket
from typing import Any

from gunicorn.glogging import Logger
from gunicorn.workers.base import Worker
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

from wizard.web import security

CONTROL = re.compile(r"[\x00-\x1f\x7f\\\"]")
QUERY = re.compile(r"\?[^\s'\"]*")


def escape(text: str) -> str:
    """A logged value on one line: control characters, quotes and backslashes escaped."""
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def redact(text: str) -> str:
    """Escaped, with every query string removed: what a practitioner typed stays out."""
    return escape(QUERY.sub("?[query removed]", text))


class SafeLogger(Logger):
    """gunicorn's logger, with paths escaped and no query string in the access or error log."""

    def atoms(self, resp: Any, req: Any, environ: dict, request_time: Any) -> dict:
        """The access log's fields: the path escaped, no query, no request line."""
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = escape(atoms.get("U") or "")
        atoms["m"] = escape(atoms.get("m") or "")
        atoms["r"] = f"{atoms['m']} {atoms['U']} {escape(atoms.get('H') or '')}"
        atoms["q"] = "-"
        return atoms

    def setup(self, cfg: Any) -> None:
        """Redact every error-log record, such as a malformed request line quoted whole."""
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(_redact_record)


def _redact_record(record: logging.LogRecord) -> bool:
    record.msg, record.args = redact(record.getMessage()), None
    return True


class _WithHeaders:
    """A client socket that adds the security headers to gunicorn's own error responses."""

    def __init__(self, sock: socket.socket, headers: bytes) -> None:
        """Wrap `sock`; `headers` are ready-made header lines, each ending in CRLF."""
        self._sock, self._headers = sock, headers

    def sendall(self, data: bytes) -> None:
        """Send the response with the headers after its status line."""
        status, crlf, rest = bytes(data).partition(b"\r\n")
        self._sock.sendall(status + crlf + self._headers + rest)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class _SecureErrors(Worker):
    """gunicorn answers 400, 414 and 431 itself, before the app: give those the headers too."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """Answer as gunicorn does, with the app's security headers."""
        config = self.wsgi.config
        lines = security.headers(config["FRAME_ANCESTORS"], config["HSTS"]).items()
        headers = "".join(f"{name}: {value}\r\n" for name, value in lines).encode("latin-1")
        super().handle_error(req, _WithHeaders(client, headers), addr, exc)


class SecureSyncWorker(_SecureErrors, SyncWorker):
    """The sync worker (one request at a time), behind nginx that buffers slow clients."""


class SecureThreadWorker(_SecureErrors, ThreadWorker):
    """The threaded worker, measured against the sync one in bench/slow_clients.py."""
