"""The pure core imports no web framework, templating or Markdown, and does no I/O.

Every module under wizard/core is checked (Flask's `sansio` rule): by its own import
statements, and by what importing the whole core actually loads, so an impure module
reached through another import is caught too. An empty core fails.

Above the core, imports run one way too: no module of wizard/ imports itself round a cycle,
and the web layer's page builders, file formats and text (wizard/web/pages, formats, text)
reach no view, no app factory and nothing above the web layer, and ask Flask for no request:
the views read the request and hand the builders what it says.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Mapping, Set
from functools import cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from types import MappingProxyType

import pytest
from conftest import ROOT

CORE = ROOT / "wizard" / "core"
MODULES = sorted(p for p in CORE.rglob("*.py"))
IMPURE = {
    "flask", "jinja2", "wtforms", "flask_wtf", "markdown", "werkzeug", "flask_frozen",
    "babel", "nh3", "yaml", "holidays", "icalendar", "gunicorn",
    "os", "pathlib", "io", "shutil", "tempfile", "glob", "socket", "subprocess", "urllib",
    "http", "requests", "sqlite3", "logging",
}  # fmt: skip
LAYERS_ABOVE = ("wizard.content", "wizard.web", "wizard.publish", "wizard.cli", "wizard.wsgi")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_core_is_not_empty():
    names = {p.stem for p in MODULES}
    assert {"policy", "flow", "engine", "dates"} <= names, names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_core_module_imports_nothing_impure(path):
    found = imports(path)
    assert not {name.split(".")[0] for name in found} & IMPURE, found
    assert not [name for name in found if name.startswith(LAYERS_ABOVE)], "imports upwards"
    calls = [
        n.func.id
        for n in ast.walk(ast.parse(path.read_text()))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    assert "open" not in calls and "print" not in calls and "input" not in calls


def test_importing_the_whole_core_loads_nothing_impure():
    names = [
        "wizard.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in MODULES
        if p.stem != "__init__"
    ]
    code = (
        "import sys\n"
        f"for name in {names!r}: __import__(name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    third_party = {"flask", "jinja2", "wtforms", "markdown", "werkzeug", "babel", "yaml", "nh3"}
    assert not {m.split(".")[0] for m in loaded} & third_party
    assert not [m for m in loaded if m.startswith(LAYERS_ABOVE)]


WIZARD = CORE.parent


def module_name(path: Path) -> str:
    parts = path.relative_to(WIZARD.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The wizard modules a module imports, anywhere in it: at its top or inside a function.

    `from wizard.web import views` names the module views, not the package, when there is one;
    a package's `__init__` run on the way is not counted, as it imports nothing back.
    """
    package = module_name(path) if path.stem == "__init__" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
                base = base.strip(".")
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found & known


def import_cycle(graph: Mapping[str, Set[str]]) -> list[str]:
    """One cycle of imports, each module importing the next, or [] when there is none."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        return err.args[1][::-1]  # graphlib lists each module before the ones importing it
    return []


@cache  # three tests read it: each parse of the wizard's modules took half a second
def import_graph() -> Mapping[str, frozenset[str]]:
    """Each wizard module and the wizard modules it imports (read-only: tests share it)."""
    paths = sorted(WIZARD.rglob("*.py"))
    known = {module_name(p) for p in paths}
    graph = {module_name(p): frozenset(imported_modules(p, known)) for p in paths}
    return MappingProxyType({name: found - {name} for name, found in graph.items()})


def test_no_import_cycle_among_wizard_modules():
    """An import inside a function counts too: hiding a cycle there does not break it."""
    cycle = import_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_a_planted_cycle_is_reported_by_its_modules():
    cycle = import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert cycle in (["a", "b", "c", "a"], ["b", "c", "a", "b"], ["c", "a", "b", "c"])
    assert import_cycle({"a": {"b"}, "b": set()}) == []


WEB_BELOW_VIEWS = ("wizard.web.pages", "wizard.web.formats", "wizard.web.text")
ABOVE_BUILDERS = (
    "wizard.web.views", "wizard.web.app", "wizard.publish", "wizard.cli", "wizard.wsgi",
    "wizard.serving",
)  # fmt: skip
REQUEST_MACHINERY = {
    "request", "session", "g", "current_app", "url_for", "redirect", "abort", "make_response",
    "has_request_context", "has_app_context", "Blueprint", "Response",
}  # fmt: skip
# The catalogue picks the reader's language for each request: the one module here that asks.
ASKS_THE_REQUEST = {"wizard.web.text.catalogue"}


def reached(graph: Mapping[str, Set[str]], start: str) -> set[str]:
    """Every module `start` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        for name in graph.get(todo.pop(), set()) - seen:
            seen.add(name)
            todo.append(name)
    return seen


def upward_imports(graph: Mapping[str, Set[str]]) -> list[tuple[str, str]]:
    """(builder, module above it) for each page builder, format or text module reaching up."""
    return sorted(
        (name, above)
        for name in graph
        if name.startswith(WEB_BELOW_VIEWS)
        for above in reached(graph, name)
        if above.startswith(ABOVE_BUILDERS)
    )


def request_machinery(path: Path) -> set[str]:
    """What a module takes from Flask or Werkzeug that belongs to a request or a view."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import) and any(
            a.name.split(".")[0] in {"flask", "werkzeug"} for a in node.names
        ):
            found.add("the whole of flask or werkzeug")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {
            "flask",
            "werkzeug",
        }:
            found |= {a.name for a in node.names} & REQUEST_MACHINERY
    return found


def test_the_web_layer_below_its_views_is_not_empty():
    names = set(import_graph())
    assert {"wizard.web.pages.journey", "wizard.web.pages.stage.page"} <= names
    assert {"wizard.web.formats.ics", "wizard.web.formats.docx"} <= names
    assert {"wizard.web.text.catalogue", "wizard.web.text.dates"} <= names


def test_page_builders_formats_and_text_import_no_view():
    """A builder that reached a view, directly or through another module, would fail here."""
    found = upward_imports(import_graph())
    assert not found, "imports upwards: " + ", ".join(f"{a} -> {b}" for a, b in found)


BELOW_VIEWS = [
    p for p in sorted(WIZARD.rglob("*.py")) if module_name(p).startswith(WEB_BELOW_VIEWS)
]


@pytest.mark.parametrize("path", BELOW_VIEWS, ids=module_name)
def test_page_builders_formats_and_text_ask_flask_for_no_request(path):
    if module_name(path) in ASKS_THE_REQUEST:
        assert request_machinery(path), "the catalogue reads the request's language"
        return
    assert not request_machinery(path)


def test_a_planted_upward_import_is_reported_through_the_module_between():
    graph = {
        "wizard.web.pages.x": {"wizard.web.urls"},
        "wizard.web.urls": {"wizard.web.views.common"},
        "wizard.web.views.common": set(),
    }
    assert upward_imports(graph) == [("wizard.web.pages.x", "wizard.web.views.common")]
    assert upward_imports({"wizard.web.views.common": {"wizard.web.pages.x"}}) == []
