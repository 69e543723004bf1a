"""`escalation-wizard new`: a skeleton that passes check, marks the required, invents nothing."""

from __future__ import annotations

import re

import pytest
from conftest import TODAY

from wizard.cli import main
from wizard.content import load_site
from wizard.core.policy import Partnership

REQUIRED = [
    "name", "short_name", "nation", "title", "version", "review", "source",
    "emergency", "exits", "stages", "cite", "who", "do",
]  # fmt: skip


def new(tmp_path, slug: str = "sefton") -> int:
    return main(["new", slug, "--site", str(tmp_path / "site")])


def test_skeleton_passes_check_with_one_warning_saying_it_is_a_skeleton(tmp_path, capsys):
    assert new(tmp_path) == 0
    assert "policies/sefton/policy.md" in capsys.readouterr().out
    assert not (tmp_path / "site" / "content").exists()  # the bundled flow is used
    assert main(["check", "--site", str(tmp_path / "site")]) == 0
    out, err = capsys.readouterr()
    assert "1 partnership(s), 0 page(s): 0 error(s), 1 warning(s)" in out
    assert "warning: source problem (missing) at Skeleton" in err
    assert "nothing in it comes from the policy yet" in err


def test_every_required_field_is_marked(tmp_path):
    new(tmp_path)
    text = (tmp_path / "site" / "policies" / "sefton" / "policy.md").read_text()
    for name in REQUIRED:
        field = re.search(rf"^\s*(?:- )?{name}:", text, re.M)
        assert "# REQUIRED" in comment_above(text[: field.start()]), name


def comment_above(text: str) -> str:
    lines = text.rstrip().splitlines()
    block = []
    while lines and lines[-1].lstrip().startswith("#"):
        block.append(lines.pop().strip())
    return "\n".join(reversed(block))


def test_nothing_is_invented(tmp_path):
    new(tmp_path)
    p: Partnership = load_site(tmp_path / "site", today=TODAY).partnerships["sefton"]
    assert (p.contacts, p.agencies, p.forms, p.overall_timescales) == ((), (), (), ())
    assert not any(route.stated for route in p.routes().values())
    stage = p.stages[0]
    assert (stage.timescales, stage.notify, stage.roles, stage.with_) == ((), (), None, None)
    assert {stage.title, stage.who.says, stage.do[0].says, p.partnership.name} == {"not available"}
    text = (tmp_path / "site" / "policies" / "sefton" / "policy.md").read_text()
    assert "@" not in text and not re.search(r"\d{4} ?\d{3}", text)  # no email, no phone


@pytest.mark.parametrize(
    ("slug", "says"),
    [
        ("Sefton", "cannot be a web address"),
        ("north_somerset", "cannot be a web address"),
        ("pages", "is used by the site itself"),
        ("assets", "is used by the site itself"),
    ],
)
def test_bad_or_reserved_names_are_refused_in_one_line(tmp_path, capsys, slug, says):
    assert new(tmp_path, slug) == 1
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1
    assert not (tmp_path / "site" / "policies" / slug).exists()


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    folder = tmp_path / "site" / "policies" / "sefton"
    folder.mkdir(parents=True)
    (folder / "policy.md").write_text("work in progress")
    assert new(tmp_path) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and err.count("\n") == 1
    assert (folder / "policy.md").read_text() == "work in progress"
