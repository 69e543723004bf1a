"""Questions for situations the policies provide for, and at most five of them to any outcome.

Staffordshire and Stoke-on-Trent's policy says what happens where an organisation has no
line manager (Stage 2 para 3, Footnote 2), no senior manager or Assistant Director tier
(Stage 2 NB) or no nominated Board representative (Stage 5 para 1): the first box of the
page, "What to do now", names the policy's fallback. It and Havering's Stage 4 (2.10 to
2.11) say who acts, with whom, and what to send to whom in the policy's words.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest
from answers import path, stage
from conftest import EVERY_FIELD, TODAY
from pages import read, text

from wizard.content import BUNDLED_SITE, Site, inspect_site, load_site
from wizard.core.engine import walk
from wizard.core.outcome import redundant_questions

STAFFS = "staffordshire-stoke"
MOST = 5


def first_box(client, url: str) -> dict[str, str]:
    """The rows of "What to do now", as a practitioner reads them: label to text."""
    response = client.get(url)
    assert response.status_code == 200, url
    tree = read(response.get_data(as_text=True))
    box = next(s for s in tree.iter("section") if s.get("aria-labelledby") == "now-heading")
    rows = [r for r in box.iter("div") if "govuk-summary-list__row" in (r.get("class") or "")]
    return {text(r.find("dt")): text(r.find("dd")) for r in rows}


def heading(client, url: str) -> str:
    tree = read(client.get(url).get_data(as_text=True))
    return text(next(tree.iter("h1")))


# --- finding 4: the first box for each situation ------------------------------------


@pytest.mark.parametrize(
    ("area", "contact", "other"),
    [
        ("staffordshire", "“their safeguarding contact within SCYVS” (Footnote 2)", "Designated"),
        ("stoke-on-trent", "“the Designated Lead for child protection” (Footnote 2)", "SCYVS"),
    ],
)
def test_without_a_line_manager_the_first_box_names_the_areas_contact(client, area, contact, other):
    box = first_box(client, stage(STAFFS, 2, variant="no-line-manager", area=area))
    assert box["Who acts"].startswith(contact)
    assert other not in box["Who acts"]


def test_without_a_line_manager_in_an_unknown_area_both_contacts_are_named_by_area(client):
    box = first_box(client, stage(STAFFS, 2, variant="no-line-manager", area="not-sure"))
    assert box["Who acts"] == (
        "In Staffordshire: “their safeguarding contact within SCYVS” (Footnote 2); "
        "In Stoke-on-Trent: “the Designated Lead for child protection” (Footnote 2)"
    )


@pytest.mark.parametrize(
    ("tried", "gone"), [(2, "no-senior-manager"), (3, "no-assistant-director")]
)
def test_without_a_senior_tier_the_worker_goes_to_their_board_representative(client, tried, gone):
    url = stage(STAFFS, tried + 1, missing=gone)
    assert heading(client, url).startswith("Go to Stage 5")
    box = first_box(client, url)
    assert box["Who acts"] == "“professionals” (Stage 2 NB)"
    assert box["With"].startswith("“their Board representative” (Stage 2 NB)")
    # Whether the agency has a representative was not asked: the fallback stands beside it.
    assert (
        "“If the agency does not have a nominated representative the matter must be referred "
        "to the relevant Safeguarding Children Board manager in Stoke-on-Trent or "
        "Staffordshire.” (Stage 5 para 1)" in box["With"]
    )
    assert box["Send"].startswith(
        "The completed LSCB ‘Formal Escalation’ form to the relevant LSCB manager (Stage 5 para 2)"
    )


def test_the_skipped_stages_are_explained_in_the_policys_words(client):
    tree = read(client.get(stage(STAFFS, 3, missing="no-senior-manager")).get_data(True))
    moved = text(next(d for d in tree.iter("div") if "app-moved" in (d.get("class") or "")))
    assert moved.startswith("You answered “No: my organisation has no senior manager")
    assert "as a minimum would have followed stage 1 and 2 before escalating to their Board " in (
        moved
    )


def test_stage_5_without_a_nominated_representative_refers_to_the_board_manager(client):
    box = first_box(client, stage(STAFFS, 5, missing="no-representative"))
    assert box["With"].startswith(
        "“the relevant Safeguarding Children Board manager in Stoke-on-Trent or Staffordshire” "
        "(Stage 5 para 1)"
    )
    assert "nominated SCB representative" not in box["With"]
    assert "manager" not in box["Also tell"]  # the referral is not a notification


def test_stage_5_the_worker_refers_to_the_representative_who_does_not_act(client):
    box = first_box(client, stage(STAFFS, 5, missing="yes"))
    assert box["Who acts"].startswith(
        "“their Assistant Director, or equivalent level in the organisation” (Stage 4 para 1)"
    )
    assert "does not say who refers the matter" in box["Who acts"]
    assert box["With"].startswith("“the nominated SCB representative for the agency")
    assert "If the agency does not have" not in box["With"]
    assert box["Send"].startswith(
        "The completed LSCB ‘Formal Escalation’ form to the relevant LSCB manager"
    )
    assert box["Also tell"] == "No one else is named at this stage."


def test_stage_5_not_sure_about_a_representative_shows_the_fallback_beside_them(client):
    box = first_box(client, stage(STAFFS, 5, missing="not-sure"))
    assert box["With"].startswith("“the nominated SCB representative for the agency")
    assert "“If the agency does not have a nominated representative" in box["With"]


def test_havering_stage_4_the_agency_refers_to_the_chair_and_emails_the_details(client):
    url = stage("havering", 4)
    box = first_box(client, url)
    assert box["Who acts"] == "“the concerned agency” (para 2.10)"
    assert box["With"].startswith("“the Chair of the HSCB” (para 2.10)")
    assert box["Send"].startswith(
        "The details of the dispute, by e-mail to alice.peatling@haverling.gov.uk (para 2.11): "
        "Draft the email to alice.peatling@haverling.gov.uk"
    )
    assert "'haverling' looks like a mistyping" in box["Send"]
    assert "alice.peatling" not in box["Also tell"]
    tree = read(client.get(url).get_data(True))
    draft = next(a for a in tree.iter("a") if text(a).startswith("Draft the email"))
    assert draft.get("href").startswith("mailto:alice.peatling@haverling.gov.uk?")


def test_the_missing_question_is_asked_only_at_the_stages_that_name_a_fallback(client):
    asked = {n: "missing" in {q.id for q, _ in _answered(client, STAFFS, n)} for n in (1, 3, 4, 5)}
    assert asked == {1: False, 3: True, 4: True, 5: True}
    for slug in ("islington", "brent", "havering", "lincolnshire"):
        p = client.application.extensions["site"].partnerships[slug]
        flow = client.application.extensions["site"].flow
        assert all(s.question is None or s.question.id != "missing" for s in walk(flow, p))


def _answered(client, slug: str, number: int):
    from wizard.core.engine import answer
    from wizard.core.flow import reaching

    site = client.application.extensions["site"]
    p = site.partnerships[slug]
    target = next(s for s in p.stages if s.number == number)
    state = answer(site.flow, p, {**reaching(p, target), "missing": "yes", "area": "not-sure"})
    return state.answered


def test_the_missing_question_reads_in_the_policys_words(client):
    url = path(STAFFS, risk="no", concern="disagreement", progress="tried-4")
    page = client.get(url).get_data(as_text=True)
    tree = read(page)
    assert heading(client, url) == (
        "Does your agency have a nominated representative on the Safeguarding Children Board?"
    )
    labels = [text(label) for label in tree.iter("label")]
    assert labels == [
        "Yes",
        "No: my agency does not have a nominated representative",
        "I'm not sure",
    ]


# --- finding 7: at most five questions to any outcome -------------------------------


@cache
def loaded(name: str) -> Site:
    """The bundled site or the every-field one, each loaded once per process when a test first asks.

    (Loaded while collecting, they cost every worker of every run two more loads of each.)
    """
    return load_site(BUNDLED_SITE if name == "bundled" else EVERY_FIELD, today=TODAY)


@pytest.mark.parametrize("name", ["bundled", "every-field"])
def test_no_outcome_takes_more_than_five_answers(name):
    site = loaded(name)
    longest = {
        (slug, " / ".join(q.id for q, _ in state.answered)): len(state.answered)
        for slug, p in site.partnerships.items()
        for state in walk(site.flow, p)
        if state.outcome is not None
    }
    assert max(longest.values()) <= MOST, [k for k, n in longest.items() if n > MOST]


@pytest.mark.parametrize("name", ["bundled", "every-field"])
def test_every_question_still_changes_the_page(name):
    site = loaded(name)
    for p in site.partnerships.values():
        assert [s.question.id for s in redundant_questions(site.flow, p)] == [], p.slug


def test_islington_asks_the_urgency_tier_in_the_first_question(client):
    tree = read(client.get(path("islington")).get_data(True))
    labels = [text(label) for label in tree.iter("label")]
    assert labels == [
        "Yes",
        "No immediate harm, but the child's safety is believed to be at risk",
        "No",
        "I'm not sure",
    ]
    url = stage("islington", 2, risk="at-risk", agency="police", other_agency="health")
    assert client.get(url).status_code == 200
    assert "within 24 hours" in first_box(client, url)["By when"]


def test_islington_stage_2_shows_the_cp_or_cla_duty_with_its_condition_unasked(client):
    url = stage("islington", 2, agency="police", other_agency="health")
    box = first_box(client, url)
    assert (
        "If the child is on a Child Protection Plan or Looked After: "
        "The relevant Child Protection Chair or Independent Reviewing Officer (para 3.11)"
    ) in box["Also tell"]
    tree = read(client.get(url).get_data(as_text=True))
    page = text(next(tree.iter("main")))
    assert (
        "If the case involves a child subject to a Child Protection Plan or a Child Looked After "
        "(CLA), the relevant Child Protection Chair or Independent Reviewing Officer must also "
        "be notified"
    ) in page


# --- check: the new fields, refused with file and line ------------------------------


def copied(tmp_path: Path, slug: str, old: str, new: str) -> Path:
    """A site of one bundled partnership, with `old` replaced once by `new` in its policy."""
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE / "policies" / slug, site / "policies" / slug)
    policy = site / "policies" / slug / "policy.md"
    body = policy.read_text()
    assert old in body, old
    policy.write_text(body.replace(old, new, 1))
    return site


def refused(site: Path) -> list[str]:
    _, problems = inspect_site(site, today=TODAY)
    return [p.render(site) for p in problems if not p.warning]


def line_of(site: Path, slug: str, words: str) -> int:
    lines = (site / "policies" / slug / "policy.md").read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if words in line)


def test_a_fallback_that_sends_the_worker_back_is_refused_at_its_line(tmp_path):
    site = copied(tmp_path, STAFFS, "to_stage: 5", "to_stage: 2")
    line = line_of(site, STAFFS, "to_stage: 2")
    assert refused(site) == [
        f"policies/{STAFFS}/policy.md:{line}: 'to_stage: 2' must be a later stage of this "
        "policy: 4, 5"
    ]


def test_a_stand_in_in_an_unknown_area_is_refused_at_its_line(tmp_path):
    site = copied(tmp_path, STAFFS, "area: stoke-on-trent\n    do:", "area: stoke\n    do:")
    line = next(
        i
        for i, text_ in enumerate((site / "policies" / STAFFS / "policy.md").open(), 1)
        if text_.strip() == "area: stoke"
    )
    [found] = refused(site)
    assert found.startswith(f"policies/{STAFFS}/policy.md:{line}: unknown area 'stoke'")


def test_an_absence_named_like_the_questions_own_answer_is_refused(tmp_path):
    site = copied(tmp_path, STAFFS, "id: no-representative", "id: not-sure")
    line = line_of(site, STAFFS, "id: not-sure")
    [found] = refused(site)
    assert found.startswith(f"policies/{STAFFS}/policy.md:")
    assert "the answer id 'not-sure' is used twice, or is one of the question's own" in found
    assert int(found.split(":")[1]) <= line


def test_a_tier_named_like_an_answer_to_the_first_question_is_refused(tmp_path):
    site = copied(tmp_path, "islington", "id: at-risk", "id: no")
    [found] = refused(site)
    assert found.startswith("policies/islington/policy.md:")
    assert "a tier's id 'no' is already an answer to the first question" in found
