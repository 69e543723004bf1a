"""The frozen site served by nginx, against the live app under gunicorn, with wrk.

Run: .venv/bin/python bench/static_site.py [--seconds 10] [--connections 20]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from common import free_port, gunicorn, need, wait_for, wrk
from load import PAGES

from wizard.content import BUNDLED_SITE
from wizard.publish.freeze import build

CONF = """
{user}
daemon off; worker_processes 2; pid {tmp}/nginx.pid; error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types; access_log off; sendfile on;
  client_body_temp_path {tmp}/b; proxy_temp_path {tmp}/p; fastcgi_temp_path {tmp}/f;
  uwsgi_temp_path {tmp}/u; scgi_temp_path {tmp}/s;
  server {{ listen 127.0.0.1:{port}; root {out}; index index.html; }}
}}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    import os

    with tempfile.TemporaryDirectory() as tmp:
        out = build(BUNDLED_SITE, Path(tmp) / "site", "/", only=["islington"]).out
        port = free_port()
        conf = Path(tmp) / "nginx.conf"
        user = "user root root;" if os.geteuid() == 0 else ""
        conf.write_text(CONF.format(user=user, tmp=tmp, port=port, out=out))
        nginx = subprocess.Popen([need("nginx"), "-c", str(conf), "-p", tmp])
        try:
            wait_for(f"http://127.0.0.1:{port}/")
            static = {
                n: wrk(f"http://127.0.0.1:{port}{p}", args.seconds, args.connections)
                for n, p in PAGES.items()
            }
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    with gunicorn("wizard.wsgi:app") as (url, _):
        live = {}
        for name, path in PAGES.items():
            wrk(url + path, 2, args.connections)
            live[name] = wrk(url + path, args.seconds, args.connections)
    print(f"wrk, {args.connections} connections, {args.seconds} s per page")
    print(
        f"{'page':<10} {'nginx req/s':>11} {'p50 ms':>7} {'p99 ms':>7} {'live req/s':>10} "
        f"{'nginx/live':>10}"
    )
    for name in PAGES:
        s, lv = static[name], live[name]
        print(
            f"{name:<10} {s['rps']:>11.0f} {s['p50']:>7.2f} {s['p99']:>7.2f} {lv['rps']:>10.0f} "
            f"{s['rps'] / lv['rps']:>10.1f}"
        )


if __name__ == "__main__":
    main()
