"""Bank holidays (from the `holidays` package) and the UK clock, as data for the pure core."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

from wizard.clock import LONDON
from wizard.core.dates import WorkingCalendar
from wizard.core.policy import Nation

SUBDIVISIONS = {
    Nation.ENGLAND: "ENG",
    Nation.WALES: "WLS",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=64)
def bank_holidays(nation: Nation, first_year: int, last_year: int) -> frozenset[date]:
    """Every bank holiday in the nation from first_year to last_year inclusive."""
    found = holidays.country_holidays(
        "GB", subdiv=SUBDIVISIONS[nation], years=range(first_year, last_year + 1)
    )
    return frozenset(found)


def around(nation: Nation, year: int) -> frozenset[date]:
    """Bank holidays from the year before to three years after: any plan fits inside."""
    return bank_holidays(nation, year - 1, year + 3)


def working_calendar(nation: Nation, year: int) -> WorkingCalendar:
    """The UK's clock and the nation's bank holidays around `year`."""
    return WorkingCalendar(LONDON, around(nation, year))
