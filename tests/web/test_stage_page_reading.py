"""Issue 24: a stage outcome read as a worker reads it, through HTTP.

Every quote and every note once; the one next deadline chosen from what the worker told us;
dates that count only from what the policy names; the policy's rule for how to escalate in
the first box. Pages are reached through tests/answers.py and tests/stagepages.py, never by a
typed answer path. The first screen on a phone is in tests/browser/test_first_screen_on_a_phone.py.
"""

from __future__ import annotations

import re
from html import unescape

import bundled
import pytest
from answers import stage
from lxml.etree import tostring
from pages import read, repeated_sentences, shown_text, text
from stagepages import every_stage_outcome, one_of_each_kind

# --- Reading helpers


def html(client, path: str, **form: str) -> str:
    response = client.post(path, data=form) if form else client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def main_of(markup: str):
    return read(markup).find(".//main")


def row(markup: str, key: str) -> str:
    """The text of the first box's row a person reads under `key` ('By when')."""
    for div in main_of(markup).iter("div"):
        if "govuk-summary-list__row" not in (div.get("class") or ""):
            continue
        if [dt for dt in div.iter("dt") if text(dt) == key]:
            dd = tostring(next(div.iter("dd")), encoding="unicode", method="html")
            return re.sub(r" ([,.:;])", r"\1", " ".join(shown_text(dd).split()))
    raise AssertionError(f"no row {key!r}")


def box(markup: str) -> str:
    """The text of 'What to do now'."""
    found = [s for s in main_of(markup).iter("section") if "app-now" in (s.get("class") or "")]
    return text(found[0])


def unfolded(markup: str) -> str:
    """What `<main>` shows before anything folded is opened (hidden elements left out)."""
    main = main_of(markup)
    for details in list(main.iter("details")):
        for child in list(details):
            if child.tag != "summary":
                details.remove(child)
    return shown_text(tostring(main, encoding="unicode", method="html"))


CITE = re.compile(r'“([^“”]*)”\s*<a class="govuk-link app-cite" href="([^"]*)"')
TAGS = re.compile(r"<[^>]+>")


def quotations(markup: str) -> list[tuple[str, str]]:
    """Every quotation in `<main>` with the paragraph it cites: inline and block quotes, and the
    paragraphs "more from the policy" quotes whole."""
    start, end = markup.index("<main"), markup.index("</main>")
    found = [(unescape(TAGS.sub("", q)), href) for q, href in CITE.findall(markup[start:end])]
    for block in main_of(markup).iter("blockquote"):
        links = [a for a in block.iter("a") if "app-cite" in (a.get("class") or "")]
        if links and "“" not in text(block):
            found.append((text(block).replace(text(links[-1]), ""), links[-1].get("href")))
    return found


QUOTE_WORD = re.compile(r"[\w']+")


def words(quote: str) -> list[str]:
    return QUOTE_WORD.findall(quote.lower().replace("’", "'"))


def shared_run(a: str, b: str, n: int = 6) -> str | None:
    """A run of `n` words two quotations both give, if any."""
    said, again = words(a), words(b)
    runs = {tuple(said[i : i + n]) for i in range(len(said) - n + 1)}
    found = [tuple(again[i : i + n]) for i in range(len(again) - n + 1)]
    return next((" ".join(r) for r in found if r in runs), None)


def quoted_twice(markup: str) -> list[str]:
    """Paragraphs whose words two quotations on the page give, with the words."""
    by_paragraph: dict[str, list[str]] = {}
    for quote, href in quotations(markup):
        by_paragraph.setdefault(href, []).append(quote)
    found = []
    for href, quotes in by_paragraph.items():
        for i, a in enumerate(quotes):
            for b in quotes[i + 1 :]:
                if run := shared_run(a, b):
                    found.append(f"{href}: “{run}”")
    return found


# --- Whole pages: every stage outcome of every partnership


def problems(markup: str) -> list[str]:
    found = [f"repeated {n}x: {s}" for s, n in repeated_sentences(markup).items()]
    return found + [f"quoted twice: {q}" for q in quoted_twice(markup)]


def test_one_page_of_each_kind_says_each_sentence_and_quotes_each_paragraph_once(client):
    """Every stage and route of every partnership (tests/stagepages.py's kinds)."""
    found = {o.path: problems(html(client, o.path)) for o in one_of_each_kind()}
    assert {path: p for path, p in found.items() if p} == {}


def served(path: str) -> str:
    """The page the shared app serves, rendered once for every test that reads every page."""
    status, markup = bundled.page(path)
    assert status == 200, path
    return markup


@pytest.mark.slow
@pytest.mark.xdist_group("every-page")
def test_every_stage_outcome_says_each_sentence_and_quotes_each_paragraph_once():
    found = {o.path: problems(served(o.path)) for o in every_stage_outcome()}
    assert {path: p for path, p in found.items() if p} == {}


