"""Copies of the every-field test site with one thing changed: each v2 field, read or refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import answers
from conftest import EVERY_FIELD, TODAY
from pages import read, shown_text, text

from wizard.content import BUNDLED_SITE, inspect_site
from wizard.web.app import create_app

POLICY = Path("policies") / "fenmouth" / "policy.md"
STAGE_2 = answers.stage("fenmouth", 2)


def variant(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """The every-field site copied, with each (old, new) replaced once in its policy file."""
    site = tmp_path / "site"
    shutil.copytree(EVERY_FIELD, site)
    policy = site / POLICY
    body = policy.read_text()
    for old, new in changes:
        assert body.count(old) == 1, old
        body = body.replace(old, new)
    policy.write_text(body)
    return site


def errors(site: Path) -> list[str]:
    _, problems = inspect_site(site, today=TODAY)
    return [p.render(site) for p in problems if not p.warning]


def line_of(site: Path, words: str) -> int:
    lines = (site / POLICY).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if words in line)


def shown(site: Path, path: str) -> str:
    client = create_app({"TESTING": True, "TODAY": TODAY, "SITE_DIR": site}).test_client()
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_outside_contact_id_that_names_nothing_is_an_error(tmp_path):
    site = variant(tmp_path, ("outside: [lado]", "outside: [ladoo]"))
    assert errors(site) == [
        f"{POLICY}:{line_of(site, 'outside: [ladoo]')}: unknown outside contact 'ladoo'; "
        "did you mean 'lado'?"
    ]


def test_a_see_also_that_names_no_agency_is_an_error(tmp_path):
    site = variant(tmp_path, ("    name: Health\n", "    name: Health\n    see_also: [educaton]\n"))
    assert errors(site) == [
        f"{POLICY}:{line_of(site, 'see_also: [educaton]')}: unknown agency 'educaton'; "
        "did you mean 'education'?"
    ]


def test_an_adviser_whose_table_has_no_roles_is_an_error(tmp_path):
    adviser = 'adviser:\n  says: "their line manager"\n  cite: "2.2"\n  table: 2\n\nnotices:\n'
    site = variant(tmp_path, ("notices:\n", adviser))
    [found] = errors(site)
    assert found.startswith(f"{POLICY}:{line_of(site, 'table: 2')}: 'table: 2' must be the number")


def test_an_area_no_partnership_declares_is_an_error(tmp_path):
    site = variant(
        tmp_path,
        (
            "          - says: Designated Teacher\n",
            "          - says: Designated Teacher\n            area: north\n",
        ),
    )
    [found] = errors(site)
    assert "unknown area 'north' (none is declared: add the area first)" in found


def test_a_note_kept_from_readers_is_not_shown_but_is_listed_by_check(tmp_path):
    note = '                says: "The table calls this role'
    site = variant(tmp_path, (note, f"                readers: no\n{note}"))
    page = shown_text(
        shown(site, answers.stage("fenmouth", 1, agency="education", other_agency="health"))
    )
    assert "Designated Teacher , listed in the policy's table for your agency, Education" in page
    assert "The table calls this role" not in page
    roles = shown_text(shown(site, "/fenmouth/roles/"))
    assert "“Designated Teacher”" in roles and "The table calls this role" not in roles
    _, problems = inspect_site(site, today=TODAY)
    assert any("The table calls this role" in p.message for p in problems if p.warning)


NOTE = (
    "        notes:\n"
    "          - kind: unclear\n"
    '            says: "Test note: the policy does not say who calls the meeting."\n'
    '            cite: "2.3"\n'
)


def test_a_note_on_a_fact_sits_under_the_quoted_words(tmp_path):
    fact = '        cite: "2.3"\n    timescales:\n'
    site = variant(tmp_path, (fact, '        cite: "2.3"\n' + NOTE + "    timescales:\n"))
    tree = read(shown(site, STAGE_2))
    said = " ".join(
        text(e) for e in tree.iter() if isinstance(e.tag, str) and e.tag in ("blockquote", "p")
    )
    assert (
        "“The line managers should meet within 5 working days of the matter being escalated to "
        "them and complete the Escalation Referral Form (Appendix 1).” (para 2.3) "
        "Note about the policy text: Test note: the policy does not say who calls the "
        "meeting. (para 2.3)"
    ) in said


def test_a_notification_carries_its_note_and_outside_contact(tmp_path):
    told = '        cite: "2.4"\n        contacts:\n'
    extra = NOTE.replace('"2.3"', '"2.4"') + "        outside: [lado]\n"
    site = variant(tmp_path, (told, '        cite: "2.4"\n' + extra + "        contacts:\n"))
    page = shown_text(shown(site, STAGE_2))
    told_part = page.split("Also tell", 1)[1].split("Write down", 1)[0]
    assert "Test note: the policy does not say who calls the meeting. (para 2.4)" in told_part
    assert "Fenmouth Local Authority Designated Officer (LADO)" in told_part
    assert "Not from the policy: from the Fenmouth Council website" in told_part


def test_the_emergency_page_shows_an_outside_contact_labelled(tmp_path):
    route = '  cite: "1.2"\n  contacts:\n'
    site = variant(tmp_path, (route, '  cite: "1.2"\n  outside: [lado]\n  contacts:\n'))
    page = shown_text(shown(site, answers.path("fenmouth", risk="yes")))
    assert "Fenmouth Local Authority Designated Officer (LADO)" in page
    assert "Not from the policy: from the Fenmouth Council website" in page


def test_a_note_on_who_acts_sits_beside_it(tmp_path):
    who = '      says: their line manager\n      cite: "2.2"\n'
    note = NOTE.replace("        ", "      ", 1).replace("          - ", "        - ")
    note = note.replace("            ", "          ").replace('"2.3"', '"2.2"')
    site = variant(tmp_path, (who, who + note))
    tree = read(shown(site, STAGE_2))
    [row] = [d for d in tree.iter("div") if [text(t) for t in d.iter("dt")] == ["Who acts"]]
    assert text(row).startswith("Who acts “their line manager” (para 2.2)")
    assert text(row).endswith(
        "Note about the policy text: Test note: the policy does not say who calls the "
        "meeting. (para 2.2)"
    )


def test_compare_says_an_unreadable_stage_is_not_available_and_names_an_untitled_one(tmp_path):
    site = variant(tmp_path)
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    tree = read(shown(site, "/compare/fenmouth/brent/"))
    ours = [text(d) for d in tree.iter("div") if d.get("data-partnership") == "fenmouth"]
    assert ours[1].startswith("FSCP Stage 2 Who")
    assert ours[2] == (
        "FSCP Stage 3: Designated safeguarding leads "
        + " ".join(f"{facet} Not available in the copy we have: {WHY}" for facet in FACETS)
    )


WHY = "Page 6 of the copy we have, which holds Stage 3, cannot be read."
FACETS = ("Who", "Timescale", "Who must be told", "Forms")


def test_a_scenario_at_an_unreadable_stage_is_checked_not_crashed(tmp_path):
    site = variant(tmp_path)
    scenarios = site / "policies" / "fenmouth" / "scenarios"
    scenarios.mkdir()
    (scenarios / "leads.md").write_text(
        "---\ntitle: The leads\nbased_on: Stage 3\n"
        'answers:\n  risk: "no"\n  concern: disagreement\n  progress: tried-2\n'
        "expect:\n  kind: stage\n  stage: 3\n  text: designated safeguarding leads\n---\n\n"
        "The line managers could not agree.\n"
    )
    assert errors(site) == [
        "policies/fenmouth/scenarios/leads.md:11: expect › text: 'designated safeguarding leads' "
        "is not in any fact this outcome shows: quote the policy's words"
    ]


def test_an_outside_contact_in_an_undeclared_area_is_an_error(tmp_path):
    site = variant(
        tmp_path, ("    checked: 2026-11-02\n", "    checked: 2026-11-02\n    area: north\n")
    )
    assert errors(site) == [
        f"{POLICY}:{line_of(site, 'area: north')}: unknown area 'north' "
        "(none is declared: add the area first)"
    ]
