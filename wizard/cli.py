"""The escalation-wizard command: its sub-commands, from `new` to `stats`, each a few lines."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.content import BUNDLED_SITE, Site, export, flowfile, inspect_site, load_site
from wizard.content.problems import ContentError, Problem

if TYPE_CHECKING:
    from flask import Flask

    from wizard.publish.stats import Options, Tally

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0 success, 1 invalid content, 2 usage)."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except ContentError as err:
        _print_problems(err.problems, args.site)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="escalation-wizard",
        description="Guidance on resolving professional disagreements about a child's safety.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    new = _add(commands, "new", _new, "write a skeleton policy for a new partnership")
    new.add_argument("slug", metavar="SLUG", help="the partnership's folder and web address")
    _add(commands, "check", _check, "validate every policy and page; list errors and warnings")
    exporter = _add(commands, "export", _export, "write every partnership's facts as JSON")
    exporter.add_argument("--out", type=Path, help="file to write (default: standard output)")
    schema = _add(commands, "schema", _schema, "write the JSON Schema of policy front matter")
    schema.add_argument("--out", type=Path, help="file to write (default: standard output)")
    serve = _add(commands, "serve", _serve, "serve the wizard for local use or development")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=5000, help="port to listen on")
    serve.add_argument(
        "--reload",
        action="store_true",
        help="reload the content whenever a file is saved, showing its errors on the page",
    )
    freeze = _add(commands, "freeze", _freeze, "build the whole guidance as a static site")
    freeze.add_argument("--out", type=Path, default=Path("site"), help="folder to build into")
    freeze.add_argument(
        "--base-url",
        default="/",
        help="where the site will live, e.g. https://example.org/safeguarding/escalation/",
    )
    freeze.add_argument(
        "--partnership",
        action="append",
        metavar="SLUG",
        help="build only this partnership (repeat for more)",
    )
    freeze.add_argument(
        "--jobs",
        type=_at_least_one,
        metavar="N",
        help="pages rendered at once, each on its own process (default: every usable core)",
    )
    freeze.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="build as on this date: the build date and overdue reviews (default: London's)",
    )
    freeze.add_argument(
        "--draft-translations",
        action="store_true",
        help="publish a language a translator has not yet reviewed; its pages say it is a draft",
    )
    signoff = _add(commands, "signoff", _signoff, "write one partnership's sign-off pack (HTML)")
    signoff.add_argument("--partnership", metavar="SLUG", help="needed if the site has several")
    signoff.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    signoff.add_argument(
        "--language",
        default="en",
        metavar="LANG",
        help="the pages in this language, one the partnership declares, such as cy (default: en)",
    )
    _stats_arguments(_add(commands, "stats", _stats, "count how the guidance was used, from logs"))
    preview = _add(commands, "preview", _preview, "serve a build locally to check it")
    preview.add_argument("--out", type=Path, default=Path("site"), help="the build's folder")
    preview.add_argument("--port", type=int, default=8000, help="port to listen on")
    return parser


def _freeze(args: argparse.Namespace) -> int:
    from wizard.publish.freeze import BuildError, build

    # A stopped build cleans up after itself; one killed outright is cleared by the next.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        result = build(
            args.site, args.out, args.base_url, args.partnership, args.today, args.jobs,
            args.draft_translations,
        )  # fmt: skip
    except (BuildError, OSError) as err:
        print(f"build failed, nothing was changed in {args.out}: {_reason(err)}", file=sys.stderr)
        return 1
    rate = result.pages / result.seconds if result.seconds else 0
    print(
        f"built {result.pages} pages ({result.files} files) into {result.out} "
        f"in {result.seconds:.1f} s ({rate:.0f} pages/s), for {result.base_path}"
    )
    return 0


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: '{text}'") from None


def _signoff(args: argparse.Namespace) -> int:
    from wizard.content.messages import did_you_mean
    from wizard.publish import signoff

    site = load_site(args.site)
    known = sorted(site.partnerships)
    slug = args.partnership or (known[0] if len(known) == 1 else None)
    if slug not in known:
        why = (
            f"unknown partnership '{slug}'{did_you_mean(slug, known)}"
            if slug
            else f"choose one with --partnership: {', '.join(known)}"
        )
        print(f"signoff: {why}", file=sys.stderr)
        return 1
    declared = [lang.value for lang in site.partnerships[slug].partnership.languages]
    if args.language not in declared:
        print(
            f"signoff: {slug} is published in {', '.join(declared)}, not '{args.language}'",
            file=sys.stderr,
        )
        return 1
    pack = signoff.write(args.site, slug, args.out, lang=args.language)
    print(
        f"wrote {args.out}: {pack.pages} distinct outcome page(s) from "
        f"{pack.paths} answer path(s), {len(pack.problems)} recorded problem(s)"
    )
    return 0


def _stats_arguments(stats: argparse.ArgumentParser) -> None:
    stats.add_argument("logs", nargs="+", type=Path, metavar="LOG", help="access log, or .gz")
    stats.add_argument("--since", type=_day, metavar="DATE", help="first day counted, 2026-11-01")
    stats.add_argument("--until", type=_day, metavar="DATE", help="last day counted, 2026-11-30")
    stats.add_argument(
        "--partnership", action="append", metavar="SLUG", help="count only this one (repeat)"
    )
    stats.add_argument(
        "--base-url", default="/", help="where a static build was published, as for freeze"
    )
    stats.add_argument(
        "--at-root", metavar="SLUG", help="the log is of `freeze --partnership SLUG`'s build"
    )
    stats.add_argument("--format", choices=STATS_FORMATS, help="default: from --out's suffix")
    stats.add_argument("--out", type=Path, required=True, help="the .html or .csv file to write")
    stats.epilog = (
        "Exit status: 0 written; 1 a log could not be read, or the output written; "
        "2 a usage error; 3 no line of the logs is in a format this command reads."
    )


STATS_FORMATS = ("html", "csv")
STATS_EXIT = {"written": 0, "unreadable": 1, "usage": 2, "no-line-read": 3}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: '{text}'") from None


def _stats(args: argparse.Namespace) -> int:
    """Count the logs into a report; exit 0 written, 1 unreadable, 2 usage, 3 no line read."""
    from wizard.publish import stats

    kind = args.format or args.out.suffix.lower().lstrip(".")
    usage = _stats_usage(args, kind)
    if usage:
        print(f"stats: {usage}", file=sys.stderr)
        return STATS_EXIT["usage"]
    options = stats.Options(
        tuple(args.logs),
        args.site,
        args.since,
        args.until,
        frozenset(args.partnership or ()),
        args.base_url,
        args.at_root,
    )
    app = stats.app_for(options)
    try:
        tally = stats.count(app, options)
    except stats.UnreadableLogError as err:
        print(f"stats: {err}", file=sys.stderr)
        return STATS_EXIT["unreadable"]
    return _stats_write(app, options, tally, kind, args.out)


def _stats_usage(args: argparse.Namespace, kind: str) -> str | None:
    from wizard.content.messages import did_you_mean

    if kind not in STATS_FORMATS:
        name = args.out.name
        return f"cannot tell the format from '{name}': end it in .html or .csv, or give --format"
    if args.since and args.until and args.since > args.until:
        return "--since is after --until"
    named = [*(args.partnership or ()), *([args.at_root] if args.at_root else [])]
    known = sorted(load_site(args.site).partnerships) if named else []
    for slug in named:
        if slug not in known:
            return f"unknown partnership '{slug}'{did_you_mean(slug, known)}"
    return None


def _stats_write(app: Flask, options: Options, tally: Tally, kind: str, out: Path) -> int:
    from wizard.publish import stats
    from wizard.publish.stats.count import shown
    from wizard.web.app import today

    for name, number in tally.malformed:
        print(f"{name}:{number}: not a line of a log format this command reads", file=sys.stderr)
    if tally.lines and tally.left_out["malformed"] == tally.lines:
        print(
            f"stats: no line of the logs is in a format this command reads; {out} not written",
            file=sys.stderr,
        )
        return STATS_EXIT["no-line-read"]
    text = stats.render(app, options, tally, kind, today(app))
    try:
        _write_whole(out, text)
    except OSError as err:
        print(f"stats: cannot write {out}: {_reason(err)}", file=sys.stderr)
        return STATS_EXIT["unreadable"]
    malformed = tally.left_out["malformed"]
    skipped = f", {shown(malformed)} malformed line(s) skipped" if malformed else ""
    read, counted = shown(tally.lines), shown(tally.counted)
    print(f"wrote {out}: {read} line(s) read, {counted} request(s) counted{skipped}")
    return STATS_EXIT["written"]


def _write_whole(out: Path, text: str) -> None:
    """Write a file whole or not at all: a reader never sees half of it."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def _reason(err: Exception) -> str:
    """One line: an OS error's cause and file, without the traceback."""
    if isinstance(err, OSError) and err.strerror:
        where = f": {err.filename}" if err.filename else ""
        return f"{err.strerror}{where}"
    return str(err)


