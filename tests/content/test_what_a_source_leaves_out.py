"""The every-field test site (issue 11, finding 5): what a source leaves out, said as such.

tests/sites/every-field is a fictional partnership written only from docs/authoring.md. It has
three stages, one without a title and one whose text cannot be read; a form known only by
name; an outside contact; notes on a role entry and a timescale; a notice and a
superseded-by. These tests read its pages as a practitioner would.
"""

from __future__ import annotations

import io

import answers
import pytest
from conftest import EVERY_FIELD, TODAY
from docx import Document
from pages import h1s, links, read, shown_text, text

from wizard.content import inspect_site
from wizard.web.app import create_app

CHECK = answers.path("fenmouth", risk="no", concern="disagreement")
UNREADABLE = answers.stage("fenmouth", 3)  # Stage 3, whose page in the copy we have cannot be read
UNTITLED = answers.stage("fenmouth", 2)  # Stage 2, which the policy gives no title
FIRST = answers.stage("fenmouth", 1, agency="education", other_agency="health")
BEYOND = answers.path("fenmouth", risk="no", concern="disagreement", progress="tried-3")
WHY = "Page 6 of the copy we have, which holds Stage 3, cannot be read."
ORIGINAL = "https://example.org/fenmouth/escalation-policy-v1"
NEWER = "https://example.org/fenmouth/escalation-protocol"
LADO = "Fenmouth Local Authority Designated Officer (LADO)"
LABEL = (
    "Not from the policy: from the Fenmouth Council website (fictional, for this test "
    "fixture), checked 2026-11-02."
)
# What a page must never claim about text that is missing from the copy we have.
CLAIMS = (
    "The policy gives no timescale",
    "No timescale given",
    "No form is named",
    "names no form",
    "No one else is named",
    "This is the last stage",
    "says nothing about recording",
)


@pytest.fixture(scope="module")
def every_field():
    """A client of the app over the every-field test partnership."""
    return create_app({"TESTING": True, "TODAY": TODAY, "SITE_DIR": EVERY_FIELD}).test_client()


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def element_with(markup: str, tag: str, words: str):
    """The innermost element of this tag whose text holds the words."""
    tree = read(markup)
    found = [e for e in tree.iter(tag) if words in text(e)]
    assert found, (tag, words)
    return text(found[-1])


def test_the_every_field_partnership_passes_check_with_no_errors():
    site, problems = inspect_site(EVERY_FIELD, today=TODAY)
    assert [p.message for p in problems if not p.warning] == []
    assert list(site.partnerships) == ["fenmouth"]


def test_check_lists_every_caveat_and_gap_for_publishers():
    _, problems = inspect_site(EVERY_FIELD, today=TODAY)
    said = "\n".join(p.message for p in problems if p.warning)
    assert "source note (stale) at 3.1: The table calls this role the 'Designated Teacher'" in said
    assert "source note (unclear) at Footnote 1: The footnote says" in said
    assert "source notice (missing): Test fixture: Fenmouth is a fictional partnership" in said
    assert f"text not available at Stage 3: Designated safeguarding leads (all): {WHY}" in said


@pytest.mark.parametrize(
    "path",
    [UNREADABLE, f"{UNREADABLE}record/", "/fenmouth/"],
    ids=["stage", "record", "start"],
)
def test_an_unreadable_stage_never_claims_the_policy_says_nothing(every_field, path):
    shown = shown_text(page(every_field, path))
    for claim in CLAIMS:
        assert claim not in shown, claim
    assert "not available in the copy we have" in shown


def test_the_unreadable_stage_says_why_and_links_the_published_original(every_field):
    markup = page(every_field, UNREADABLE)
    for key in ("Who acts", "By when", "Also tell", "Form"):
        assert WHY in element_with(markup, "dd", WHY) and key in shown_text(markup)
    after = shown_text(markup).split("If this does not resolve it", 1)[1]
    assert after.startswith(
        f" The policy's text for this is not available in the copy we have: {WHY}"
    )
    assert ORIGINAL in links(markup)


def test_the_record_in_word_never_claims_the_policy_says_nothing(every_field):
    response = every_field.get(f"{UNREADABLE}record.docx")
    said = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    for claim in CLAIMS:
        assert claim not in said, claim
    assert (
        f"Who acts: The policy's text for this is not available in the copy we have: {WHY}" in said
    )


