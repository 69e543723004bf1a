"""Every page of a bilingual partnership in Welsh: its own address, the same page, Welsh words.

The bilingual test site holds two fictional Welsh partnerships: Cwm Ffug gives its policy in
Welsh too (policy.cy.md), Afonlas in English only. Each kind of page is read whole, as a
screen reader reads it: by the language each run of text is marked in.
"""

from __future__ import annotations

import re

import answers
import pytest
from conftest import BILINGUAL
from pages import h1s, links
from welsh import app, english_words, kinds, read_as, structure, welsh

ADDRESS = re.compile(r"\S*://\S*|(?<!\S)/\S*")  # an address printed as text is not a sentence
KINDS = kinds()
AFONLAS_POLICY = (BILINGUAL / "policies" / "afonlas" / "policy.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bilingual():
    return app().test_client()


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.get_data(as_text=True)


def main(markup: str) -> str:
    return markup[markup.index("<main") : markup.index("</main>")]


def test_every_kind_of_page_is_here():
    """The pages read below: every kind of page of both partnerships and the site's own."""
    endpoints = {name.split()[0] for name in KINDS}
    assert endpoints >= {
        "wizard.home", "wizard.start", "wizard.procedure", "wizard.flowchart", "wizard.check",
        "wizard.record", "wizard.form", "wizard.practice_index", "wizard.scenario",
        "wizard.scenario_answer", "wizard.glossary", "wizard.glossary_general",
        "wizard.compare_choose", "wizard.compare", "wizard.roles",
    }  # fmt: skip
    assert len(KINDS) > 40


@pytest.mark.parametrize("address", KINDS.values(), ids=KINDS.keys())
def test_a_welsh_page_says_nothing_in_english_but_what_it_marks_english(bilingual, address):
    markup = page(bilingual, welsh(address))
    assert '<html lang="cy"' in markup
    assert not re.search("[\ue000-\ue005]", markup), "a mark was left in the page"
    text = ADDRESS.sub(" ", read_as(markup).get("cy", ""))
    assert english_words(text) == []


@pytest.mark.parametrize("address", KINDS.values(), ids=KINDS.keys())
def test_a_welsh_page_has_the_english_pages_structure(bilingual, address):
    english, cymraeg = main(page(bilingual, address)), main(page(bilingual, welsh(address)))
    # The one line an English-only policy's Welsh pages add, saying so.
    cymraeg = re.sub(r'<p class="[^"]*app-english-only">.*?</p>', "", cymraeg)
    if "glossary" in address:  # the terms in each language's alphabetical order
        assert sorted(structure(cymraeg)) == sorted(structure(english))
    else:
        assert structure(cymraeg) == structure(english)
    assert len(h1s(cymraeg)) == 1


@pytest.mark.parametrize(
    "address", [a for a in KINDS.values() if a.startswith("/afonlas/")], ids=lambda a: a
)
def test_an_english_only_policys_words_are_marked_english_and_said_to_be(bilingual, address):
    markup = page(bilingual, welsh(address))
    said = read_as(markup)["cy"]
    assert "yn cyhoeddi'r polisi hwn yn Saesneg yn unig: dyfynnir ei eiriau yn Saesneg" in said
    marked = read_as(markup).get("en", "")
    assert marked, "no word of the policy is marked English"
    # Every word marked English is the policy's: no Welsh word is read in an English voice.
    policy_words = set(re.findall(r"[A-Za-z]+", AFONLAS_POLICY))
    switch = {"Change", "the", "language", "to", "English"}  # the switch's link, in English
    assert set(re.findall(r"[A-Za-z]+", marked)) - policy_words - switch == set()


@pytest.mark.parametrize(
    "address", [a for a in KINDS.values() if "/cwm-ffug/" in a], ids=lambda a: a
)
def test_a_policy_given_in_welsh_is_quoted_in_welsh(bilingual, address):
    markup = page(bilingual, welsh(address))
    assert "yn Saesneg yn unig: dyfynnir" not in markup
    if "/practice/" not in address and "afonlas" not in address:  # each in English only
        assert 'lang="en"' not in main(markup)


def test_the_emergency_route_is_quoted_from_the_welsh_text(bilingual):
    start = page(bilingual, "/cy/cwm-ffug/")
    assert "ffoniwch yr heddlu ar 999 neu dîm dyletswydd Gwasanaethau Plant Cwm Ffug" in start
    assert "call the police on 999" not in start


@pytest.mark.parametrize("address", KINDS.values(), ids=KINDS.keys())
def test_the_language_switch_leads_to_the_same_page_in_the_other_language(bilingual, address):
    english, cymraeg = page(bilingual, address), page(bilingual, welsh(address))
    assert f'href="{welsh(address)}" hreflang="cy" lang="cy" rel="alternate"' in english
    assert f'href="{address}" hreflang="en" lang="en" rel="alternate"' in cymraeg
    for markup in (english, cymraeg):
        assert f'<link rel="alternate" hreflang="en" href="{address}">' in markup
        assert f'<link rel="alternate" hreflang="cy" href="{welsh(address)}">' in markup
    assert '<span aria-current="true">English</span>' in english
    assert '<span aria-current="true">Cymraeg</span>' in cymraeg


def test_links_on_a_welsh_page_stay_in_welsh(bilingual):
    markup = page(bilingual, "/cy/cwm-ffug/")
    inside = [h for h in links(main(markup)) if h.startswith("/")]
    assert inside and all(h.startswith("/cy/") for h in inside), inside


def test_the_switch_keeps_the_answer_being_changed(bilingual):
    address = answers.path("cwm-ffug", risk="no", concern="disagreement")
    changing = address.rsplit("/", 2)[0] + "/?change=disagreement"
    english = page(bilingual, changing)
    assert 'href="/cy' + changing.replace("&", "&amp;") + '"' in english


def test_the_sitemap_names_each_page_in_both_languages(bilingual):
    xml = bilingual.get("/sitemap.xml").get_data(as_text=True)
    entry = re.search(r"<url><loc>http://localhost/cwm-ffug/</loc>(.*?)</url>", xml)
    assert entry is not None
    assert 'hreflang="en" href="http://localhost/cwm-ffug/"' in entry[1]
    assert 'hreflang="cy" href="http://localhost/cy/cwm-ffug/"' in entry[1]
    assert "<loc>http://localhost/cy/afonlas/procedure/</loc>" in xml


def test_a_welsh_draft_says_so_on_every_page(bilingual):
    for address in (
        "/cy/",
        "/cy/cwm-ffug/",
        welsh(next(a for a in KINDS.values() if "/cwm-ffug/" in a and a.endswith("/record/"))),
    ):
        assert "Cyfieithiad heb ei adolygu eto" in page(bilingual, address)
    assert "Drafft" not in page(bilingual, "/cwm-ffug/")


def test_an_english_only_site_has_no_welsh_pages_and_no_switch(client):
    assert client.get("/cy/islington/").status_code == 404
    assert client.get("/cy/").status_code == 404
    start = client.get("/islington/").get_data(as_text=True)
    assert "app-language-select" not in start and "hreflang" not in start
    assert "hreflang" not in client.get("/sitemap.xml").get_data(as_text=True)


def test_an_unknown_welsh_address_is_a_welsh_not_found_page(bilingual):
    response = bilingual.get("/cy/nowhere/")
    assert response.status_code == 404
    markup = response.get_data(as_text=True)
    assert '<html lang="cy"' in markup
    assert english_words(read_as(markup).get("cy", "")) == []


def test_a_welsh_calendar_file_speaks_welsh(bilingual):
    """The calendar a Welsh page downloads: its events' words in Welsh, no mark left."""
    stage = welsh(answers.stage("cwm-ffug", 2, agency="police", other_agency="health"))
    start = {"day": "24", "month": "12", "year": "2026", "clock": "10:00"}
    response = bilingual.post(stage, data={**start, "download": "ics"})
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True).replace("\r\n ", "")
    assert "SUMMARY:Dyddiad terfyn:" in text
    assert not re.search("[\ue000-\ue005]", text)


