"""Every page type over HTTP: structure, navigation, errors."""

from __future__ import annotations

import re

import answers
import bundled
import pytest
from pages import PAGE_TYPES, POLICE_HEALTH_PLAN, h1s, ids, links, parse, read, title, visible_text

from wizard.content import anchor_id
from wizard.core.engine import OutcomeKind, walk
from wizard.core.flow import absence


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_has_one_h1_and_a_title_that_starts_with_it(client, name):
    response = client.get(PAGE_TYPES[name])
    assert response.status_code == (404 if name == "not found" else 200)
    markup = response.get_data(as_text=True)
    headings = h1s(markup)
    assert len(headings) == 1, headings
    page_title = title(markup).removeprefix("Error: ")
    assert page_title.startswith(headings[0])


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_is_well_formed_html(client, name):
    _, errors = parse(client.get(PAGE_TYPES[name]).get_data(as_text=True))
    assert errors == []


@pytest.mark.parametrize("name", ["question", "emergency", "exit", "stage", "procedure", "start"])
def test_back_link_where_one_belongs(client, name):
    markup = client.get(PAGE_TYPES[name]).get_data(as_text=True)
    assert 'class="govuk-back-link"' in markup


def test_single_partnership_site_goes_straight_to_it(tmp_path):
    app = bundled.app(PARTNERSHIPS=["brent"])
    response = app.test_client().get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/brent/"
    assert len(bundled.site().partnerships) == 5  # the shared site keeps every partnership


def test_empty_answer_shows_an_error_summary_linked_to_the_field(client):
    markup = client.get("/islington/check/?answer=").get_data(as_text=True)
    assert title(markup).startswith("Error: ")
    assert "There is a problem" in markup
    assert 'href="#answer"' in markup and 'id="answer"' in markup
    assert "Select whether a child is at risk of immediate harm" in visible_text(markup)


def test_answer_redirects_to_the_stable_path(client):
    response = client.get(answers.path("islington", risk="no") + "?answer=disagreement")
    assert response.status_code == 302
    assert response.headers["Location"] == answers.path(
        "islington", risk="no", concern="disagreement"
    )


