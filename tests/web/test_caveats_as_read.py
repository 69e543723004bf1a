"""Issue 11, findings 1, 2 and 7: roles, caveats and what comes after the last stage, as read."""

from __future__ import annotations

import answers
import pytest
from answers import stage
from pages import POLICE_HEALTH_PLAN, read, shown_text, text


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def row(markup: str, key: str) -> str:
    """The text of a summary list's value beside the key a person reads."""
    tree = read(markup)
    for div in tree.iter("div"):
        dts = [dt for dt in div.iter("dt") if text(dt) == key]
        if dts and "govuk-summary-list__row" in (div.get("class") or ""):
            return text(next(div.iter("dd")))
    raise AssertionError(f"no row {key!r}")


def banner(markup: str) -> str:
    """The 'About this policy' banner's text, or '' where the page has none."""
    tree = read(markup)
    found = [e for e in tree.iter("div") if "app-policy-notices" in (e.get("class") or "")]
    return text(found[0]) if found else ""


def section(markup: str, heading_id: str) -> str:
    """The text of the <section> labelled by the heading with this id."""
    tree = read(markup)
    found = [s for s in tree.iter("section") if s.get("aria-labelledby") == heading_id]
    return text(found[0])


# Finding 1: "if you are uncertain who ... your SLO will advise": the SLO on every step.


@pytest.mark.parametrize(
    "path",
    [
        answers.stage("lincolnshire", 1, agency="schools"),
        answers.stage("lincolnshire", 2, agency="schools"),
        answers.stage("lincolnshire", 4, variant="non-urgent", agency="schools"),
    ],
    ids=["step 1", "step 2", "step 4 non-urgent"],
)
def test_a_schools_worker_sees_both_candidate_slos_on_every_step(client, path):
    markup = page(client, path)
    advice = row(markup, "If unsure who to approach")
    assert "your SLO will advise on this issue" in shown_text(markup)
    # Both rows, each named with the agency whose row it is: neither is picked for the reader.
    assert (
        "Your Senior Liaison Officer, for Schools: Designated Teacher for Child Protection "
        "(Schools) or Safeguarding Officer for Schools (Children's Services (Education))"
    ) in advice
    assert "it does not say which of the two a school should go to" in advice


def test_the_agency_question_is_asked_at_a_step_with_no_role_table(client):
    markup = page(
        client,
        answers.path("lincolnshire", risk="no", concern="disagreement", progress="nothing-yet"),
    )
    assert "Which agency are you in?" in shown_text(markup)


def test_a_police_worker_sees_their_own_slo(client):
    advice = row(
        page(client, answers.stage("lincolnshire", 2, agency="lincolnshire-police")),
        "If unsure who to approach",
    )
    assert "Your Senior Liaison Officer, for Lincolnshire Police:" in advice
    assert "Designated Teacher for Child Protection" not in advice


# Finding 2: each caveat beside the role it qualifies, on the outcome page and in the matrix.


@pytest.mark.parametrize(
    ("yours", "theirs", "your_note", "their_note"),
    [
        (
            "west-lindsey-district-council",
            "north-kesteven-district-council",
            "the 'Agency' column reads 'Cultural Development Team Leader'",
            "the 'Agency' column reads 'Head of Communities",
        ),
        (
            "childrens-services",
            "nhs-lincolnshire",
            "names only the 'Head of Service (North Kesteven)' for Children's Services",
            "NHS Lincolnshire belongs to NHS structures abolished in 2013",
        ),
    ],
    ids=["swapped rows", "one district and an abolished body"],
)
def test_caveats_sit_beside_the_role_they_qualify(client, yours, theirs, your_note, their_note):
    markup = page(client, answers.stage("lincolnshire", 3, agency=yours, other_agency=theirs))
    who, with_ = row(markup, "Who acts"), row(markup, "With")
    assert your_note in who and their_note not in who
    assert their_note in with_ and your_note not in with_
    assert "Note about the policy text:" in who


@pytest.mark.parametrize(
    ("agency", "note"),
    [
        ("nhs-lincolnshire", "NHS Lincolnshire belongs to NHS structures abolished in 2013"),
        ("lpct", "LPCT (apparently a primary care trust) belongs to NHS structures abolished"),
        ("strategic-health-authority", "Strategic Health Authorities were abolished in 2013"),
        ("west-lindsey-district-council", "In the source this row's columns are swapped"),
        ("childrens-services", "names only the 'Head of Service (North Kesteven)'"),
    ],
)
def test_the_role_matrix_row_carries_its_caveat(client, agency, note):
    markup = page(client, "/lincolnshire/roles/")
    assert note in section(markup, f"agency-{agency}")
    assert note in section(page(client, f"/lincolnshire/roles/{agency}/"), f"agency-{agency}")


def test_a_caveat_for_one_agency_is_not_shown_beside_another(client):
    markup = page(
        client,
        answers.stage(
            "lincolnshire", 3, agency="lincolnshire-police", other_agency="adult-safeguarding"
        ),
    )
    assert "abolished" not in row(markup, "Who acts") + row(markup, "With")
    assert "columns are swapped" not in shown_text(markup)


