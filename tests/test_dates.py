"""Working days and hours, table-driven from the vectors the JavaScript side shares."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import holidays
import pytest

from wizard.core.dates import DeadlineKind, add_working_days, deadline, is_working_day
from wizard.core.policy import Span
from wizard.web import datefmt

VECTORS = json.loads((Path(__file__).parent / "vectors" / "deadlines.json").read_text())
SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


def bank_holidays(nation: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(d) for d in VECTORS["holidays"][nation])


@pytest.mark.parametrize("nation", SUBDIVISIONS)
def test_vector_holidays_match_the_holidays_package(nation):
    expected = holidays.country_holidays("GB", subdiv=SUBDIVISIONS[nation], years=range(2026, 2029))
    assert bank_holidays(nation) == frozenset(expected)


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["name"])
def test_shared_vector(case):
    start = datetime.combine(
        date.fromisoformat(case["start"]),
        time.fromisoformat(case["time"]) if case["time"] else time(0),
    )
    result = deadline(
        Span.parse(case["within"]), start, bool(case["time"]), bank_holidays(case["nation"])
    )
    assert result.kind.value == case["kind"]
    if case["at"] is None:
        assert result.at is None
    elif result.kind is DeadlineKind.DAY:
        assert result.at.date().isoformat() == case["at"]
    else:
        assert result.at.isoformat(timespec="minutes") == case["at"]
    assert result.outside_working_days == case["outside_working_days"]
    assert datefmt.deadline_text(result) == case["text"]


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 12, 5), frozenset())
    assert is_working_day(date(2026, 12, 7), frozenset())


def test_zero_working_days_is_the_same_day():
    assert add_working_days(date(2026, 12, 5), 0, frozenset()) == date(2026, 12, 5)


def test_plurals_through_babel():
    assert datefmt.count(1, "working day", "working days") == "1 working day"
    assert datefmt.count(2, "working day", "working days") == "2 working days"
