"""Find an article's dateline: the publication date printed at the top of its text.

A dateline is a full date (day, month and year) that starts one of the first
:data:`MAX_LINES` non-empty lines of an article, in one of these forms::

    4 September 2025              September 4, 2025          Sept. 4, 2025
    Wed 05 Apr 2017               Wednesday 21 August 2013   21.08.2013 (day.month.year)
    2017-04-05                    2017-04-05T10:32:00Z       Posted on April 4 2017 by ...

It may be preceded by a place in capitals and a comma or dash
(``KYIV, Sept. 4, 2025 —``), by a lead word (``Posted on``, ``Published``,
``Updated:``, ``UPDATE:``, ``Date:``) and by a weekday, and followed by a clock time.

A date inside a running sentence is not a dateline. The date must stand on
its own line, or be followed by a separator that only datelines use (a dash,
``|``, a bracket, or ``by`` as in ``Posted on ... by``). A date that opens
with a weekday or a lead word may be followed by anything: those rarely begin
a sentence. So ``4 September 2025`` alone on a line is a dateline, while
``On September 3, the leaders met`` (no year, and not at the start) and
``September 4, 2025, was a Thursday`` (a comma and more words) are not.

Dates that do not exist (``31.02.2020``) and years outside
:data:`YEARS` are rejected.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

#: How many non-empty lines from the top of an article are searched.
MAX_LINES = 15
#: Years accepted in a dateline.
YEARS = range(1800, 2101)

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# Abbreviations that are not the first three letters of the month's name.
_EXTRA_ABBREVIATIONS = {"sept": 9}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBREVIATIONS = ("tues", "thur", "thurs")


def _month_numbers() -> dict[str, int]:
    """Month names and abbreviations (lower case) to month numbers."""
    names = {name[:3]: number for name, number in _MONTHS.items()}
    return {**names, **_EXTRA_ABBREVIATIONS, **_MONTHS}


_MONTH_NUMBERS = _month_numbers()


def _alternation(words: list[str]) -> str:
    """A case-insensitive regex alternation, longest word first."""
    return "(?i:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_MONTH = _alternation(list(_MONTH_NUMBERS))
_WEEKDAY = _alternation([*_WEEKDAYS, *(d[:3] for d in _WEEKDAYS), *_WEEKDAY_ABBREVIATIONS])
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"

_PATTERN = re.compile(
    rf"""
    (?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD})*         # KYIV, NEW YORK
        (?:,\s*[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)*)?  # , Ukraine
        (?:\s*\([^()\n]{{1,30}}\))?                     # (Reuters)
        \s*(?:,|[—–\-]+)\s*)?
    (?P<lead>(?i:posted|published|last\s+updated|updated|update|date)(?:\s+(?i:on))?\s*:?\s+)?
    (?P<weekday>{_WEEKDAY}\.?,?\s+)?
    (?P<date>
        (?P<d1>\d{{1,2}})(?i:st|nd|rd|th)?\s+(?:(?i:of)\s+)?(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})
      | (?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?i:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
      | (?P<d3>\d{{1,2}})\.(?P<m3>\d{{1,2}})\.(?P<y3>\d{{4}})
      | (?P<y4>\d{{4}})-(?P<m4>\d{{2}})-(?P<d4>\d{{2}})
        (?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
    )
    (?!\d)
    (?P<time>,?\s*(?:(?i:at)\s+)?\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?
        (?:\s*(?i:[ap]\.?m\.?))?(?:\s*[A-Z]{{2,5}}(?:[+-]\d{{1,2}})?)?(?![\w:.]))?
    (?P<tail>\s*$|\s*[—–\-|•·(]|\s+(?i:by)\b)?
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Dateline:
    """A dateline's date (``YYYY-MM-DD``) and where its date expression sits in the text."""

    value: str
    start: int
    end: int


def find_dateline(text: str, max_lines: int = MAX_LINES) -> Dateline | None:
    """The first dateline in the first ``max_lines`` non-empty lines of ``text``, or None."""
    for offset, line in _leading_lines(text, max_lines):
        found = _match_line(line)
        if found is not None:
            value, start, end = found
            return Dateline(value, offset + start, offset + end)
    return None


def _leading_lines(text: str, max_lines: int) -> list[tuple[int, str]]:
    """``(offset, line)`` for the first non-empty lines, leading spaces dropped."""
    lines: list[tuple[int, str]] = []
    position = 0
    while position <= len(text) and len(lines) < max_lines:
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end]
        stripped = line.lstrip()
        if stripped:
            lines.append((position + len(line) - len(stripped), stripped.rstrip()))
        position = end + 1
    return lines


def _match_line(line: str) -> tuple[str, int, int] | None:
    """The date value and its offsets in ``line`` when the line opens with a dateline."""
    match = _PATTERN.match(line)
    if match is None:
        return None
    loose = match["weekday"] or match["lead"]
    if match["tail"] is None and not loose:
        return None
    value = _value(match)
    if value is None:
        return None
    return value, match.start("date"), match.end("date")


def _value(match: re.Match[str]) -> str | None:
    """``YYYY-MM-DD`` for the matched date, or None when no such day exists."""
    for index in "1234":
        year = match[f"y{index}"]
        if year is None:
            continue
        month_text = match[f"m{index}"]
        month = int(month_text) if month_text.isdigit() else _MONTH_NUMBERS[month_text.lower()]
        return _checked(int(year), month, int(match[f"d{index}"]))
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    if year not in YEARS:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