def _preview(args: argparse.Namespace) -> int:
    from wizard.publish.preview import serve

    return serve(args.out, args.port)


def _serve(args: argparse.Namespace) -> int:
    from wizard.web.app import create_app

    app = create_app(
        {
            "SITE_DIR": args.site,
            "RELOAD": args.reload,
            "BASE_URL": f"http://{args.host}:{args.port}/",
        }
    )
    what = (
        f"{args.site}, reloading on every change,"
        if args.reload
        else f"{len(app.extensions['site'].partnerships)} partnership(s)"
    )
    print(f"Serving {what} on http://{args.host}:{args.port}/ (press Ctrl+C to stop)")
    app.run(host=args.host, port=args.port, debug=False, load_dotenv=False)
    return 0


def _add(commands, name: str, run: Command, summary: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument(
        "--site",
        type=Path,
        default=BUNDLED_SITE,
        metavar="DIR",
        help="folder holding policies/ and content/ (default: the bundled site)",
    )
    command.set_defaults(run=run)
    return command


def _print_problems(problems: list[Problem], root: Path) -> None:
    for problem in problems:
        print(problem.render(Path.cwd()), file=sys.stderr)
    del root


def _check(args: argparse.Namespace) -> int:
    from wizard.web.app import taken

    site, problems = inspect_site(args.site, taken=taken())
    if site.flow is not None:
        folder = flowfile.flow_folder(args.site, BUNDLED_SITE)
        problems += flowfile.redundancy_warnings(site.flow, site.partnerships, folder)
    _print_problems(problems, args.site)
    broken = sum(_print_readiness(site, lang) for lang in site.languages()[1:])
    errors = sum(not p.warning for p in problems) + broken
    warnings = len(problems) + broken - errors
    summary = (
        f"{len(site.partnerships)} partnership(s), {len(site.pages)} page(s): "
        f"{errors} error(s), {warnings} warning(s)"
    )
    print(summary if errors == 0 else f"content is not valid: {summary}")
    return 1 if errors else 0


def _print_readiness(site: Site, lang: str) -> int:
    """List a language's missing and unreviewed text; return how many translations are broken."""
    from wizard.web.text.readiness import readiness

    state = readiness(site, lang)
    for kind, items in (("broken", state.broken), ("missing", state.missing),
                        ("unreviewed", state.unreviewed)):  # fmt: skip
        for item in items:
            print(f"{lang}: {kind}: {item}", file=sys.stderr)
    print(
        f"{lang}: {len(state.missing)} missing, {len(state.unreviewed)} unreviewed, "
        f"{len(state.broken)} with placeholders not their sentence's (docs/translating.md)"
    )
    return len(state.broken)


def _new(args: argparse.Namespace) -> int:
    from wizard.content import skeleton
    from wizard.web.app import taken

    try:
        path = skeleton.write(args.site, args.slug, taken().folders)
    except skeleton.RefusedError as refused:
        print(f"new: {refused}", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill it in, then run 'escalation-wizard check --site {args.site}'")
    return 0


def _export(args: argparse.Namespace) -> int:
    site = load_site(args.site)
    _write(json.dumps(export.document(site), indent=2, ensure_ascii=False), args.out)
    return 0


def _schema(args: argparse.Namespace) -> int:
    _write(json.dumps(export.schema(), indent=2, ensure_ascii=False), args.out)
    return 0


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
