"""Load a site's policies and pages, validate them, and collect every problem with its line."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from babel.dates import format_date
from pydantic import BaseModel, ValidationError

from wizard import clock
from wizard.content import checks, flowfile, glossary, paramap, scenarios, translation
from wizard.content.frontmatter import Document, read_text, split
from wizard.content.messages import message
from wizard.content.problems import ContentError, Problem
from wizard.content.translation import State as TranslationState
from wizard.core import engine
from wizard.core.flow import Flow
from wizard.core.glossary import OwnTerm, Term
from wizard.core.paragraphs import ParagraphMap, paragraphs
from wizard.core.policy import Model, Partnership, Text, review_overdue
from wizard.core.practice import Scenario

POLICY_FILE = "policy.md"
ANCHOR = re.compile(r"\{#([^{}\n]+?)\}")
FOLDER_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
BUNDLED_SITE = Path(__file__).resolve().parents[2]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Taken:
    """Names the app itself uses, which content may not take: the web layer supplies them."""

    folders: frozenset[str] = frozenset()  # first path segments of the app's own addresses
    ids: frozenset[str] = frozenset()  # ids of the page's own elements (and 'id-…' after them)


@dataclass(frozen=True)
class Translation:
    """A policy's facts and text in a second language, matched to policy.md."""

    partnership: Partnership
    procedure: Procedure


@dataclass(frozen=True)
class Procedure:
    """The readable procedure: the policy's own text, in Markdown, with paragraph anchors."""

    markdown: str
    anchors: dict[str, int]  # label -> line
    paragraphs: dict[str, str] = field(default_factory=dict)  # label -> its Markdown


class PageMeta(Model):
    """Front matter of a general content page."""

    title: Text
    summary: Text
    order: int = 50
    translation: TranslationState | None = None  # in content/<lang>/: reviewed yet?


@dataclass(frozen=True)
class Page:
    """A general content page from content/."""

    slug: str
    title: str
    summary: str
    order: int
    markdown: str


@dataclass
class Site:
    """Everything a site publishes, validated."""

    root: Path
    partnerships: dict[str, Partnership] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    flow: Flow | None = None
    scenarios: dict[str, dict[str, Scenario]] = field(default_factory=dict)  # by slug, then name
    terms: dict[str, Term] = field(default_factory=dict)  # general explanations, by id
    own_terms: dict[str, dict[str, OwnTerm]] = field(default_factory=dict)  # by slug, then id
    maps: dict[str, ParagraphMap] = field(default_factory=dict)  # paragraph maps, by slug
    # The policy's own words in its other languages (policy.<lang>.md), by slug then language.
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    # The general pages and glossary in each other language, by language then page or term.
    pages_in: dict[str, dict[str, Page]] = field(default_factory=dict)
    terms_in: dict[str, dict[str, Term]] = field(default_factory=dict)
    drafts: dict[str, list[Path]] = field(default_factory=dict)  # unreviewed, by language
    warnings: list[Problem] = field(default_factory=list)

    def languages(self) -> tuple[str, ...]:
        """Every language a partnership here declares, English first."""
        found = [lang.value for p in self.partnerships.values() for lang in p.partnership.languages]
        return tuple(dict.fromkeys(["en", *found]))


def anchor_id(label: str) -> str:
    """The HTML id of a paragraph anchor: '3.10' -> 'p-3-10'."""
    return "p-" + (re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "x")


def load_site(root: Path, today: date | None = None, taken: Taken = Taken()) -> Site:
    """Load and validate a site; raise ContentError listing every error found."""
    site, problems = inspect_site(root, today, taken)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise ContentError(errors)
    return site


def load_flow(root: Path) -> Flow:
    """Load and validate a site's question flow alone; raise ContentError listing its errors."""
    site = Site(root.resolve())
    problems = _load_flow(site, flowfile.flow_folder(root, BUNDLED_SITE))
    errors = [p for p in problems if not p.warning]
    if errors or site.flow is None:
        raise ContentError(errors)
    return site.flow


