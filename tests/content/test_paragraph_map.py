"""The paragraph map: every paragraph of every policy accounted for, and shown where it applies.

The examples are the misses practitioners found (issue 17, finding 1): paragraphs that
apply to a situation but reached no outcome page. Each is checked through HTTP, as the text a
practitioner reads.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import answers
import pytest
from answers import stage
from pages import visible_text

from wizard.content import BUNDLED_SITE, inspect_site
from wizard.core.paragraphs import paragraphs, plain, quoted_in_full

SLUGS = ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]
MAPPED = SLUGS

# Islington's words, as a practitioner reads them on the page.
P4_8 = (
    "It is also the responsibility of the agency who the concern is about to make the final "
    "decision regarding threshold. For e.g. If Children Services has a disagreement with Health "
    "regarding a CP medical not being convened, then the decision around whether threshold is "
    "met or not should lay with the Health Service."
)
P4_2 = "A clear record should be kept at all stages, by all parties."
P3_6 = (
    "In cases where a relevant practitioner has a concern, but the child is not considered to "
    "be at immediate risk of significant harm, the relevant practitioner should attempt to "
    "resolve differences or concerns"
)
COMPLAINT = (
    "A complaint is as an expression of dissatisfaction with the services provided. If a "
    "service user believes they have been unfairly treated by a particular service, they have "
    "a right to complain."
)
P3_9 = (
    "If the disagreement has not been resolved at this stage the relevant practitioner should "
    "make it known to the other agency that they are escalating this matter."
)
NO_ONE = "No one else is named at this stage."

# Children's Social Care challenging Health, at each stage.
STAGES = {
    1: stage("islington", 1, agency="lbi-csc-asc", other_agency="health"),
    2: stage("islington", 2, agency="lbi-csc-asc", other_agency="health"),
    3: stage("islington", 3, agency="lbi-csc-asc", other_agency="health"),
    4: stage("islington", 4, agency="lbi-csc-asc", other_agency="health"),
    5: stage("islington", 5),
}


def main_text(client, path: str) -> str:
    """What the page's <main> says, as read."""
    response = client.get(path)
    assert response.status_code == 200, path
    markup = response.get_data(as_text=True)
    return visible_text(markup[markup.index("<main") : markup.index("</main>")])


def section(text: str, heading: str, until: str) -> str:
    """The part of a page's text from a heading to the next one given."""
    start = text.index(heading)
    return text[start : text.index(until, start)]


# --- the map is complete


@pytest.mark.parametrize("slug", MAPPED)
def test_every_paragraph_and_form_field_of_each_policy_is_mapped(site, slug):
    m = site.maps[slug]
    mapped = {e.paragraph for e in m.paragraph_entries()}
    assert mapped == set(site.procedures[slug].anchors)
    for e in m.paragraph_entries():
        assert bool(e.applies) != bool(e.procedure_only), e
    p = site.partnerships[slug]
    for form in p.forms:
        entries = [e for e in m.form_entries() if e.form == form.id]
        covered = {f for e in entries for f in (e.fields or ())}
        assert any(not e.fields for e in entries) or covered >= {
            f for s in form.sections for f in s.fields
        }


def _copy(tmp_path: Path, slug: str) -> Path:
    folder = tmp_path / "site" / "policies" / slug
    shutil.copytree(BUNDLED_SITE / "policies" / slug, folder)
    return folder


def test_check_names_the_paragraph_a_map_leaves_out_at_its_line(tmp_path):
    folder = _copy(tmp_path, "islington")
    text = (folder / "paragraphs.md").read_text()
    dropped = re.sub(r'  - paragraph: "4\.8"\n(    .*\n|      .*\n)+', "", text)
    assert dropped != text
    (folder / "paragraphs.md").write_text(dropped)

    _, problems = inspect_site(tmp_path / "site")

    line = next(
        n
        for n, row in enumerate((folder / "policy.md").read_text().split("\n"), 1)
        if row.startswith("{#4.8}")
    )
    errors = [(p.path.name, p.line, p.message) for p in problems if not p.warning]
    assert errors == [
        (
            "policy.md",
            line,
            "paragraph '{#4.8}' is not in the paragraph map (paragraphs.md): attach it to the "
            "outcomes it applies to, or mark it 'procedure_only' with a reason",
        )
    ]


def test_a_map_naming_a_paragraph_the_policy_lacks_is_rejected_at_its_line(tmp_path):
    folder = _copy(tmp_path, "islington")
    text = (folder / "paragraphs.md").read_text()
    (folder / "paragraphs.md").write_text(text.replace('paragraph: "4.8"', 'paragraph: "4.88"'))

    _, problems = inspect_site(tmp_path / "site")

    line = next(n for n, row in enumerate(text.split("\n"), 1) if 'paragraph: "4.8"' in row)
    found = [(p.path.name, p.line) for p in problems if "no paragraph '{#4.88}'" in p.message]
    assert found == [("paragraphs.md", line)]


def test_words_attached_from_a_paragraph_must_be_its_own(tmp_path):
    folder = _copy(tmp_path, "islington")
    text = (folder / "paragraphs.md").read_text()
    (folder / "paragraphs.md").write_text(text.replace("is as an expression", "is an expression"))

    _, problems = inspect_site(tmp_path / "site")

    assert any("not in paragraph 'Definitions' as written" in p.message for p in problems)


