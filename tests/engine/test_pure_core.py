"""The pure core imports no web framework, templating or Markdown, and does no I/O.

Every module under wizard/core is checked (Flask's `sansio` rule): by its own import
statements, and by what importing the whole core actually loads, so an impure module
reached through another import is caught too. An empty core fails.
"""

from __future__ import annotations

import ast
import subprocess
import sys
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