def inspect_site(
    root: Path, today: date | None = None, taken: Taken = Taken()
) -> tuple[Site, list[Problem]]:
    """Load what can be loaded and return every error and warning, sorted by file and line."""
    root = root.resolve()
    site, problems = Site(root), []
    if not (root / "policies").is_dir():
        problems.append(
            Problem(root, 1, "no 'policies' folder here: is this the right --site folder?")
        )
        return site, problems
    problems += _symlinks(root)
    for folder in _policy_folders(root):
        problems += _load_partnership(site, folder, clock.today(today), taken)
    if not site.partnerships and not problems:
        problems.append(Problem(root / "policies", 1, "there are no policies to publish"))
    problems += _load_terms(site, _glossary_folder(root))
    problems += _load_pages(site, root / "content", taken)
    for lang in site.languages()[1:]:
        problems += _load_language(site, root / "content", lang, taken)
        problems += _load_language_terms(site, _glossary_folder(root), lang)
    problems += _load_flow(site, flowfile.flow_folder(root, BUNDLED_SITE))
    for folder in _policy_folders(root):
        problems += _load_own_terms(site, folder)
        problems += _load_scenarios(site, folder)
        problems += _load_map(site, folder)
    problems += _state_counts(site)
    site.warnings = sorted(p for p in problems if p.warning)
    return site, sorted(problems)


def _symlinks(root: Path) -> list[Problem]:
    """Every symbolic link in the site's folders: one could publish any file on the host."""
    found = [top for top in (root / "policies", root / "content") if top.is_symlink()]
    for top in (root / "policies", root / "content"):
        for folder, dirs, files in os.walk(top):  # never follows a link
            found += [Path(folder, n) for n in dirs + files if Path(folder, n).is_symlink()]
    return [
        Problem(path, 1, "this is a symbolic link: put the file itself here, not a link to it")
        for path in found
    ]


def _policy_folders(root: Path) -> Iterator[Path]:
    for folder in sorted((root / "policies").iterdir()):
        if folder.is_dir() and not folder.is_symlink() and not folder.name.startswith((".", "_")):
            yield folder


def _state_counts(site: Site) -> list[Problem]:
    if site.flow is None:
        return []
    return [
        problem
        for slug, partnership in site.partnerships.items()
        for problem in checks.state_count(
            site.root / "policies" / slug / POLICY_FILE,
            slug,
            sum(1 for _ in engine.walk(site.flow, partnership)),
        )
    ]


def _load_partnership(site: Site, folder: Path, today: date, taken: Taken) -> list[Problem]:
    path = folder / POLICY_FILE
    if not FOLDER_NAME.fullmatch(folder.name):
        return [
            Problem(
                folder,
                1,
                "a policy folder's name is its web address: use lower-case "
                "letters, digits and hyphens, such as 'north-somerset'",
            )
        ]
    if folder.name in taken.folders:
        return [
            Problem(
                folder,
                1,
                f"'{folder.name}' is used by the site itself: give the policy folder another name",
            )
        ]
    if not path.is_file():
        return [Problem(folder, 1, f"this policy folder has no {POLICY_FILE}")]
    loaded, problems = _load_policy(path, folder.name, taken)
    if loaded is None:
        return problems
    partnership, procedure, doc = loaded
    if review_overdue(partnership.document, today):
        problems.append(_overdue(partnership, doc))
    languages = tuple(lang.value for lang in partnership.partnership.languages)
    problems += translation.stray_files(folder, languages)
    for lang in languages[1:]:
        problems += _load_translation(site, folder, lang, (partnership, procedure, doc), taken)
    if not any(not p.warning for p in problems):
        site.partnerships[partnership.slug] = partnership
        site.procedures[partnership.slug] = procedure
    return problems


Loaded = tuple[Partnership, Procedure, Document]


def _load_policy(path: Path, slug: str, taken: Taken) -> tuple[Loaded | None, list[Problem]]:
    """One policy file validated whole: its facts, its text, and every check between them."""
    doc, problems = _read(path)
    if doc is None:
        return None, problems
    partnership, errors = _validate(Partnership, {**doc.data, "slug": slug}, doc)
    procedure = _procedure(doc)
    problems += errors + _anchor_problems(doc) + checks.citations(doc, procedure.anchors)
    problems += checks.urls(doc) + _markdown_ids(doc, taken) + checks.flowchart_marker(doc)
    if partnership is None:
        return None, problems
    problems += checks.cross_check(partnership, doc, path.parent)
    problems += checks.source_warnings(partnership, doc)
    problems += checks.contact_warnings(partnership, doc)
    problems += checks.unseen(doc)
    problems += checks.unread_quotes(partnership, doc, procedure.paragraphs)
    return (partnership, procedure, doc), problems


def _load_translation(
    site: Site, folder: Path, lang: str, english: Loaded, taken: Taken
) -> list[Problem]:
    """The policy's own words in another language, if the partnership provides them."""
    path = folder / translation.policy_file(lang)
    if not path.is_file():  # published in English only: the pages say so
        return []
    loaded, problems = _load_policy(path, folder.name, taken)
    if loaded is None:
        return problems
    partnership, procedure, doc = loaded
    problems += translation.differences(english[2], doc)
    problems += translation.paragraph_differences(english[1].anchors, procedure.anchors, path)
    if not any(not p.warning for p in problems):
        site.translations.setdefault(folder.name, {})[lang] = Translation(partnership, procedure)
    return problems


