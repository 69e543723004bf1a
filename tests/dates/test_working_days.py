"""Working days and hours, table-driven from the vectors the JavaScript side shares."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import flask
import holidays
import pytest
from conftest import TESTS

from wizard.core.dates import (
    Anchor,
    Clocked,
    Deadline,
    Events,
    Leg,
    PlanRow,
    Start,
    WorkingCalendar,
    add_working_days,
    chain,
    deadline,
    earliest_first,
    entered,
    is_working_day,
    overall_since,
)
from wizard.core.policy import Span, Unit
from wizard.web.forms import read_start
from wizard.web.text import dates as datefmt
from wizard.web.text import timescales
from wizard.web.text.catalogue import script_sentences, translations

VECTORS = json.loads((TESTS / "vectors" / "deadlines.json").read_text())
LONDON = ZoneInfo("Europe/London")
SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}


def test_the_vectors_welsh_is_the_catalogues():
    """The Welsh the browser's date sentences are tested with is locale/cy's, as pages hand it."""
    welsh = translations("cy")
    said = {m: welsh.gettext(m) for m in script_sentences() if welsh.gettext(m) != m}
    assert VECTORS["messages_cy"] == said


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_vectors_names_are_babels(app, lang):
    """The day and month names a page hands its script are those the server writes dates in."""
    with app.test_request_context():
        flask.g.lang = lang
        assert VECTORS[f"names_{lang}"] == datefmt.names()


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["name"])
def test_shared_vector_in_welsh(app, case):
    """The same deadline in Welsh: Babel's day and month names, the catalogue's sentences."""
    cal = calendar(case["nation"])
    unstated = case.get("bank_holidays") == "not stated"
    result = deadline(Span.parse(case["within"]), start_of(case, cal), cal, unstated)
    with app.test_request_context():
        flask.g.lang = "cy"
        assert datefmt.deadline_text(result) == case["text_cy"]
        assert datefmt.reading_text(result) == case.get("reading_text_cy", case["text_cy"])


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
    unstated = case.get("bank_holidays") == "not stated"
    result = deadline(Span.parse(case["within"]), start_of(case, cal), cal, unstated)
    assert result.kind.value == case["kind"]
    assert (result.day.isoformat() if result.day else None) == case["day"]
    assert (result.clock.strftime("%H:%M") if result.clock else None) == case["clock"]
    assert result.end == (utc(case["end"]) if case["end"] else None)
    assert result.outside_working_days == case["outside_working_days"]
    assert result.from_start_of_day == case["from_start_of_day"]
    assert datefmt.deadline_text(result) == case["text"]
    assert datefmt.reading_text(result) == case.get("reading_text", case["text"])
    other = result.other
    found = other and {
        "why": result.why.value,
        "day": other.day.isoformat() if other.day else None,
        "clock": other.clock.strftime("%H:%M") if other.clock else None,
        "end": other.end.strftime("%Y-%m-%dT%H:%MZ") if other.end else None,
    }
    assert found == case.get("other")


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 12, 5), frozenset())
    assert is_working_day(date(2026, 12, 7), frozenset())


def test_zero_working_days_is_the_same_day():
    assert add_working_days(date(2026, 12, 5), 0, frozenset()) == date(2026, 12, 5)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", ["within 0 working days", "within 1 working day", "within 2 working days",
                "within 3 working days", "within 6 working days", "within 7 working days"]),
        # Welsh has six forms: zero, one, two, few (3), many (6) and other.
        ("cy", ["o fewn 0 diwrnod gwaith", "o fewn 1 diwrnod gwaith", "o fewn 2 ddiwrnod gwaith",
                "o fewn 3 diwrnod gwaith", "o fewn 6 diwrnod gwaith", "o fewn 7 diwrnod gwaith"]),
    ],
)  # fmt: skip
def test_plurals_by_the_languages_rules(app, lang, said):
    """A timescale's plural form is the language's, from the catalogue through Babel's rules."""
    with app.test_request_context():
        flask.g.lang = lang
        spans = [Span(amount=n, unit=Unit.WORKING_DAYS) for n in (0, 1, 2, 3, 6, 7)]
        assert [timescales.span_text(span) for span in spans] == said


