"""What a number and a time unit are when they are not a length of time.

``a 45-year-old man`` and ``12 years of age`` are ages, ``a second term`` an
ordinal, ``three quarters of voters`` a share of a whole and ``the 1990
year`` a year: the length rule asks :func:`not_a_length` before it makes a
duration.
"""

from __future__ import annotations

import re

from .base import Context
from .fragments import parse_number

_AGE_BEFORE = re.compile(r"(?:age\s+of|aged)\s+$", re.IGNORECASE)
#: ``three quarters of the shares`` is a share of a whole; ``several quarters of losses`` a length.
_OF_A_WHOLE = re.compile(
    r"\s+of\s+(?:(?:the|a|an|its|their|his|her|our|your|my|this|that|these|those|all|it|them"
    r"|us|which|whom|what)\b|\d)",
    re.IGNORECASE,
)
_OF = re.compile(r"\s+of\b", re.IGNORECASE)
_IN_A_ROW = re.compile(r"\b(?:consecutive|straight|successive)\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s+of\s+age(?![a-z])", re.IGNORECASE)


def not_a_length(match: re.Match[str], ctx: Context) -> bool:
    """Ages, ordinals, fractions and years that the duration pattern also matches."""
    word = match.group("num").lower()
    unit_word = match.group("unit").lower()
    before = ctx.text[max(0, match.start() - 12) : match.start()]
    return bool(
        match.group("old")  # "a 45-year-old man"
        or _AGE_BEFORE.search(before)  # "the age of 5 years"
        or _AGE_AFTER.match(ctx.text, match.end()) is not None  # "12 years of age"
        or (unit_word.startswith("second") and word in {"a", "an"})  # "a second term"
        or (unit_word.startswith("quarter") and _fraction(match, ctx))
        or (word.isdigit() and 1000 <= int(word) <= 2100 and not unit_word.endswith("s"))
    )


def _fraction(match: re.Match[str], ctx: Context) -> bool:
    """``three-quarters``, ``three quarters of voters``: a share of a whole, not a length.

    Before ``of``, only a vague count (``several quarters of losses``), one
    above four or one in a row (``two straight quarters of growth``) is a length.
    """
    if "-" in match.group(0) or _OF_A_WHOLE.match(ctx.text, match.end()):
        return True
    if not _OF.match(ctx.text, match.end()):
        return False
    count = parse_number(match.group("num"), ctx.lexicon)
    return count is not None and count <= 4 and not _IN_A_ROW.search(match.group(0))