def test_the_checks_catch_a_sentence_and_a_paragraph_said_twice():
    """The rules above can fail: a page that says a sentence and a paragraph twice."""
    para = '<a class="govuk-link app-cite" href="/x/procedure/#p-3-4">(para 3.4)</a>'
    said = "Disputes should be handled openly and efficiently with all relevant issues."
    again = "“handled openly and efficiently with all relevant issues”"
    page = f"<main><p>“{said}” {para}</p><p>{said}</p><p>{again} {para}</p></main>"
    assert repeated_sentences(page)
    assert quoted_twice(page)


# --- Finding 1: built for reading, in order; more from the policy folded


ISLINGTON_2 = {"agency": "police", "other_agency": "health"}


def test_the_page_reads_in_order_what_to_do_why_later_stages_then_more(client):
    markup = html(client, stage("islington", 2, **ISLINGTON_2))
    order = [
        "What to do now",
        "What the policy says",
        "Your escalation plan",
        "More from the policy",
    ]
    shown = unfolded(markup)
    assert [shown.index(h) for h in order] == sorted(shown.index(h) for h in order)


def test_the_general_paragraphs_are_folded_under_more_from_the_policy(client):
    markup = html(client, stage("islington", 2, **ISLINGTON_2))
    general = "The safety of individual children and focus on children are the paramount"
    assert general in shown_text(markup)  # on the page, for whoever opens it
    assert general not in unfolded(markup)  # but not standing on every stage page


def test_more_from_the_policy_quotes_only_what_the_page_does_not(client):
    # The at-risk rule quotes the end of 3.4 among the rules: "more" gives the rest of it.
    markup = html(client, stage("islington", 2, **ISLINGTON_2))
    more = text(next(d for d in main_of(markup).iter("details") if d.get("id") == "more"))
    assert "Disputes should be handled openly and efficiently" in more
    assert "resolution of these issues be achieved within one week or less" in more
    rule = "the issue should be escalated to the next level within 24 hours"
    assert shown_text(markup).count(rule) == 1


# --- Finding 2: each note once, beside its first mention; later mentions link to it


STAFFS_5 = {"missing": "yes", "area": "staffordshire"}


@pytest.mark.parametrize(
    "slug, number, more, caveat",
    [
        ("brent", 5, {}, "in 2019: this Board may no longer exist."),
        ("staffordshire-stoke", 5, STAFFS_5, "from 2019: this Board may no longer exist."),
        ("havering", 4, {}, "in 2019: the HSCB may no longer exist."),
    ],
    ids=["brent", "staffordshire", "havering"],
)
def test_the_board_may_no_longer_exist_is_said_once_and_linked_after(
    client, slug, number, more, caveat
):
    markup = html(client, stage(slug, number, **more))
    shown = shown_text(markup)
    assert shown.count(caveat) == 1
    if "See note above" in shown:  # every later mention links to it
        notes = [e for e in main_of(markup).iter() if "app-note-beside" in (e.get("class") or "")]
        note = next(e for e in notes if caveat in text(e))
        hrefs = [a.get("href") for a in main_of(markup).iter("a") if text(a) == "See note above"]
        assert f"#{note.get('id')}" in hrefs


def test_the_school_contact_note_stands_once_in_the_first_box(client):
    markup = html(client, stage("lincolnshire", 3, agency="schools", other_agency="schools"))
    note = "Keeping Children Safe in Education"
    assert box(markup).count(note) == 1
    assert shown_text(markup).count(note) == 1


def test_the_swapped_columns_note_stands_once(client):
    both = {
        "agency": "west-lindsey-district-council",
        "other_agency": "west-lindsey-district-council",
    }
    markup = html(client, stage("lincolnshire", 3, **both))
    assert shown_text(markup).count("this row's columns are swapped") == 1


def test_each_deadline_is_printed_once(client):
    markup = html(client, stage("islington", 2, **ISLINGTON_2))
    shown = shown_text(markup)
    assert shown.count("by the end of Monday 30 November 2026 (within 5 working days)") == 1


# --- Finding 3 and Deliver 2: the next deadline, chosen from what the worker told us


def test_after_stage_1_islington_stage_2_leads_with_its_own_clock_not_the_referral(client):
    when = row(html(client, stage("islington", 2, **ISLINGTON_2)), "By when")
    assert when.startswith(
        "Reach a resolution, or escalate further: by the end of Monday 30 November 2026 "
        "(within 5 working days)"
    )
    assert "Refer the problem" not in when


def test_immediately_is_shown_with_the_dated_clock_after_it(client):
    police = {"agency": "lincolnshire-police", "other_agency": "lincolnshire-police"}
    when = row(html(client, stage("lincolnshire", 3, **police)), "By when")
    assert when.startswith("Contact your agency's Senior Liaison Officer (SLO): immediately")
    then = when[when.index("Then: A mutually agreeable plan of action in place:") :]
    assert "by the end of Tuesday 24 November 2026 (within 48 hours)" in then
    assert "by the end of Wednesday 25 November 2026 (within 2 working days)" in then


