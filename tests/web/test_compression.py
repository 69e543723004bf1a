"""Fingerprinted assets go out compressed to browsers that accept gzip, and plain to the rest."""

from __future__ import annotations

import gzip
import re

from conftest import ROOT


def stylesheet(client) -> str:
    return re.search(r'href="(/assets/dist/app\.[^"]+)"', client.get("/").get_data(as_text=True))[1]


def test_gzip_for_browsers_that_accept_it(client):
    plain = client.get(stylesheet(client))
    packed = client.get(stylesheet(client), headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 4
    assert (
        "Accept-Encoding" in packed.headers["Vary"]
        and "immutable" in packed.headers["Cache-Control"]
    )


def test_plain_for_the_rest_and_for_the_static_build(client):
    plain = client.get(stylesheet(client))
    assert "Content-Encoding" not in plain.headers
    assert plain.data == (ROOT / "static" / "dist" / "app.css").read_bytes()
