"""Freeze the whole guidance to a static site: strict, checked, and swapped in atomically."""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from flask_frozen import Freezer, MimetypeMismatchWarning

from wizard import clock
from wizard.content import Site, load_site
from wizard.content.messages import did_you_mean
from wizard.publish import linkcheck, parallel
from wizard.publish.parallel import usable_cores
from wizard.web import urls
from wizard.web.app import create_app
from wizard.web.text.readiness import readiness

MANIFEST = "build.json"
# renameat2(2): the current folder, and the flag that swaps two names in one step.
AT_FDCWD = -100
RENAME_EXCHANGE = 2


class BuildError(Exception):
    """The build failed; the previous output is untouched."""


@dataclass(frozen=True)
class BuildResult:
    """What a successful build produced."""

    out: Path
    pages: int
    files: int
    seconds: float
    base_path: str


def build(
    site_dir: Path,
    out: Path,
    base_url: str = "/",
    only: list[str] | None = None,
    today: date | None = None,
    jobs: int | None = None,
    draft_translations: bool = False,
) -> BuildResult:
    """Build the static site into `out`, replacing it only if every page and link is good.

    Pages are rendered on `jobs` processes (default: every core this process may use). A
    language with text still to be translated is refused; one with text a translator has not
    reviewed is built only with `draft_translations`, and its pages say it is a draft.
    """
    started = time.perf_counter()
    base_path = _base_path(base_url)
    _check_partnerships(site_dir, only)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _only_build(out):
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
        try:
            when, jobs = clock.today(today), jobs or usable_cores()
            frozen = _freeze(site_dir, staging, base_url, only, when, jobs, draft_translations)
            pages = frozen.pages
            _check_links(staging, base_path, frozen.needs)
            _write_manifest(staging, base_path, pages, only)
            files = _publishable(staging)
            _swap(staging, out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out, pages, files, time.perf_counter() - started, base_path)


@contextmanager
def _only_build(out: Path) -> Iterator[None]:
    """Lock the output's parent folder while building; clear what killed builds left there."""
    folder = os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build in {out.parent} is running") from None
        # The lock dies with its process, even by SIGKILL: holding it, no other build is live.
        _put_back(out)
        for stale in (
            *out.parent.glob(f".{out.name}.building-*"),
            *out.parent.glob(f".{out.name}.old-*"),
        ):
            shutil.rmtree(stale, ignore_errors=True)
        yield
    finally:
        os.close(folder)


def _check_links(staging: Path, base_path: str, needs: set[Path]) -> None:
    needs = needs | linkcheck.stylesheet_targets(staging, base_path)
    if all(file.is_file() for file in needs):
        return  # every page's links were read as it was written; each file they name is here
    broken = linkcheck.broken_links(staging, base_path)
    if broken:
        shown = "\n".join(f"  {page}: {href}" for page, href in broken[:20])
        raise BuildError(f"{len(broken)} broken link(s) in the build:\n{shown}")


def _publishable(folder: Path) -> int:
    """Make every folder 0755 and file 0644, whatever the umask; return the file count."""
    folder.chmod(0o755)
    files = 0
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
        files += path.is_file()
    return files


def _base_path(base_url: str) -> str:
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


def _check_partnerships(site_dir: Path, only: list[str] | None) -> None:
    if not only:
        return
    known = load_site(site_dir).partnerships
    for slug in only:
        if slug not in known:
            raise BuildError(f"unknown partnership '{slug}'{did_you_mean(slug, known)}")