@pytest.mark.parametrize("slug", ["brent", "havering"])
def test_a_first_stage_with_no_clock_of_its_own_shows_the_whole_procedure_clock(client, slug):
    when = row(html(client, stage(slug, 1)), "By when")
    assert "gives no date of its own. The policy's timescale for the whole procedure:" in when
    assert (
        "Attempt to resolve differences through discussion: by the end of Monday 30 November "
        "2026 (within 1 working week)"
    ) in when


@pytest.mark.parametrize("slug", ["brent", "havering"])
def test_only_a_first_stage_says_its_start_counts_where_only_the_whole_procedure_has_a_clock(
    client, slug
):
    """Past the first stage that week runs from when the disagreement began, not this stage."""
    first, later = html(client, stage(slug, 1)), html(client, stage(slug, 2))
    assert "when this stage started" in row(first, "Counted from")
    assert "It counts from the date the disagreement began" in row(later, "By when")
    assert "Counted from" not in box(later) and "when this stage started" not in box(later)


def test_brents_week_is_labelled_and_quoted_in_its_own_words(client):
    markup = html(client, stage("brent", 3))
    assert "ONE WORKING WEEK" in shown_text(markup)  # 2.1, word for word


def test_the_route_without_a_line_manager_says_it_has_no_timescale_and_why(client):
    more = {"variant": "no-line-manager", "area": "staffordshire"}
    when = row(html(client, stage("staffordshire-stoke", 2, **more)), "By when")
    markup = html(client, stage("staffordshire-stoke", 2, **more))
    assert when.startswith("The policy gives no timescale for this stage.")
    about = row(markup, "About this timescale")  # beside it, in the first box
    assert "The 1 working day timescales in paragraphs 1 and 4 of Stage 2" in about


def test_staffordshire_stage_5_lists_its_readings_apart_with_the_reason_beside_them(client):
    markup = html(client, stage("staffordshire-stoke", 5, **STAFFS_5))
    when = row(markup, "By when")
    assert "(within 2 working days) (Flowchart Stage 5 (first box))" in when
    assert "(within 72 hours) (Flowchart Stage 5 (second box))" in when
    about = row(markup, "About this timescale")  # beside it, in the first box, not folded
    assert "the flowchart has two different Stage 5 boxes" in about
    lists = [ol for ol in main_of(markup).iter("ol") if ol.get("data-group")]
    assert len(list(lists[0].iter("li"))) == 2


# --- Finding 5: the policy's rule for how to escalate, in the first box


def test_lincolnshires_rule_for_how_to_escalate_is_in_the_first_box(client):
    markup = html(client, stage("lincolnshire", 1, agency="schools"))
    how = row(markup, "How")
    assert "Escalation can be via telephone, face-to-face or internet meeting." in how
    assert "Escalation via email is not recommended" in how
    first = box(markup)
    assert first.index("Escalation can be via telephone") < first.index("Keeping Children Safe")
    assert "Rules that apply" not in unfolded(markup)


# --- Finding 6 and Deliver 4: dates count only from what the policy names


STARTED = {"day": "21", "month": "12", "year": "2026"}
BEGAN = {"disagreement-day": "14", "disagreement-month": "12", "disagreement-year": "2026"}


def test_the_whole_procedure_is_never_counted_from_a_later_stages_start(client):
    markup = html(client, stage("islington", 2, **ISLINGTON_2), **STARTED)
    shown = shown_text(markup)
    assert "Monday 28 December 2026" not in shown  # a bank holiday, a week after the start
    assert "It counts from the date the disagreement began: give that date below." in shown


def test_the_whole_procedure_counts_from_the_date_the_disagreement_began(client):
    markup = html(client, stage("islington", 2, **ISLINGTON_2), **STARTED, **BEGAN)
    assert (
        "Resolve the disagreement: by the end of Monday 21 December 2026 (within 1 week)"
        in shown_text(markup)
    )


def test_a_later_stage_in_the_plan_says_what_it_is_counted_from(client):
    shown = shown_text(html(client, stage("islington", 2, **ISLINGTON_2)))
    assert "From the end of Monday 30 November 2026, when Stage 2 runs out" in shown
    assert "Each later stage starts when the one before runs out." in shown


def test_the_time_field_is_empty_and_its_hint_says_what_that_means(client):
    markup = html(client, stage("islington", 2, **ISLINGTON_2))
    clock = next(i for i in main_of(markup).iter("input") if i.get("id") == "clock")
    assert not clock.get("value")
    assert "Leave it empty to count from the start of the day." in shown_text(markup)
