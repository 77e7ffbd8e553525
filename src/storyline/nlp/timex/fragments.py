"""Regular-expression fragments the rules are written with, built from the lexicon.

Fragments are plain strings for verbose, case-insensitive patterns; those
that capture take the group name as an argument, so one pattern can use a
fragment twice. Capitalisation (month and weekday names) is checked by the
handlers, not here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .lexicon import Lexicon, alternation, load_lexicon

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+1/2|½)?"
_FRACTION = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+1/2|½)$")


@dataclass(frozen=True)
class Fragments:
    """The alternations every rule shares (non-capturing)."""

    month: str
    weekday: str
    weekday_full: str
    number: str
    unit: str
    approx: str
    season: str
    part_of_day: str
    ordinal: str
    fuzzy: str
    holiday: str
    time_zone: str
    year: str = r"(?<![\d$£€.,/])(?<!\d-)(?:1\d{3}|20\d{2})(?![\d%]|,\d|\.\d)"
    day: str = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    spelled_year: str = rf"""(?:the\s+year\s+)?(?:nineteen|twenty)\s+(?:(?:{"|".join(_TENS)})
        (?:[-\s](?:{"|".join(_ONES)}))?|{"|".join(_TEENS)}|hundred|oh[-\s](?:{"|".join(_ONES)}))
        (?![a-z])|the\s+year\s+two\s+thousand(?:\s+and)?
        (?:\s+(?:{"|".join(_TEENS)}|{"|".join(_ONES)}))?(?![a-z])"""

    def group(self, name: str, fragment: str) -> str:
        """``fragment`` captured as group ``name``."""
        return f"(?P<{name}>{fragment})"


@functools.cache
def fragments() -> Fragments:
    """The fragments for the bundled lexicon (built once)."""
    return build_fragments(load_lexicon())


def build_fragments(lex: Lexicon) -> Fragments:
    """Build every fragment from a lexicon."""
    compound = rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?"
    words = alternation([*lex.numbers, *lex.vague_numbers])
    return Fragments(
        month=rf"(?:{alternation(lex.months)})(?![a-z])(?:\.(?=\s*\d))?",
        weekday=rf"(?:{alternation(lex.weekdays)})(?![a-z])\.?",
        weekday_full=rf"(?:{alternation(w for w in lex.weekdays if len(w) > 5)})",
        number=rf"(?:{_DIGITS}|{compound}|(?<![a-z-])(?:{words}))",
        unit=rf"(?:{alternation(lex.units)})(?![a-z])",
        approx=(
            r"(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|"
            r"less\s+than|fewer\s+than|over|under|up\s+to|at\s+least|at\s+most|"
            r"just\s+over|just\s+under|well\s+over|only|just|barely|close\s+to|"
            r"no\s+more\s+than|no\s+less\s+than|upwards\s+of|the\s+better\s+part\s+of)"
        ),
        season=rf"(?:{alternation(lex.seasons)})(?![a-z])",
        part_of_day=rf"(?:{alternation(lex.parts_of_day)})(?![a-z])",
        ordinal=rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{alternation(lex.ordinals)})",
        fuzzy=rf"(?<![a-z'-])(?:{alternation(lex.fuzzy)})(?![a-z'-])",
        holiday=rf"(?:{alternation(lex.holidays)})(?![a-z])",
        time_zone=rf"(?:{alternation(lex.time_zones)})(?![a-z])",
    )


def parse_number(text: str, lex: Lexicon | None = None) -> float | None:
    """The value of a number phrase (``three``, ``twenty-five``, ``2 1/2``), None if vague."""
    lex = lex or load_lexicon()
    words = " ".join(text.lower().replace("-", " ").split())
    if words in lex.vague_numbers:
        return None
    if words in lex.numbers:
        return lex.numbers[words]
    fraction = _FRACTION.match(words)
    if fraction:
        return float(fraction.group(1)) + 0.5
    digits = words.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits)
    parts = words.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        return lex.numbers[parts[0]] + lex.numbers[parts[1]]
    return None


def spelled_year_value(text: str, lex: Lexicon | None = None) -> int:
    """The year a spelled-out year names (``nineteen ninety-four``, ``two thousand and one``)."""
    lex = lex or load_lexicon()
    words = text.lower().replace("-", " ").split()
    words = [w for w in words if w not in {"the", "year", "and", "hundred"}]
    if words[:2] == ["two", "thousand"]:
        base, rest = 2000, words[2:]
    else:
        base, rest = (1900 if words[0] == "nineteen" else 2000), words[1:]
    return base + sum(int(lex.numbers.get(w, 0)) for w in rest if w != "oh")


def ordinal_value(text: str, lex: Lexicon | None = None) -> int | None:
    """The value of an ordinal (``3rd``, ``third``, ``eightieth``)."""
    lex = lex or load_lexicon()
    word = text.lower()
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", word)
    if digits:
        return int(digits.group(1))
    parts = word.replace(" ", "-").split("-")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in lex.ordinals:
        return int(lex.numbers[parts[0]]) + lex.ordinals[parts[1]]
    return lex.ordinals.get(word)
