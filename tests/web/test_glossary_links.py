"""Glossary terms link to their definition on first use, on every page, words unchanged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import answers
import pytest
from conftest import TODAY
from hypothesis import given
from hypothesis import strategies as st
from pages import PAGE_TYPES, POLICE_HEALTH_PLAN, ids, read, visible_text

from wizard.content import BUNDLED_SITE, inspect_site
from wizard.web.text.terms import Entry, Linker

ENTRIES = (
    Entry("lado", "LADO", "Local Authority Designated Officer"),
    Entry("cla", "CLA", "Child Looked After"),
    Entry("cp-plan", "CP Plan", "Child Protection Plan"),
    Entry("cp", "Child Protection"),
    Entry("threshold", "Threshold"),
    Entry("complaints", "Complaints"),
    Entry("lbi-csc-asc", "LBI CSC / ASC"),
)
LINKER = Linker(ENTRIES, "/g/")
TERM = re.compile(r'<a class="govuk-link app-term" href="([^"]*)">([^<]*)</a>')


def linked(html: str) -> list[tuple[str, str]]:
    """(term id, words) of each term link, in order."""
    return [(href.split("#term-")[1], words) for href, words in TERM.findall(html)]


def strip(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def test_only_the_first_use_of_a_term_is_linked():
    html = LINKER.link("<p>Ask the LADO. Then ask the LADO again.</p>")
    assert html == (
        '<p>Ask the <a class="govuk-link app-term" href="/g/#term-lado">LADO</a>. '
        "Then ask the LADO again.</p>"
    )


def test_what_a_term_stands_for_is_its_first_use_too():
    html = LINKER.link("<p>The Local Authority Designated Officer (LADO) decides.</p>")
    assert linked(html) == [("lado", "Local Authority Designated Officer")]


@pytest.mark.parametrize(
    "skipped",
    [
        "<h2>LADO</h2>",
        '<span class="govuk-caption-l">The LADO</span>',
        '<h3 class="govuk-heading-s">The LADO</h3>',
        '<a class="govuk-link" href="/x">LADO</a>',
        '<abbr title="Local Authority Designated Officer">LADO</abbr>',
        '<label class="govuk-label" for="a">LADO</label>',
        '<div class="govuk-hint" id="a-hint">The <strong>LADO</strong></div>',
        '<span class="govuk-visually-hidden">LADO</span>',
        '<p class="app-print-only">LADO</p>',
        "<p hidden>LADO</p>",
        '<p aria-hidden="true">LADO</p>',
        "<details><summary>LADO</summary></details>",
        '<svg viewBox="0 0 1 1"><text x="0" y="0">LADO</text></svg>',
        '<div class="app-flowchart"><div><svg><text>LADO</text></svg></div></div>',
        "<!-- LADO -->",
        '<p title="LADO">x</p>',
        '<a href="mailto:x?subject=LADO%20case">write</a>',
    ],
)
def test_never_inside_headings_links_abbr_forms_hidden_text_or_tags(skipped):
    html = LINKER.link(f"{skipped}<p>Then the LADO.</p>")
    assert (
        html
        == f'{skipped}<p>Then the <a class="govuk-link app-term" href="/g/#term-lado">LADO</a>.</p>'
    )


def test_a_skipped_element_ends_where_it_ends_even_when_nested():
    html = LINKER.link(
        '<div class="govuk-hint"><div>CLA</div> CLA</div><div>the CLA</div><p>LADO</p>'
    )
    assert linked(html) == [("cla", "CLA"), ("lado", "LADO")]
    assert html.index("term-cla") > html.index("the ")


def test_a_term_an_author_linked_counts_as_used():
    html = LINKER.link(
        '<p><a class="govuk-link" href="/islington/glossary/#term-cla">Looked After</a>, a CLA.</p>'
    )
    assert linked(html) == []


def test_capitals_matter_for_acronyms_not_for_words():
    html = LINKER.link("<p>Clause, cla and Cla are not CLA; thresholds and THRESHOLD are.</p>")
    assert linked(html) == [("cla", "CLA"), ("threshold", "thresholds")]


def test_whole_words_only():
    html = LINKER.link("<p>LADOs, pre-LADO, LADO-led, MY_LADO and XLADO; complaint.</p>")
    assert linked(html) == [("lado", "LADOs"), ("complaints", "complaint")]


def test_words_across_a_line_break_and_the_longest_first():
    html = LINKER.link("<p>A Child\nProtection Plan, then Child Protection alone.</p>")
    assert linked(html) == [("cp-plan", "Child\nProtection Plan"), ("cp", "Child Protection")]
    html = LINKER.link("<p>LBI CSC / ASC</p>")
    assert linked(html) == [("lbi-csc-asc", "LBI CSC / ASC")]


def test_an_earlier_entry_keeps_its_words():
    own = Linker([Entry("lado", "LADO"), Entry("general-lado", "LADO", "Designated")], "/g/")
    assert linked(own.link("<p>LADO, Designated</p>")) == [
        ("lado", "LADO"),
        ("general-lado", "Designated"),
    ]


def test_a_page_without_terms_is_returned_as_it_is():
    html = "<p>Nothing to see.</p>"
    assert LINKER.link(html) is html
    assert Linker([], "/g/").link("<p>LADO</p>") == "<p>LADO</p>"


text_parts = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "LADO",
                "CLA",
                "Child Protection Plan",
                "threshold",
                "<h2>",
                "</h2>",
                "<p>",
                "</p>",
                '<a href="/x">',
                "</a>",
                " ",
                "\n",
                ", ",
                "Complaints",
                "&amp;",
                "-",
            ]
        ),
        st.text(alphabet="abcLADOCP ", max_size=6),
    ),
    max_size=30,
)


@given(text_parts)
def test_linking_never_changes_the_words(parts):
    html = "".join(parts)
    out = LINKER.link(html)
    assert strip(out) == strip(html)
    seen = [term for term, _ in linked(out)]
    assert len(seen) == len(set(seen))


# On the app's pages


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_each_term_is_linked_once_a_page_and_lands_on_its_definition(client, name):
    html = client.get(PAGE_TYPES[name]).get_data(True)
    found = TERM.findall(html)
    terms = [href.split("#")[1] for href, _ in found]
    assert len(terms) == len(set(terms)), name
    for href, _ in found:
        page, anchor = href.split("#")
        assert anchor in ids(client.get(page).get_data(True)), href


def test_a_partnerships_pages_link_to_its_own_glossary_others_to_the_general(client):
    html = client.get(answers.stage("islington", 2, **POLICE_HEALTH_PLAN)).get_data(True)
    hrefs = [href for href, _ in TERM.findall(html)]
    assert hrefs and all(h.startswith("/islington/glossary/#term-") for h in hrefs)
    # Islington's own definitions are linked on its pages: LBI CSC / ASC from its role table
    assert "/islington/glossary/#term-lbi-csc-asc" in hrefs
    html = client.get("/compare/islington/lincolnshire/").get_data(True)
    hrefs = [href for href, _ in TERM.findall(html)]
    assert hrefs and all(h.startswith("/glossary/#term-") for h in hrefs)


def test_quoted_policy_words_stay_as_written(client, site):
    html = client.get(answers.stage("islington", 2, **POLICE_HEALTH_PLAN)).get_data(True)
    assert "“If the case involves a child subject to a" in visible_text(html)
    assert '<a class="govuk-link app-term" href="/islington/glossary/#term-cla">' in html
    assert site.partnerships["islington"].stages[1].notify[0].says in visible_text(html)


def test_the_procedure_links_terms_in_the_policys_own_text(client):
    html = client.get("/islington/procedure/").get_data(True)
    found = {words: href for href, words in TERM.findall(html)}
    assert found["LADO"] == "/islington/glossary/#term-lado"
    tree = read(html)
    for heading in (e for e in tree.iter() if e.tag in ("h1", "h2", "h3", "h4")):
        assert not [a for a in heading.iter("a") if "app-term" in (a.get("class") or "")]


@pytest.mark.parametrize("url", ["/glossary/", "/islington/glossary/"])
def test_a_glossary_page_does_not_link_its_terms_to_itself(client, url):
    assert TERM.findall(client.get(url).get_data(True)) == []


def test_check_rejects_a_glossary_link_to_an_undefined_term_on_a_content_page(tmp_path: Path):
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", tmp_path / "policies" / "brent")
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "help.md"
    page.write_text(
        "---\ntitle: Help\nsummary: Help.\n---\n\nAsk the [designated officer](glossary:lado).\n"
        "Or the [named nurse](glossary:named-nurse).\n"
    )
    _, problems = inspect_site(tmp_path, TODAY)
    errors = [p.render(tmp_path) for p in problems if not p.warning]
    assert len(errors) == 1, errors
    assert errors[0].startswith(
        "content/help.md:7: the glossary link 'glossary:named-nurse' names a term the glossary "
        "does not define"
    )
