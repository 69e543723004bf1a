"""The static build: complete, every link resolves, same facts as the live app, atomic."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import answers
import bundled
import docx
import pytest
from conftest import EVERY_FIELD, SUB_URL, TODAY
from flask import abort
from pages import POLICE_HEALTH_PLAN, bold_lines, read, visible_text
from pages import text as element_text

from wizard.cli import main
from wizard.content import BUNDLED_SITE
from wizard.core.engine import OutcomeKind, walk
from wizard.publish import freeze, linkcheck
from wizard.publish.freeze import BuildError, build
from wizard.web import app as web_app
from wizard.web.formats import docx as wordfile

MAIN = re.compile(r"<main.*?</main>", re.S)
# Dates differ by design (the live app fills them, the static script too), and so does
# the printed record's own address, which names where the site is hosted.
# Parts that hold dates (the live app dates from today; the static page waits for a start),
# the first box's deadline and what it counts from among them: the browser tests compare
# those live and static with the same start typed in.
DATED = {"app-plan", "app-dated", "app-print-record", "app-now__when", "app-counted"}
DATES = re.compile(
    r'<section class="app-section app-plan".*?</section>|<!--date-->.*?<!--/date-->'
    # On paper only, the page's own address: it differs by where the site is hosted.
    r'|<div class="app-print-only app-print-record">.*?</div>',
    re.S,
)
ADDRESS = re.compile(r"<!--address-->.*?<!--/address-->", re.S)
# The shared build is made once per run, by the first test process to ask (conftest.py).
pytestmark = pytest.mark.slow


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(str(f.relative_to(folder)).encode() + f.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("which", ["root_build", "site_build"])
def test_every_internal_link_and_asset_resolves(request, which):
    result = request.getfixturevalue(which)
    assert linkcheck.broken_links(result.out, result.base_path) == []
    index = (result.out / "index.html").read_text()
    assert f'href="{result.base_path}assets/dist/app.' in index  # assets under the sub-path


FIRST_HEADING = re.compile(r"<h([1-6])\b")
EMPTY_LINK = re.compile(r"<a\b[^>]*\bhref=[^>]*>\s*</a>")


def reading_problems(name: str, markup: str) -> list[tuple[str, str, str]]:
    """What a screen reader would stumble on in a built page: a heading before the h1 in
    <main>, a link with nothing to name it, or a bold line standing in for a heading."""
    main = MAIN.search(markup)
    if main is None:
        return []
    first = FIRST_HEADING.search(main[0])
    found = (
        []
        if first and first[1] == "1"
        else [(name, "first heading", first[0] if first else "none")]
    )
    found += [(name, "empty link", a) for a in EMPTY_LINK.findall(markup)]
    return found + [(name, "bold line", b) for b in bold_lines(main[0])]


def test_every_page_reads_in_order_to_a_screen_reader(site_build):
    found = []
    for page in sorted(site_build.out.rglob("*.html")):
        found += reading_problems(str(page.relative_to(site_build.out)), page.read_text())
    assert found[:10] == []


def test_page_count_is_bounded(site_build, site):
    states = sum(1 for p in site.partnerships.values() for _ in walk(site.flow, p))
    # home, glossary, content pages, start/procedure/flowchart/brand.css/practice/glossary
    # per partnership, 404, sitemap, robots, a bank-holiday list per nation; each scenario
    # and its answer to every choice
    nations = {p.partnership.nation for p in site.partnerships.values()}
    fixed = 2 + len(site.pages) + 6 * len(site.partnerships) + 3 + len(nations)
    practice = sum(
        len(found) * (1 + len(site.partnerships[slug].stages) + 2)
        for slug, found in site.scenarios.items()
    )
    n = len(site.partnerships)
    compare = 1 + n + n * (n - 1)  # choose the first, the second, every ordered pair
    assets = sum(1 for f in (site_build.out / "assets").rglob("*") if f.is_file())
    # a record page and its .docx per stage outcome; a page and a .docx per form
    stages = sum(1 for p in site.partnerships.values() for _ in stage_states(p))
    forms = sum(len(p.forms) for p in site.partnerships.values())
    named = [
        {a for s in p.stages if s.roles for a in s.roles.by_agency}
        for p in site.partnerships.values()
    ]
    roles = sum(1 + len(agencies) for agencies in named if agencies)  # the matrix, each agency
    assert site_build.pages == (
        states + fixed + practice + compare + roles + assets + 2 * stages + 2 * forms
    )
    # Islington's urgency tier doubles its outcomes, and Lincolnshire asks the worker's agency
    # at every step for their SLO: about 6,700 small files for five partnerships.
    assert site_build.pages < 8000, "the static site has grown past what a partnership can host"


def undated_text(page: str) -> str:
    """The text of <main>, with the parts that hold dates emptied."""
    tree = read(MAIN.search(page)[0])
    for element in list(tree.iter()):  # listed first: lxml loses its place in a cleared one
        if isinstance(element.tag, str) and DATED & set(element.get("class", "").split()):
            tail = element.tail
            element.clear()
            element.tail = tail
    return element_text(tree)


@pytest.mark.xdist_group("every-page")  # the live pages, rendered once for every such test
def test_every_reachable_outcome_exists_with_the_same_facts(request, site):
    paths = [
        "/".join((slug, "check", *state.segments))
        for slug, p in site.partnerships.items()
        for state in walk(site.flow, p)
        if state.outcome is not None
    ]
    served = {path: bundled.page(f"/{path}/") for path in paths}
    # Asked for once the live pages are rendered: another worker may be building it meanwhile.
    site_build = request.getfixturevalue("site_build")
    checked = 0
    for path in paths:
        frozen = (site_build.out / path / "index.html").read_text()
        status, markup = served[path]
        assert status == 200 and undated_text(frozen) == undated_text(markup)
        checked += 1
    assert checked > 1400  # every outcome of five partnerships


def stage_states(p):
    return [
        s for s in walk(bundled.site().flow, p) if s.outcome and s.outcome.kind is OutcomeKind.STAGE
    ]


def test_every_stage_outcome_has_its_record_and_word_document(site_build, site):
    live = bundled.app().test_client()
    for slug, p in site.partnerships.items():
        for i, state in enumerate(stage_states(p)):
            folder = site_build.out / slug / "check" / "/".join(state.segments)
            page = (folder / "record" / "index.html").read_text()
            assert f'href="/safeguarding/escalation/{slug}/check/' in page
            assert (folder / "record.docx").read_bytes()[:2] == b"PK"
            if i % 50:
                continue  # a sample is read in full against the live app
            served = live.get(f"/{slug}/check/{'/'.join(state.segments)}/record/")
            frozen_main = ADDRESS.sub("", MAIN.search(page)[0])
            served_main = ADDRESS.sub("", MAIN.search(served.get_data(as_text=True))[0])
            assert visible_text(frozen_main) == visible_text(served_main)
            lines = [x.text for x in docx.Document(folder / "record.docx").paragraphs]
            assert f"Address of this record: {SUB_URL}{slug}/check/" in "\n".join(lines)


def test_forms_are_in_the_static_site(site_build):
    folder = site_build.out / "staffordshire-stoke" / "forms"
    page = (folder / "formal-escalation" / "index.html").read_text()
    assert "THIS DOCUMENT MUST BE SENT SECURELY" in page
    assert (folder / "formal-escalation.docx").read_bytes()[:2] == b"PK"


def test_every_flowchart_is_in_the_static_site(site_build, site):
    base = site_build.base_path
    for slug, p in site.partnerships.items():
        page = (site_build.out / slug / "flowchart" / "index.html").read_text()
        assert 'id="flowchart-title"' in page and 'id="flowchart-words"' in page
        shown = visible_text(page)
        for stage in p.stages:
            assert f"{p.partnership.stage_word} {stage.number}: {stage.title}" in shown
        start = (site_build.out / slug / "index.html").read_text()
        assert f'href="{base}{slug}/flowchart/"' in start
    for slug in ("islington", "havering"):
        page = (site_build.out / slug / "procedure" / "index.html").read_text()
        assert 'id="flowchart-title"' in page and "{flowchart}" not in page


def test_every_glossary_link_lands_on_its_definition_in_the_static_site(site_build):
    """Term links carry a #fragment the link check cannot see: each names a definition."""
    term = re.compile(r'class="govuk-link app-term" href="([^"#]*)#(term-[\w-]+)"')
    targets: dict[str, set[str]] = {}
    checked = 0
    for page in site_build.out.rglob("*.html"):
        for path, anchor in term.findall(page.read_text()):
            if path not in targets:
                file = site_build.out / path[len(site_build.base_path) :] / "index.html"
                targets[path] = set(re.findall(r'id="([^"]+)"', file.read_text()))
            assert anchor in targets[path], (page, path, anchor)
            checked += 1
    assert len(targets) >= 6 and checked > 1000


