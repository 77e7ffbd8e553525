"""Calendar arithmetic for TIMEX3 values: anchors, shifts, intervals and comparison.

An :class:`Anchor` is the reference date relative expressions resolve
against (the article's date). It may be partial (``2025`` or ``2025-09``)
or missing; every helper then returns ``None`` and the caller falls back to
a value with ``X`` placeholders (``XXXX-09-03``) instead of guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

Tense = Literal["past", "present", "future", "either"]

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
    present-tense clause announces what is coming. ``either`` (a plan or a
    deadline reported in the past) means whichever such day is nearer.
    """
    ahead = (weekday - anchor.isoweekday()) % 7
    behind = (anchor.isoweekday() - weekday) % 7
    if relation == "last":
        return anchor - dt.timedelta(days=behind or 7)
    if relation == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if tense == "future" or (relation == "this" and tense in ("present", "either")):
        return anchor + dt.timedelta(days=ahead)
    if tense == "either" and ahead < behind:
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


# --- calendar arithmetic on TIMEX values --------------------------------------
#
# Events and claims carry dates as TIMEX3 strings of varying precision. To
# compare them each is turned into the closed interval of days it covers:
# ``2024-06`` is 1 to 30 June 2024, so it is *compatible* with ``2024-06-05``
# and *incompatible* with ``2023-10-17``. Values that name no stretch of the
# calendar (``PAST_REF``, ``P3Y``, ``XXXX-09-03``) have no interval and are
# treated as undated.

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

#: Precision names, finest first (used to prefer the more precise of two dates).
PRECISIONS = ("day", "week", "month", "season", "quarter", "year")


def date_precision(value: str | None) -> str | None:
    """The precision of a calendar value (``day``, ``month``...) or None when it has none."""
    if value is None:
        return None
    for name, pattern in (
        ("day", _DAY),
        ("month", _MONTH),
        ("year", _YEAR),
        ("week", _WEEK),
        ("quarter", _QUARTER),
        ("season", _SEASON),
    ):
        if pattern.match(value):
            return name if date_interval(value) is not None else None
    return None


@functools.lru_cache(maxsize=4096)
def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day ``value`` covers, or None for non-calendar values."""
    if not value:
        return None
    try:
        return _interval(value)
    except ValueError:
        return None


def _interval(value: str) -> tuple[dt.date, dt.date] | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.match(value):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if m := _YEAR.match(value):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    if m := _WEEK.match(value):
        start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + dt.timedelta(days=6)
    if m := _QUARTER.match(value):
        first = 3 * (int(m[2]) - 1) + 1
        return _months(int(m[1]), first, first + 2)
    if m := _SEASON.match(value):
        low, high = _SEASON_MONTHS[m[2]]
        return _months(int(m[1]), low, high)
    return None


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Days from the 1st of month ``first`` to the end of month ``last`` (13, 14 roll over)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end_day = calendar.monthrange(end_year, end_month)[1]
    return dt.date(year, first, 1), dt.date(end_year, end_month, end_day)


def value_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value covers."""
    return date_interval(value) if date_precision(value) in ("day", "month", "year") else None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two dated values can name the same day (their intervals overlap).

    Undated values are compatible with anything: they say nothing against it.
    """
    left, right = date_interval(a), date_interval(b)
    if left is None or right is None:
        return True
    return left[0] <= right[1] and right[0] <= left[1]


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between two dated values (0 when they overlap), None if either is undated."""
    left, right = date_interval(a), date_interval(b)
    if left is None or right is None:
        return None
    if left[0] <= right[1] and right[0] <= left[1]:
        return 0
    if left[1] < right[0]:
        return (right[0] - left[1]).days
    return (left[0] - right[1]).days


def date_sort_key(value: str | None) -> tuple[int, int, int]:
    """Order dated values by start day, then coarser before finer, undated last."""
    span = date_interval(value)
    if span is None:
        return (1, 0, 0)
    width = (span[1] - span[0]).days
    return (0, span[0].toordinal(), -width)
