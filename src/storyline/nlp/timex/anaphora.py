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

_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def resolve_references(found: list[Found]) -> list[Found]:
    """Recompute every shifted expression from the date mentioned before it."""
    reference: tuple[int, int | None, int | None] | None = None
    resolved = []
    for item in found:
        if item.shift is not None and reference is not None:
            value = _shift(reference, *item.shift)
            if value is not None:
                item = dataclasses.replace(item, value=value)
        calendar = _CALENDAR.match(item.value or "")
        if calendar is not None and item.type == "DATE":
            year, month, day = (int(g) if g else None for g in calendar.groups())
            assert year is not None
            reference = (year, month, day)
        resolved.append(item)
    return resolved


def _shift(reference: tuple[int, int | None, int | None], letter: str, steps: int) -> str | None:
    year, month, day = reference
    if letter == "Y":
        return f"{year + steps:04d}"
    if month is None:
        return None
    if letter in {"M", "Q"}:
        return month_value(*add_months(year, month, steps * (3 if letter == "Q" else 1)))
    if day is None:
        return None
    return day_value(shift_day(dt.date(year, month, day), letter, steps))
