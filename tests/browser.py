"""Real Chromium (Debian's, never a downloaded one) and real servers for browser tests."""

from __future__ import annotations

import difflib
import os
import shutil
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from urllib.parse import urldefrag

from conftest import TODAY
from werkzeug.serving import make_server

from wizard.content.calendar import LONDON

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags for a sandboxed, offline machine: no background connections, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# Playwright's own list of features to turn off on Linux (chromiumSwitches.ts), given again as
# Chromium reads only the last --disable-features, with RenderDocument added: without it every
# navigation, even to a page of the same site, builds a new frame in the browser and the
# renderer, which cost a sixth of each page load's CPU time here (50 loads of a small page,
# 5.9 CPU-seconds against 4.95). Also the address bar's drop-down (WebUIOmniboxPopup and its
# AI-mode twin): headless, Chromium still keeps two renderer processes for it, a ninth of the
# browser's CPU time in a run of typed-in stage pages (16 pages live and static: 24.4 and 24.8
# CPU-s, 21.7 to 22.3 without). What a page shows or runs is the same either way. pa11y's
# Chromium is given the same flags, in place of Puppeteer's own list.
CHROMIUM_ARGS.append(
    "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,"
    "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,"
    "ThirdPartyStoragePartitioning,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,"
    "NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch,RenderDocument,"
    "WebUIOmniboxPopup,WebUIOmniboxAimPopup"
)
# The moment the browser tests read pages at: the start of the test day, in London.
NOW = datetime.combine(TODAY, clock_time(0), LONDON).astimezone(UTC)
# Playwright's default window, and the narrowest screen WCAG 2.2's Reflow (1.4.10) asks for.
DESKTOP = {"width": 1280, "height": 720}
NARROW = {"width": 320, "height": 800}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(app):
    """Serve a Flask app on a loopback port in a thread."""
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


# Debian's nginx.conf, reduced, with its pid, log and temporary files in the test's folder.
NGINX_MAIN = """
{user}
daemon off;
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 768; }}
http {{
  sendfile on;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  {http}
}}
"""
STATIC_SERVER = """
  access_log off;
  server {{
    listen 127.0.0.1:{port};
    location {base} {{ alias {out}/; index index.html; }}
    error_page 404 {base}404.html;
  }}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("nginx is not installed: run 'make test', which installs it")
    return found


@contextmanager
def run_nginx(tmp: Path, http: str, port: int):
    """Run Debian's nginx with `http` inside its http block, until it listens on `port`."""
    conf = tmp / "nginx.conf"
    # As root, workers would drop to 'nobody' and could not read pytest's private temp dirs.
    user = "user root root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_MAIN.format(user=user, tmp=tmp, http=http))
    process = subprocess.Popen(
        [nginx_binary(), "-c", str(conf), "-p", str(tmp)], stderr=subprocess.PIPE
    )
    try:
        _wait_for(port)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def nginx(out: Path, base: str, tmp: Path):
    """Serve a static build from a real nginx on loopback, under `base`."""
    port = free_port()
    with run_nginx(tmp, STATIC_SERVER.format(port=port, base=base, out=out), port):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def built_and_served(site_dir: Path, tmp_path_factory, **build_args):
    """A site built as partnership staff build it, served by nginx: its address, no slash."""
    from wizard.publish.freeze import build

    out = tmp_path_factory.mktemp(site_dir.name) / "site"
    build(site_dir, out, "/", today=TODAY, **build_args)
    with nginx(out, "/", tmp_path_factory.mktemp("nginx")) as url:
        yield url


