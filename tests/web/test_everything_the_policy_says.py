"""What a practitioner reads where the policy says more than one stage's facts.

Each test drives the wizard through HTTP to the page a finding was about and asserts the
words on it: urgency tiers, contacts for pointers, stages out of order, role tables read
both ways, whole-Board caveats, areas within a partnership and the adviser at every step.
"""

from __future__ import annotations

import answers
import pytest
from answers import path, stage
from pages import visible_text

ISLINGTON_2 = {"agency": "police", "other_agency": "health"}


DISAGREEMENT = {"risk": "no", "concern": "disagreement"}


def read(client, path: str) -> str:
    """The page's visible words, as a person reads them."""
    response = client.get(path)
    assert response.status_code == 200, path
    return visible_text(response.get_data(as_text=True))


def between(text: str, start: str, end: str) -> str:
    """The words from one heading or label up to the next."""
    return text[text.index(start) : text.index(end, text.index(start))]


# --- urgency tiers (Islington 3.4)


def test_the_middle_tier_is_asked_in_the_policys_words(client):
    page = read(client, path("islington"))
    assert "Is a child at risk of immediate harm?" in page
    assert "No immediate harm, but the child's safety is believed to be at risk" in page
    assert "the issue should be escalated to the next level within 24 hours” (3.4)" in page
    assert "The child's safety is not believed to be at risk: each stage's own" in page


def test_the_at_risk_tier_puts_every_stage_on_its_24_hour_clock(client):
    at_risk = read(client, stage("islington", 2, risk="at-risk", **ISLINGTON_2))
    summary = between(at_risk, "By when", "Also tell")
    assert "within 24 hours" in summary and "(para 3.4)" in summary
    assert "the issue should be escalated to the next level within 24 hours" in at_risk
    # The plan dates each later stage a day on, not five working days on.
    plan = at_risk[at_risk.index("Your escalation plan") :]
    plan = plan[plan.index("Stage 4: Assistant Directors") :]
    assert "within 24 hours" in plan[:400] and "within 5 working days" not in plan[:400]
    # The stage's ordinary timescales are still there, set aside and labelled.
    assert "This stage's ordinary timescales" in at_risk


def test_the_ordinary_answer_keeps_the_stages_own_clocks(client):
    ordinary = read(client, stage("islington", 2, **ISLINGTON_2))
    # After Stage 1 the referral is made: the stage's own clock leads (issue 24).
    assert "(para 3.12)" in between(ordinary, "By when", "Also tell")
    assert "This stage's ordinary timescales" not in ordinary
    plan = ordinary[ordinary.index("Your escalation plan") :]
    plan = plan[plan.index("Stage 4: Assistant Directors") :]
    assert "within 5 working days" in plan[:400]


# --- every pointer has somewhere to go


def test_the_policy_matter_page_gives_the_address_the_policy_gives_elsewhere(client):
    page = read(client, answers.path("islington", risk="no", concern="policy"))
    assert "ISCP@islington.gov.uk (para 3.15)" in page
    assert "It gives no address for the 'ISCP manager' named here" in page


def test_stage_5_business_unit_has_a_contact_with_its_caveat(client):
    page = read(client, stage("islington", 5))
    contact = between(page, "Contact details", "Write down")
    assert "ISCP@islington.gov.uk" in contact
    assert "not for the 'Partnership's Business Unit' (3.16)" in contact


def test_someone_named_without_details_is_said_to_have_none(client):
    page = read(client, stage("staffordshire-stoke", 4, missing="yes"))
    told = between(page, "Also tell", "Write down")
    assert "The policy gives no contact details for them." in told


def test_the_emergency_page_says_how_to_challenge_a_declined_referral(client):
    page = read(client, answers.path("islington", risk="yes"))
    section = between(page, "If Children's Social Care has declined your referral", "If no child")
    assert "call 999" in section
    assert "a disagreement with that decision is what this escalation procedure is for" in section
    assert "General advice, not from the ISCP policy." in section


# --- stages out of the policy's order (Brent)


def test_brent_progress_answers_use_the_policys_own_stage_words(client):
    page = read(client, answers.path("brent", risk="no", concern="disagreement"))
    assert "I have consulted a supervisor/manager" in page
    assert "The people who disagree have had a discussion" in page
    assert "Stage 1 did not resolve it" not in page


@pytest.mark.parametrize("progress", ["tried-1", "tried-2"])
def test_a_later_brent_stage_names_stage_one_and_what_it_asks(client, progress):
    page = read(client, answers.path("brent", **DISAGREEMENT, progress=progress))
    assert "The policy puts Stage 1: Involving your Line manager (Stage One) before" in page
    assert "should initially consult a supervisor/manager to clarify their thinking" in page


def test_brent_stage_one_names_nothing_skipped(client):
    assert "If it was skipped" not in read(client, answers.stage("brent", 1))


# --- role tables read both ways (Islington 4.10, 3.9)


def test_a_junior_worker_sees_the_other_agencys_later_stage_roles(client):
    page = read(client, stage("islington", 1, agency="education", other_agency="health"))
    section = between(page, "If the professional you disagree with is more senior", "Your answers")
    assert "Stage 3: Senior Management (Safeguarding Leads): “Named Nurse or Doctor" in section
    assert "(para 3.9)" in section
    # What the policy says then is quoted once, with what to do now (3.9 is a duty to tell).
    assert page.count("more senior than them, they should inform their line manager") == 1


