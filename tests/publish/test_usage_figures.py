"""Usage figures from access logs: a log of known requests gives exactly their counts, in CSV
and in the HTML report, for each log format; small counts, crawlers, bad lines and bad files.

Every logged path comes from the app's own address functions and a walk of the flow.
"""

from __future__ import annotations

import csv
import gzip
import http.client
import io
import re
import ssl
import subprocess
import time
from collections.abc import Iterable
from datetime import date

import pytest
from conftest import ROOT
from flask import url_for
from pages import parse, read, text
from stack import production

from wizard.cli import main
from wizard.content import BUNDLED_SITE
from wizard.core import engine
from wizard.core.engine import OutcomeKind, Q
from wizard.publish import stats
from wizard.web import urls
from wizard.web.app import create_app

FORMATS = ("gunicorn", "nginx", "common", "combined")
IP = "203.0.113.77"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
REFERRER = "https://intranet.example.org/team-page"
NOV, DEC = date(2026, 11, 3), date(2026, 12, 14)
FEWER = "fewer than 5"
HEADER = ["partnership", "month", "group", "kind", "count"]
NOT_GET = "Requests other than GET (HEAD, and every POST but the date form's)"
NOT_200 = "GET requests whose status was not 200 (redirects, not modified, errors)"


def line(fmt: str, day: date, method: str, path: str, status: int = 200, agent: str = BROWSER):
    """One request as each server writes it (gunicorn.conf.py, deploy/nginx.conf, CLF)."""
    when = f"{day:%d/%b/%Y}:13:45:12 +0000"
    if fmt == "gunicorn":
        return f'{IP} [{when}] "{method} {path}" {status} 5120 12ms'
    if fmt == "nginx":
        return f'{IP} [{when}] "{method} {path}" {status} 5120 0.012'
    common = f'{IP} - - [{when}] "{method} {path} HTTP/1.1" {status} 5120'
    return common if fmt == "common" else f'{common} "{REFERRER}" "{agent}"'


def lines(fmt: str, requests: Iterable[tuple]) -> str:
    """A log of (times, day, method, path[, status[, agent]]): each request, `times` times."""
    return "".join(f"{line(fmt, *r[1:])}\n" * r[0] for r in requests)


@pytest.fixture(scope="module")
def stats_app():
    """The app `stats` reads the bundled site's logs by, built once for this module."""
    return stats.app_for(stats.Options((), BUNDLED_SITE))


@pytest.fixture(autouse=True)
def one_app(monkeypatch, stats_app):
    """In-process runs share one app; the real command line builds its own (slow tests)."""
    monkeypatch.setattr(stats, "app_for", lambda options: stats_app)


def first(site, slug: str, found) -> engine.State:
    return next(
        s for s in engine.walk(site.flow, site.partnerships[slug]) if s.outcome and found(s)
    )


@pytest.fixture(scope="module")
def paths(stats_app) -> dict[str, str]:
    """Islington's pages of each kind counted, and a few that are not, as the app addresses them."""
    site = stats_app.extensions["site"]
    kind = OutcomeKind
    at_risk = first(
        site,
        "islington",
        lambda s: (
            s.outcome.kind is kind.STAGE
            and s.outcome.stage.number == 2
            and s.answers.get(Q.RISK) == "at-risk"
        ),
    )
    emergency = first(site, "islington", lambda s: s.outcome.kind is kind.EMERGENCY)
    conduct = first(
        site, "islington", lambda s: s.outcome.exit == "conduct" and s.answers[Q.RISK] == "no"
    )
    with stats_app.test_request_context():
        return {
            "start": urls.check("islington"),
            "question": urls.check("islington", ("no",)),
            "emergency": urls.check("islington", emergency.segments),
            "stage 2": urls.check("islington", at_risk.segments),
            "conduct": urls.check("islington", conduct.segments),
            "record docx": urls.record_docx("islington", at_risk.segments),
            "flowchart": url_for("wizard.flowchart", slug="islington"),
            "brent start": urls.check("brent"),
            "home": url_for("wizard.home"),
        }


