"""Expressions relative to the time the text is talking about, not to its date.

``On May 22, 1995, he was promoted, and the following year he left``: the
following year is 1996, counted from the last date the text gave, not from
the article's date. Rules mark such expressions with a ``shift``; this pass
walks the expressions in order, keeps the last calendar date seen as the
reference time and recomputes each shifted value from it. Without an
earlier date the anchor-based value stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .base import Found
from .dates import add_months, day_value, month_value, shift_day

_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12])$")
_CLOCK = re.compile(r"T[A-Z0-9:]+$")
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def resolve_references(found: list[Found]) -> list[Found]:
    """Recompute every shifted expression from the date mentioned before it.

    The reference is the latest date precise enough for the shift: ``two
    days later`` counts from the last day named, ``the following year`` from
    the last year (or month, or day) named. When the text was last talking
    about a quarter, ``a year earlier`` is that quarter a year before
    (``1988-Q3`` after ``the third quarter`` of 1989), as in results news;
    so is ``a year ago``, when it names the year before that quarter's. A
    day inside that quarter (``the quarter ended Sept. 30``) keeps it. A
    second year-back comparison with no other date between (``a year ago
    ... compared with a year earlier``) names the same period as the first.
    """
    latest: dict[str, tuple[int, int, int]] = {}
    quarter: tuple[int, str] | None = None
    compared: str | None = None  # the last year-back comparison, while nothing else intervenes
    resolved = []
    for item in found:
        if item.shift == ("Y", -1) and compared is not None:
            resolved.append(dataclasses.replace(item, value=compared))
            continue  # "a year ago ... compared with a year earlier": the same period
        if item.rule == "year_adjective" and item.shift is not None:
            resolved.append(_comparison_period(item, quarter, latest.get("year")))
            compared = resolved[-1].value
            continue  # a comparison period is never the time the text moves on to
        if item.shift is not None:
            item = _shifted(item, quarter, latest)
            if item.shift == ("Y", -1) and quarter is not None:
                resolved.append(item)
                compared = item.value
                continue  # the quarter a year back is compared with, not moved on to
        elif (year_ago := _quarter_a_year_ago(item, quarter)) is not None:
            resolved.append(dataclasses.replace(item, value=year_ago))
            compared = year_ago
            continue
        if item.type == "DATE":  # a length ("the nine months") leaves the comparison standing
            compared = item.value if _year_back(item) else None
        period = _QUARTER.match(item.value or "")
        quarter = (int(period.group(1)), period.group(2)) if period else quarter
        calendar = _CALENDAR.match(item.value or "")
        if calendar is not None and item.type == "DATE":
            year, month, day = (int(g) if g else 0 for g in calendar.groups())
            latest["year"] = (year, month or 1, day or 1)
            quarter = quarter if _within(quarter, year, month) else None
            if month:
                latest["month"] = (year, month, day or 1)
            if day:
                latest["day"] = (year, month, day)
        resolved.append(item)
    return resolved


def _shifted(
    item: Found, quarter: tuple[int, str] | None, latest: dict[str, tuple[int, int, int]]
) -> Found:
    """A shifted expression counted from the quarter or the date the text last named."""
    letter, steps = item.shift or ("D", 0)
    reference = latest.get(_NEEDS.get(letter, "day"))
    if letter == "Y" and quarter is not None:
        return dataclasses.replace(item, value=f"{quarter[0] + steps:04d}-{quarter[1]}")
    if reference is None and item.rule == "later" and steps > 0:
        # "four years later" with no date before it: a length after a time the
        # text does not give, never a date counted from the article's own
        return dataclasses.replace(item, type="DURATION", value=f"P{steps}{letter}", shift=None)
    if reference is None:
        return item
    clock = _CLOCK.search(item.value or "")
    value = _shift(reference, letter, steps) + (clock.group(0) if clock else "")
    return dataclasses.replace(item, value=value)


def _year_back(item: Found) -> bool:
    """``a year earlier`` or ``a year ago``: the period a year before the one reported."""
    return item.shift == ("Y", -1) or item.rule == "year_ago"


def _comparison_period(
    item: Found, quarter: tuple[int, str] | None, named: tuple[int, int, int] | None
) -> Found:
    """``the year-earlier period``: the quarter (or year) the text talks of, a year back.

    When that period is already the one a year before the anchor's (``in
    the 1988 period``, written in 1989), it is itself the comparison, and the
    year-earlier period is the same one, not one a year further back.
    """
    own = int(item.value or "") if (item.value or "").isdigit() else None
    if quarter is not None:
        back = quarter[0] if quarter[0] == own else quarter[0] - 1
        return dataclasses.replace(item, value=f"{back:04d}-{quarter[1]}")
    if named is not None and named[0] != own:
        return dataclasses.replace(item, value=f"{named[0] - 1:04d}")
    return item


def _quarter_a_year_ago(item: Found, quarter: tuple[int, str] | None) -> str | None:
    """``a year ago`` said while the text talks of a quarter: that quarter a year before."""
    if quarter is None or item.rule not in {"ago", "year_ago"} or not (item.value or "").isdigit():
        return None
    year = int(item.value or 0)
    return f"{year:04d}-{quarter[1]}" if year == quarter[0] - 1 else None


def _within(quarter: tuple[int, str] | None, year: int, month: int) -> bool:
    """Whether a month lies in the quarter or half the text talks of.

    ``the quarter ended Sept. 30`` still talks of the quarter, not of the day.
    """
    if quarter is None or quarter[0] != year or not month:
        return False
    number = int(quarter[1][1])
    size = 3 if quarter[1][0] == "Q" else 6
    return (number - 1) * size < month <= number * size


_NEEDS = {"Y": "year", "M": "month", "Q": "month", "W": "day", "D": "day"}


def _shift(reference: tuple[int, int, int], letter: str, steps: int) -> str:
    year, month, day = reference
    if letter == "Y":
        return f"{year + steps:04d}"
    if letter in {"M", "Q"}:
        return month_value(*add_months(year, month, steps * (3 if letter == "Q" else 1)))
    return day_value(shift_day(dt.date(year, month, day), letter, steps))
