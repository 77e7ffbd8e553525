"""An article's publication date: metadata first, then a dateline, else unknown."""

from __future__ import annotations

import datetime
import re

from storyline.ingest.dateline import YEARS, find_dateline
from storyline.models import Published

# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time (checked, then dropped).
_ISO = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?:[T ](?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?(?:\D.*)?)?"
)


def parse_iso_date(value: object) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` from an ISO date or date-time, else None.

    The date is kept as written: a time zone in the value does not move the
    day. Anything that is not a string, not a real date (or time of day), or
    a date whose year is outside :data:`~storyline.ingest.dateline.YEARS`
    gives None.
    """
    if not isinstance(value, str):
        return None
    match = _ISO.fullmatch(value.strip())
    if match is None or int(match["year"]) not in YEARS or not _real_time(match):
        return None
    year, month, day = match["year"], match["month"], match["day"]
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


def _real_time(match: re.Match[str]) -> bool:
    """Whether the time of day in the match, if any, exists (``25:00`` does not)."""
    hour, minute, second = (int(match[name] or 0) for name in ("hour", "minute", "second"))
    return hour < 24 and minute < 60 and second <= 60  # 60: a leap second


def resolve_published(metadata: str | None, text: str) -> Published:
    """The date from metadata when there is one, else the dateline, else unknown."""
    if metadata is not None:
        return Published(metadata, "metadata")
    dateline = find_dateline(text)
    if dateline is not None:
        return Published(dateline.value, "dateline")
    return Published(None, "unknown")