NOTICES = {
    "brent": "This policy's review date (December 2017) has passed.",
    "havering": "gives no date, version, author or review date",
    "staffordshire-stoke": "The document is undated and has no review date.",
    "lincolnshire": "This is one school's adopted copy (Welton St. Mary's",
}
DEEP = {
    "brent": [
        "/brent/",
        "/brent/procedure/",
        answers.stage("brent", 5),
        answers.path("brent", risk="no", concern="disagreement", progress="tried-5"),
    ],
    "havering": [
        "/havering/check/",
        answers.stage("havering", 4),
        answers.path("havering", risk="no", concern="conduct"),
    ],
    "staffordshire-stoke": [
        "/staffordshire-stoke/forms/formal-escalation/",
        answers.path("staffordshire-stoke", risk="yes"),
    ],
    "lincolnshire": [
        "/lincolnshire/roles/",
        "/lincolnshire/glossary/",
        answers.stage("lincolnshire", 3, agency="schools", other_agency="lincolnshire-police"),
    ],
}


@pytest.mark.parametrize(
    ("slug", "path"), [(slug, path) for slug, paths in DEEP.items() for path in paths]
)
def test_a_whole_policy_notice_is_a_banner_on_every_page_even_deep_links(client, slug, path):
    shown = banner(page(client, path))
    assert shown.startswith("About this policy")
    assert NOTICES[slug] in shown


@pytest.mark.parametrize(
    "path",
    [
        "/islington/",
        answers.stage("islington", 2, **POLICE_HEALTH_PLAN),
        answers.stage("brent", 5),
        "/",
        "/compare/",
    ],
)
def test_no_page_carries_another_partnerships_notice(client, path):
    markup = page(client, path)
    own = next((slug for slug in NOTICES if path.startswith(f"/{slug}/")), None)
    for slug, notice in NOTICES.items():
        if slug != own:
            assert notice not in shown_text(markup), (path, slug)


def test_the_notice_is_said_once_not_also_in_the_footnotes(client):
    markup = page(client, answers.stage("brent", 5))
    assert shown_text(markup).count("LSCBs were replaced in England") == 1


# Finding 7: after the last stage, what the policy says next (or that it says nothing), and
# where to turn, labelled as general advice.

GENERAL = "General advice, not from the {} policy:"


@pytest.mark.parametrize(
    ("path", "short"),
    [
        (answers.stage("islington", 5), "ISCP"),
        (answers.stage("havering", 4), "HSCB"),
        (
            answers.stage("lincolnshire", 4, variant="non-urgent", agency="schools"),
            "LSCP",
        ),
    ],
    ids=["Islington stage 5", "Havering stage 4", "Lincolnshire step 4 non-urgent"],
)
def test_the_last_stage_says_the_policy_is_silent_and_where_to_turn(client, path, short):
    shown = shown_text(page(client, path))
    after = shown[shown.index("If this does not resolve it") :]
    assert "it says nothing about what happens if this" in after
    assert "Where to turn if it is still not resolved" in after
    assert GENERAL.format(short) in after
    assert "describes nothing" not in shown


def test_the_last_stage_quotes_what_the_policy_says_next_where_it_does(client):
    path = answers.stage("staffordshire-stoke", 5, missing="yes")
    shown = shown_text(page(client, path))
    after = shown[shown.index("If this does not resolve it") :]
    assert "it shall be referred to an independent professional adviser" in after
    assert "says nothing about what happens" not in after
    assert GENERAL.format("Staffordshire and Stoke-on-Trent SCBs") in after


@pytest.mark.parametrize(
    ("path", "short"),
    [
        (answers.path("islington", risk="no", concern="disagreement", progress="tried-5"), "ISCP"),
        (answers.path("havering", risk="no", concern="disagreement", progress="tried-4"), "HSCB"),
        (
            answers.path("brent", risk="no", concern="disagreement", progress="tried-5"),
            "Brent LSCB",
        ),
    ],
)
def test_every_stage_tried_says_where_to_turn(client, path, short):
    shown = shown_text(page(client, path))
    assert "The policy says nothing about what happens if this stage does not resolve" in shown
    assert "Where to turn if it is still not resolved" in shown
    assert GENERAL.format(short) in shown
    assert "The policy describes nothing after this" not in shown


# Finding 7's other dead ends and stray text.

SECURELY = "THIS DOCUMENT MUST BE SENT SECURELY"


@pytest.mark.parametrize(
    "path",
    [
        answers.stage("staffordshire-stoke", 1),
        answers.stage(
            "staffordshire-stoke", 2, variant="line-manager", agency="police", other_agency="health"
        ),
        answers.path(
            "staffordshire-stoke",
            risk="no",
            concern="disagreement",
            progress="tried-1",
            variant="no-line-manager",
        ),
    ],
)
def test_a_forms_rule_is_not_shown_at_a_stage_that_uses_no_form(client, path):
    shown = shown_text(page(client, path))
    assert "Formal Escalation Form" not in shown.split("Form", 1)[0]
    assert SECURELY not in shown


def test_a_forms_rule_is_shown_at_a_stage_that_uses_the_form(client):
    shown = shown_text(page(client, stage("staffordshire-stoke", 3, missing="yes")))
    assert (
        f"“Working day does not include weekends” (Footnote 1) “{SECURELY}” (Appendix 1)" in shown
    )


@pytest.mark.parametrize("slug", ["brent", "havering", "staffordshire-stoke"])
def test_a_conduct_concern_where_the_policy_is_silent_names_the_lado_as_general_advice(
    client, slug
):
    shown = shown_text(page(client, answers.path(slug, risk="no", concern="conduct")))
    assert "The policy does not say where to take this." in shown
    assert "Local Authority Designated Officer (LADO)" in shown
    assert "General advice, not from the" in shown


def test_a_start_page_promises_no_emergency_route_the_policy_lacks(client):
    shown = shown_text(page(client, "/staffordshire-stoke/"))
    assert "policy gives no route of its own for a child at risk of immediate harm" in shown
    assert "the policy's emergency route" not in shown
