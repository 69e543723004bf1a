"""`check` refuses content that could publish host files or clash with the app's own names."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import TODAY
from pages import PAGE_TYPES

from wizard.cli import main
from wizard.content import BUNDLED_SITE, checks, inspect_site
from wizard.web.app import taken

SECRET = "host-secret-never-published"


@pytest.fixture
def brent_copy(tmp_path) -> Path:
    """A one-partnership site (Brent) with one content page, in a temporary folder."""
    root = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", root / "policies" / "brent")
    shutil.copytree(BUNDLED_SITE / "content", root / "content")
    return root


@pytest.fixture
def outside(tmp_path) -> Path:
    """A file outside the site that must never be read or published."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    return secret


def policy(site: Path) -> Path:
    return site / "policies" / "brent" / "policy.md"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` with `new`; return the line number it was on."""
    text = path.read_text()
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1))
    return line


def check(site: Path, capsys) -> tuple[int, str]:
    """Run `escalation-wizard check` on the site: its exit status and what it printed."""
    status = main(["check", "--site", str(site)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return status, out.err + out.out


def rejected(site: Path, capsys, path: Path, line: int, text: str) -> None:
    status, out = check(site, capsys)
    assert status == 1, out
    assert re.search(rf"^{re.escape(str(path))}:{line}: {re.escape(text)}", out, re.M), out
    assert SECRET not in out


@pytest.mark.parametrize(
    "link",
    ["policies/brent/logo.png", "policies/northshire", "content/extra.md", "content/flow/x.md"],
)
def test_a_symbolic_link_anywhere_is_rejected(brent_copy, outside, capsys, link):
    target = outside.parent if link == "policies/northshire" else outside
    (brent_copy / link).symlink_to(target)
    rejected(brent_copy, capsys, brent_copy / link, 1, "this is a symbolic link")


def test_a_linked_policy_file_is_never_read(brent_copy, outside, capsys):
    policy(brent_copy).unlink()
    policy(brent_copy).symlink_to(outside)
    rejected(brent_copy, capsys, policy(brent_copy), 1, "this is a symbolic link")


@pytest.mark.parametrize("logo", ["../../secret.txt", "/etc/passwd", "..", "img/../logo.png"])
def test_a_logo_outside_the_policy_folder_is_rejected(brent_copy, outside, capsys, logo):
    line = edit(
        policy(brent_copy), '  colour: "#00635a"\n', f'  colour: "#00635a"\n  logo: "{logo}"\n'
    )
    rejected(
        brent_copy, capsys, policy(brent_copy), line + 1, f"the logo '{logo}' must be a file name"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", "javascript:alert(1)"),
        ("url", "file:///etc/passwd"),
        ("url", "www.brent.gov.uk"),  # linked: a bare name would be a relative link
        ("web", "data:text/html,<script>alert(1)</script>"),
        ("web", "ftp://brent.gov.uk"),
    ],
)
def test_only_http_urls_are_accepted(brent_copy, capsys, field, value):
    anchor = '  source: "Brent LSCB\'s published document (text extracted from it)"\n'
    if field == "url":
        line = edit(policy(brent_copy), anchor, f'{anchor}  url: "{value}"\n') + 1
    else:
        contact = f'contacts:\n  - name: Brent\n    web: "{value}"\n    cite: Immediate harm\n'
        line = edit(policy(brent_copy), "branding:\n", f"{contact}\nbranding:\n") + 2
    rejected(brent_copy, capsys, policy(brent_copy), line, f"'{value}' is not a web address")


def test_a_contact_website_may_be_written_without_a_scheme(brent_copy, capsys):
    contact = "contacts:\n  - name: Brent\n    web: www.brent.gov.uk\n    cite: Immediate harm\n"
    edit(policy(brent_copy), "branding:\n", f"{contact}\nbranding:\n")
    assert check(brent_copy, capsys)[0] == 0


@pytest.mark.parametrize("name", sorted(n for n in taken().folders if "." not in n))
def test_a_folder_the_app_uses_is_rejected(brent_copy, capsys, name):
    folder = brent_copy / "policies" / name
    (brent_copy / "policies" / "brent").rename(folder)
    rejected(brent_copy, capsys, folder, 1, f"'{name}' is used by the site itself")


@pytest.mark.parametrize(
    "html", ['<p id="main-content">x</p>', "<span id='dates'>x</span>", "<div id=answer-3>x</div>"]
)
def test_markdown_ids_that_the_page_uses_are_rejected(brent_copy, capsys, html):
    page = brent_copy / "content" / "about.md"
    line = edit(page, "\n\n", f"\n\n{html}\n\n") + 2
    found = re.search(r"id=['\"]?([\w-]+)", html)[1]
    rejected(brent_copy, capsys, page, line, f"the id '{found}' is one the page itself uses")


def test_markdown_ids_may_not_take_a_paragraph_anchor(brent_copy, capsys):
    line = edit(policy(brent_copy), "{#1.4}", '{#1.4}\n<span id="p-2-1">x</span>') + 1
    rejected(
        brent_copy, capsys, policy(brent_copy), line, "the id 'p-2-1' is one the page itself uses"
    )


def test_reserved_ids_cover_every_id_the_pages_carry(client):
    own = taken().ids
    for url in PAGE_TYPES.values():
        for found in re.findall(r'\bid="([^"]+)"', client.get(url).get_data(as_text=True)):
            covered = any(found == t or found.startswith(t + "-") for t in own)
            assert covered or found.startswith("p-"), (url, found)


def test_too_many_states_is_a_warning(monkeypatch):
    monkeypatch.setattr(checks, "STATE_LIMIT", 400)
    _, problems = inspect_site(BUNDLED_SITE, TODAY)
    warned = [p for p in problems if "wizard pages, more than the 400" in p.message]
    assert {p.path.parent.name for p in warned} == {"islington", "lincolnshire"}
    assert all(p.warning for p in warned)