def known(fmt: str, paths: dict[str, str]) -> str:
    """A log whose counts the tests below know: November and December 2026."""
    return lines(
        fmt,
        [
            (7, NOV, "GET", paths["start"]),
            (12, NOV, "GET", paths["question"]),
            (5, NOV, "GET", paths["emergency"]),
            (6, NOV, "GET", paths["stage 2"]),
            (5, NOV, "POST", paths["stage 2"]),  # the date form, sent without JavaScript
            (3, NOV, "GET", paths["conduct"]),
            (9, NOV, "GET", paths["record docx"]),
            (5, NOV, "GET", paths["flowchart"]),
            (4, NOV, "POST", paths["start"], 405),
            (3, NOV, "HEAD", paths["start"]),
            (6, NOV, "GET", paths["start"], 304),
            (2, NOV, "GET", paths["stage 2"] + "nowhere/", 404),
            (1, NOV, "GET", paths["home"]),
            (5, DEC, "GET", paths["start"]),
            (6, DEC, "GET", paths["brent start"]),
        ],
    )


def run(tmp_path, log_text: str | bytes, out: str = "out.csv", *args: str, name="access.log"):
    """Run `stats` in-process on one log; the exit status and the output's text."""
    log = tmp_path / name
    if isinstance(log_text, bytes):
        log.write_bytes(log_text)
    else:
        log.write_text(log_text)
    written = tmp_path / out
    written.unlink(missing_ok=True)  # an output left by an earlier run is no answer
    status = main(["stats", str(log), "--out", str(written), *args])
    return status, written.read_text() if written.exists() else None


def counts(csv_text: str) -> dict[tuple[str, str, str, str], str]:
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == HEADER
    return {tuple(row[:4]): row[4] for row in rows[1:]}


def table_rows(html: str, slug: str) -> dict[str, list[str]]:
    """Each row of a partnership's tables in the report: its label, and its cells."""
    tree, errors = parse(html)
    assert not errors
    section = tree.find(f".//section[@aria-labelledby='h-{slug}']")
    return {
        text(tr.find("th")): [text(td) for td in tr.findall("td")]
        for tr in section.iter("tr")
        if tr.find("td") is not None
    }


SVG = "{http://www.w3.org/2000/svg}"


def chart(html: str, slug: str):
    """A partnership's chart: its role, the texts it draws, and its number of bars."""
    tree = read(html)
    svg = tree.find(f".//section[@aria-labelledby='h-{slug}']//{SVG}svg")
    said = [text(t) for t in svg.iter(f"{SVG}text")]
    return svg.get("role"), said, len(list(svg.iter(f"{SVG}rect")))


