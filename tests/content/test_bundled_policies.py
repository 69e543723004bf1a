"""The bundled policies: they load cleanly, and the facts practitioners act on are there."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import BILINGUAL

from wizard.content import BUNDLED_SITE, export
from wizard.core.policy import Condition, ProblemKind, Unit

SLUGS = ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True)


def test_every_bundled_policy_loads_with_zero_errors(site):
    # The session's site came through load_site, which raises on any error it finds.
    assert sorted(site.partnerships) == sorted(SLUGS)


@pytest.fixture(scope="module")
def checked() -> subprocess.CompletedProcess:
    """The real `check` command on the bundled site, run once for the tests that read it."""
    return cli("check")


@pytest.mark.slow
def test_check_passes_and_lists_source_problems_as_warnings(checked):
    result = checked
    assert result.returncode == 0, result.stderr
    assert "0 error(s)" in result.stdout
    assert "policies/havering/policy.md:" in result.stderr
    assert ": warning: source problem (typo)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_overdue_review_dates_are_warnings(checked):
    result = checked
    assert "policies/brent/policy.md" in result.stderr
    assert "due for review by December 2017" in result.stderr


@pytest.mark.parametrize("slug", SLUGS)
def test_each_procedure_page_names_its_source_in_words_a_reader_can_follow(client, slug):
    """The procedure page names the published document as its source, not a file name."""
    source = client.get(f"/{slug}/procedure/").get_data(as_text=True).split("Source: ")[1]
    source = source.split("</p>")[0]
    assert "published" in source and not re.search(r"\.(txt|pdf|docx?)\b", source), source


def test_islington_stage_2_police_role_is_detective_sergeant(site):
    stage = site.partnerships["islington"].stages_numbered(2)[0]
    assert stage.roles.text("police") == "Detective Sergeant"
    assert stage.roles.cite == "4.10"


def test_islington_24_hour_rule_when_safety_at_risk(site):
    rules = site.partnerships["islington"].rules
    assert any("within 24 hours" in r.says and r.cite == "3.4" for r in rules)


def test_islington_cp_chair_or_iro_notified_at_stage_2(site):
    stage = site.partnerships["islington"].stages_numbered(2)[0]
    [note] = [n for n in stage.notify if n.when is Condition.CP_OR_LOOKED_AFTER]
    assert "Independent Reviewing Officer" in note.says and note.cite == "3.11"


def test_islington_emergency_contacts_exactly_as_given(site):
    [contact] = site.partnerships["islington"].emergency.contacts
    assert (contact.email, contact.phone) == ("CSCreferrals@islington.gov.uk", "0207 527 7400")


def test_islington_form_fields(site):
    form = site.partnerships["islington"].forms[0]
    assert form.title == "Safeguarding Lead Conflict Resolution Referral Form"
    fields = [f for s in form.sections for f in s.fields]
    assert "Outcome Sought:" in fields and "Resolved: Yes/No" in fields


def test_brent_asks_your_own_line_manager_before_the_other_worker(site):
    stages = site.partnerships["brent"].stages
    assert "Line manager" in stages[0].title
    assert "other agency" in stages[1].title


def test_staffordshire_stage_5_keeps_both_timescales_and_flags_the_conflict(site):
    stage = site.partnerships["staffordshire-stoke"].stages_numbered(5)[0]
    spans = {(s.amount, s.unit) for t in stage.timescales for s in t.within}
    assert {(2, Unit.WORKING_DAYS), (72, Unit.HOURS)} <= spans
    assert any(p.kind is ProblemKind.CONFLICT and "72 hours" in p.says for p in stage.problems)


def test_staffordshire_third_sector_route(site):
    variants = site.partnerships["staffordshire-stoke"].stages_numbered(2)
    assert len(variants) == 2
    assert any("SCYVS" in " ".join(f.says for f in v.do + v.rules) + v.who.says for v in variants)


def test_lincolnshire_step_4_urgent_and_non_urgent(site):
    p = site.partnerships["lincolnshire"]
    assert p.partnership.stage_word == "Step"
    ids = {s.variant.id for s in p.stages_numbered(4)}
    assert len(ids) == 2


def test_lincolnshire_48_hours_is_two_readings(site):
    step1 = site.partnerships["lincolnshire"].stages_numbered(1)[0]
    [timescale] = [t for t in step1.timescales if t.ambiguous]
    assert {(s.amount, s.unit) for s in timescale.within} == {
        (48, Unit.HOURS),
        (2, Unit.WORKING_DAYS),
    }


def test_lincolnshire_senior_liaison_officers(site):
    p = site.partnerships["lincolnshire"]
    step3 = p.stages_numbered(3)[0]
    police = next(a for a in p.agencies if a.name == "Lincolnshire Police")
    assert step3.roles.text(police.id) == "Head of PPU"


def test_havering_stage_four_email_kept_as_written_with_a_warning(site):
    p = site.partnerships["havering"]
    stage = p.stages_numbered(4)[0]
    [sent] = stage.send
    assert [c.email for c in sent.contacts] == ["alice.peatling@haverling.gov.uk"]
    assert any(pr.kind is ProblemKind.TYPO and "haverling" in pr.says for pr in sent.notes)


def test_havering_iro_notified_for_cp_or_looked_after(site):
    stage = site.partnerships["havering"].stages_numbered(2)[0]
    assert any(n.when is Condition.CP_OR_LOOKED_AFTER and "(IRO)" in n.says for n in stage.notify)


def test_every_fact_carries_a_citation_to_an_anchor(site):
    for slug, p in site.partnerships.items():
        anchors = site.procedures[slug].anchors
        data = export.partnership(p, site)
        for cite in _cites(data):
            assert cite in anchors, (slug, cite)


def _cites(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "cite":
                yield value
            else:
                yield from _cites(value)
    elif isinstance(node, list):
        for item in node:
            yield from _cites(item)


@pytest.mark.slow
def test_export_holds_all_partnerships_stages_and_citations(tmp_path):
    out = tmp_path / "export.json"
    assert cli("export", "--out", str(out)).returncode == 0
    data = json.loads(out.read_text())
    assert data["format"] == export.FORMAT and data["version"] == export.VERSION
    assert sorted(p["slug"] for p in data["partnerships"]) == sorted(SLUGS)
    for p in data["partnerships"]:
        assert p["stages"] and all(s["cite"] for s in p["stages"])
        assert all(label in p["paragraphs"] for label in _cites(p))


def test_committed_schema_is_up_to_date():
    committed = json.loads((BUNDLED_SITE / "schema" / "policy.schema.json").read_text())
    assert committed == export.schema(), (
        "run: escalation-wizard schema --out schema/policy.schema.json"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_bundled_policy_validates_against_the_published_schema(slug):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    text = (BUNDLED_SITE / "policies" / slug / "policy.md").read_text()
    # Editors read YAML with its usual types, as SafeLoader does.
    data = yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n"))
    errors = list(jsonschema.Draft202012Validator(export.schema()).iter_errors(data))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def _plain(text: str) -> str:
    """Text as a reader sees it: no anchors, Markdown marks, table pipes or curly quotes."""
    text = re.sub(r"\{#[^}]*\}", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-")):
        text = text.replace(a, b)
    text = re.sub(r"[*_`#|]", " ", text)
    text = re.sub(r"\s+([:;,.])", r"\1", text)  # '**bold**:' leaves a space before the colon
    return re.sub(r"\s+", " ", text).strip().lower()


def _quotes(node, inside_problem=False):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("says", "words") and isinstance(value, str) and not inside_problem:
                yield value
            else:
                # Notes, notices and "not available" reasons are ours, about the text.
                ours = key in ("problems", "notes", "notices", "not_available")
                yield from _quotes(value, inside_problem or ours)
    elif isinstance(node, list):
        for item in node:
            yield from _quotes(item, inside_problem)


# Each bundled policy, and the Welsh test partnership's policy in each of its two languages.
POLICY_FILES = [BUNDLED_SITE / "policies" / slug / "policy.md" for slug in SLUGS] + [
    BILINGUAL / "policies" / "cwm-ffug" / name for name in ("policy.md", "policy.cy.md")
]


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_quote_appears_in_the_policy_text(path):
    """A practitioner acts on the quoted words: each must be in the policy as reproduced.

    In a policy given in Welsh too, each Welsh quote is in the Welsh text: never translated.
    """
    import yaml

    text = path.read_text()
    front, _, body = text.removeprefix("---\n").partition("\n---\n")
    plain_body = _plain(body)
    missing = []
    for quote in _quotes(yaml.load(front, Loader=yaml.BaseLoader)):
        # '...' marks words the quote leaves out; each remaining part must be verbatim.
        parts = [p.strip(" .") for p in re.split(r"\.\.\.|…", _plain(quote)) if p.strip(" .")]
        if not all(part in plain_body for part in parts):
            missing.append(quote[:100])
    assert missing == []
