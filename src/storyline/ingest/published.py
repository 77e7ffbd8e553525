"""An article's publication date: metadata first, then a dateline, else unknown."""

from __future__ import annotations

import datetime
import re

from storyline.ingest.dateline import YEARS, find_dateline
from storyline.models import Published

# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time (which is dropped).
_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:[T ].*)?")


def parse_iso_date(value: object) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` from an ISO date or date-time, else None.

    The date is kept as written: a time zone in the value does not move the
    day. Anything that is not a string or not a real date gives None.
    """
    if not isinstance(value, str):
        return None
    match = _ISO.fullmatch(value.strip())
    if match is None or int(match["year"]) not in YEARS:
        return None
    year, month, day = match["year"], match["month"], match["day"]
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


def resolve_published(metadata: str | None, text: str) -> Published:
    """The date from metadata when there is one, else the dateline, else unknown."""
    if metadata is not None:
        return Published(metadata, "metadata")
    dateline = find_dateline(text)
    if dateline is not None:
        return Published(dateline.value, "dateline")
    return Published(None, "unknown")