def test_a_welsh_word_file_is_welsh_and_says_so(bilingual):
    import io
    import zipfile

    record = welsh(answers.stage("cwm-ffug", 1, agency="police", other_agency="health"))
    response = bilingual.get(record + "record.docx")
    parts = zipfile.ZipFile(io.BytesIO(response.data))
    body = parts.read("word/document.xml").decode()
    assert "Cofnod uwchgyfeirio" in body and "Escalation record" not in body
    assert '<w:lang w:val="cy-GB"/>' in parts.read("word/styles.xml").decode()


@pytest.fixture(scope="module")
def built(bilingual_build):
    """The bilingual site built as partnership staff publish it (its Welsh is a draft)."""
    return bilingual_build.out


def built_page(out, address: str) -> str:
    return (out / address.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("address", KINDS.values(), ids=KINDS.keys())
def test_a_built_welsh_page_is_welsh_with_the_english_pages_structure(built, address):
    english, cymraeg = built_page(built, address), built_page(built, welsh(address))
    assert '<html lang="cy"' in cymraeg
    assert not re.search("[\ue000-\ue005]", cymraeg)
    assert english_words(ADDRESS.sub(" ", read_as(cymraeg).get("cy", ""))) == []
    cymraeg = re.sub(r'<p class="[^"]*app-english-only">.*?</p>', "", main(cymraeg))
    shapes = structure(cymraeg), structure(main(english))
    assert (
        sorted(shapes[0]) == sorted(shapes[1]) if "glossary" in address else shapes[0] == shapes[1]
    )
    assert f'href="{address}" hreflang="en"' in built_page(built, welsh(address))
