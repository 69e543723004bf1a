"""What a screen reader meets, over HTTP: the h1 first, headings in order, every link named,
real headings where text acts as one, and no file the stylesheets point at missing."""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import urljoin

import pytest
from pages import MORE_PAGES, PAGE_TYPES, bold_lines, empty_links, headings, read

PAGES = {**PAGE_TYPES, **MORE_PAGES}


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == (404 if path == PAGE_TYPES["not found"] else 200), path
    return response.get_data(as_text=True)


@pytest.mark.parametrize("name", PAGES)
def test_the_h1_comes_first_in_main_and_no_heading_level_is_skipped(client, name):
    found = headings(get(client, PAGES[name]))
    assert found and found[0][0] == 1, found[:2]
    skipped = [(a, b) for a, b in pairwise(found) if b[0] > a[0] + 1]
    assert skipped == []


def test_the_policy_banner_follows_the_h1(client):
    found = headings(get(client, "/staffordshire-stoke/flowchart/"))
    assert [level for level, _ in found[:2]] == [1, 2]
    assert found[1][1] == "About this policy"


def test_on_a_question_the_policy_banner_follows_the_form(client):
    markup = get(client, PAGE_TYPES["long question"])
    assert markup.index("</form>") < markup.index("About this policy")
    assert headings(markup)[0] == (1, "Which agency are you in?")


@pytest.mark.parametrize("name", PAGES)
def test_every_link_has_a_name(client, name):
    assert empty_links(get(client, PAGES[name])) == []


def test_the_date_forms_error_summary_has_no_link_until_there_is_an_error(client):
    tree = read(get(client, PAGE_TYPES["stage"]))
    [summary] = tree.findall(".//*[@data-error-summary]")
    assert summary.get("hidden") is not None
    assert summary.findall(".//a") == []


@pytest.mark.parametrize("name", PAGES)
def test_no_bold_line_stands_in_for_a_heading(client, name):
    assert bold_lines(get(client, PAGES[name])) == []


def test_compare_names_each_partnerships_stage_in_a_heading(client):
    found = headings(get(client, PAGE_TYPES["compare"]))
    side_headings = [words for level, words in found if level == 3]
    assert len(side_headings) == 2 * len([1 for level, _ in found if level == 2])
    assert "LSCP Step 1: Direct professional to Professional Discussion" in side_headings
    assert (
        "Staffordshire and Stoke-on-Trent SCBs Stage 1: Raise the matter with your fellow "
        "professional" in side_headings
    )


def test_a_flowchart_boxs_title_is_a_heading_in_the_procedure(client):
    found = headings(get(client, MORE_PAGES["procedure with a flowchart"]))
    titled = [level for level, words in found if words == "Stage 5"]
    assert len(titled) == 3  # Stage 5 in the text, and the flowchart's two Stage 5 boxes


def stylesheets(markup: str) -> list[str]:
    tree = read(markup)
    return [e.get("href") for e in tree.iter("link") if e.get("rel") == "stylesheet"]


def test_every_file_the_stylesheets_point_at_is_there(client):
    sheets = stylesheets(get(client, PAGE_TYPES["start"]))
    assert len(sheets) == 2  # the service's and the partnership's colours
    missing = []
    for sheet in sheets:
        for ref in re.findall(r"""url\(\s*["']?([^"')]+)""", get(client, sheet)):
            address = urljoin(sheet, ref.strip())
            if not ref.startswith("data:") and client.get(address).status_code != 200:
                missing.append(address)
    assert missing == []


def test_the_check_reads_a_heading_off_a_bold_line_but_not_off_a_bold_sentence():
    markup = (
        '<p class="govuk-body"><strong>Stage 1</strong></p>'
        "<div><strong>Immediately</strong></div>"
        "<p><strong>Record every decision in writing.</strong></p>"
        "<p><strong>Who:</strong> the line manager</p>"
    )
    assert bold_lines(markup) == ["Stage 1", "Immediately"]
