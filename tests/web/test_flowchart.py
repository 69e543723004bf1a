"""The flowchart drawn from each policy file: its text, not a picture of it."""

from __future__ import annotations

import shutil

import answers
import pytest
from conftest import TODAY
from pages import ids, links, read, text, visible_text

from wizard.content import BUNDLED_SITE, inspect_site
from wizard.core import flowchart as layout
from wizard.core.flowchart import PAD, Node, text_width, wrap
from wizard.web.pages.guidance import chart as flowchart
from wizard.web.text.routes import EXIT_TITLES

SLUGS = ["brent", "havering", "islington", "lincolnshire", "staffordshire-stoke"]
SVG = "{http://www.w3.org/2000/svg}"
LABELS = {"Yes", "No", "Not resolved"}


def chart(html: str):
    """The chart's drawing, and the text each of its boxes draws, line by line."""
    tree = read(html)
    drawing = tree.find(".//div[@class='app-flowchart__drawing']")
    return drawing, [text(t) for t in drawing.iter() if t.tag in ("text", f"{SVG}text")]


def words(html: str) -> str:
    tree = read(html)
    return text(tree.find(".//ol[@id='flowchart-words']"))


def drawn(lines: list[str]) -> str:
    return " ".join(lines)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_chart_has_a_title_a_description_and_a_text_equivalent(client, site, slug):
    html = client.get(f"/{slug}/flowchart/").get_data(True)
    drawing, _ = chart(html)
    assert drawing.get("role") == "img"
    assert drawing.get("aria-labelledby") == "flowchart-title flowchart-desc"
    tree = read(html)
    title = tree.find(".//*[@id='flowchart-title']")
    desc = tree.find(".//*[@id='flowchart-desc']")
    assert title.tag.endswith("title") and desc.tag.endswith("desc")
    short = site.partnerships[slug].partnership.short_name
    assert text(title) == f"Flowchart of the {short} escalation procedure"
    assert "written out in words" in text(desc)
    assert "flowchart-words" in ids(html)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_stage_shows_its_number_title_and_timescales(client, site, slug):
    p = site.partnerships[slug]
    html = client.get(f"/{slug}/flowchart/").get_data(True)
    _, lines = chart(html)
    shown, alternative = drawn(lines), words(html)
    for stage in p.stages:
        name = f"{p.partnership.stage_word} {stage.number}: {stage.title}"
        assert name in shown and name in alternative, name
        for t in stage.timescales:
            line = flowchart.timescale_line(t).drawn
            assert line in shown
            assert line.removesuffix(f" ({flowchart.cite_text(t.cite)})") in alternative
            assert t.words in alternative  # the policy's own words, with their paragraph
        if not stage.timescales:
            assert "The policy gives no timescale" in shown


@pytest.mark.parametrize("slug", SLUGS)
def test_the_chart_shows_the_emergency_route_and_every_exit(client, site, slug):
    p = site.partnerships[slug]
    shown = drawn(chart(client.get(f"/{slug}/flowchart/").get_data(True))[1])
    assert flowchart.RISK_QUESTION in shown and "Emergency: act now" in shown
    if p.emergency.stated:
        assert f"“{p.emergency.says}”" in shown
    else:
        assert flowchart.NO_EMERGENCY_ROUTE in shown
    for kind, title in EXIT_TITLES.items():
        route = getattr(p.exits, kind)
        where = "says where" if route.stated else "does not say where"
        assert f"{title}: the policy {where}" in shown


def test_branches_show_the_urgent_route_and_the_third_sector_route(client):
    shown = drawn(chart(client.get("/lincolnshire/flowchart/").get_data(True))[1])
    assert "Is urgent resolution required?" in shown
    assert "Step 4: Urgent resolution required – LSCP Independent Chaired Meeting" in shown
    assert "Step 4: Non-urgent and/or lessons learned" in shown
    shown = drawn(chart(client.get("/staffordshire-stoke/flowchart/").get_data(True))[1])
    assert "Does your organisation have a line manager you can escalate to?" in shown
    assert "Stage 2: Organisations without a line manager" in shown
    assert "some third-sector organisations" in shown


@pytest.mark.parametrize("slug", SLUGS)
def test_the_words_say_what_the_chart_draws(app, client, site, slug):
    """The chart draws each box's heading and lines; the words hold the same, in order."""
    with app.test_request_context():  # the steps link into the wizard
        nodes = flowchart.flatten(flowchart.steps(site.partnerships[slug]))
    html = client.get(f"/{slug}/flowchart/").get_data(True)
    boxes = [" ".join(line.split()) for n in nodes for line in (n.heading, *n.lines)]
    _, lines = chart(html)
    assert " ".join(line for line in lines if line not in LABELS) == " ".join(boxes)
    alternative = " ".join(visible_text(words(html)).split())
    at = 0
    for line in boxes:
        at = alternative.find(line, at)
        assert at >= 0, line


