"""Calendar arithmetic on TIMEX3 date values (``2025-09-03``, ``2024-06``, ``2025-W35``).

Events and claims carry dates as TIMEX3 strings of varying precision. To
compare them Storyline turns each into the closed interval of days it
covers: ``2024-06`` is 1 to 30 June 2024, so it is *compatible* with
``2024-06-05`` and *incompatible* with ``2023-10-17``. Values that name no
stretch of the calendar (``PAST_REF``, ``P3Y``, ``XXXX-09-03``) have no
interval and are treated as undated.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

#: Precision names, finest first (used to prefer the more precise of two dates).
PRECISIONS = ("day", "week", "month", "season", "quarter", "year")

_MONTH_NAMES = tuple(calendar.month_name)


def precision(value: str | None) -> str | None:
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
            return name if interval(value) is not None else None
    return None


@functools.lru_cache(maxsize=4096)
def interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day ``value`` covers, or None for non-calendar values."""
    if not value:
        return None
    try:
        return _interval(value)
    except ValueError:
        return None


def _interval(value: str) -> tuple[date, date] | None:
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.match(value):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if m := _YEAR.match(value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    if m := _WEEK.match(value):
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + timedelta(days=6)
    if m := _QUARTER.match(value):
        first = 3 * (int(m[2]) - 1) + 1
        return _months(int(m[1]), first, first + 2)
    if m := _SEASON.match(value):
        low, high = _SEASON_MONTHS[m[2]]
        return _months(int(m[1]), low, high)
    return None


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """Days from the 1st of month ``first`` to the end of month ``last`` (13, 14 roll over)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end_day = calendar.monthrange(end_year, end_month)[1]
    return date(year, first, 1), date(end_year, end_month, end_day)


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two dated values can name the same day (their intervals overlap).

    Undated values are compatible with anything: they say nothing against it.
    """
    left, right = interval(a), interval(b)
    if left is None or right is None:
        return True
    return left[0] <= right[1] and right[0] <= left[1]


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between two dated values (0 when they overlap), None if either is undated."""
    left, right = interval(a), interval(b)
    if left is None or right is None:
        return None
    if left[0] <= right[1] and right[0] <= left[1]:
        return 0
    if left[1] < right[0]:
        return (right[0] - left[1]).days
    return (left[0] - right[1]).days


def sort_key(value: str | None) -> tuple[int, int, int]:
    """Order dated values by start day, then coarser before finer, undated last."""
    span = interval(value)
    if span is None:
        return (1, 0, 0)
    width = (span[1] - span[0]).days
    return (0, span[0].toordinal(), -width)


def describe(value: str | None) -> str:
    """A date as a reader writes it: ``3 September 2025``, ``June 2024``, ``2024``."""
    if value is None:
        return "an unknown date"
    if interval(value) is None:
        return value
    if m := _DAY.match(value):
        return f"{int(m[3])} {_MONTH_NAMES[int(m[2])]} {m[1]}"
    if m := _MONTH.match(value):
        return f"{_MONTH_NAMES[int(m[2])]} {m[1]}"
    if m := _WEEK.match(value):
        return f"week {int(m[2])} of {m[1]}"
    if m := _QUARTER.match(value):
        return f"Q{m[2]} {m[1]}"
    if m := _SEASON.match(value):
        names = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
        return f"{names[m[2]]} {m[1]}"
    return value
