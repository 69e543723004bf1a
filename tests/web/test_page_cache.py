"""The page cache: bounded in entries and bytes, and only ever holding pages anyone may see."""

from __future__ import annotations

from datetime import date

import answers
import bundled
import pytest
from conftest import TODAY
from pages import POLICE_HEALTH_PLAN

from wizard.web.pagecache import Page, PageCache

STAGE = answers.stage("islington", 2, **POLICE_HEALTH_PLAN)


def page(size: int) -> Page:
    return Page("200 OK", [], b"x" * size)


def test_bounded_in_entries():
    cache = PageCache(entries=3, max_bytes=10_000)
    for n in range(5):
        cache.put((f"/{n}/", TODAY), page(10))
    assert [key[0] for key in cache.pages] == ["/2/", "/3/", "/4/"]


def test_bounded_in_bytes_least_recently_used_first():
    cache = PageCache(entries=100, max_bytes=1600)
    for n in range(16):
        cache.put((f"/{n}/", TODAY), page(100))
    cache.get(("/0/", TODAY))
    cache.put(("/16/", TODAY), page(100))
    assert cache.bytes <= 1600 and len(cache.pages) == 16
    assert ("/0/", TODAY) in cache.pages and ("/1/", TODAY) not in cache.pages


def test_a_page_too_big_for_its_share_is_not_kept():
    cache = PageCache(entries=100, max_bytes=1600)
    cache.put(("/big/", TODAY), page(101))
    assert cache.pages == {} and cache.bytes == 0


def test_replacing_a_page_keeps_the_byte_count():
    cache = PageCache(entries=10, max_bytes=1600)
    cache.put(("/a/", TODAY), page(50))
    cache.put(("/a/", TODAY), page(70))
    assert cache.bytes == 70


@pytest.fixture
def fresh_app():
    """An app of its own, with an empty page cache."""
    return bundled.app()


def kept(app) -> set[str]:
    return {path for path, _ in app.extensions["page_cache"].pages}


def test_every_page_type_is_kept_once_and_served_the_same(fresh_app):
    client = fresh_app.test_client()
    paths = [
        "/",
        "/islington/",
        answers.path("islington", risk="no", concern="disagreement"),
        STAGE,
        "/pages/about/",
    ]
    first = {path: client.get(path) for path in paths}
    assert kept(fresh_app) == set(paths)
    for path in paths:
        again = client.get(path)
        assert again.data == first[path].data and again.headers == first[path].headers
        assert client.head(path).data == b""


def test_never_kept_post_query_error_or_cookie(fresh_app):
    client = fresh_app.test_client()
    client.post(STAGE, data={"day": "1", "month": "2", "year": "2027"})
    client.get("/islington/check/?answer=")
    client.get("/nowhere/")
    client.get("/islington")  # a redirect
    assert kept(fresh_app) == set()


def test_pages_are_kept_per_day(fresh_app):
    client = fresh_app.test_client()
    client.get(STAGE)
    fresh_app.config["TODAY"] = date(2026, 11, 24)
    assert "Tuesday 24 November 2026" in client.get(STAGE).get_data(as_text=True)
    assert len(fresh_app.extensions["page_cache"].pages) == 2


def test_an_untrusted_host_is_never_served_from_the_cache():
    app = bundled.app(TRUSTED_HOSTS=["wizard.example"])
    client = app.test_client()
    assert client.get("/islington/", headers={"Host": "wizard.example"}).status_code == 200
    assert client.get("/islington/", headers={"Host": "evil.example"}).status_code == 400