def _freeze(
    site_dir: Path, dest: Path, base_url: str, only, today: date, jobs: int, drafts: bool
) -> parallel.Frozen:
    """Freeze every page into `dest`, reading each HTML page's links as it is written."""
    app = _static_app(site_dir, dest, base_url, only, today)
    _check_languages(app.extensions["site"], drafts)
    # The list is the whole site: a page it misses fails the link check, so the freezer
    # need not follow every url_for call of every page to find more.
    listing = Freezer(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    listing.register_generator(lambda: _urls(app))
    every = list(dict.fromkeys(listing.all_urls()))
    base_path = _base_path(base_url)
    try:
        frozen = parallel.freeze_pages(
            app, every, jobs, lambda page: linkcheck.page_targets(dest, base_path, page)
        )
    except (ValueError, MimetypeMismatchWarning, parallel.WorkerError) as err:
        raise BuildError(f"a page could not be frozen: {err}") from err
    not_found = _write_404(app, dest, base_url)
    return frozen.add(parallel.Frozen(1, linkcheck.page_targets(dest, base_path, not_found)))


def _check_languages(site: Site, drafts: bool) -> None:
    """Refuse a language with text missing, or unreviewed unless drafts are allowed."""
    for lang in site.languages()[1:]:
        state = readiness(site, lang)
        if state.missing or state.broken:
            shown = "\n".join(f"  {item}" for item in (*state.broken, *state.missing)[:20])
            raise BuildError(
                f"the '{lang}' translation is not complete: {len(state.missing)} missing, "
                f"{len(state.broken)} with the wrong placeholders (`escalation-wizard check` "
                f"lists them all):\n{shown}"
            )
        if state.unreviewed and not drafts:
            raise BuildError(
                f"the '{lang}' translation has {len(state.unreviewed)} sentences or pages a "
                "translator has not reviewed (`escalation-wizard check` lists them): build "
                "with --draft-translations to publish it marked as a draft"
            )


def _static_app(
    site_dir: Path, dest: Path, base_url: str, only, today: date, **settings: object
) -> Flask:
    """The app a build freezes; `settings` are added for a test (MARK_TEXT, a loaded SITE)."""
    return create_app(
        {
            "SITE_DIR": site_dir,
            "STATIC_SITE": True,
            "PARTNERSHIPS": only,
            "ROOT_PARTNERSHIP": root_partnership(only),
            "TODAY": today,
            "BUILD_DATE": today,  # each page writes it in its own language
            "FREEZER_DESTINATION": str(dest),
            "FREEZER_BASE_URL": base_url,
            "BASE_URL": base_url if urlsplit(base_url).netloc else "http://localhost/",
            "FREEZER_REDIRECT_POLICY": "error",
            "PAGE_CACHE_ENTRIES": 0,  # each page is frozen once: caching would only hold memory
            "FREEZER_REMOVE_EXTRA_FILES": False,
            **settings,
        }
    )


def root_partnership(only: list[str] | None) -> str | None:
    """The partnership a one-partnership build publishes at the base URL's root."""
    return only[0] if only and len(only) == 1 else None


def _urls(app) -> Iterator[tuple[str, dict]]:
    site = app.extensions["site"]
    for endpoint, values in urls.every_page(site):
        yield endpoint, values
        for lang in urls.LANGUAGES:  # the same page in each language it can be read in
            if urls.in_language(endpoint, values, lang):
                yield endpoint, {**values, "lang": lang}
    for asset in app.extensions["assets"].values():  # JS imports are not url_for calls
        yield "assets.serve", {"name": asset.name}
    for slug, p in site.partnerships.items():  # what pages show, beside what they link
        if p.branding.logo:
            yield "wizard.logo", {"slug": slug, "name": p.branding.logo}


def _write_404(app, dest: Path, base_url: str) -> Path:
    # Static hosts serve 404.html for any unknown address, so its links are absolute.
    response = app.test_client().get("/404/not-found/", base_url=base_url)
    if response.status_code != 404:
        raise BuildError(f"the not-found page answered {response.status_code}, not 404")
    (dest / "404.html").write_bytes(response.data)
    return dest / "404.html"


def _write_manifest(dest: Path, base_path: str, pages: int, only) -> None:
    manifest = {
        "base_path": base_path,
        "pages": pages,
        "partnerships": only or "all",
        "at_root": root_partnership(only),
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _swap(staging: Path, out: Path) -> None:
    """Replace `out` with the finished build at once; never leave half a site, or none."""
    if out.exists() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise BuildError(f"{out} exists and is not a previous build: choose an empty --out")
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # the previous build, now
        return
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)  # put the previous build back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(staging: Path, out: Path) -> bool:
    """Swap the two folders in one step (Linux's renameat2); False where it is not offered."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not Linux, or a C library without it
        return False
    # Non-zero where the file system does not offer it: two renames will do there.
    names = (os.fsencode(staging), os.fsencode(out))
    return not renameat2(AT_FDCWD, names[0], AT_FDCWD, names[1], RENAME_EXCHANGE)


def _put_back(out: Path) -> None:
    """A build killed between its two renames left the previous one aside: put it back."""
    if out.exists():
        return
    aside = [old for old in out.parent.glob(f".{out.name}.old-*") if (old / MANIFEST).is_file()]
    if len(aside) == 1:
        aside[0].rename(out)
