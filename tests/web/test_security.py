"""Security headers on every page type, safe Markdown, and random input never a 5xx."""

from __future__ import annotations

import re
import shutil
import string

import answers
import bundled
import pytest
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pages import PAGE_TYPES, visible_text

from wizard.content import BUNDLED_SITE
from wizard.web.app import create_app
from wizard.web.text.markup import render

EVERY = {
    **PAGE_TYPES,
    "brand.css": "/islington/brand.css",
    "health": "/healthz",
    "sitemap": "/sitemap.xml",
    "holidays": "/holidays/england.json",
    "method not allowed": "/islington/check/",
}


@pytest.mark.parametrize("name", EVERY)
def test_security_headers_on_every_response(client, name):
    method = client.post if name == "method not allowed" else client.get
    headers = method(EVERY[name]).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Strict-Transport-Security" not in headers  # only in production


def test_hsts_and_embedding_in_production():
    app = bundled.app(HSTS=True, FRAME_ANCESTORS="https://partner.example.org")
    headers = app.test_client().get("/islington/").headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors https://partner.example.org" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers


def test_pages_have_no_inline_script_or_style(client):
    for url in PAGE_TYPES.values():
        markup = client.get(url).get_data(as_text=True)
        # A JSON data block is never executed, so the CSP rightly lets it be.
        executable = re.compile(r'<script(?![^>]*\b(src=|type="application/json"))')
        assert not executable.search(markup), url
        assert " style=" not in markup and "<style" not in markup, url
        assert not re.search(r"\son[a-z]+=", markup), url


def test_static_pages_carry_the_policy_in_a_meta_tag():
    app = bundled.app(STATIC_SITE=True)
    markup = app.test_client().get("/islington/").get_data(as_text=True)
    assert '<meta http-equiv="Content-Security-Policy" content="default-src' in markup


def test_assets_are_fingerprinted_and_cached_for_a_year(client):
    markup = client.get("/islington/").get_data(as_text=True)
    css = re.search(r'href="(/assets/dist/app\.[0-9a-f]{12}\.css)"', markup)[1]
    response = client.get(css)
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/assets/dist/app.000000000000.css").status_code == 404


def test_posted_dates_are_never_cached_and_pages_are(client):
    posted = client.post(PAGE_TYPES["stage"], data={"day": "1", "month": "2", "year": "2027"})
    assert posted.headers["Cache-Control"] == "no-store"
    for url in ("/islington/", PAGE_TYPES["stage"]):
        response = client.get(url)
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert "Set-Cookie" not in response.headers


def test_the_privacy_page_says_what_the_service_does_with_cookies(client):
    """No response sets a cookie, and the privacy page says so (it once described one)."""
    page = visible_text(client.get("/pages/privacy/").get_data(as_text=True))
    assert "sets no cookies" in page
    assert "cross-site request forgery" not in page
    posted = client.post(PAGE_TYPES["stage"], data={"day": "1", "month": "2", "year": "2027"})
    assert "Set-Cookie" not in posted.headers


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<object data="x.swf"></object>',
    '<form action="https://evil.example"><input name=x></form>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_markdown_cannot_inject_script(attack):
    html = render(f"Text before.\n\n{attack}\n\nText after.")
    lowered = html.lower()
    for bad in (
        "<script",
        "javascript:",
        "onerror",
        "onload",
        "<iframe",
        "<style",
        "style=",
        "<object",
        "<form",
        "<input",
    ):
        assert bad not in lowered, (attack, html)
    assert "Text after." in html


def test_malicious_policy_text_is_sanitised_on_the_page(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BUNDLED_SITE / "policies" / "brent", site / "policies" / "brent")
    policy = site / "policies" / "brent" / "policy.md"
    policy.write_text(
        policy.read_text() + "\n<script>alert('x')</script>\n<img src=x onerror=\"alert(1)\">\n"
    )
    app = create_app({"TESTING": True, "SITE_DIR": site})
    markup = app.test_client().get("/brent/procedure/").get_data(as_text=True)
    assert "alert(" not in markup


SEGMENT = st.text(
    alphabet=string.ascii_letters + string.digits + "-_.~%!$&'()*+,;=:@é€ ", max_size=20
)


@settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    segments=st.lists(SEGMENT, max_size=8),
    query=st.dictionaries(
        st.sampled_from(["answer", "continue", "x", "download", "day"]),
        st.text(max_size=30),
        max_size=3,
    ),
    prefix=st.sampled_from(
        [
            "/",
            "/islington/check/",
            answers.path("lincolnshire", risk="no", concern="disagreement"),
            "/pages/",
            "/assets/",
            "/holidays/",
            "/brent/",
        ]
    ),
)
def test_random_paths_and_queries_never_5xx(client, segments, query, prefix):
    path = prefix + "/".join(segments)
    if path.startswith("//"):  # the test client would read '//x' as a host, not a path
        path = "/" + path.lstrip("/")
    response = client.get(path, query_string=query)
    assert response.status_code < 500, (path, query)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    headers=st.dictionaries(
        st.sampled_from(
            [
                "Accept",
                "Accept-Language",
                "User-Agent",
                "Cookie",
                "Referer",
                "X-Forwarded-For",
                "If-None-Match",
                "Range",
                "Content-Type",
            ]
        ),
        st.text(alphabet=string.printable.replace("\n", "").replace("\r", ""), max_size=60),
        max_size=4,
    ),
    form=st.dictionaries(
        st.sampled_from(["day", "month", "year", "clock", "download", "update"]),
        st.one_of(st.text(max_size=12), st.from_regex(r"[0-9]{1,40}", fullmatch=True)),
        max_size=5,
    ),
)
def test_random_headers_and_posts_never_5xx(client, headers, form):
    for method in (client.get, client.post):
        response = method(PAGE_TYPES["stage"], headers=headers, data=form)
        assert response.status_code < 500, (headers, form)


@pytest.fixture(scope="module")
def guarded():
    app = bundled.app(BASE_URL="https://wizard.example/", TRUSTED_HOSTS=["wizard.example"])
    return app.test_client()


@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt", "/islington", "/"])
def test_an_untrusted_host_gets_400_and_is_never_echoed(guarded, path):
    response = guarded.get(path, headers={"Host": "evil.example"})
    assert response.status_code == 400 and b"evil" not in response.data
    assert "evil" not in str(response.headers)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_sitemap_robots_and_redirects_use_the_base_url(guarded):
    robots = guarded.get("/robots.txt", headers={"Host": "wizard.example"})
    assert b"Sitemap: https://wizard.example/sitemap.xml" in robots.data
    sitemap = guarded.get("/sitemap.xml", headers={"Host": "wizard.example:8443"}).data
    assert b"<loc>https://wizard.example/islington/</loc>" in sitemap
    redirect = guarded.get("/islington", headers={"Host": "wizard.example"})
    assert redirect.status_code == 308 and redirect.headers["Location"] == "/islington/"


def test_without_trusted_hosts_the_host_is_ignored(client):
    for path in ("/robots.txt", "/sitemap.xml", "/islington"):
        response = client.get(path, headers={"Host": "evil.example"})
        assert "evil" not in response.get_data(as_text=True) + str(response.headers)
