"""Anniversaries of well-known events: the year a phrase like "80 years since" points to.

``the 80th anniversary of China's victory in the War of Resistance`` and
``80 years since Japan's defeat in World War II`` both name an event whose
years are in ``data/nlp/timex_anchor_events.yaml`` (1937-1945), and a cue
(``victory``, ``defeat``) that picks its end; 1945 + 80 gives 2025. Without
a cue, every year of the event fits. Hedged counts (``nearly 80 years``)
are skipped: they cannot contradict anything.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ...lexicons import bundled_yaml
from .fragments import ordinal_value, parse_number
from .lexicon import alternation

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_WORDS = rf"(?:{_TENS})[-\s][a-z]+|[a-z]+"
_CLAUSE_END = re.compile(
    r"[.;:!?\n]|,\s+(?:and|but|while|which|as)\b|\s+(?:and|but)\s+(?=[a-z]+\s)"
)
_HEDGES = re.compile(r"(?:nearly|almost|about|around|some|over|more\s+than|roughly)\s+$", re.I)


@dataclass(frozen=True)
class AnchorEvent:
    """An event with the years it began and ended."""

    name: str
    aliases: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Anniversary:
    """A phrase counting years from a known event, and the years it points to.

    ``start``/``end`` cover the whole phrase; ``count_start``/``count_end``
    the number of years. ``years`` are the years the phrase fits (one year
    when a cue picked the event's start or end).
    """

    start: int
    end: int
    count_start: int
    count_end: int
    count: int
    event: AnchorEvent
    anchor_years: tuple[int, ...]

    @property
    def years(self) -> tuple[int, ...]:
        """The years the article can be in for the count to be right."""
        return tuple(year + self.count for year in self.anchor_years)


@dataclass(frozen=True)
class AnchorCatalogue:
    """The anchor events and the cue words that pick an event's start or end."""

    events: tuple[AnchorEvent, ...]
    end_cues: frozenset[str]
    start_cues: frozenset[str]
    alias_pattern: re.Pattern[str]
    alias_index: dict[str, AnchorEvent]


@functools.cache
def load_anchor_events() -> AnchorCatalogue:
    """Read ``data/nlp/timex_anchor_events.yaml`` once."""
    raw = bundled_yaml("nlp/timex_anchor_events.yaml")
    events = tuple(
        AnchorEvent(
            name=str(item["name"]),
            aliases=tuple(str(a) for a in item.get("aliases") or (item["name"],)),
            start=int(item["start"]),
            end=int(item.get("end", item["start"])),
        )
        for item in raw["events"]
    )
    index = {alias.lower(): event for event in events for alias in event.aliases}
    return AnchorCatalogue(
        events=events,
        end_cues=frozenset(str(w) for w in raw["cues"]["end"]),
        start_cues=frozenset(str(w) for w in raw["cues"]["start"]),
        alias_pattern=re.compile(rf"(?<![\w-])(?:{alternation(index)})(?![\w-])", re.I),
        alias_index=index,
    )


#: The words after the count of each phrase: a text without them has no such
#: phrase, and the whole pattern (slow to try at every position) is not run.
_SINCE_WORDS = r"\s+years?\s+(?:since|after|from)\s+"
_ANNIVERSARY_WORDS = r"\s+anniversary\s+of\s+"


@functools.cache
def _phrase_patterns() -> tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]:
    """(the words after the count, the whole phrase, whether its count is an ordinal)."""
    since = re.compile(rf"(?P<count>\d{{1,3}}|{_NUMBER_WORDS}){_SINCE_WORDS}", re.IGNORECASE)
    anniversary = re.compile(
        rf"(?P<count>\d{{1,3}}(?:st|nd|rd|th)|{_NUMBER_WORDS}){_ANNIVERSARY_WORDS}",
        re.IGNORECASE,
    )
    return (
        (re.compile(_SINCE_WORDS, re.IGNORECASE), since, False),
        (re.compile(_ANNIVERSARY_WORDS, re.IGNORECASE), anniversary, True),
    )


def find_anniversaries(text: str) -> list[Anniversary]:
    """Every "N years since X" / "Nth anniversary of X" whose X is a known event."""
    found: list[Anniversary] = []
    for words, pattern, ordinal in _phrase_patterns():
        if words.search(text) is None:
            continue
        for match in pattern.finditer(text):
            item = _read(text, match, ordinal)
            if item is not None:
                found.append(item)
    return sorted(found, key=lambda a: a.start)


def _read(text: str, match: re.Match[str], ordinal: bool) -> Anniversary | None:
    word = match.group("count")
    count = ordinal_value(word) if ordinal else parse_number(word)
    if count is None or not 1 <= count <= 1000 or count != int(count):
        return None
    if _HEDGES.search(text, max(0, match.start() - 20), match.start()):
        return None
    stop = _CLAUSE_END.search(text, match.end(), match.end() + 160)
    clause_end = stop.start() if stop else min(len(text), match.end() + 160)
    catalogue = load_anchor_events()
    alias = catalogue.alias_pattern.search(text, match.end(), clause_end)
    if alias is None:
        return None
    event = catalogue.alias_index[alias.group(0).lower()]
    cue_words = set(re.findall(r"[a-z]+", text[match.end() : alias.end()].lower()))
    if cue_words & catalogue.end_cues:
        years: tuple[int, ...] = (event.end,)
    elif cue_words & catalogue.start_cues:
        years = (event.start,)
    else:
        years = tuple(range(event.start, event.end + 1))
    start = match.start()
    if text[max(0, start - 4) : start].lower() == "the ":
        start -= 4
    return Anniversary(
        start=start,
        end=alias.end(),
        count_start=match.start("count"),
        count_end=match.end("count"),
        count=int(count),
        event=event,
        anchor_years=years,
    )