def test_the_stage_before_says_the_next_stages_timescale_is_not_available(every_field):
    shown = shown_text(page(every_field, UNTITLED))
    after = shown.split("Your escalation plan", 1)[1]
    assert "Stage 3: Designated safeguarding leads" in after
    assert WHY in after
    assert "No timescale given" not in shown


def test_a_form_known_by_name_says_so_where_a_stage_names_it(every_field):
    markup = page(every_field, UNTITLED)
    shown = shown_text(markup)
    assert "No form is named" not in shown
    assert "Escalation Referral Form" in element_with(markup, "dd", "Escalation Referral Form")
    assert shown.count("complete the Escalation Referral Form (Appendix 1)") == 1  # in 2.3
    assert (
        "The Escalation Referral Form The policy names this form, but its fields are not "
        "available in the copy we have."
    ) in shown


def test_the_page_of_a_form_known_by_name_offers_no_made_up_form(every_field):
    markup = page(every_field, "/fenmouth/forms/referral-form/")
    shown = shown_text(markup)
    assert (
        "The policy names this form, but its fields are not available in the copy we have." in shown
    )
    assert "with its fields as the policy gives them" not in shown
    assert "Download a blank form" not in shown
    assert ORIGINAL in links(markup)


def test_an_untitled_stage_has_a_heading(every_field):
    assert h1s(page(every_field, UNTITLED)) == ["Go to Stage 2"]
    tree = read(page(every_field, "/fenmouth/"))
    headings = [text(h) for h in tree.iter("h3") if "app-step-nav__title" in h.get("class", "")]
    assert headings == [
        "1 Stage 1: Practitioner to practitioner",
        "2 Stage 2",
        "3 Stage 3: Designated safeguarding leads",
    ]


def test_the_progress_question_names_the_untitled_stage_once(every_field):
    shown = shown_text(page(every_field, CHECK))
    assert (
        "Stage 1 did not resolve it Stage 1: Practitioner to practitioner "
        "Stage 2 did not resolve it Stage 3 did not resolve it "
        "Stage 3: Designated safeguarding leads"
    ) in shown


@pytest.mark.parametrize(
    "path",
    [answers.path("fenmouth", risk="no", concern="conduct"), BEYOND],
    ids=["conduct, where the policy is silent", "every stage tried"],
)
def test_the_outside_contact_is_labelled_with_its_source_and_date(every_field, path):
    markup = page(every_field, path)
    contact = element_with(markup, "li", LADO)
    assert "lado@example.org" in contact and "01632 960 123" in contact
    assert LABEL in contact


def test_the_outside_contact_is_not_presented_as_the_policys(every_field):
    shown = shown_text(page(every_field, "/fenmouth/"))
    assert "Contacts given in the policy" in shown
    assert LADO not in shown


@pytest.mark.parametrize(
    "path",
    ["/fenmouth/", "/fenmouth/procedure/", CHECK, FIRST, UNREADABLE, "/fenmouth/roles/"],
)
def test_superseded_by_and_the_notices_are_a_banner_on_every_page(every_field, path):
    markup = page(every_field, path)
    tree = read(markup)
    [found] = [e for e in tree.iter("div") if "app-policy-notices" in (e.get("class") or "")]
    shown = text(found)
    assert shown.startswith(
        "About this policy This policy has been replaced: read before you rely on it "
        "This policy has been replaced by"
    )
    assert "Fenmouth Multi-agency Escalation Protocol (September 2026)." in shown
    assert "Read Fenmouth Multi-agency Escalation Protocol" in shown
    assert "Test fixture: Fenmouth is a fictional partnership" in shown
    assert NEWER in [a.get("href") for a in found.iter("a")]


def test_a_note_on_a_role_entry_sits_beside_that_role(every_field):
    markup = page(every_field, FIRST)
    who = element_with(markup, "dd", "for your agency, Education")
    assert "Designated Teacher" in who
    assert "Note about the policy text: The table calls this role the 'Designated Teacher'" in who
    assert "Designated Teacher" not in element_with(markup, "dd", "for the other agency, Health")


def test_a_note_on_a_timescale_sits_beside_that_timescale(every_field):
    markup = page(every_field, FIRST)
    # The next deadline's notes stand in the row beside it: "About this timescale".
    timescale = element_with(markup, "div", "About this timescale")
    assert (
        "Note about the policy text: The footnote says 'Working days are Monday to Friday'"
        in timescale
    )


