"""Calendar arithmetic for TIMEX3 values: anchors, shifts and formatting.

An :class:`Anchor` is the reference date relative expressions resolve
against (the article's date). It may be partial (``2025`` or ``2025-09``)
or missing; every helper then returns ``None`` and the caller falls back to
a value with ``X`` placeholders (``XXXX-09-03``) instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Tense = Literal["past", "present", "future"]

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Anchor:
    """A reference date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Anchor | None:
        """The anchor of an ISO value (``2025``, ``2025-09``, ``2025-09-04T10:00``), or None."""
        if not value:
            return None
        found = _ISO.match(value.strip())
        if found is None:
            return None
        year, month, day = (int(g) if g else None for g in found.groups())
        if year is None:
            return None
        if month is not None and not 1 <= month <= 12:
            return cls(year)
        if month is not None and day is not None and _valid(year, month, day):
            return cls(year, month, day)
        return cls(year, month)

    @property
    def date(self) -> dt.date | None:
        """The full date, when known to the day."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def value(self) -> str:
        """The anchor as a TIMEX3 value at its own precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def day_value(day: dt.date) -> str:
    """``YYYY-MM-DD``."""
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    """``YYYY-MM``."""
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    """The ISO week containing ``day``: ``YYYY-Www``."""
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_of(month: int) -> int:
    """The calendar quarter (1-4) of a month."""
    return (month - 1) // 3 + 1


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``count`` months."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def shift_day(day: dt.date, letter: str, count: int) -> dt.date:
    """``day`` moved by ``count`` units of ``D``, ``W``, ``M``, ``Q`` or ``Y``."""
    if letter == "D":
        return day + dt.timedelta(days=count)
    if letter == "W":
        return day + dt.timedelta(weeks=count)
    months = {"M": 1, "Q": 3, "Y": 12}[letter] * count
    year, month = add_months(day.year, day.month, months)
    last = 31
    while not _valid(year, month, min(day.day, last)):
        last -= 1
    return dt.date(year, month, min(day.day, last))


def weekday_date(anchor: dt.date, weekday: int, tense: Tense, relation: str = "") -> dt.date:
    """The date a weekday name points to from ``anchor``.

    ``relation`` is ``last``, ``next`` or ``this``/empty. Without one, the
    tense decides: a future verb means the next such day from the anchor;
    anything else the latest such day up to it, since news mostly reports
    what has happened (``Police said Friday``). ``this Wednesday`` in a
    present-tense clause announces what is coming.
    """
    ahead = (weekday - anchor.isoweekday()) % 7
    behind = (anchor.isoweekday() - weekday) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=behind or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if tense == "future" or (relation == "this" and tense == "present"):
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=behind)


def month_year(
    anchor: Anchor, month: int, tense: Tense, relation: str = "", day: int | None = None
) -> int:
    """The year of a month (or month and day) named without one.

    With ``last``/``next`` the relation decides. Otherwise the tense does: a
    past verb means the latest such month not after the anchor's (``In
    December, it said``, written in October, is the December before), a
    future verb the first one not before it. In the present, the occurrence
    nearest the anchor wins (``Jan. 2`` written in November is the coming
    January). A stated day may lie up to two months on the other side: a
    past sentence often names a deadline ahead (``extended the offer to Nov.
    20``).
    """
    current = anchor.month
    if relation == "last":
        return anchor.year - 1 if current is None or month >= current else anchor.year
    if relation == "next":
        return anchor.year + 1 if current is None or month <= current else anchor.year
    if current is None or relation == "this":
        return anchor.year
    reference = dt.date(anchor.year, current, anchor.day or 15)

    def distance(year: int) -> int:
        if day is None:  # whole months: how many months apart, as days
            return ((year - anchor.year) * 12 + month - current) * 30
        return (dt.date(year, month, min(day, 28)) - reference).days

    years = sorted((anchor.year - 1, anchor.year, anchor.year + 1), key=lambda y: abs(distance(y)))
    best = years[0]
    slack = 60 if day is not None else 0
    if tense == "past" and distance(best) > slack:
        return best - 1
    if tense == "future" and distance(best) < -slack:
        return best + 1
    return best


def value_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a calendar value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) covers."""
    found = _VALUE.match(value)
    if found is None:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if not 1 <= month <= 12:
        return None
    if day is None:
        next_year, next_month = add_months(year, month, 1)
        return dt.date(year, month, 1), dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    if not _valid(year, month, day):
        return None
    return dt.date(year, month, day), dt.date(year, month, day)


def spoken_date(value: str) -> str:
    """A calendar value as a reader says it: ``17 October 2023``, ``June 2024``, ``2025``."""
    found = _VALUE.match(value)
    if found is None:
        return value
    year, month, day = found.groups()
    if month is None:
        return year
    name = MONTH_NAMES[int(month) - 1]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"