# --- the paragraphs, read from the policy text


def test_a_paragraph_runs_from_its_anchor_to_the_next_one():
    text = "## Heading {#H}\n\n{#1} One.\n\n- a\n- b\n\n**Two.** {#2}\n\n## Next\n\nOther.\n"
    assert paragraphs(text) == {"H": "", "1": "One.\n\n- a\n- b", "2": "**Two.**"}


def test_a_paragraph_quoted_in_pieces_counts_as_quoted_in_full():
    text = "**First.** Second, *as written*."
    assert quoted_in_full(text, ["First.", "Second, as written."])
    assert not quoted_in_full(text, ["First."])
    assert plain("- **a** | b") == "a b"


# --- the examples, through HTTP


@pytest.mark.parametrize("number", sorted(STAGES))
def test_islington_4_8_on_every_stage_page(client, number):
    text = main_text(client, STAGES[number])
    also = section(text, "Also in the policy for this situation", "Your answers")
    assert P4_8 in also
    assert "(para 4.8)" in also


def test_the_emergency_page_carries_4_2_and_3_6(client):
    text = main_text(client, answers.path("islington", risk="yes"))
    also = section(text, "Also in the policy for this situation", "If no child is at immediate")
    assert P4_2 in also and "(para 4.2)" in also
    assert P3_6 in also and "(para 3.6)" in also


def test_the_complaints_page_carries_the_policys_definition_of_a_complaint(client):
    text = main_text(client, answers.path("islington", risk="no", concern="complaint"))
    assert f"Complaints: {COMPLAINT} (Definitions)" in text


@pytest.mark.parametrize("number", [2, 3, 4, 5])
def test_stage_2_onwards_says_to_tell_the_other_agency_you_are_escalating(client, number):
    text = main_text(client, STAGES[number])
    summary = section(text, "What to do now", "What the policy says")
    told = section(summary, "Also tell", "Write down")
    assert "The other agency (para 3.9)" in told
    assert NO_ONE not in text
    assert P3_9 in section(text, "Also in the policy", "Your answers")


def test_a_paragraph_the_page_quotes_in_full_is_not_repeated(client):
    stage_1 = main_text(client, STAGES[1])
    assert stage_1.count(P3_9) == 1  # 'If this does not resolve it' quotes it already
    conduct = main_text(client, answers.path("islington", risk="no", concern="conduct"))
    assert conduct.count("this policy does not apply to cases where there may be concerns") == 1


def test_a_cp_duty_shows_with_its_condition_from_its_stage_on(client):
    notified = "the relevant Child Protection Chair or Independent Reviewing Officer must also"
    assert notified not in main_text(client, STAGES[1])
    for number in (2, 3):
        assert notified in main_text(client, STAGES[number])


@pytest.mark.slow
@pytest.mark.xdist_group("signoff")
def test_the_sign_off_pack_lists_the_map_paragraph_by_paragraph(signoff_pack):
    _, markup = signoff_pack("islington")
    part = markup[markup.index('id="paragraph-map"') : markup.index('id="outcomes"')]
    text = visible_text(part)
    assert "4.8 every stage page" in text
    assert "3.6 Stage 1; the emergency page" in text
    assert "4.9 Procedure page only: What the partnership does with trends and themes" in text
    assert "Listed under “Also tell” as: The other agency" in text
    assert "Form: Safeguarding Lead Conflict Resolution Referral Form (Receiving Agency;" in text


def test_the_record_for_stage_2_lists_the_other_agency_to_tell(client):
    text = main_text(client, STAGES[2] + "record/")
    told = section(text, "Who must be told", "What the policy says to record")
    assert f"The other agency: “{P3_9}" in told
    assert "Told on (date)" in told
    assert NO_ONE not in text


def test_a_condition_the_answers_leave_open_is_shown_with_its_words(site):
    from wizard.core.paragraphs import Entry, ParagraphMap, Situation, attached

    p = site.partnerships["islington"]
    every = frozenset({"all"})
    health = Entry(paragraph="4.8", applies=({"stage": every, "agency": frozenset({"health"})},))
    on_plan = {"stage": frozenset({"2"}), "child": frozenset({"cp-or-lac"})}
    child = Entry(paragraph="3.11", applies=(on_plan,))
    m = ParagraphMap((health, child))

    def shown(s: Situation) -> list[tuple[str | None, tuple[str, ...]]]:
        return [(a.entry.paragraph, a.unless) for a in attached(m, p, s)]

    known = Situation("stage", "2", 2, frozenset({"police", "health"}), False, "no")
    assert shown(known) == [("4.8", ())]
    police_only = Situation("stage", "2", 2, frozenset({"police"}), False, "yes")
    assert shown(police_only) == [("3.11", ())]
    unsure = Situation("stage", "2", 2, frozenset(), True, "not-sure")
    assert shown(unsure) == [
        ("4.8", ("If Health is one of the agencies",)),
        ("3.11", ("If the child is on a Child Protection Plan or Looked After",)),
    ]
    assert shown(Situation("emergency")) == []
