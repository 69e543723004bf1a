"""One clock in London time: a server keeping UTC stamps and judges by London's date.

At 23:30 UTC on a summer night London (on BST) is already in the next day. The build date
stamped on every page of a static build and on a sign-off pack, and the judgement that a
policy's review is overdue, follow London's date, not the machine's.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import EVERY_FIELD
from pages import visible_text

from wizard import clock
from wizard.cli import main
from wizard.publish import signoff
from wizard.publish.freeze import build
from wizard.web.app import create_app

LATE = datetime(2027, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July 2027 in London
EARLIER = datetime(2027, 6, 30, 22, 30, tzinfo=UTC)  # 23:30 on 30 June 2027 in London


@pytest.fixture
def at(monkeypatch):
    """Set the machine's clock (in UTC) to a moment."""
    return lambda moment: monkeypatch.setattr(clock, "_utc_now", lambda: moment)


def due_in_june_2027(tmp_path: Path) -> Path:
    """The fictional partnership with its review due in June 2027."""
    site = tmp_path / "due"
    shutil.copytree(EVERY_FIELD / "policies", site / "policies")
    policy = site / "policies" / "fenmouth" / "policy.md"
    policy.write_text(policy.read_text().replace("review_due: 2028-01", "review_due: 2027-06"))
    return site


def test_today_is_londons_date_not_the_machines(at):
    at(LATE)
    assert str(clock.today()) == "2027-07-01"
    at(EARLIER)
    assert str(clock.today()) == "2027-06-30"


@pytest.mark.slow
def test_a_static_build_is_stamped_with_londons_date(tmp_path, at):
    at(LATE)
    result = build(EVERY_FIELD, tmp_path / "site", "/", jobs=2)
    page = visible_text((result.out / "fenmouth" / "index.html").read_text())
    assert "Site built 1 July 2027" in page


def test_a_signoff_pack_is_stamped_with_londons_date(tmp_path, at):
    at(LATE)
    signoff.write(EVERY_FIELD, "fenmouth", tmp_path / "pack.html")
    assert "Pack built 1 July 2027" in visible_text((tmp_path / "pack.html").read_text())


@pytest.mark.parametrize(("moment", "overdue"), [(LATE, True), (EARLIER, False)])
def test_check_judges_an_overdue_review_by_londons_date(tmp_path, capsys, at, moment, overdue):
    at(moment)
    assert main(["check", "--site", str(due_in_june_2027(tmp_path))]) == 0
    said = "the policy was due for review by June 2027" in capsys.readouterr().err
    assert said is overdue


@pytest.mark.parametrize(("moment", "overdue"), [(LATE, True), (EARLIER, False)])
def test_the_live_app_judges_an_overdue_review_by_londons_date(tmp_path, at, moment, overdue):
    at(moment)
    app = create_app({"TESTING": True, "SITE_DIR": due_in_june_2027(tmp_path)})
    page = visible_text(app.test_client().get("/fenmouth/").get_data(as_text=True))
    assert ("This policy's review date (January 2028) has passed" in page) is overdue