def _overdue(partnership: Partnership, doc: Document) -> Problem:
    year, month = map(int, str(partnership.document.review_due).split("-"))
    due = format_date(date(year, month, 1), "MMMM y", locale="en_GB")
    return Problem(
        doc.path,
        doc.where.find(("document", "review_due")),
        f"the policy was due for review by {due} (it says: '{partnership.document.review}'): "
        "ask the partnership whether a newer version exists",
        warning=True,
    )


def _read(path: Path) -> tuple[Document | None, list[Problem]]:
    if path.is_symlink():
        return None, []  # reported by _symlinks; never read through it
    text, problems = read_text(path)
    if text is None:
        return None, problems
    return split(path, text)


def _parsed(
    paths: Iterable[Path], model: type[M], problems: list[Problem]
) -> Iterator[tuple[Path, Document, M | None]]:
    """Each file read and its front matter validated; what is wrong goes into `problems`."""
    for path in paths:
        doc, found = _read(path)
        problems += found
        if doc is None:
            continue
        meta, errors = _validate(model, doc.data, doc)
        problems += errors
        yield path, doc, meta


def _validate(model: type[M], data: dict, doc: Document) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        errors = err.errors()
        # A list whose only item is invalid is also "too short"; that is noise.
        failing = [tuple(e["loc"]) for e in errors if e["type"] != "too_short"]
        errors = [e for e in errors if not _inside(tuple(e["loc"]), failing, e["type"])]
        return None, [
            Problem(doc.path, doc.where.find(tuple(e["loc"])), message(e, model)) for e in errors
        ]


def _inside(loc: tuple, failing: list[tuple], kind: str) -> bool:
    return kind == "too_short" and any(f[: len(loc)] == loc and len(f) > len(loc) for f in failing)


def _procedure(doc: Document) -> Procedure:
    anchors: dict[str, int] = {}
    for offset, line in enumerate(doc.body.split("\n")):
        for match in ANCHOR.finditer(line):
            anchors.setdefault(match[1].strip(), doc.body_line + offset)
    return Procedure(doc.body, anchors, paragraphs(doc.body))


def _anchor_problems(doc: Document) -> list[Problem]:
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for offset, line in enumerate(doc.body.split("\n")):
        for match in ANCHOR.finditer(line):
            label, number = match[1].strip(), doc.body_line + offset
            first = seen.setdefault(anchor_id(label), (label, number))
            if first[1] != number or first[0] != label:
                problems.append(
                    Problem(
                        doc.path,
                        number,
                        f"the paragraph anchor '{{#{label}}}' "
                        f"repeats '{{#{first[0]}}}' from line {first[1]}: "
                        "give each paragraph a different label",
                    )
                )
    if not doc.body.strip():
        problems.append(
            Problem(
                doc.path,
                doc.body_line,
                "the procedure text after the front matter is empty: paste the policy's text there",
            )
        )
    return problems


def _markdown_ids(doc: Document, taken: Taken) -> list[Problem]:
    return checks.markdown_ids(doc, taken.ids, map(anchor_id, _procedure(doc).anchors))


def _load_pages(site: Site, folder: Path, taken: Taken) -> list[Problem]:
    problems: list[Problem] = []
    site.pages = _pages(folder, taken, set(site.terms), problems)
    return problems


def _pages(folder: Path, taken: Taken, terms: set[str], problems: list[Problem]) -> dict:
    """The general pages in a folder, by name; what is wrong goes into `problems`."""
    found = {}
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path, doc, meta in _parsed(files, PageMeta, problems):
        clashes = _markdown_ids(doc, taken)
        problems += clashes + glossary.link_problems(doc, doc.body, terms)
        if meta is not None and not clashes:
            found[path.stem] = Page(path.stem, meta.title, meta.summary, meta.order, doc.body)
    return found


def _load_language(site: Site, content: Path, lang: str, taken: Taken) -> list[Problem]:
    """The general pages in `lang` (content/<lang>/), each one the English has."""
    folder, problems = content / lang, []
    site.pages_in[lang] = _pages(folder, taken, set(site.terms), problems)
    problems += translation.missing(folder, lang, set(site.pages), set(site.pages_in[lang]))
    return problems + _drafts(site, lang, folder)


