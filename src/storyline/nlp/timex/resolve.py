"""Values of expressions that lean on the anchor date, with honest fallbacks.

Each helper returns a TIMEX3 value. When the anchor is missing or too
coarse, it keeps what the text itself says and marks the rest unknown
(``XXXX-09-03``, ``XXXX-WXX-3``) or returns None when nothing is left.
"""

from __future__ import annotations

import datetime as dt
import re

from .base import Context
from .dates import (
    Anchor,
    Tense,
    add_months,
    day_value,
    month_value,
    month_year,
    quarter_of,
    shift_day,
    week_value,
    weekday_date,
)

_DAYREF = re.compile(r"(today|yesterday|tomorrow|tonight)$", re.IGNORECASE)


def month_day(ctx: Context, month: int, day: int, tense: Tense, year: int | None = None) -> str:
    """A day of a month, the year taken from the text or, failing that, the anchor."""
    if year is None and ctx.anchor is not None:
        year = month_year(ctx.anchor, month, tense, day=day)
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}"
    try:
        return day_value(dt.date(year, month, day))
    except ValueError:
        return f"{year:04d}-{month:02d}"


def month_in_year(ctx: Context, month: int, tense: Tense, relation: str = "") -> str:
    """A month named without a year (``in March``, ``last March``)."""
    if ctx.anchor is None:
        return f"XXXX-{month:02d}"
    return month_value(month_year(ctx.anchor, month, tense, relation), month)


def weekday_value(ctx: Context, weekday: int, tense: Tense, relation: str = "") -> str:
    """The date a weekday name points to, or ``XXXX-WXX-n`` without a full anchor."""
    base = anchor_day(ctx)
    if base is None:
        return f"XXXX-WXX-{weekday}"
    return day_value(weekday_date(base, weekday, tense, relation))


def anchor_day(ctx: Context) -> dt.date | None:
    """The anchor as a date when it is known to the day."""
    return ctx.anchor.date if ctx.anchor is not None else None


def deictic_day(ctx: Context, word: str) -> dt.date | None:
    """``today``/``tonight`` (0), ``yesterday`` (-1), ``tomorrow`` (+1) from the anchor."""
    base = anchor_day(ctx)
    if base is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(word.lower(), 0)
    return base + dt.timedelta(days=offset)


def day_reference(ctx: Context, text: str, tense: Tense) -> str | None:
    """The date of a short day reference (``Wednesday``, ``yesterday``) as a value."""
    text = " ".join(text.split())
    if _DAYREF.match(text):
        day = deictic_day(ctx, text)
        return day_value(day) if day else None
    words = text.replace(",", " ").split()
    month = next((m for m in map(ctx.lexicon.month, words) if m is not None), None)
    days = [int(w) for w in (re.sub(r"\D", "", w) for w in words) if w]
    if month is not None and days:
        return month_day(ctx, month, days[0], tense)
    weekday = ctx.lexicon.weekday(words[0]) if words else None
    if weekday is not None:
        return weekday_value(ctx, weekday, tense)
    return None


def shifted(anchor: Anchor | None, letter: str, count: int) -> str | None:
    """The anchor moved by ``count`` units, at the unit's own precision.

    ``2 weeks ago`` is a week, ``5 months ago`` a month, ``10 days ago`` a
    day; year shifts work from a year-only anchor too.
    """
    if anchor is None:
        return None
    if letter == "Y":
        return f"{anchor.year + count:04d}"
    if anchor.month is None:
        return None
    if letter in {"M", "Q"}:
        months = count * (3 if letter == "Q" else 1)
        year, month = add_months(anchor.year, anchor.month, months)
        if letter == "Q":
            return f"{year:04d}-Q{quarter_of(month)}"
        return month_value(year, month)
    base = anchor.date
    if base is None:
        return None
    moved = shift_day(base, "D" if letter == "D" else "W", count)
    return week_value(moved) if letter == "W" else day_value(moved)


