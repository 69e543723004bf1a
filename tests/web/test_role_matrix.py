"""The role matrix: each agency's role at each stage, cited, its caveats in its own row."""

from __future__ import annotations

from pages import links, read, text, visible_text


def sections(html: str) -> dict[str, str]:
    tree = read(html)
    return {
        s.get("aria-labelledby"): text(s)
        for s in tree.iter("section")
        if (s.get("aria-labelledby") or "").startswith("agency-")
    }


def test_every_role_of_every_table_is_shown_and_cited(client, site):
    for slug, p in site.partnerships.items():
        tables = [s for s in p.stages if s.roles]
        html = client.get(f"/{slug}/roles/")
        if not tables:
            assert html.status_code == 404
            continue
        found = sections(html.get_data(True))
        for stage in tables:
            for agency in stage.roles.by_agency:
                role = stage.roles.text(agency)
                assert f"“{role}”" in found[f"agency-{agency}"], (slug, agency)


def test_a_row_carries_the_notes_that_name_its_agency(client):
    found = sections(client.get("/lincolnshire/roles/").get_data(True))
    assert "only the 'Head of Service (North Kesteven)'" in found["agency-childrens-services"]
    assert "Head of Service (North Kesteven)'; the policy" not in found["agency-schools"]
    assert "probably Lincolnshire Partnership NHS" in found["agency-lpft"]


def test_filtering_to_one_agency_is_a_link(client, site):
    html = client.get("/islington/roles/").get_data(True)
    assert "/islington/roles/police/" in links(html)
    one = client.get("/islington/roles/police/").get_data(True)
    assert list(sections(one)) == ["agency-police"]
    for stage in site.partnerships["islington"].stages:
        if stage.roles and "police" in stage.roles.by_agency:
            assert f"“{stage.roles.text('police')}”" in visible_text(one)
    assert client.get("/islington/roles/nowhere/").status_code == 404
