"""Working days and hours, table-driven from the vectors the JavaScript side shares."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest

from wizard.core.dates import (
    Start,
    WorkingCalendar,
    add_working_days,
    deadline,
    entered,
    is_working_day,
)
from wizard.core.policy import Span
from wizard.web import datefmt

VECTORS = json.loads((Path(__file__).parent / "vectors" / "deadlines.json").read_text())
LONDON = ZoneInfo("Europe/London")
SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


def bank_holidays(nation: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(d) for d in VECTORS["holidays"][nation])


@pytest.mark.parametrize("nation", SUBDIVISIONS)
def test_vector_holidays_match_the_holidays_package(nation):
    expected = holidays.country_holidays("GB", subdiv=SUBDIVISIONS[nation], years=range(2026, 2029))
    assert bank_holidays(nation) == frozenset(expected)


def calendar(nation: str) -> WorkingCalendar:
    return WorkingCalendar(LONDON, bank_holidays(nation))


def start_of(case: dict, cal: WorkingCalendar) -> Start:
    clock = time.fromisoformat(case["time"]) if case["time"] else None
    return entered(date.fromisoformat(case["start"]), clock, cal)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["name"])
def test_shared_vector(case):
    cal = calendar(case["nation"])
    result = deadline(Span.parse(case["within"]), start_of(case, cal), cal)
    assert result.kind.value == case["kind"]
    assert (result.day.isoformat() if result.day else None) == case["day"]
    assert (result.clock.strftime("%H:%M") if result.clock else None) == case["clock"]
    assert result.end == (utc(case["end"]) if case["end"] else None)
    assert result.outside_working_days == case["outside_working_days"]
    assert result.from_start_of_day == case["from_start_of_day"]
    assert datefmt.deadline_text(result) == case["text"]


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 12, 5), frozenset())
    assert is_working_day(date(2026, 12, 7), frozenset())


def test_zero_working_days_is_the_same_day():
    assert add_working_days(date(2026, 12, 5), 0, frozenset()) == date(2026, 12, 5)


def test_plurals_through_babel():
    assert datefmt.count(1, "working day", "working days") == "1 working day"
    assert datefmt.count(2, "working day", "working days") == "2 working days"
