"""The pure core imports no web framework, templating or Markdown, and does no I/O.

Every module under wizard/core is checked (Flask's `sansio` rule): by its own import
statements, and by what importing the whole core actually loads, so an impure module
reached through another import is caught too. An empty core fails.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

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


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of imports, each module importing the next, or [] when there is none."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        return err.args[1][::-1]  # graphlib lists each module before the ones importing it
    return []


def import_graph() -> dict[str, set[str]]:
    paths = sorted(WIZARD.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): imported_modules(p, known) - {module_name(p)} for p in paths}


def test_no_import_cycle_among_wizard_modules():
    """An import inside a function counts too: hiding a cycle there does not break it."""
    cycle = import_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_a_planted_cycle_is_reported_by_its_modules():
    cycle = import_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert cycle in (["a", "b", "c", "a"], ["b", "c", "a", "b"], ["c", "a", "b", "c"])
    assert import_cycle({"a": {"b"}, "b": set()}) == []
