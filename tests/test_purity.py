"""The pure core imports no web framework, templating or Markdown, and does no I/O."""

import ast
from pathlib import Path

import pytest

PURE = ["policy", "engine", "dates"]
FORBIDDEN = {
    "flask",
    "jinja2",
    "wtforms",
    "flask_wtf",
    "markdown",
    "werkzeug",
    "frozen_flask",
    "os",
    "pathlib",
    "requests",
    "urllib",
    "socket",
    "subprocess",
    "io",
}
WIZARD = Path(__file__).resolve().parent.parent / "wizard"


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_nothing_impure(module):
    path = WIZARD / f"{module}.py"
    if not path.exists():
        pytest.skip(f"wizard/{module}.py is not written yet")
    tree = ast.parse(path.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "open":
            pytest.fail(f"wizard/{module}.py calls open(): the pure core does no I/O")
    assert not imported & FORBIDDEN, f"wizard/{module}.py imports {imported & FORBIDDEN}"