def test_questions_are_plain_links_in_the_static_site(site_build):
    page = (site_build.out / "islington" / "check" / "index.html").read_text()
    assert "<form" not in page
    base = site_build.base_path
    for risk in ("no", "yes"):
        assert f'href="{base}{answers.path("islington", risk=risk)[1:]}"' in page


def test_discovery_files_and_noindex(site_build):
    assert f"Sitemap: {SUB_URL}sitemap.xml" in (site_build.out / "robots.txt").read_text()
    sitemap = (site_build.out / "sitemap.xml").read_text()
    assert f"<loc>{SUB_URL}islington/procedure/</loc>" in sitemap and "/check/" not in sitemap
    outcome = (
        site_build.out / answers.stage("islington", 2, **POLICE_HEALTH_PLAN)[1:] / "index.html"
    )
    assert '<meta name="robots" content="noindex">' in outcome.read_text()
    start = (site_build.out / "islington" / "index.html").read_text()
    assert "noindex" not in start


def test_every_page_is_stamped_with_version_review_and_build_date(site_build):
    for page in ["islington/index.html", answers.stage("brent", 1)[1:] + "index.html"]:
        text = visible_text((site_build.out / page).read_text())
        assert "Site built 23 November 2026" in text and "Review date:" in text


def test_not_found_page_has_absolute_links(site_build):
    page = (site_build.out / "404.html").read_text()
    assert "Page not found" in page
    assert f'href="{site_build.base_path}islington/"' in page