def test_the_last_stage_has_no_later_roles_to_show(client):
    page = read(client, stage("islington", 4, agency="education", other_agency="health"))
    assert "If the professional you disagree with is more senior" not in page


# --- whole-Board caveats beside each mention


def test_the_lscb_caveat_stands_beside_the_brent_policy_matter_quote(client):
    page = read(client, answers.path("brent", risk="no", concern="policy"))
    quote = "brought to the attention of the Chair of the LSCB"
    assert quote in page
    after = page[page.index(quote) :][:400]
    assert "Note: LSCBs were replaced by safeguarding partnerships in 2019" in after


def test_the_hscb_caveat_stands_beside_havering_stage_4(client):
    page = read(client, stage("havering", 4))
    assert "Note: Safeguarding Children Boards were replaced" in between(
        page, "What to do now", "Also tell"
    )


def test_whole_board_caveats_stay_within_their_partnership(client):
    page = read(client, answers.path("islington", risk="no", concern="policy"))
    assert "Boards were replaced" not in page


# --- areas within a partnership (Staffordshire and Stoke-on-Trent)


def test_the_area_is_asked_only_where_a_fact_differs(client):
    third_sector = answers.path(
        "staffordshire-stoke",
        risk="no",
        concern="disagreement",
        progress="tried-1",
        variant="no-line-manager",
    )
    assert "Is this in Staffordshire or in Stoke-on-Trent?" in read(client, third_sector)
    stage_1 = read(client, answers.stage("staffordshire-stoke", 1))
    assert "Staffordshire or in Stoke-on-Trent" not in stage_1


@pytest.mark.parametrize(
    ("area", "shown", "hidden"),
    [
        ("stoke-on-trent", "Who acts “the Designated Lead for child protection”", "“their"),
        ("staffordshire", "Who acts “their safeguarding contact within SCYVS”", "“for Stoke"),
    ],
)
def test_the_third_sector_contact_is_the_areas_own(client, area, shown, hidden):
    # Footnote 2 names a contact for each area: who acts is the area's own, and the other
    # area's words are not quoted (the note on Footnote 2 names both, as a note).
    path = stage("staffordshire-stoke", 2, variant="no-line-manager", area=area)
    said = between(read(client, path), "What to do now", "Your dates")
    assert shown in said and hidden not in said


def test_not_sure_of_the_area_shows_both_labelled(client):
    path = answers.stage("staffordshire-stoke", 2, variant="no-line-manager", area="not-sure")
    said = read(client, path)
    assert "In Staffordshire: “For some 3rd sector organisations" in said
    assert "In Stoke-on-Trent: “for Stoke-on-Trent it would be" in said


def test_the_board_manager_is_who_to_refer_to_not_someone_to_tell(client):
    page = read(client, stage("staffordshire-stoke", 5, missing="no-representative"))
    referred = between(page, "With", "By when")
    assert "the relevant Safeguarding Children Board manager in Stoke-on-Trent or" in referred
    assert "Board manager" not in between(page, "Also tell", "Write down")


def test_organisations_without_senior_tiers_are_told_what_the_nb_says(client):
    for number in (3, 4):
        page = read(client, stage("staffordshire-stoke", number, missing="yes"))
        rules = page[page.index("Rules that apply") :]
        assert "some stages may not be relevant" in rules
        assert "as a minimum would have followed stage 1 and 2" in rules


# --- the adviser at every step (Lincolnshire's SLO)


@pytest.mark.parametrize(
    "step",
    [
        {"progress": "nothing-yet"},
        {"progress": "tried-1"},
        {"progress": "tried-3", "variant": "non-urgent"},
    ],
    ids=["step 1", "step 2", "step 4 non-urgent"],
)
def test_lincolnshire_names_the_workers_slo_on_every_step(client, step):
    page = read(
        client, answers.path("lincolnshire", **DISAGREEMENT, **step, agency="lincolnshire-police")
    )
    row = between(page, "If unsure who to approach", "Also tell")
    assert "Your Senior Liaison Officer, for Lincolnshire Police: Head of PPU" in row
    said = between(page, "If you are unsure who to approach", "Your answers")
    assert "your SLO will advise on this issue" in said


def test_a_school_is_shown_both_candidate_slos_with_their_caveat(client):
    page = read(client, answers.stage("lincolnshire", 1, agency="schools"))
    row = between(page, "If unsure who to approach", "Also tell")
    assert "Designated Teacher for Child Protection (Schools)" in row
    assert "Safeguarding Officer for Schools (Children's Services (Education))" in row
    assert "designated safeguarding lead" in row  # the caveat sits beside the role


def test_a_swapped_row_carries_its_caveat_beside_the_role(client):
    path = answers.stage("lincolnshire", 2, agency="west-lindsey-district-council")
    row = between(read(client, path), "If unsure who to approach", "Also tell")
    assert "Cultural Development Team Leader" in row
    assert "this row's columns are swapped" in row


def test_a_third_sector_worker_is_shown_the_voluntary_sector_lead(client):
    path = answers.stage("staffordshire-stoke", 2, variant="no-line-manager", area="staffordshire")
    rules = read(client, path)
    said = rules[rules.index("Rules that apply") :]
    assert "“A designated lead within the voluntary sector” (Stage 2 para 2)" in said
    assert "does not say whether that lead is the 'appropriate person'" in said
