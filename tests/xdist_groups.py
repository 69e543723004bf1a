"""Tests marked with one `xdist_group` run on one worker of `pytest -n 2 --dist loadgroup`."""

from __future__ import annotations

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Name each test of an `xdist_group` `id@group`, so `--dist loadgroup` keeps them together.

    pytest-xdist sets the name through a field pytest 9.2 no longer reads (pytest-xdist issue
    1386): without this every group was spread over the workers, and each made its own build.
    """
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        marks = item.iter_markers("xdist_group")
        groups = sorted({str(m.args[0] if m.args else m.kwargs["name"]) for m in marks})
        suffix = "@" + "_".join(groups)
        if groups and not item.nodeid.endswith(suffix):
            item._id = type(item._id).parse(item.nodeid + suffix)