def _wait_for(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listening on port {port}")


class Tabs:
    """One open tab for each kind of browser context, reused from test to test in a process.

    Opening a tab costs Debian's Chromium a renderer process (about 0.3 s on a quiet machine,
    seconds under load); going to another address in an open one costs only that page. The
    app keeps nothing in the browser that a later page reads (the dates stay in the address's
    fragment). A tab asked for with an address shows that address, freshly loaded; one asked
    for without is blank. A test that listens to requests, routes them or downloads opens its
    own context.
    """

    def __init__(self, browser) -> None:
        self.browser = browser
        self.open: dict[tuple, object] = {}

    def __call__(
        self, url=None, *, javascript=True, viewport=None, axe=False, now=None, as_left=False
    ):
        """A tab at `url`, or blank: JavaScript on or off, a viewport, axe, a stopped clock.

        `as_left`: at the size the last test left it, which the caller then sets.
        """
        viewport = viewport or DESKTOP
        key = (javascript, tuple(sorted(viewport.items())), axe, now)
        page = self.open.get(key)
        if page is None or page.is_closed():
            options = {"java_script_enabled": javascript, "bypass_csp": axe, "viewport": viewport}
            context = self.browser.new_context(**options)
            if axe:  # given once, then run as each page loads: see `axe_violations`
                context.add_init_script(script=AXE.read_text())
            if now is not None:
                stop_clock(context, now)
            page = self.open[key] = context.new_page()
        if page.viewport_size != viewport and not as_left:  # a test resized it
            page.set_viewport_size(viewport)
        # Going to another address replaces the last test's page, its fragment and its script,
        # so the tab is blanked only where it would not: an address of the same page that only
        # moves to a fragment. Blanking every tab cost a quarter of the browser's time on a run
        # of page loads (104 loads: 19.5 and 20.1 CPU-s with, 15.0 and 15.6 without).
        if (url is None or same_document(page.url, url)) and page.url != "about:blank":
            blank(page)
        if url is not None:
            page.goto(url)
        return page

    def close(self) -> None:
        for page in self.open.values():
            page.context.close()


def stop_clock(context, now: datetime) -> None:
    """Stop the clock of every page of `context` at `now`: its date and time read `now`."""
    # Not Playwright's `set_fixed_time`, which also keeps a real timer firing every 100 ms in
    # each page, to run the page's timers as time passes: 3% of a core for each tab kept open
    # (an open tab's renderer, 20 s: 0.64 CPU-s, under 0.1 with its clock stopped). The app's
    # pages set no timer. Installed a minute early, the clock moves forward to `now`.
    context.clock.install(time=now - timedelta(minutes=1))
    context.clock.pause_at(now)


def same_document(current: str, url: str) -> bool:
    """Whether going from `current` to `url` only moves within one page (to a fragment)."""
    return "#" in url and urldefrag(current).url == urldefrag(url).url


def blank(page) -> None:
    """Leave the page for about:blank, as a script of the page would."""
    # Chromium gives about:blank that the browser asks for a new renderer process, and the
    # next address another: half a second of each test. Asked for by the page, it keeps it.
    from playwright.sync_api import Error

    try:
        page.evaluate("location.replace('about:blank')")
        page.wait_for_url("about:blank")
    except Error:  # a page no script runs in (an error page, a download): the browser's way
        page.goto("about:blank")


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page; return its violations (WCAG 2.2 AA and best practice)."""
    # A tab from `tabs(axe=True)` has axe-core already, given to its context once: sending its
    # half a megabyte to every page cost as much as running it. Any other page is sent it here.
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE.read_text())
    # Only what is reported comes back: axe's whole result (every rule it ran, with a node
    # each) is some 50 KB that Playwright serialises, sends and checks field by field, about
    # 70 ms of each page read.
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(result => result.violations.map(v =>"
        " ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)})))",
        WCAG,
    )


SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def sideways_overflow(tabs: Tabs, url: str, javascript: bool) -> int:
    """How far the page at `url` scrolls sideways on a 320 px wide screen."""
    return tabs(url, javascript=javascript, viewport=NARROW).evaluate(SCROLLS_SIDEWAYS)


def reflow_and_axe(tabs: Tabs, url: str) -> tuple[int, list[dict]]:
    """How far `url` scrolls sideways at 320 px, and axe-core's violations at desktop width."""
    # One load for both, with JavaScript: each load costs Chromium a tenth of a second of CPU
    # whatever the page, and no script of the app reads the window's size. The page loads at
    # the width the last one was left at and is read at that width first, so one change of
    # size lays it out again, not two (26 page types, Chromium: 9.4 to 9.6 CPU-s before, 8.6
    # to 9.1 after).
    page = tabs(url, axe=True, viewport=NARROW, as_left=True)
    if page.viewport_size == NARROW:
        overflow = page.evaluate(SCROLLS_SIDEWAYS)
        page.set_viewport_size(DESKTOP)
        return overflow, axe_violations(page)
    violations = axe_violations(page)
    page.set_viewport_size(NARROW)
    return page.evaluate(SCROLLS_SIDEWAYS), violations


def open_dates(page) -> None:
    """Unfold the stage page's date form ("Change when it started"), as a person would."""
    fold = page.locator("details#when-heading")
    if not fold.count():
        return
    # The static site shows the fold once its script has the bank holidays, which can come
    # after the page has loaded: a person waits for it to appear, then opens it.
    fold.wait_for(state="visible")
    if fold.get_attribute("open") is None:
        fold.locator(":scope > summary").click()


def enter_date(page, day, month, year, clock=""):
    open_dates(page)
    page.fill("#day", day)
    page.fill("#month", month)
    page.fill("#year", year)
    page.fill("#clock", clock)
    page.locator('button[name="update"]').click()  # "Update dates", in any language
    page.wait_for_load_state()  # without JavaScript the click posts: read the new page
    # With JavaScript the script dates it, once the bank holidays have come: wait for it to
    # keep the start in the fragment, or to show an error.
    for _ in range(250):
        if "start=" in page.url or "#dates" in page.url:
            return
        if page.locator(".govuk-error-summary:visible").count():
            return
        page.wait_for_timeout(40)
    raise AssertionError(f"the dates were never worked out: {page.url}")


def main_text(page) -> str:
    """<main>'s text with every details element unfolded, so folded text is compared too.

    Live after a post opens folded; static keeps open what the person unfolded to type in.
    """
    page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true })")
    return page.locator("main").inner_text()