def test_two_entries_for_one_agency_are_both_shown(every_field):
    markup = page(every_field, FIRST)
    assert "Health Visitor (Health) or School Nurse (Health)" in element_with(
        markup, "dd", "for the other agency, Health"
    )


def test_every_stage_tried_never_claims_an_unreadable_last_stage_says_nothing(every_field):
    shown = shown_text(page(every_field, BEYOND))
    assert "says nothing about what happens" not in shown
    assert (
        "The last stage in the copy we have is Stage 3: Designated safeguarding leads . More "
        "stages may follow it in the policy: that part is not available in the copy we have."
    ) in shown
    assert f"The policy's text for this is not available in the copy we have: {WHY}" in shown
    assert "Where to turn if it is still not resolved" in shown


START = "/fenmouth/"
COUNTS = (
    "Stage 3 of 3",
    "has 3 stages",
    "The last stage in the policy",
    "last stage in the policy",
)


@pytest.mark.parametrize("path", [START, UNREADABLE, FIRST, BEYOND])
def test_no_page_counts_the_stages_when_the_rest_of_the_policy_cannot_be_read(every_field, path):
    shown = shown_text(page(every_field, path))
    assert not [claim for claim in COUNTS if claim in shown], path


def test_the_start_page_says_more_stages_may_follow_the_copy_we_have(every_field):
    assert (
        "The copy we have of the FSCP policy shows 3 stages. More may follow: "
        "that part is not available in the copy we have."
    ) in shown_text(page(every_field, START))


def test_a_stage_caption_gives_its_number_without_a_total(every_field):
    assert "Stage 3 in the FSCP escalation policy" in shown_text(page(every_field, UNREADABLE))


@pytest.mark.slow
def test_no_page_of_the_built_site_says_the_policy_is_silent_where_it_cannot_be_read(tmp_path):
    """Every stage but Stage 3 has a timescale, and Stage 3 cannot be read: no page may say
    the policy gives no timescale or says nothing after its last stage."""
    from wizard.publish.freeze import build

    built = build(EVERY_FIELD, tmp_path / "site", "/", today=TODAY)
    pages = list(built.out.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        shown = shown_text(path.read_text())
        for claim in (*CLAIMS[:2], CLAIMS[5], "says nothing about what happens"):
            assert claim not in shown, (path.relative_to(built.out), claim)


def test_every_citation_of_an_unreadable_paragraph_says_its_text_is_missing(every_field):
    shown = shown_text(page(every_field, "/fenmouth/"))
    assert "(Stage 3) (its text is not available in the copy we have)" in shown
    assert "(para 2.1) (its text is not available" not in shown


def test_an_exit_whose_text_cannot_be_read_never_says_the_policy_does_not_say(every_field):
    shown = shown_text(
        page(every_field, answers.path("fenmouth", risk="no", concern="whistleblowing"))
    )
    assert "The policy does not say" not in shown
    assert (
        "The policy's text for this is not available in the copy we have: Page 7 of the copy "
        "we have, which holds the whistleblowing route, cannot be read."
    ) in shown


def test_the_procedure_page_never_presents_a_partly_read_policy_as_whole(every_field, client):
    """Issue 26, finding 5: above fragments, not 'kept exactly as the partnership published it'."""
    shown = shown_text(page(every_field, "/fenmouth/procedure/"))
    assert "kept exactly as the partnership published it" not in shown
    assert (
        "Parts of this policy are not available in the copy we have: the text below is not "
        "the whole policy. Read it in the published original ."
    ) in shown
    whole = shown_text(page(client, "/islington/procedure/"))
    assert "The text below is kept exactly as the partnership published it." in whole
    assert "Parts of this policy are not available" not in whole


@pytest.mark.parametrize("concern", ["conduct", "whistleblowing", "complaint", "policy"])
def test_no_exit_sends_the_reader_to_a_website_of_a_body_the_file_says_is_replaced(
    every_field, concern
):
    """Issue 26, finding 5: the policy is superseded; no page says 'Look on the … website'."""
    shown = shown_text(page(every_field, answers.path("fenmouth", risk="no", concern=concern)))
    assert "Look on the" not in shown and "'s website" not in shown
