"""`serve --reload`: content reloads on save, errors show on the page; never in production."""

from __future__ import annotations

import importlib
import re
import shutil

import answers
import pytest
from pages import h1s, visible_text

from wizard.content import BUNDLED_SITE
from wizard.web.app import create_app

NAME = "Brent Local Safeguarding Children Board"


@pytest.fixture
def policy(tmp_path):
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", tmp_path / "policies" / "brent")
    return tmp_path / "policies" / "brent" / "policy.md"


def preview(site):
    return create_app({"TESTING": True, "SITE_DIR": site, "RELOAD": True}).test_client()


def test_a_saved_change_shows_on_the_next_request(policy):
    client = preview(policy.parents[2])
    assert NAME in visible_text(client.get("/brent/").get_data(as_text=True))
    policy.write_text(policy.read_text().replace(NAME, "Brent Safeguarding Partnership"))
    page = visible_text(client.get("/brent/").get_data(as_text=True))
    assert "Brent Safeguarding Partnership" in page and NAME not in page


def test_errors_show_on_the_page_with_file_and_line_then_clear(policy):
    client = preview(policy.parents[2])
    good = policy.read_text()
    policy.write_text(good.replace("number: 3", "number: three", 1))
    response = client.get(answers.path("brent", risk="no"))
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert h1s(page) == ["The content has 1 error"]
    line = good.splitlines().index("  - number: 3") + 1
    assert f"policies/brent/policy.md:{line}: stages 3 › number: expected a whole number" in (
        visible_text(page)
    )
    assert client.get(response.request.path).status_code == 500  # not stale, still wrong
    policy.write_text(good)
    assert client.get(answers.path("brent", risk="no")).status_code == 200


def test_a_site_that_starts_invalid_is_served_its_errors_not_a_crash(policy):
    policy.write_text(policy.read_text().replace("number: 2", "number: two", 1))
    client = preview(policy.parents[2])
    page = client.get("/").get_data(as_text=True)
    assert "stages 2 › number: expected a whole number" in visible_text(page)
    stylesheet = re.search(r'href="(/assets/dist/app\.[^"]+)"', page)[1]
    assert client.get(stylesheet).status_code == 200  # the error page keeps its styles


def test_production_refuses_to_reload():
    with pytest.raises(RuntimeError, match="production"):
        create_app({"PRODUCTION": True, "RELOAD": True})


def test_the_production_entry_point_is_marked_production(monkeypatch):
    monkeypatch.setenv("ESCALATION_WIZARD_BASE_URL", "https://wizard.example.org/")
    wsgi = importlib.import_module("wizard.wsgi")
    assert wsgi.app.config["PRODUCTION"] is True
    assert wsgi.app.config["RELOAD"] is False