def _load_language_terms(site: Site, english: Path, lang: str) -> list[Problem]:
    """The general glossary in `lang`: content/<lang>/glossary beside the English one."""
    folder, problems = english.parent / lang / glossary.FOLDER, []
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    site.terms_in[lang] = {
        path.stem: glossary.general(path, meta, doc)
        for path, doc, meta in _parsed(files, glossary.TermMeta, problems)
        if meta is not None
    }
    problems += translation.missing(folder, lang, set(site.terms), set(site.terms_in[lang]))
    return problems + _drafts(site, lang, folder)


def _drafts(site: Site, lang: str, folder: Path) -> list[Problem]:
    found = translation.drafts(folder, "*.md")
    site.drafts.setdefault(lang, []).extend(p.path for p in found)
    return found


def _load_flow(site: Site, folder: Path) -> list[Problem]:
    site.flow, problems = read_flow(folder)
    return problems


def read_flow(folder: Path) -> tuple[Flow | None, list[Problem]]:
    """The question flow in `folder` (None if it has errors), and every problem found."""
    if not folder.is_dir():
        return None, [
            Problem(folder, 1, "there is no question flow: the folder content/flow is missing")
        ]
    problems: list[Problem] = []
    nodes = {}
    for path, doc, entry in _parsed(sorted(folder.glob("*.md")), flowfile.FlowFile, problems):
        if entry is not None:
            nodes[path.stem] = (path, flowfile.build_node(path, entry, doc))
    if problems:
        return None, problems
    return flowfile.assemble(nodes, folder)


def _load_scenarios(site: Site, folder: Path) -> list[Problem]:
    """Each practice scenario of a loaded partnership, checked through the engine."""
    p, found = site.partnerships.get(folder.name), {}
    problems: list[Problem] = []
    if p is None:  # the partnership's own errors are reported; its scenarios cannot be run
        return problems
    for path, doc, meta in _parsed(
        scenarios.scenario_files(folder), scenarios.ScenarioMeta, problems
    ):
        problems += scenarios.file_problems(path, doc, site.procedures[p.slug].anchors)
        known = set(site.terms) | set(site.own_terms.get(p.slug, {}))
        problems += glossary.link_problems(doc, doc.body, known)
        if meta is None or site.flow is None:
            continue
        scenario = scenarios.build(p.slug, path, meta, doc)
        problems += scenarios.engine_problems(site.flow, p, scenario, path, doc)
        found[scenario.slug] = scenario
    if p is not None and not any(not x.warning for x in problems):
        site.scenarios[p.slug] = found
    return problems


def _glossary_folder(root: Path) -> Path:
    """The site's own content/glossary, or the bundled one if it has none."""
    own = root / "content" / glossary.FOLDER
    return own if own.is_dir() else BUNDLED_SITE / "content" / glossary.FOLDER


def _load_terms(site: Site, folder: Path) -> list[Problem]:
    """The general glossary: one file a term, the explanation in its body."""
    problems: list[Problem] = []
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    for path, doc, meta in _parsed(files, glossary.TermMeta, problems):
        if meta is not None:
            site.terms[path.stem] = glossary.general(path, meta, doc)
    return problems


def _load_own_terms(site: Site, folder: Path) -> list[Problem]:
    """A partnership's own definitions, each cited to a paragraph of its policy."""
    p, found = site.partnerships.get(folder.name), {}
    problems: list[Problem] = []
    if p is None:  # the partnership's own errors are reported; its terms cannot be cited
        return problems
    for path, doc, meta in _parsed(glossary.term_files(folder), glossary.OwnTermMeta, problems):
        problems += glossary.cite_problem(path, doc, site.procedures[p.slug].anchors)
        if meta is not None:
            found[path.stem] = glossary.own(path, meta)
    if p is not None:
        site.own_terms[p.slug] = found
    return problems


def _load_map(site: Site, folder: Path) -> list[Problem]:
    """The partnership's paragraph map, checked against its policy text and forms."""
    p, path = site.partnerships.get(folder.name), folder / paramap.MAP_FILE
    if p is None:  # the partnership's own errors are reported; the map cannot be checked
        return []
    procedure = site.procedures[p.slug]
    if not path.is_file():
        return [
            Problem(
                path,
                1,
                "there is no paragraph map: no paragraph of the policy is shown on an "
                "outcome page (see docs/reference.md, section 17, 'The paragraph map')",
                warning=True,
            )
        ]
    problems: list[Problem] = []
    for _, doc, meta in _parsed([path], paramap.MapMeta, problems):
        if meta is None:
            continue
        policy = folder / POLICY_FILE
        found = paramap.problems(doc, meta, p, procedure.paragraphs, procedure.anchors, policy)
        problems += found
        if not found:
            site.maps[p.slug] = paramap.build(meta)
    return problems
