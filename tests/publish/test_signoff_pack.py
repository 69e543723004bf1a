"""The sign-off pack: every stage, every recorded problem, signatures; one file, nothing fetched."""

from __future__ import annotations

import re

import bundled
import pytest
from pages import links, parse, read, text, visible_text

from wizard.cli import main
from wizard.core.engine import walk
from wizard.publish import signoff
from wizard.publish.htmlclean import for_paper
from wizard.web.text.stagewords import stage_heading


def packed(test):
    """A test that reads a pack: each renders every distinct outcome, so it is written once."""
    return pytest.mark.slow(pytest.mark.xdist_group("signoff")(test))


@pytest.fixture(params=["brent", "staffordshire-stoke"])
def pack(request, signoff_pack):
    return signoff_pack(request.param)


@packed
def test_every_stage_and_variant_appears(pack):
    result, html = pack
    text = visible_text(html)
    p = result.partnership
    for stage in p.stages:
        assert f"Go to {stage_heading(p, stage)}" in text
        if stage.variant:
            assert stage.variant.label in text
    for heading in ("Act now", "Which procedure fits your concern", "has been tried"):
        assert heading in text


@packed
def test_every_recorded_problem_appears(pack):
    result, html = pack
    text = visible_text(html)
    assert result.problems == result.partnership.all_problems() != []
    for problem in result.problems:
        assert " ".join(problem.says.split()) in text


@packed
def test_every_path_of_answers_is_accounted_for_once(pack):
    result, html = pack
    site = bundled.site()
    p = result.partnership
    outcomes = [s for s in walk(site.flow, p) if s.outcome is not None]
    assert result.paths == len(outcomes)
    text = visible_text(html)
    for state in outcomes:
        assert " › ".join(option.label for _, option in state.answered) in text


@packed
def test_version_build_date_and_signature_block(pack):
    result, html = pack
    text = visible_text(html)
    assert result.partnership.document.version in text
    assert "Pack built 23 November 2026" in text
    assert "Approved for the partnership by" in text and "Signature" in text


@packed
def test_one_file_that_fetches_nothing(pack):
    _, html = pack
    tree, errors = parse(html)
    assert errors == []
    assert not re.search(r"<(?:link|script|img|iframe)\b|\burl\(|@import", html)
    assert "default-src 'none'" in html
    # Every in-document link lands on something in the document.
    ids = {e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")}
    internal = [href[1:] for href in links(html) if href.startswith("#")]
    assert internal and set(internal) <= ids
    assert not [href for href in links(html) if href.startswith("/")]


@packed
def test_same_pages_are_shown_once_and_others_as_their_differences(signoff_pack):
    result, _ = signoff_pack("staffordshire-stoke")
    varied = [f for f in result.families if f.variations]
    assert varied, "Staffordshire's role table gives stage pages that differ"
    assert all(v.changes for f in varied for v in f.variations)
    assert result.pages == len(result.families) + sum(len(f.variations) for f in varied)


@pytest.mark.slow
def test_the_command_needs_a_partnership_when_there_are_several(tmp_path, capsys):
    assert main(["signoff", "--out", str(tmp_path / "x.html")]) == 1
    assert "choose one with --partnership: brent, havering" in capsys.readouterr().err
    assert main(["signoff", "--partnership", "brnt", "--out", str(tmp_path / "x.html")]) == 1
    assert "did you mean 'brent'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_paper_markup_keeps_the_text_and_drops_what_only_works_on_screen():
    html = (
        '<p>a<br/>b</p><div hidden><p>x<br/></p><img src="x"></div>'
        '<p class="app-no-print">Start again</p><form><input name="d"></form>'
        '<a href="/brent/check/">Change</a> <a href="/brent/procedure/#p-2">(para 2)</a>'
        "<details><summary>Roles</summary>table</details>"
    )
    relink = signoff._relinker("/brent/procedure/")
    assert for_paper(html, relink) == (
        '<p>a<br>b</p>Change <a href="#p-2">(para 2)</a>'
        "<details open><summary>Roles</summary>table</details>"
    )


@packed
def test_the_pack_lists_the_catalogue_sentences_its_pages_use_and_where(signoff_pack):
    brent, brent_html = signoff_pack("brent")
    stoke, _ = signoff_pack("staffordshire-stoke")
    listed = dict(brent.sentences())
    section = visible_text(brent_html[brent_html.index('id="sentences"') :])
    assert "Go to %(heading)s" in listed and "Go to %(heading)s" in section
    assert all(listed[m] for m in listed)  # each with the pages that use it
    tree = read(brent_html)
    table = tree.find(".//section[@id='sentences']//table")
    rows = {text(tr[0]): text(tr[1]) for tr in table.iter("tr") if tr[0].tag == "td"}
    pages = [text(h) for h in tree.iter("h3")]  # "3. Go to Stage 2: …", each page's heading
    where = rows["Go to %(heading)s"].split("; ")
    assert len(where) > 1 and all(any(h.endswith(f". {w}") for h in pages) for w in where)
    only_stoke = set(dict(stoke.sentences())) - set(listed)
    assert only_stoke  # the partnerships' pages say different things
    assert not any(m in section for m in only_stoke if len(m) > 20)