def test_unknown_partnership_is_refused_with_a_hint(tmp_path):
    with pytest.raises(BuildError, match="did you mean 'brent'"):
        build(BUNDLED_SITE, tmp_path / "site", "/", only=["brnet"])


def broken_site(tmp_path: Path) -> Path:
    site = tmp_path / "broken"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    policy = site / "policies" / "brent" / "policy.md"
    policy.write_text(policy.read_text().replace("number: 3", "number: three", 1))
    return site


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    out = tmp_path / "site"
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    before = digest(out)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wizard",
            "freeze",
            "--site",
            str(broken_site(tmp_path)),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "policies/brent/policy.md:" in result.stderr and "whole number" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_broken_link_fails_the_build_and_changes_nothing(tmp_path):
    site = tmp_path / "linky"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    (site / "content").mkdir()
    (site / "content" / "help.md").write_text(
        "---\ntitle: Help\nsummary: Help.\n---\nSee [the missing page](/nowhere/).\n"
    )
    out = tmp_path / "site"
    out.mkdir()
    with pytest.raises(BuildError, match=r"(?s)broken link.*pages/help/index.html: /nowhere/"):
        build(site, out, "/")
    assert list(out.iterdir()) == []


def test_a_stylesheet_pointing_at_a_missing_file_fails_the_build(tmp_path, monkeypatch):
    static = tmp_path / "static"
    shutil.copytree(web_app.STATIC, static, ignore=shutil.ignore_patterns("src"))
    css = static / "dist" / "app.css"
    css.write_text(css.read_text() + '.app-x{background:url("../images/crest.svg")}')
    monkeypatch.setattr(web_app, "STATIC", static)
    out = tmp_path / "site"
    out.mkdir()
    with pytest.raises(BuildError, match=r"(?s)broken link.*dist/app\.\w+\.css: \.\./images/crest"):
        build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    assert list(out.iterdir()) == []


def test_partnership_logo_and_colour_are_published(tmp_path):
    site = tmp_path / "branded"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    policy = site / "policies" / "brent" / "policy.md"
    (site / "policies" / "brent" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="10" height="10"/></svg>'
    )
    policy.write_text(
        policy.read_text().replace(
            'branding:\n  colour: "#00635a"',
            'branding:\n  colour: "#00635a"\n  logo: logo.svg\n  logo_alt: Brent LSCB logo',
        )
    )
    result = build(site, tmp_path / "out", "/esc/", today=TODAY)
    start = (result.out / "brent" / "index.html").read_text()
    assert (
        '<img class="app-header__logo" src="/esc/brent/logo/logo.svg" alt="Brent LSCB logo">'
        in start
    )
    assert (result.out / "brent" / "logo" / "logo.svg").is_file()
    assert "--brand:#00635a" in (result.out / "brent" / "brand.css").read_text()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


def freeze_in_background(out: Path) -> subprocess.Popen:
    """Start a build of one partnership and return once its staging folder exists."""
    command = [sys.executable, "-m", "wizard", "freeze", "--out", str(out)]
    build = subprocess.Popen([*command, "--partnership", "islington"], stderr=subprocess.PIPE)
    for _ in range(400):  # at most 20 s
        if leftovers(out.parent) or build.poll() is not None:
            break
        time.sleep(0.05)
    assert leftovers(out.parent), "the build never started staging"
    return build


def test_a_stopped_build_cleans_up_and_a_killed_one_is_cleared_next_time(tmp_path):
    out = tmp_path / "site"
    stopped = freeze_in_background(out)
    stopped.send_signal(signal.SIGTERM)
    assert stopped.wait(timeout=20) == 143
    assert leftovers(tmp_path) == [] and not out.exists()
    killed = freeze_in_background(out)
    killed.kill()
    killed.wait(timeout=20)
    assert leftovers(tmp_path) != []
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    assert leftovers(tmp_path) == []


