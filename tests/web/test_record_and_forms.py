"""The escalation record, the partnership's forms and the drafted notification emails."""

from __future__ import annotations

import re
from io import BytesIO
from urllib.parse import unquote

import answers
import bundled
import docx
import pytest
from pages import PAGE_TYPES, POLICE_HEALTH_PLAN, links, read, visible_text

from wizard.core.engine import OutcomeKind, walk

STAGE = PAGE_TYPES["stage"]
RECORD = PAGE_TYPES["record"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_lines(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    return [p.text for p in docx.Document(BytesIO(response.data)).paragraphs if p.text]


def in_order(lines: list[str], wanted: list[str]) -> bool:
    """Each wanted line appears, after the one before it."""
    it = iter(lines)
    return all(any(w == line for line in it) for w in wanted)


def test_the_stage_page_links_its_record(client):
    assert STAGE + "record/" in links(client.get(STAGE).get_data(as_text=True))


def test_the_record_page_shows_the_stage_its_deadlines_and_duties(client):
    text = visible_text(client.get(RECORD).get_data(as_text=True))
    for expected in (
        "Islington Safeguarding Children Partnership",
        "January 2023",
        "Escalation record: Stage 2: Line Manager",
        "Detective Sergeant (Police) (para 4.10)",
        "Safeguarding Children Advisor (Health) (para 4.10)",
        "within 24 hours",
        "“If unresolved, the problem should be referred within 24 hours” (para 3.10)",
        "within 5 working days",
        "Independent Reviewing Officer must also be notified",
        "All records should be retained on the child's case file / agency database.” (para 4.2)",
        "http://localhost" + RECORD,
        "The concern",
        "The outcome sought",
        "Agreed actions, by whom and by when",
    ):
        assert expected in text, expected


def test_the_record_is_plain_fields_that_submit_nowhere(client):
    markup = client.get(RECORD).get_data(as_text=True)
    tree = read(markup)
    assert tree.find(".//form") is None
    fields = [*tree.iter("input"), *tree.iter("textarea")]
    assert len(fields) >= 8
    for field in fields:
        assert field.get("autocomplete") == "off" and field.get("name") is None
        assert field.get("spellcheck") == "false"  # no browser spelling service sees it
        assert tree.find(f".//label[@for='{field.get('id')}']") is not None


def test_the_record_as_a_word_document(client):
    lines = docx_lines(client, RECORD.removesuffix("/") + ".docx")
    assert in_order(
        lines,
        [
            "Escalation record: Stage 2: Line Manager",
            "Partnership: Islington Safeguarding Children Partnership",
            "Policy: Resolution of professional disagreements in work relating to the safety "
            "of children (Escalation Policy and Procedure), January 2023",
            "Stage: Stage 2: Line Manager",
            "Address of this record: http://localhost" + RECORD,
            "Your side: Detective Sergeant (Police) (para 4.10)",
        ],
    )
    text = "\n".join(lines)
    quoted = "“If unresolved, the problem should be referred within 24 hours” (para 3.10)"
    assert f"within 24 hours. {quoted}" in text
    assert "Reach a resolution, or escalate further: within 5 working days." in text
    assert "Date due: ____" in text and "Told on (date): ____" in text
    assert "(para 4.2)" in text and "The outcome sought" in text


def test_only_stage_outcomes_have_a_record(client):
    assert client.get(answers.path("islington", risk="yes") + "record/").status_code == 404
    assert client.get(answers.path("islington", risk="no") + "record/").status_code == 404
    nowhere = answers.path("islington", risk="no").replace("/islington/", "/nowhere/", 1)
    assert client.get(nowhere + "record.docx").status_code == 404


def test_every_stage_outcome_has_a_record_in_the_static_build(app, site):
    from wizard.web import urls

    with app.test_request_context():  # some page lists build their links with url_for
        pages = list(urls.every_page(site))
    stages = sum(
        1
        for p in site.partnerships.values()
        for s in walk(site.flow, p)
        if s.outcome is not None and s.outcome.kind is OutcomeKind.STAGE
    )
    assert sum(1 for e, _ in pages if e == "wizard.record") == stages
    assert sum(1 for e, _ in pages if e == "wizard.record_docx") == stages
    assert sum(1 for e, _ in pages if e == "wizard.form") == 2


ISLINGTON_FORM = "/islington/forms/conflict-resolution-referral/"
STAFFORDSHIRE_FORM = PAGE_TYPES["form"]


@pytest.mark.parametrize("url", [ISLINGTON_FORM, STAFFORDSHIRE_FORM])
def test_each_form_has_every_field_in_order_on_the_page_and_in_word(client, site, url):
    slug, form_id = url.strip("/").split("/")[0], url.strip("/").split("/")[-1]
    form = site.partnerships[slug].form(form_id)
    wanted = [x for s in form.sections for x in (s.title, *s.fields)]
    tree = read(client.get(url).get_data(as_text=True))
    shown = [
        " ".join("".join(e.itertext()).split()) for e in tree.iter() if e.tag in ("h2", "label")
    ]
    assert in_order(shown, [" ".join(w.split()) for w in wanted])
    assert len(list(tree.iter("textarea"))) == sum(len(s.fields) for s in form.sections)
    lines = docx_lines(client, url.removesuffix("/") + ".docx")
    assert in_order(lines, wanted)


def test_islington_form_sections_a_and_b(client):
    text = visible_text(client.get(ISLINGTON_FORM).get_data(as_text=True))
    assert "Section A" in text and "Section B" in text
    assert "To be completed by referring Safeguarding Lead in consultation with" in text
    assert "Resolved: Yes/No" in text


def test_the_staffordshire_form_carries_its_rule_on_screen_paper_and_word(client):
    text = visible_text(client.get(STAFFORDSHIRE_FORM).get_data(as_text=True))
    assert "“THIS DOCUMENT MUST BE SENT SECURELY” (Appendix 1)" in text
    lines = docx_lines(client, STAFFORDSHIRE_FORM.removesuffix("/") + ".docx")
    assert "“THIS DOCUMENT MUST BE SENT SECURELY” (Appendix 1)" in lines


def test_every_stage_that_uses_a_form_links_its_page(client, site):
    checked = 0
    for slug, p in site.partnerships.items():
        seen = set()
        for state in walk(site.flow, p):
            reached = state.outcome if state.outcome else None
            stage = reached.stage if reached and reached.kind is OutcomeKind.STAGE else None
            if stage is None or not stage.forms or stage.key in seen:
                continue
            seen.add(stage.key)
            markup = client.get(f"/{slug}/check/{'/'.join(state.segments)}/").get_data(True)
            for use in stage.forms:
                assert f"/{slug}/forms/{use.form}/" in links(markup)
                checked += 1
    assert checked >= 3  # Islington Stage 3, Staffordshire Stages 4 and 5


def mailtos(client, url: str) -> list[str]:
    return [unquote(h) for h in links(client.get(url).get_data(as_text=True)) if "?subject" in h]


def test_islington_stage_4_drafts_the_notification_to_the_address_in_3_15(client):
    url = answers.stage("islington", 4, **POLICE_HEALTH_PLAN)
    (href,) = mailtos(client, url)
    assert href.startswith("mailto:ISCP@islington.gov.uk?subject=Escalation notification: Stage 4")
    assert "Partnership: Islington Safeguarding Children Partnership" in href
    assert "Agency raising the concern: Police\nOther agency: Health" in href
    text = visible_text(client.get(url).get_data(as_text=True))
    assert "Do not put a child's name or any details about a child in an email" in text


def test_havering_keeps_the_mistyped_address_and_its_warning(client):
    url = answers.stage("havering", 4)
    (href,) = mailtos(client, url)
    assert href.startswith("mailto:alice.peatling@haverling.gov.uk?")
    text = visible_text(client.get(url).get_data(as_text=True))
    assert "Draft the email to alice.peatling@haverling.gov.uk" in text
    assert "'haverling' looks like a mistyping of 'havering'" in text


def test_no_address_no_draft(client, site):
    # Staffordshire's Stage 5 names the LSCB manager but gives no address: nothing is invented.
    for slug, p in site.partnerships.items():
        for state in walk(site.flow, p):
            if state.outcome and state.outcome.kind is OutcomeKind.STAGE:
                emails = {
                    c.email for n in state.outcome.stage.notify for c in n.contacts if c.email
                }
                url = f"/{slug}/check/{'/'.join(state.segments)}/"
                found = {re.match(r"mailto:([^?]+)", h)[1] for h in mailtos(client, url)}
                assert found <= emails, url
                break  # the first outcome of each partnership: nothing beyond its addresses


def test_record_pages_under_a_single_partnership_app():
    app = bundled.app(PARTNERSHIPS=["staffordshire-stoke"])
    assert app.test_client().get(STAFFORDSHIRE_FORM).status_code == 200