def left_out(html: str) -> dict[str, str]:
    tree = read(html)
    section = tree.find(".//section[@aria-labelledby='h-left-out']")
    return {
        text(tr.find("th")): text(tr.find("td"))
        for tr in section.iter("tr")
        if tr.find("td") is not None
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_known_log_gives_exactly_its_counts_in_csv(tmp_path, paths, fmt):
    status, out = run(tmp_path, known(fmt, paths))
    assert status == 0
    got = counts(out)
    expected = {
        ("journey", "started"): ("7", "5"),
        ("journey", "emergency"): ("5", FEWER),
        ("outcome", "stage"): ("6", FEWER),
        ("stage", "stage-2"): ("6", FEWER),
        ("stage", "stage-1"): (FEWER, FEWER),
        ("tier", "at-risk"): ("6", FEWER),
        ("outcome", "conduct"): (FEWER, FEWER),
        ("download", "record-docx"): ("9", FEWER),
        ("download", "dates-posted"): ("5", FEWER),
        ("learning", "flowchart"): ("5", FEWER),
    }
    for (group, kind), (november, december) in expected.items():
        assert got["islington", "2026-11", group, kind] == november, (group, kind)
        assert got["islington", "2026-12", group, kind] == december, (group, kind)
    assert got["brent", "2026-12", "journey", "started"] == "6"
    assert got["brent", "2026-11", "journey", "started"] == FEWER
    assert {key[1] for key in got} == {"2026-11", "2026-12"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_html_report_shows_the_same_counts(tmp_path, paths, fmt):
    status, html = run(tmp_path, known(fmt, paths), "report.html")
    assert status == 0
    rows = table_rows(html, "islington")
    assert rows["Journeys started (the first question)"] == ["7", "5"]
    assert rows["Emergency pages reached (immediate harm, or not sure)"] == ["5", FEWER]
    assert rows["Stage 2: Line Manager"] == ["6", FEWER]
    at_risk = "No immediate harm, but the child's safety is believed to be at risk"
    assert rows[at_risk] == ["6", FEWER]
    assert rows["Escalation record (Word)"] == ["9", FEWER]
    assert rows["The conduct of a professional (LADO or allegations)"] == [FEWER, FEWER]
    assert table_rows(html, "brent")["Journeys started (the first question)"] == [FEWER, "6"]
    dropped = left_out(html)
    assert dropped[NOT_GET] == "7"
    assert dropped[NOT_200] == "8"
    assert dropped["Other pages and files (questions after the first, assets, home page)"] == "13"


def test_the_chart_draws_the_numbers_of_the_table(tmp_path, paths):
    _, html = run(tmp_path, known("nginx", paths), "report.html")
    assert chart(html, "islington") == ("img", ["Nov 2026", "7", "Dec 2026", "5"], 2)
    # Self-contained: nothing to run, nothing fetched, no link to follow.
    assert not re.search(r"<script|\b(?:src|href|url)[=(]", html)
    assert "https:" not in html and html.count("http:") == html.count('xmlns="http:')


def test_a_count_below_five_is_never_shown(tmp_path, paths):
    log = lines("gunicorn", [(4, NOV, "GET", paths["start"]), (5, NOV, "GET", paths["emergency"])])
    _, out = run(tmp_path, log)
    _, html = run(tmp_path, log, "report.html")
    got = counts(out)
    assert got["islington", "2026-11", "journey", "started"] == FEWER
    assert got["islington", "2026-11", "journey", "emergency"] == "5"
    assert not any(value in {"0", "1", "2", "3", "4"} for value in got.values())
    rows = table_rows(html, "islington")
    assert rows["Journeys started (the first question)"] == [FEWER]
    cells = [cell for row in rows.values() for cell in row]
    assert not set(cells) & {"0", "1", "2", "3", "4"}
    # No bar whose length could tell a small number.
    assert chart(html, "islington") == ("img", ["Nov 2026", FEWER], 0)


def test_crawlers_are_left_out_by_their_user_agent(tmp_path, paths):
    log = lines(
        "combined",
        [
            (6, NOV, "GET", paths["start"], 200, BROWSER),
            (7, NOV, "GET", paths["start"], 200, CRAWLER),
            (2, NOV, "GET", paths["start"], 200, "-"),
        ],
    )
    _, out = run(tmp_path, log)
    _, html = run(tmp_path, log, "report.html")
    assert counts(out)["islington", "2026-11", "journey", "started"] == "6"
    assert left_out(html)["Requests from crawlers (by their user agent)"] == "9"


def test_the_date_form_is_the_only_post_counted(tmp_path, paths):
    log = lines(
        "nginx",
        [
            (5, NOV, "POST", paths["stage 2"]),
            (6, NOV, "POST", paths["start"]),  # a question takes no POST: 405
            (5, NOV, "POST", paths["flowchart"], 200),
            (5, NOV, "GET", paths["start"], 302),
        ],
    )
    _, out = run(tmp_path, log)
    _, html = run(tmp_path, log, "report.html")
    got = counts(out)
    assert got["islington", "2026-11", "download", "dates-posted"] == "5"
    assert got["islington", "2026-11", "journey", "started"] == FEWER
    dropped = left_out(html)
    assert dropped[NOT_GET] == "11"
    assert dropped[NOT_200] == "5"


def test_no_address_agent_referrer_or_time_of_day_in_any_output(tmp_path, paths):
    log = known("combined", paths)
    outputs = [run(tmp_path, log, name)[1] for name in ("out.csv", "report.html")]
    for output in outputs:
        for private in (IP, "203.0.113", "Firefox", "Gecko", REFERRER, "intranet", "13:45"):
            assert private not in output


def test_malformed_and_truncated_lines_are_skipped_counted_and_named(tmp_path, paths, capsys):
    good = line("gunicorn", NOV, "GET", paths["start"])
    log = "\n".join(
        [good] * 3
        + ["this is not a log line", good[:30], good, good, f"{IP} [31/Nov/2026:10:00:00 +0000]"]
        + [good[:-6]]  # cut before the time taken
    )
    status, out = run(tmp_path, log + "\n")
    err = capsys.readouterr().err
    assert status == 0
    assert counts(out)["islington", "2026-11", "journey", "started"] == "5"
    named = [row.split(": ", 1)[0] for row in err.splitlines() if "not a line" in row]
    assert [name.rsplit(":", 1)[1] for name in named] == ["4", "5", "8", "9"]
    _, html = run(tmp_path, log, "report.html")
    assert left_out(html)["Lines in no format this command reads"] == FEWER


def test_a_gzip_log_reads_as_the_plain_one_whatever_its_name(tmp_path, paths):
    log = known("common", paths)
    _, plain = run(tmp_path, log)
    for name in ("access.log.2.gz", "access.log.1"):
        _, packed = run(tmp_path, gzip.compress(log.encode()), name=name)
        assert packed == plain


def test_an_empty_log_gives_every_kind_and_no_month(tmp_path):
    status, out = run(tmp_path, "")
    assert status == 0 and out == ",".join(HEADER) + "\n"
    status, html = run(tmp_path, "", "report.html")
    assert status == 0 and "No request was counted" in html


def test_since_and_until_keep_the_days_between(tmp_path, paths):
    log = known("nginx", paths)
    _, out = run(tmp_path, log, "out.csv", "--since", "2026-12-01", "--until", "2026-12-31")
    got = counts(out)
    assert {key[1] for key in got} == {"2026-12"}
    assert got["islington", "2026-12", "journey", "started"] == "5"
    _, html = run(tmp_path, log, "r.html", "--since", "2026-12-01")
    assert left_out(html)["Requests outside the dates asked for"] == "68"


def test_partnership_keeps_one_partnership(tmp_path, paths):
    _, out = run(tmp_path, known("nginx", paths), "out.csv", "--partnership", "brent")
    got = counts(out)
    assert {key[0] for key in got} == {"brent"}
    assert got["brent", "2026-12", "journey", "started"] == "6"


def test_a_static_builds_log_is_read_under_its_base_path(tmp_path, paths):
    base = "/safeguarding/escalation"
    log = lines(
        "combined",
        [
            (5, NOV, "GET", base + paths["start"] + "index.html"),
            (6, NOV, "GET", base + paths["stage 2"]),
            (7, NOV, "GET", base + paths["record docx"]),
            (8, NOV, "GET", paths["start"]),  # not under the base path: another site's page
        ],
    )
    url = "https://example.org/safeguarding/escalation/"
    _, out = run(tmp_path, log, "out.csv", "--base-url", url)
    got = counts(out)
    assert got["islington", "2026-11", "journey", "started"] == "5"
    assert got["islington", "2026-11", "stage", "stage-2"] == "6"
    assert got["islington", "2026-11", "download", "record-docx"] == "7"


def test_a_one_partnership_builds_log_is_read_at_its_root(tmp_path, monkeypatch):
    rooted = create_app({"ROOT_PARTNERSHIP": "brent", "PAGE_CACHE_ENTRIES": 0})
    monkeypatch.setattr(stats, "app_for", lambda options: rooted)
    site = rooted.extensions["site"]
    stage = first(site, "brent", lambda s: s.outcome.kind is OutcomeKind.STAGE)
    with rooted.test_request_context():
        start, outcome = urls.check("brent"), urls.check("brent", stage.segments)
    assert not start.startswith("/brent/")
    log = lines("common", [(5, NOV, "GET", "/brent" + start), (6, NOV, "GET", "/brent" + outcome)])
    _, out = run(tmp_path, log, "o.csv", "--at-root", "brent", "--base-url", "/brent/")
    got = counts(out)
    assert got["brent", "2026-11", "journey", "started"] == "5"
    assert got["brent", "2026-11", "outcome", "stage"] == "6"


# The real command line: exit codes and one-line errors.

COMMAND = str(ROOT / ".venv" / "bin" / "escalation-wizard")


def command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([COMMAND, "stats", *args], capture_output=True, text=True)


@pytest.mark.slow
def test_the_command_writes_its_output_and_exits_0(tmp_path, paths):
    log = tmp_path / "access.log"
    log.write_text(known("gunicorn", paths))
    done = command(str(log), "--out", str(tmp_path / "usage.csv"))
    assert done.returncode == 0, done.stderr
    assert (
        counts((tmp_path / "usage.csv").read_text())["brent", "2026-12", "journey", "started"]
        == "6"
    )
    assert done.stdout.startswith(f"wrote {tmp_path / 'usage.csv'}: 79 line(s) read")


@pytest.mark.slow
def test_an_unreadable_log_gives_one_line_and_exit_1(tmp_path, paths):
    good = tmp_path / "good.log"
    good.write_text(known("nginx", paths))
    cut = tmp_path / "cut.log.gz"
    cut.write_bytes(gzip.compress(good.read_bytes())[:200])
    for bad, why in ((tmp_path / "missing.log", "No such file"), (tmp_path, "Is a directory"),
                     (cut, "ends too soon")):  # fmt: skip
        done = command(str(good), str(bad), "--out", str(tmp_path / "out.html"))
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and why in done.stderr and str(bad) in done.stderr
        assert not (tmp_path / "out.html").exists()


@pytest.mark.slow
def test_usage_errors_exit_2_and_a_log_of_no_known_format_exits_3(tmp_path):
    log = tmp_path / "a.log"
    log.write_text("")
    for args, said in (
        (["--out", str(tmp_path / "x.txt")], "end it in .html or .csv"),
        (["--out", str(tmp_path / "x.csv"), "--partnership", "brnt"], "did you mean 'brent'"),
        (["--out", str(tmp_path / "x.csv"), "--since", "2026-13-01"], "not a date"),
    ):
        done = command(str(log), *args)
        assert done.returncode == 2 and said in done.stderr, done.stderr
    log.write_text("<html>not a log</html>\n" * 3)
    done = command(str(log), "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 3 and "no line of the logs" in done.stderr
    assert not (tmp_path / "x.csv").exists()


def fetch(port: int, path: str) -> int:
    """A GET through the stack's nginx (its certificate is self-signed); the status."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    connection.request("GET", path)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.mark.slow
def test_the_production_stacks_own_logs_give_the_pages_served(tmp_path, paths):
    """gunicorn and nginx as README runs them: each log, read as written, counts the same."""
    with production(tmp_path) as (port, server):
        assert [fetch(port, paths["start"]) for _ in range(5)] == [200] * 5
        assert [fetch(port, paths["stage 2"]) for _ in range(6)] == [200] * 6
        assert fetch(port, paths["start"] + "?answer=no") == 302  # an answer: not a start
        time.sleep(0.5)  # nginx writes its log line after the response
    for log in (tmp_path / "access.log", server.log):
        out = tmp_path / f"{log.name}.csv"
        done = command(str(log), "--out", str(out), "--partnership", "islington")
        assert done.returncode == 0 and "not a line" not in done.stderr, done.stderr
        got = counts(out.read_text())
        (month,) = {key[1] for key in got}
        assert got["islington", month, "journey", "started"] == "5"
        assert got["islington", month, "stage", "stage-2"] == "6"
