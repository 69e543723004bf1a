"""Serve a static build locally, at the path it was built for, before uploading it."""

from __future__ import annotations

import json
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from wizard.publish.freeze import MANIFEST


class BuildHandler(SimpleHTTPRequestHandler):
    """Serves files under the build's base path, and 404.html for anything else."""

    def __init__(self, *args, base_path: str, **kwargs) -> None:
        """Remember the path the site was built for."""
        self.base_path = base_path
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        """Map the base path onto the build folder; anything outside it is missing."""
        if not path.startswith(self.base_path):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(self.base_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """Answer 404 with the site's own not-found page, as a static host would."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args) -> None:
        """Log the request line only."""
        sys.stderr.write(f"{self.address_string()} {format % args}\n")


def serve(out: Path, port: int, host: str = "127.0.0.1") -> int:
    """Serve the build until interrupted."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        print(
            f"{out} is not a build: run 'escalation-wizard freeze --out {out}' first",
            file=sys.stderr,
        )
        return 1
    base_path = json.loads(manifest.read_text())["base_path"]
    handler = partial(BuildHandler, directory=str(out), base_path=base_path)
    with ThreadingHTTPServer((host, port), handler) as server:
        print(f"Previewing {out} on http://{host}:{port}{base_path} (press Ctrl+C to stop)")
        server.serve_forever()
    return 0
