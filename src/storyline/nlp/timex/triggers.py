"""Where each family of rules could match: one pass over the words of a text.

Every match of a rule contains a trigger word of its family (a month name,
a unit word, a four-digit number...). Finding all trigger words in one
pass with dictionary lookups is far cheaper than running each rule's full
pattern over the whole text.
"""

from __future__ import annotations

import functools
import re

from .lexicon import Lexicon, load_lexicon

_WORDS = re.compile(r"[A-Za-z]+|\d+")
_CLOCK_AFTER = re.compile(r"\s*(?:[ap]\.?m\b|:\d\d)", re.IGNORECASE)
_DECADE_AFTER = re.compile(r"['’]?s\b")
_ZONE_AFTER = re.compile(r"\s*\(?(?:[A-Z]{2,4}T|UTC|Z\b|local\s+time|hours\b|hrs\b)")


@functools.cache
def _word_families() -> dict[str, frozenset[str]]:
    return build_word_families(load_lexicon())


def build_word_families(lex: Lexicon) -> dict[str, frozenset[str]]:
    """Lowercased word -> the rule families it triggers."""
    table: dict[str, set[str]] = {}

    def add(words: object, *families: str) -> None:
        for phrase in words:  # type: ignore[attr-defined]
            word = str(phrase).lower().split()[0].split("'")[0]
            table.setdefault(word, set()).update(families)

    add(lex.months, "month", "calendar")
    add([*lex.weekdays, *(f"{w}s" for w in lex.weekdays)], "weekday")
    add(lex.units, "unit", "calendar")
    add(["weekend"], "calendar")
    add(lex.seasons, "season", "calendar")
    add(lex.holidays, "holiday")
    add(lex.parts_of_day, "part_of_day")
    add([f"{w}s" for w in lex.parts_of_day], "part_of_day")
    add(["noon", "midnight"], "clock")
    add(["ago", "earlier", "back", "now", "hence"], "ago")
    add(["today", "yesterday", "tomorrow", "tonight", "overnight"], "deictic")
    add(["every", "each", "per"], "every")
    add(["once", "twice", "thrice", "times"], "times")
    add(["century", "centuries"], "century")
    add(["twenties", "thirties", "forties", "fifties", "sixties", "seventies"], "decade")
    add(["eighties", "nineties"], "decade")
    add(["nineteen", "twenty", "thousand"], "spelled")
    add(["quarter", "quarters", "half", "period"], "quarter")
    add(["end", "beginning", "start", "middle", "close", "turn"], "edge")
    add(["hours", "minutes", "days", "weeks", "months", "years"], "plural_unit")
    add(["decades", "centuries", "quarters"], "plural_unit")
    return {word: frozenset(families) for word, families in table.items()}


def trigger_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Family -> the spans of its trigger words in ``text``, in order."""
    families = _word_families()
    hits: dict[str, list[tuple[int, int]]] = {}
    for match in _WORDS.finditer(text):
        word = match.group(0)
        span = match.span()
        if word[0].isdigit():
            for family in _number_families(text, word, match.end()):
                hits.setdefault(family, []).append(span)
            continue
        for family in families.get(word.lower(), ()):
            hits.setdefault(family, []).append(span)
    return hits


def _number_families(text: str, word: str, end: int) -> list[str]:
    found = ["digit"]
    if len(word) == 4 and 1000 <= int(word) <= 2099:
        found.append("year")
    if word.endswith("0") and _DECADE_AFTER.match(text, end):
        found.append("decade")
    if (len(word) <= 2 and _CLOCK_AFTER.match(text, end)) or _ZONE_AFTER.match(text, end):
        found.append("clock")
    return found
