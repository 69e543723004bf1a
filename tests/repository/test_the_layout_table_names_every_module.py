"""README's layout table names every module under wizard/, so it cannot go stale again.

A module is named where a row's path cell gives its file, or gives its folder and the row
names the module by its path from that folder (`journey`, `stage/plan`) in backticks.
"""

from __future__ import annotations

import re

from conftest import ROOT

CELL = re.compile(r"`([^`]+)`")


def layout_rows(readme: str) -> list[tuple[list[str], list[str]]]:
    """Each row of the Layout table: the paths it names, and the names in its description."""
    table = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = line.strip().strip("|").split("|")
        if len(cells) >= 2 and line.startswith("| `"):
            rows.append((CELL.findall(cells[0]), CELL.findall("|".join(cells[1:]))))
    return rows


def named(module: str, rows: list[tuple[list[str], list[str]]]) -> bool:
    """Whether a row names this module ('wizard/web/pages/stage/plan.py')."""
    for paths, names in rows:
        if module in paths:
            return True
        for folder in (p for p in paths if p.endswith("/") and module.startswith(p)):
            if module.removeprefix(folder).removesuffix(".py") in names:
                return True
    return False


def unnamed(modules: list[str], readme: str) -> list[str]:
    rows = layout_rows(readme)
    return [m for m in modules if not named(m, rows)]


def modules() -> list[str]:
    found = (ROOT / "wizard").rglob("*.py")
    return sorted(str(p.relative_to(ROOT)) for p in found if p.name != "__init__.py")


def test_the_layout_table_names_every_module_under_wizard():
    assert len(modules()) > 50
    assert unnamed(modules(), (ROOT / "README.md").read_text()) == []


def test_a_module_the_table_leaves_out_is_reported():
    readme = (
        "## Layout\n\n| path | what |\n| --- | --- |\n"
        "| `wizard/web/` | `app` (factory), `urls` |\n"
        "| `wizard/web/pages/` | `journey`, `stage/plan` |\n"
        "| `wizard/cli.py` | the command |\n\n## Next\n\n| `wizard/web/` | `forms` |\n"
    )
    found = [
        "wizard/cli.py", "wizard/web/app.py", "wizard/web/forms.py",
        "wizard/web/pages/journey.py", "wizard/web/pages/stage/plan.py",
        "wizard/web/pages/stage/view.py", "wizard/wsgi.py",
    ]  # fmt: skip
    assert unnamed(found, readme) == [
        "wizard/web/forms.py", "wizard/web/pages/stage/view.py", "wizard/wsgi.py",
    ]  # fmt: skip