def stretch(anchor: Anchor | None, letter: str, steps: int) -> tuple[str, str] | None:
    """The range from the anchor ``steps`` units back (negative) or ahead (positive).

    ``the past eight years`` on 4 September 2025 runs from ``2017-09-04`` to
    ``2025-09-04``; against a month-only anchor, from ``2017-09`` to
    ``2025-09``. Clock units and anchors too coarse for the unit give None.
    """
    if anchor is None or letter not in {"Y", "Q", "M", "W", "D"}:
        return None
    base = anchor.date
    if base is not None:
        here, there = day_value(base), day_value(shift_day(base, letter, steps))
    elif anchor.month is not None and letter in {"Y", "Q", "M"}:
        months = steps * {"Y": 12, "Q": 3, "M": 1}[letter]
        here = month_value(anchor.year, anchor.month)
        there = month_value(*add_months(anchor.year, anchor.month, months))
    elif letter == "Y":
        here, there = f"{anchor.year:04d}", f"{anchor.year + steps:04d}"
    else:
        return None
    return (there, here) if steps < 0 else (here, there)


def quarter_value(anchor: Anchor | None, quarter: int, tense: Tense, year: int | None) -> str:
    """A numbered quarter; without a stated year, the one the tense points to."""
    if year is None and anchor is not None:
        year = anchor.year
        current = quarter_of(anchor.month) if anchor.month else None
        if current is not None and quarter > current and tense == "past":
            year -= 1
    return f"{year:04d}-Q{quarter}" if year is not None else f"XXXX-Q{quarter}"


def relative_quarter(anchor: Anchor | None, offset: int) -> str | None:
    """The anchor's quarter moved by ``offset`` quarters."""
    if anchor is None or anchor.month is None:
        return None
    year, month = add_months(anchor.year, anchor.month, 3 * offset)
    return f"{year:04d}-Q{quarter_of(month)}"


def decade_of(anchor: Anchor | None, digit: int) -> str:
    """The decade ``'80s``/``the eighties`` means: the latest such decade not after the anchor."""
    reference = anchor.year if anchor is not None else 1999
    decade = (reference // 100) * 100 + digit * 10
    if decade > reference:
        decade -= 100
    return f"{decade // 10:03d}"


_SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def season_value(
    ctx: Context, code: str, tense: Tense, relation: str = "", year: int | None = None
) -> str:
    """A season (``2024-SU``); the year from the text, else from the anchor and tense.

    ``relation`` is the word before it: ``last`` (the year before), ``next``,
    ``this past`` (the latest one already begun), ``this`` or nothing.
    """
    if year is not None:
        return f"{year:04d}-{code}"
    if ctx.anchor is None:
        return f"XXXX-{code}"
    order = _SEASON_ORDER[code]
    month = ctx.anchor.month or 6
    current = {12: 0, 1: 0, 2: 0}.get(month, (month - 3) // 3 + 1)
    base = ctx.anchor.year
    if relation == "last":
        base -= 1
    elif relation == "next":
        base += 1 if order <= current else 0
    elif relation == "this past":
        base -= 0 if order < current else 1
    elif relation == "" and tense == "past" and order > current:
        base -= 1
    elif relation == "" and tense == "future" and order < current:
        base += 1
    return f"{base:04d}-{code}"


def duration_value(count: float | None, letter: str, multiplier: int, clock: bool) -> str:
    """A TIMEX3 duration: ``P3Y``, ``PT1H30M``, ``P30Y`` (three decades), ``PXM`` (vague)."""
    prefix = "PT" if clock else "P"
    if count is None:
        return f"{prefix}X{letter}"
    total = count * multiplier
    if float(total).is_integer():
        return f"{prefix}{int(total)}{letter}"
    whole = int(total)
    smaller = {"H": ("M", 60), "M": ("S", 60)} if clock else {"Y": ("M", 12), "D": ("H", 24)}
    if letter in smaller:
        next_letter, factor = smaller[letter]
        rest = round((total - whole) * factor)
        head = f"{prefix}{whole}{letter}" if whole else prefix
        joiner = "T" if not clock and letter == "D" else ""
        return f"{head}{joiner}{rest}{next_letter}"
    return f"{prefix}{total:g}{letter}"
