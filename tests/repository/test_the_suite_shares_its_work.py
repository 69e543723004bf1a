"""The suite's own machinery: tests that share a costly fixture run where it is made."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import TESTS

GROUPED = """
import pytest

@pytest.mark.xdist_group("shared")
@pytest.mark.parametrize("n", range(6))
def test_grouped(n):
    pass

@pytest.mark.parametrize("n", range(6))
def test_free(n):
    pass
"""


@pytest.mark.slow  # the real command line, with two workers
def test_a_group_runs_on_one_worker_under_loadgroup(tmp_path):
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    hook = "from xdist_groups import pytest_collection_modifyitems\n"
    (tmp_path / "conftest.py").write_text(hook)
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p",
         "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout[-2000:]
    workers = re.findall(r"\[(gw\d)\] .*PASSED .*test_grouped\[\d\]@shared", ran.stdout)
    assert len(workers) == 6 and len(set(workers)) == 1, ran.stdout[-2000:]
