"""Previews only: reload the content whenever a file changes, and show `check`'s errors on the page.

Refused in production (see `create_app`): there, content is loaded and validated once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from threading import Lock

from flask import Flask, render_template, request

from wizard.content import BUNDLED_SITE, Site
from wizard.content.flowfile import flow_folder
from wizard.content.problems import ContentError, Problem


class Watch:
    """Tells whether any file under some folders changed since it last looked."""

    def __init__(self, folders: list[Path]) -> None:
        """Watch these folders (missing ones count as empty)."""
        self.folders = folders
        self.seen: str | None = None

    def changed(self) -> bool:
        """True the first time, and whenever a file was added, removed or edited since."""
        now = fingerprint(self.folders)
        changed, self.seen = now != self.seen, now
        return changed


def fingerprint(folders: list[Path]) -> str:
    """A digest of every file's name and content: edits within one clock tick still count."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def watched(site_dir: Path) -> list[Path]:
    """The folders a site's content comes from, the bundled flow included if it uses it."""
    root = site_dir.resolve()
    folders = [root / "policies", root / "content"]
    flow = flow_folder(root, BUNDLED_SITE)
    return folders if flow.is_relative_to(root / "content") else [*folders, flow]


def init_app(app: Flask, load: Callable[[], Site]) -> None:
    """Load the site now and again on any change; answer every page with its errors, if any."""
    watch, lock = Watch(watched(Path(app.config["SITE_DIR"]))), Lock()
    errors: list[Problem] = []
    app.extensions["site"] = Site(Path(app.config["SITE_DIR"]).resolve())

    def refresh() -> None:
        try:
            app.extensions["site"], errors[:] = load(), []
        except ContentError as err:
            errors[:] = err.problems

    @app.before_request
    def _reload():
        if request.endpoint == "assets.serve":
            return None
        with lock:
            if watch.changed():
                refresh()
            found = list(errors)
        if not found:
            return None
        lines = [problem.render(Path.cwd()) for problem in found]
        return render_template("content_errors.html", problems=lines), 500

    watch.changed()
    refresh()