def same_main(
    tabs: Tabs,
    server,
    static_site,
    path: str,
    start: tuple[str, ...],
    other: dict | None = None,
    now: datetime = NOW,
) -> str:
    """Live and static show the same visible <main> for the same start typed in, at one now.

    The live page posts the start (JavaScript off), so the server's dates are compared with
    the static page's script's. Returns the live <main>'s text as shown, before unfolding.
    """
    static_page = tabs(static_site + path, now=now)
    live_page = tabs(f"{server}/{path}", javascript=False)
    for page in (static_page, live_page):
        for name, value in (other or {}).items():  # dates of other events the form asks for
            open_dates(page)
            page.fill(f'[name="{name}"]', value)
        enter_date(page, *start)
    shown = live_page.locator("main").inner_text()
    static, live = main_text(static_page), main_text(live_page)
    diff = difflib.unified_diff(live.splitlines(), static.splitlines(), "live", "static", n=0)
    assert static == live, "\n".join(diff)
    return shown


# A phone as the first-screen tests read pages on it, at 9 am on the test day in London.
PHONE = {"width": 390, "height": 844}
PHONE_NOW = datetime.combine(TODAY, clock_time(9), LONDON).astimezone(UTC)


def opened_on_a_phone(tabs: Tabs, url: str):
    """A page opened on a phone, once its script and requests have settled."""
    page = tabs(url, viewport=PHONE, now=PHONE_NOW)
    page.wait_for_load_state("networkidle")
    return page


def read_on_a_phone(browser, urls: list[str], read, tabs: int = 8) -> dict:
    """`read(page)` for each address opened on a phone, as `opened_on_a_phone` opens it.

    Pages open `tabs` at a time in one context (no page stores anything for the next), so
    the half second each waits for the network to fall idle passes for all of them at once;
    the tabs are opened once and go from address to address.
    """
    context = browser.new_context(viewport=PHONE)
    stop_clock(context, PHONE_NOW)
    pages = [context.new_page() for _ in range(min(tabs, len(urls)))]
    found = {}
    for at in range(0, len(urls), tabs):
        batch = list(zip(urls[at : at + tabs], pages, strict=False))
        for url, page in batch:
            page.goto(url)
        for url, page in batch:
            page.wait_for_load_state("networkidle")
            found[url] = read(page)
    context.close()
    return found