def test_tampered_answer_is_an_error_not_a_crash(client):
    response = client.get("/islington/check/?answer=<script>")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/nowhere/",
        "/islington/check/maybe/",
        answers.path("islington", risk="no", concern="disagreement") + "tried-99/",
        answers.path("islington", risk="no", concern="conduct") + "extra/",
        "/islington/check/no//disagreement/",  # malformed on purpose
        "/islington/procedure/extra/",
        "/pages/none/",
        "/islington/check/%00/",
        answers.stage("islington", 2, **POLICE_HEALTH_PLAN) + "more/",
    ],
)
def test_bad_paths_are_helpful_404s(client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404
    markup = response.get_data(as_text=True)
    assert "Page not found" in markup and "/islington/" in links(markup)


def test_skipped_question_is_404(client):
    # Agency answers without the progress answer before them do not fit the tree.
    skipped = answers.path("islington", risk="no", concern="disagreement") + "police/"
    assert client.get(skipped).status_code == 404


@pytest.fixture(scope="session")
def every_page(site) -> dict[str, dict[tuple[str, ...], tuple]]:
    """Every reachable state of every partnership, rendered once: slug -> segments -> page."""
    rendered: dict[str, dict[tuple[str, ...], tuple]] = {}
    for slug, p in site.partnerships.items():
        rendered[slug] = {}
        for state in walk(site.flow, p):
            path = "/" + "/".join((slug, "check", *state.segments)) + "/"
            rendered[slug][state.segments] = (state, *bundled.page(path))
    return rendered


SLUGS = ["islington", "brent", "staffordshire-stoke", "lincolnshire", "havering"]


@pytest.mark.slow
@pytest.mark.xdist_group("every-page")
@pytest.mark.parametrize("slug", SLUGS)
def test_every_reachable_path_renders_with_its_facts(every_page, site, slug):
    p = site.partnerships[slug]
    anchors = {anchor_id(label) for label in site.procedures[slug].anchors}
    outcomes = 0
    for segments, (state, status, markup) in every_page[slug].items():
        assert status == 200, segments
        if state.outcome and state.outcome.kind is OutcomeKind.STAGE:
            outcomes += 1
            tree = read(markup)  # parsed once for both checks
            stage = state.outcome.stage
            heading = " ".join("".join(tree.find(".//h1").itertext()).split())
            assert f"{p.partnership.stage_word} {stage.number}: {stage.title}" in heading
            # Who acts: the stage's own, or who the policy names where someone is missing.
            gone = absence(state.partnership, state.answers)
            who = [f.cite for f in gone.who] if gone and gone.who else [stage.who.cite]
            for cite in [t.cite for t in stage.timescales] + who:
                assert f"#{anchor_id(cite)}" in markup
            hrefs = [a.get("href") for a in tree.iter("a") if a.get("href")]
            cited = {href.split("#")[1] for href in hrefs if "/procedure/#" in href}
            assert cited <= anchors, cited - anchors
    assert outcomes >= len(p.stages)


ANSWERS = re.compile(r"Your answers .*?Start again", re.S)


def page_text(markup: str) -> str:
    """What the page says, without the list of answers given (which always differs)."""
    main = markup[markup.index("<main") : markup.index("</main>")]
    return ANSWERS.sub("", visible_text(main))


@pytest.mark.slow
@pytest.mark.xdist_group("every-page")
@pytest.mark.parametrize("slug", SLUGS)
def test_every_question_asked_changes_the_page_that_follows(every_page, slug):
    pages = every_page[slug]
    texts: dict[tuple[str, ...], frozenset[str]] = {}

    def below(segments):  # the texts of every outcome page under these answers
        if segments not in texts:
            state, _, markup = pages[segments]
            if state.question is None:
                texts[segments] = frozenset({page_text(markup)})
            else:
                children = (below((*segments, o.slug)) for o in state.question.options)
                texts[segments] = frozenset().union(*children)
        return texts[segments]

    asked = 0
    for segments, (state, _, _) in pages.items():
        if state.question is not None:
            asked += 1
            subtrees = {below((*segments, o.slug)) for o in state.question.options}
            assert len(subtrees) >= 2, f"'{state.question.id}' changes nothing after {segments}"
    assert asked >= 3


def test_citations_link_to_anchors_that_exist(client, site):
    procedure = client.get("/islington/procedure/").get_data(as_text=True)
    present = set(ids(procedure))
    for label in site.procedures["islington"].anchors:
        assert anchor_id(label) in present


def test_facts_stay_in_their_own_partnership(client, site):
    others = [p for p in site.partnerships.values() if p.slug != "islington"]
    markup = client.get(PAGE_TYPES["stage"]).get_data(as_text=True)
    for other in others:
        assert other.partnership.name not in markup
    assert "Detective Sergeant" in markup


# Islington Stage 2, its progress question, and the answers after it carried by a Change link.
STAGE_2 = answers.stage("islington", 2, **POLICE_HEALTH_PLAN)
PROGRESS = answers.path("islington", risk="no", concern="disagreement")
TRIED_1 = answers.path("islington", risk="no", concern="disagreement", progress="tried-1")
LATER = STAGE_2.removeprefix(TRIED_1).strip("/")
# Staffordshire Stage 5 without a nominated representative, and its progress question.
STAFFS = answers.path("staffordshire-stoke", risk="no", concern="disagreement")
STAFFS_TRIED_4 = answers.path(
    "staffordshire-stoke", risk="no", concern="disagreement", progress="tried-4"
)
NO_REPRESENTATIVE = (
    answers.stage("staffordshire-stoke", 5, missing="no-representative")
    .removeprefix(STAFFS_TRIED_4)
    .strip("/")
)


def test_change_link_carries_the_old_answer_and_the_later_ones(client):
    page = client.get(STAGE_2)
    assert f'href="{PROGRESS}?change=tried-1&amp;then={LATER}"' in page.get_data(as_text=True)
    question = client.get(f"{PROGRESS}?change=tried-1&then={LATER}")
    tree = read(question.get_data(as_text=True))
    checked = [i.get("value") for i in tree.iter("input") if i.get("checked") is not None]
    assert checked == ["tried-1"]
    hidden = [i.get("value") for i in tree.iter("input") if i.get("name") == "then"]
    assert hidden == [LATER]


@pytest.mark.parametrize(
    ("base", "then", "answer", "lands_on"),
    [
        (PROGRESS, LATER, "tried-2", answers.stage("islington", 3, **POLICE_HEALTH_PLAN)),
        # Stage 4 asks about no representative on the Board: the answer is dropped.
        (
            STAFFS,
            NO_REPRESENTATIVE,
            "tried-3",
            answers.path(
                "staffordshire-stoke", risk="no", concern="disagreement", progress="tried-3"
            ),
        ),
        # Every stage tried: the later answers no longer apply at all.
        (
            PROGRESS,
            LATER,
            "tried-5",
            answers.path("islington", risk="no", concern="disagreement", progress="tried-5"),
        ),
    ],
)
def test_a_changed_answer_keeps_every_later_answer_that_still_fits(
    client, base, then, answer, lands_on
):
    response = client.get(base, query_string={"answer": answer, "continue": "1", "then": then})
    assert response.status_code == 302 and response.headers["Location"] == lands_on


def test_a_silent_policy_still_names_the_lado_route_as_general_advice(client):
    page = visible_text(
        client.get(answers.path("brent", risk="no", concern="conduct")).get_data(as_text=True)
    )
    assert "The policy does not say where to take this." in page
    assert "Local Authority Designated Officer (LADO)" in page
    assert "General advice, not from the Brent LSCB policy." in page


def test_whistleblowing_advice_never_routes_through_the_line_manager(client):
    page = visible_text(
        client.get(answers.path("brent", risk="no", concern="whistleblowing")).get_data(
            as_text=True
        )
    )
    assert "whistleblowing procedure" in page
    assert "ask your line manager" not in page.lower()