def test_a_build_killed_between_its_two_renames_gets_the_last_site_back(tmp_path, capsys):
    """Where the swap takes two renames, a kill between them leaves the last site aside."""
    out = tmp_path / "site"
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    before = digest(out)
    out.rename(tmp_path / ".site.old-killed")  # the first rename done, the second never
    status = main(["freeze", "--site", str(broken_site(tmp_path)), "--out", str(out)])
    assert status == 1 and "whole number" in capsys.readouterr().err
    assert digest(out) == before and leftovers(tmp_path) == []


@pytest.mark.parametrize("swap", ["in one step", "in two renames"])
def test_a_new_build_replaces_the_last_and_leaves_nothing_aside(tmp_path, monkeypatch, swap):
    out = tmp_path / "site"
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    (out / "left-from-last-time.txt").write_text("old")
    if swap == "in two renames":  # where the kernel or file system cannot swap at once
        monkeypatch.setattr(freeze, "_exchange", lambda staging, out: False)
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    assert not (out / "left-from-last-time.txt").exists() and (out / "build.json").is_file()
    assert leftovers(tmp_path) == []


def test_a_running_build_holds_its_folder(tmp_path):
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match=r"another build in .* is running"):
            build(BUNDLED_SITE, tmp_path / "site", "/", only=["brent"])
    finally:
        os.close(folder)


def test_output_is_world_readable_whatever_the_umask(tmp_path):
    previous = os.umask(0o077)
    try:
        result = build(BUNDLED_SITE, tmp_path / "site", "/", only=["brent"], today=TODAY)
    finally:
        os.umask(previous)
    modes = {p.stat().st_mode & 0o777 for p in result.out.rglob("*") if p.is_dir()}
    assert modes | {result.out.stat().st_mode & 0o777} == {0o755}
    assert {p.stat().st_mode & 0o777 for p in result.out.rglob("*") if p.is_file()} == {0o644}


def freeze_cli(out: Path, capsys) -> tuple[int, str]:
    status = main(["freeze", "--out", str(out), "--partnership", "brent"])
    err = capsys.readouterr().err
    return status, err


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("a-file/site", "File exists"),
        ("/proc/escalation/site", "No such file or directory"),
        ("/sys/site", "Operation not permitted"),
    ],
)
def test_an_os_error_is_one_line_and_exit_1(tmp_path, capsys, out, reason):
    (tmp_path / "a-file").write_text("")
    status, err = freeze_cli(tmp_path / out if out[0] != "/" else Path(out), capsys)
    assert status == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("build failed, nothing was changed in ") and reason in err


def test_a_full_disk_changes_nothing(tmp_path, capsys, monkeypatch):
    out = tmp_path / "site"
    build(BUNDLED_SITE, out, "/", only=["brent"], today=TODAY)
    before = digest(out)

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "build.json"))

    monkeypatch.setattr(freeze, "_write_manifest", full)
    status, err = freeze_cli(out, capsys)
    assert status == 1 and "No space left on device" in err and len(err.splitlines()) == 1
    assert digest(out) == before and leftovers(tmp_path) == []


def test_any_number_of_workers_builds_the_same_site_to_the_byte(tmp_path):
    """--jobs changes only the speed: a rebuild at the same --today writes the same bytes."""
    outs = [tmp_path / "one", tmp_path / "two"]
    for out, jobs in zip(outs, ("1", "2"), strict=True):
        command = ["freeze", "--site", str(EVERY_FIELD), "--out", str(out), "--jobs", jobs]
        assert main([*command, "--today", "2026-11-23"]) == 0
    start = visible_text((outs[0] / "fenmouth" / "index.html").read_text())
    assert "Site built 23 November 2026" in start
    assert len(list(outs[0].rglob("*.docx"))) > 10  # Word files too, each dated alike
    assert digest(outs[0]) == digest(outs[1])


def test_a_page_a_worker_cannot_freeze_fails_the_build_and_changes_nothing(tmp_path, monkeypatch):
    def missing(*_: object) -> bytes:
        abort(404)

    monkeypatch.setattr(wordfile, "record", missing)  # the worker processes inherit it
    out = tmp_path / "site"
    out.mkdir()
    failed = r"a page could not be frozen: Unexpected status '404 NOT FOUND' on URL /fenmouth/.*"
    with pytest.raises(BuildError, match=failed + r"/record\.docx"):
        build(EVERY_FIELD, out, "/", jobs=2)
    assert list(out.iterdir()) == [] and leftovers(tmp_path) == []
    assert multiprocessing.active_children() == []  # every worker stopped


def test_a_worker_that_dies_fails_the_build_with_its_exit_code(tmp_path, monkeypatch):
    monkeypatch.setattr(wordfile, "record", lambda *_: os._exit(3))
    with pytest.raises(BuildError, match=r"a page worker stopped \(exit code 3\)"):
        build(EVERY_FIELD, tmp_path / "site", "/", jobs=2)
    assert leftovers(tmp_path) == [] and multiprocessing.active_children() == []
