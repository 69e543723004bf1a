"""Slow clients against each worker model, direct and behind nginx; and each model's throughput.

Run: .venv/bin/python bench/slow_clients.py [--sockets 50] [--seconds 5]
For each worker model (sync, gthread with 1 and 4 threads; 3 workers), opens N sockets that
send half a request and stop, then times GET /healthz (3 s limit) straight to gunicorn and
through nginx (deploy/nginx.conf, TLS). Then wrk's throughput on the outcome page, direct
and through nginx, the models interleaved. Loopback only; every socket closed at the end.
"""

from __future__ import annotations

import argparse
import socket
import ssl
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from common import free_port, gunicorn, stack, wrk
from load import PAGES

MODELS = {
    "sync": (),
    "gthread x1": ("--worker-class", "wizard.serving.SecureThreadWorker", "--threads", "1"),
    "gthread x4": ("--worker-class", "wizard.serving.SecureThreadWorker", "--threads", "4"),
}
HALF_HEADER = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
HALF_BODY = (
    f"POST {PAGES['outcome']} HTTP/1.1\r\n".encode()
    + b"Host: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    b"Content-Length: 100\r\n\r\nday=1"
)


@contextmanager
def slow_sockets(port: int, count: int, tls: bool, start: bytes):
    """`count` sockets that each send `start` and then nothing more."""
    context = ssl._create_unverified_context() if tls else None
    with ExitStack() as held:
        for _ in range(count):
            sock = held.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            if context:
                sock = held.enter_context(context.wrap_socket(sock))
            sock.sendall(start)
        time.sleep(0.5)  # let the server pick them up
        yield


def health_ms(port: int, tls: bool) -> str:
    """Time for GET /healthz, or 'no answer' within 3 s."""
    started = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=3) as raw:
            sock = ssl._create_unverified_context().wrap_socket(raw) if tls else raw
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = sock.recv(64)
    except OSError:
        return "no answer"
    ok = answer.startswith(b"HTTP/1.1 200")
    return f"{(time.perf_counter() - started) * 1000:.0f} ms" if ok else "error"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sockets", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    outcome = PAGES["outcome"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in MODELS.items():
            port = free_port()
            env = {
                "ESCALATION_WIZARD_WORKERS": "3",
                "ESCALATION_WIZARD_BASE_URL": f"https://127.0.0.1:{port}/",
            }
            with gunicorn("wizard.wsgi:app", extra, **env) as (url, _):
                upstream = int(url.rsplit(":", 1)[1])
                with stack.nginx(Path(tmp), upstream, port):
                    row = {"model": name}
                    for count in (4, args.sockets):
                        with slow_sockets(upstream, count, False, HALF_HEADER):
                            row[f"direct, {count} slow"] = health_ms(upstream, False)
                    for label, start in (("headers", HALF_HEADER), ("bodies", HALF_BODY)):
                        with slow_sockets(port, args.sockets, True, start):
                            row[f"nginx, {args.sockets} slow {label}"] = health_ms(port, True)
                    row["direct req/s"] = wrk(url + outcome, args.seconds)["rps"]
                    row["nginx req/s"] = wrk(f"https://127.0.0.1:{port}{outcome}", args.seconds)[
                        "rps"
                    ]
                    rows.append(row)
    for key in rows[0]:
        print(
            f"{key:<26}"
            + "".join(
                f"{str(r[key]) if not isinstance(r[key], float) else f'{r[key]:.0f}':>14}"
                for r in rows
            )
        )


if __name__ == "__main__":
    main()