@pytest.mark.parametrize("slug", SLUGS)
def test_every_line_fits_its_box(site, slug, app):
    with app.test_request_context():
        drawing = flowchart.flowchart(site.partnerships[slug]).layout
    for box in drawing.boxes:
        for line in box.texts:
            assert text_width(line.text, bold=line.bold) <= box.width - 2 * PAD, line.text
    assert drawing.width == layout.WIDTH


def test_a_long_word_is_broken_rather_than_overflowing():
    lines = wrap("Email CSCreferrals@islington.gov.uk.and.a.very.long.address.indeed", 120)
    assert all(text_width(line) <= 120 for line in lines)
    assert "".join(lines[1:]).startswith("CSCreferrals@")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_chart_is_drawn_in_bands_that_hold_every_box_once(site, slug, app):
    with app.test_request_context():
        drawing = flowchart.flowchart(site.partnerships[slug]).layout
    bands = drawing.segments
    assert sum(len(b.boxes) for b in bands) == len(drawing.boxes)
    assert sum(b.height for b in bands) == pytest.approx(drawing.height)
    for band in bands:
        for box in band.boxes:
            assert band.y <= box.y and box.y + box.height <= band.y + band.height


def test_a_branch_cannot_come_first():
    with pytest.raises(ValueError, match="starts with a main box"):
        layout.layout((Node("exit", "Another procedure applies", branch=True),))


def test_a_stage_without_a_title_is_named_by_its_number(site):
    p = site.partnerships["islington"]
    untitled = p.stages[1].model_copy(update={"title": None})
    assert flowchart.stage_name(p, untitled) == "Stage 2"
    assert flowchart.stage_name(p, p.stages[1]) == "Stage 2: Line Manager"


def test_each_step_links_into_the_wizard_and_the_procedure(client, site):
    html = client.get("/islington/flowchart/").get_data(True)
    for href in links(html):
        if href.startswith("/islington/check/"):
            assert client.get(href).status_code == 200
    assert answers.path("islington", risk="yes") in links(html)
    assert answers.path(
        "islington", risk="no", concern="disagreement", progress="tried-1"
    ) in " ".join(links(html))
    assert "/islington/procedure/#p-3-6" in links(html)


def test_the_start_page_links_to_the_flowchart(client):
    for slug in SLUGS:
        assert f"/{slug}/flowchart/" in links(client.get(f"/{slug}/").get_data(True))


@pytest.mark.parametrize("slug", ["islington", "havering"])
def test_the_chart_replaces_the_flowchart_the_source_lost(client, slug):
    html = client.get(f"/{slug}/procedure/").get_data(True)
    assert "{flowchart}" not in html
    text_ = visible_text(html)
    heading = text_.index("Escalation Procedure Flowchart" if slug == "islington" else "Flowchart")
    label = text_.index("This one was drawn by this guidance from the policy's text")
    assert heading < label
    _, lines = chart(html)
    assert "Stage 1: Professional challenge" in " ".join(lines) or slug == "havering"
    assert "The flowchart in words" in text_


def test_a_policy_that_typed_out_its_flowchart_keeps_its_own(client):
    html = client.get("/staffordshire-stoke/procedure/").get_data(True)
    assert "app-flowchart" not in html


@pytest.mark.slow
@pytest.mark.xdist_group("signoff")
def test_the_sign_off_pack_has_the_generated_flowchart_not_the_placeholder(signoff_pack):
    _, html = signoff_pack("islington")  # its procedure places the flowchart: {flowchart}
    assert "{flowchart}" not in html
    assert "flowchart-title" in ids(html)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("See the chart: {flowchart}", "put '{flowchart}' on a line of its own"),
        ("{flowchart}\n\n{flowchart}", "'{flowchart}' is already on line"),
    ],
)
def test_check_places_the_flowchart_marker_on_a_line_of_its_own_once(tmp_path, line, message):
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", tmp_path / "policies" / "brent")
    path = tmp_path / "policies" / "brent" / "policy.md"
    path.write_text(path.read_text() + f"\n{line}\n")
    _, problems = inspect_site(tmp_path, TODAY)
    errors = [p.render(tmp_path) for p in problems if not p.warning]
    last = len(path.read_text().splitlines())
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"policies/brent/policy.md:{last}: {message}")


def test_the_flowchart_page_is_in_the_sitemap(client):
    sitemap = client.get("/sitemap.xml").get_data(True)
    assert "/islington/flowchart/" in sitemap


def test_the_chart_is_plain_svg_without_styles_or_scripts(client):
    html = client.get("/staffordshire-stoke/flowchart/").get_data(True)
    tree = read(html)
    drawing = tree.find(".//div[@class='app-flowchart__drawing']")
    for element in drawing.iter():
        assert element.get("style") is None
        assert not str(element.tag).endswith(("script", "foreignObject", "a"))
