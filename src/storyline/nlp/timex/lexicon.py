"""The word lists of the time-expression tagger, read once from ``data/nlp/timex.yaml``."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ...lexicons import bundled_yaml


@dataclass(frozen=True)
class Unit:
    """A calendar or clock unit: its TIMEX3 letter, how many of it, clock or not."""

    letter: str
    multiplier: int
    clock: bool


@dataclass(frozen=True)
class Lexicon:
    """Every word list the patterns and the normaliser need (see ``timex.yaml``)."""

    months: dict[str, int]  # lowercased names
    weekdays: dict[str, int]  # lowercased names
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    units: dict[str, Unit]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    ordinals: dict[str, int]
    fuzzy: dict[str, tuple[str, str]]
    year_nouns: frozenset[str]
    year_of_nouns: frozenset[str]
    change_words: frozenset[str]
    quantity_nouns: frozenset[str]
    proper_weekday_prefixes: frozenset[str]
    era_nouns: frozenset[str]
    day_nouns: frozenset[str]
    game_words: frozenset[str]
    time_zones: tuple[str, ...]
    holidays: dict[str, tuple[int, int]]

    def month(self, word: str) -> int | None:
        """The month number of a name or abbreviation (any case, trailing dot allowed)."""
        return self.months.get(word.rstrip(".").lower())

    def weekday(self, word: str) -> int | None:
        """The ISO weekday number (Monday = 1) of a name, abbreviation or plural."""
        key = word.rstrip(".").lower()
        found = self.weekdays.get(key)
        return found if found is not None else self.weekdays.get(key.removesuffix("s"))


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@functools.cache
def load_lexicon() -> Lexicon:
    """Read the bundled lexicon (cached: the file is parsed once per process)."""
    raw = bundled_yaml("nlp/timex.yaml")
    return Lexicon(
        months={str(k).lower(): int(v) for k, v in raw["months"].items()},
        weekdays={str(k).lower(): int(v) for k, v in raw["weekdays"].items()},
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        parts_of_day={str(k): str(v) for k, v in raw["parts_of_day"].items()},
        units={str(k): Unit(str(v[0]), int(v[1]), bool(v[2])) for k, v in raw["units"].items()},
        numbers={str(k): float(v) for k, v in raw["numbers"].items()},
        vague_numbers=frozenset(str(w) for w in raw["vague_numbers"]),
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        fuzzy={str(k): (str(v[0]), str(v[1])) for k, v in raw["fuzzy"].items()},
        year_nouns=frozenset(str(w) for w in raw["year_nouns"]),
        year_of_nouns=frozenset(str(w) for w in raw["year_of_nouns"]),
        change_words=frozenset(str(w) for w in raw["change_words"]),
        quantity_nouns=frozenset(str(w) for w in raw["quantity_nouns"]),
        proper_weekday_prefixes=frozenset(str(w) for w in raw["proper_weekday_prefixes"]),
        era_nouns=frozenset(str(w) for w in raw["era_nouns"]),
        day_nouns=frozenset(str(w) for w in raw["day_nouns"]),
        game_words=frozenset(str(w) for w in raw["game_words"]),
        time_zones=tuple(str(w) for w in raw["time_zones"]),
        holidays={str(k): _month_day(str(v)) for k, v in raw["holidays"].items()},
    )


def _month_day(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)