PLANS = json.loads((TESTS / "vectors" / "plans.json").read_text())


def legs(rows: list[dict]) -> list[Leg]:
    return [Leg(row["number"], tuple(clocked(ts) for ts in row["timescales"])) for row in rows]


def clocked(ts: dict) -> Clocked:
    """A plan-data timescale: from the stage, an event, the earlier of events, or a clock."""
    spans = tuple(Span.parse(w) for w in ts["within"])
    unstated = ts.get("bank_holidays") == "not stated"
    found = ts.get("from", "stage")
    if not ts["datable"]:
        return Clocked(spans, Anchor.NONE, unstated)
    if "after" in ts:
        return Clocked(spans, Anchor.CLOCK, unstated, after=ts["after"])
    if found == "stage":
        return Clocked(spans, Anchor.STAGE, unstated)
    froms = tuple(found) if isinstance(found, list) else (found,)
    return Clocked(spans, Anchor.EVENT, unstated, froms)


def reading_at(dated: list[PlanRow], key: str) -> Deadline | None:
    row, ts, r = map(int, key.split(":"))
    found = dated[row].deadlines[ts]
    return found[r] if found else None


def shown(d: Deadline | None, now: datetime) -> dict | None:
    if d is None or d.end is None:
        return None
    found = {
        "text": datefmt.reading_text(d),
        "overdue": d.overdue(now),
        "outside": d.outside_working_days,
        "midnight": d.from_start_of_day,
    }
    return found | ({"other": d.why.value} if d.why else {})


def starts_text(starts: Start | None) -> str | None:
    return datefmt.sentence(datefmt.start_text(starts)) if starts else None


def plan_view(case: dict) -> dict:
    """What the page shows, by the rules planview applies (static/js/deadlines.js planView)."""
    cal, now = calendar(case["nation"]), utc(case["now"])
    start = start_of(case, cal)
    given = {k: start_of(v, cal) for k, v in case.get("events", {}).items()}
    dated = chain(legs(case["rows"]), start, cal, Events(given))
    readings, order = {}, {}
    for group in (g for row in case["rows"] for g in row["groups"]):
        found = [reading_at(dated, key) for key in group["readings"]]
        readings |= {key: shown(d, now) for key, d in zip(group["readings"], found, strict=True)}
        order[group["key"]] = [group["readings"][i] for i in earliest_first(found)]
    return {
        "start_text": datefmt.start_text(start),
        "note": datefmt.clock_change_note(start),
        "future": start.at > now,
        "starts": [starts_text(r.starts) for r in dated],
        "moved": [r.moved for r in dated],
        "readings": readings,
        "order": order,
    }


@pytest.mark.parametrize("case", PLANS["plans"], ids=lambda c: c["name"])
def test_shared_plan_vector(case):
    assert plan_view(case) == case["expect"]


def overall_view(case: dict) -> dict:
    """The whole procedure's readings, by the rule planview applies (deadlines.js overallView)."""
    cal, now = calendar(case["nation"]), utc(case["now"])
    given = {k: start_of(v, cal) for k, v in case["events"].items()}
    since = overall_since(Events(given), start_of(case, cal), case["first"])
    found = {}
    for i, ts in enumerate(case["timescales"]):
        spans = [Span.parse(w) for w in ts["within"]]
        unstated = ts.get("bank_holidays") == "not stated"
        for r, span in enumerate(spans):
            d = deadline(span, since, cal, unstated) if since else None
            found[f"overall:{i}:{r}"] = shown(d, now)
    return found


@pytest.mark.parametrize("case", PLANS["overall"], ids=lambda c: c["name"])
def test_shared_overall_vector(case):
    assert overall_view(case) == case["expect"]


@pytest.mark.parametrize("case", PLANS["starts"], ids=lambda c: c["name"])
def test_shared_start_vector(case):
    day, clock, error = read_start(case["day"], case["month"], case["year"], case["clock"])
    found = {
        "day": day.isoformat() if day else None,
        "clock": clock.strftime("%H:%M") if clock else None,
        "error": error,
    }
    assert found == case["expect"]
