"""The authoring guide's "first partnership" walk-through, followed command by command."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import free_port
from conftest import ROOT
from pages import visible_text

GUIDE = ROOT / "docs" / "authoring.md"
HEADING = "## 1. Start here: your first partnership in an afternoon"
CLI = Path(sys.executable).with_name("escalation-wizard")
pytestmark = pytest.mark.slow  # the real command line, command by command


def section() -> list[str]:
    """The walk-through's lines, up to the next heading of its level outside a code block."""
    lines = GUIDE.read_text().splitlines()
    start, fenced = lines.index(HEADING) + 1, False
    for end in range(start, len(lines)):
        fenced ^= lines[end].startswith("```")
        if not fenced and lines[end].startswith("## "):
            return lines[start:end]
    return lines[start:]


def steps() -> list[tuple[str, list[str]]]:
    """Each shell command, with the lines of any `text` block the guide shows as its output."""
    found: list[tuple[str, list[str]]] = []
    block, lang = None, ""
    for line in section():
        if line.startswith("```") and block is None:
            block, lang = [], line[3:]
        elif line.startswith("```"):
            if lang == "sh":
                found += [(command, []) for command in block]
            elif lang == "text":
                found[-1][1].extend(block)
            block = None
        elif block is not None:
            block.append(line)
    return found


def test_the_walk_through_uses_every_command_it_promises():
    commands = " ".join(command for command, _ in steps())
    for word in ("new", "check", "serve --reload", "signoff", "freeze --site"):
        assert f"escalation-wizard {word}" in commands


def test_following_the_walk_through_works(tmp_path):
    for command, expected in steps():
        argv = shlex.split(command)
        assert argv[0] == ".venv/bin/escalation-wizard", command
        argv[0] = str(CLI)
        if argv[1] == "serve":
            preview_while_editing(argv, tmp_path)
            continue
        result = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, (command, result.stderr)
        for line in expected:
            assert line in result.stdout + result.stderr, (command, line)
    assert "Sign-off" in (tmp_path / "sefton-signoff.html").read_text()
    assert (tmp_path / "sefton-site" / "check" / "index.html").is_file()


def preview_while_editing(argv: list[str], cwd: Path) -> None:
    """Start the preview, save two edits to the policy, and read each in the browser's place."""
    port = free_port()
    server = subprocess.Popen([*argv, "--port", str(port)], cwd=cwd, stderr=subprocess.DEVNULL)
    policy = cwd / "my-site" / "policies" / "sefton" / "policy.md"
    skeleton = policy.read_text()
    try:
        base = f"http://127.0.0.1:{port}"
        assert "not available" in wait_for_page(base + "/", server)[1]
        policy.write_text(skeleton.replace("name: not available", "name: Sefton SCP", 1))
        assert "Sefton SCP" in get(base + "/sefton/")[1]
        policy.write_text(skeleton.replace("number: 1", "number: one", 1))
        status, page = get(base + "/sefton/")
        assert status == 500 and "my-site/policies/sefton/policy.md:" in page
    finally:
        policy.write_text(skeleton)
        server.terminate()
        server.wait(timeout=10)


def wait_for_page(url: str, server: subprocess.Popen) -> tuple[int, str]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "the preview stopped"
        try:
            return get(url)
        except urllib.error.URLError:
            time.sleep(0.05)
    raise AssertionError(f"{url} never answered")


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, visible_text(response.read().decode())
    except urllib.error.HTTPError as err:
        return err.code, visible_text(err.read().decode())
