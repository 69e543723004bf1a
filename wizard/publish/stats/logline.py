"""One access-log line to a request: its day, method, path, status and user agent.

Four formats are read, each told from the line itself, so one file may mix them:

- gunicorn's, as `gunicorn.conf.py` writes it: `host [time] "METHOD PATH" status bytes Nms`;
- nginx's, as `deploy/nginx.conf` writes it: `host [time] "METHOD PATH" status bytes secs`;
- the common log format: `host ident user [time] "METHOD PATH PROTOCOL" status bytes`;
- the combined log format: the common one, then `"referrer" "user agent"`.

Only the day is kept of the time, only the path of the request (never its query), and the
user agent only to tell crawlers apart: nothing else of a line leaves this module.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple
from urllib.parse import unquote

from wizard.clock import LONDON

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
QUOTED = r'"([^"\\]*(?:\\.[^"\\]*)*)"'  # a backslash escapes the character after it
# gunicorn's and nginx's own formats: the request is the method and the path, nothing more;
# a request line the server could not read is logged as "- -".
OWN = re.compile(r'\S+ \[([^\]]+)\] "([A-Z]+|-) ([^"]*)" (\d{3}) \S+ \S+')
# The common and combined formats: the whole request line ("-" where it could not be read),
# then, in the combined format, the referrer and the user agent.
COMMON = re.compile(
    rf'\S+ \S+ (?:{QUOTED}|\S+) \[([^\]]+)\] "(?:([A-Z]+) (\S+)(?: [^"]*)?|-)" (\d{{3}}) \S+'
    rf"(?: {QUOTED} {QUOTED})?"
)
# gunicorn writes its own messages to the same output as its access log.
SERVER_MESSAGE = re.compile(r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[[A-Z]+\] ")
MESSAGE = "message"  # what parse() returns for one of the server's own messages
TIME = re.compile(r"(\d\d)/([A-Z][a-z]{2})/(\d{4}):(\d\d):\d\d:\d\d ([+-])(\d\d)(\d\d)")


class Request(NamedTuple):
    """What is read of one logged request. `agent` is None where the format has none."""

    day: date
    method: str
    path: str
    status: int
    agent: str | None


def parse(line: str) -> Request | str | None:
    """The request a line records; MESSAGE for a server's own message; None for neither."""
    line = line.rstrip("\r\n")
    space = line.find(" ")
    own = OWN.fullmatch(line) if line[space + 1 : space + 2] == "[" else None
    if own:
        return _request(own[1], own[2], own[3], own[4], None)
    common = COMMON.fullmatch(line) if own is None else None
    if common:
        method, target = common[3] or "-", common[4] or ""
        return _request(common[2], method, _path(target), common[5], common[7])
    return MESSAGE if SERVER_MESSAGE.match(line) else None


def _request(when: str, method: str, path: str, status: str, agent: str | None) -> Request | None:
    day = london_day(when)
    return None if day is None else Request(day, method, path, int(status), agent)


def _path(target: str) -> str:
    """A request line's target as a path: no query, no fragment, escapes decoded."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    return unquote(path) if "%" in path else path


_DAYS: dict[str, date | None] = {}


def london_day(when: str) -> date | None:
    """The day in London of a logged time such as '05/Dec/2026:20:11:17 +0000'.

    London's clocks change on the hour, so the day is the same for every time in a logged
    hour: one conversion an hour and offset, remembered (a few thousand a year at most).
    """
    if len(when) != 26:
        return None
    key = when[:14] + when[-6:]
    if key not in _DAYS:
        if len(_DAYS) > 100_000:  # a log spanning decades: keep memory flat all the same
            _DAYS.clear()
        _DAYS[key] = _convert(when)
    return _DAYS[key]


def _convert(when: str) -> date | None:
    found = TIME.fullmatch(when)
    if found is None or found[2] not in MONTHS:
        return None
    day, month, year, hour, sign, hh, mm = found.groups()
    offset = timedelta(hours=int(hh), minutes=int(mm)) * (-1 if sign == "-" else 1)
    try:
        moment = datetime(int(year), MONTHS[month], int(day), int(hour), tzinfo=timezone(offset))
    except ValueError:
        return None
    return moment.astimezone(LONDON).date()
