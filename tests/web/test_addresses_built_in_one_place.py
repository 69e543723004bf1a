"""Every address the app prints is built by `wizard.web.urls`: code and templates alike."""

from __future__ import annotations

import ast
from pathlib import Path

from wizard.web import urls
from wizard.web.app import create_app

WIZARD = Path(__file__).resolve().parents[2] / "wizard"
OWNER = WIZARD / "web" / "urls.py"


def builds_addresses_itself(source: str) -> bool:
    """Whether a module takes Flask's `url_for` rather than the one in `urls`."""
    for node in ast.walk(ast.parse(source)):
        imported = isinstance(node, ast.ImportFrom) and node.module == "flask"
        if imported and any(alias.name == "url_for" for alias in node.names):
            return True
        called = isinstance(node, ast.Attribute) and node.attr == "url_for"
        if called and isinstance(node.value, ast.Name) and node.value.id == "flask":
            return True
    return False


def test_no_module_but_urls_asks_flask_for_an_address():
    found = [
        str(path.relative_to(WIZARD))
        for path in sorted(WIZARD.rglob("*.py"))
        if path != OWNER and builds_addresses_itself(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_finds_a_planted_module_that_builds_its_own():
    assert builds_addresses_itself("from flask import current_app, url_for\n")
    assert builds_addresses_itself("import flask\nflask.url_for('wizard.home')\n")
    assert not builds_addresses_itself("from wizard.web.urls import url_for\n")


def test_templates_build_addresses_through_urls():
    assert create_app({"TESTING": True}).jinja_env.globals["url_for"] is urls.url_for
