"""Shared pieces of the tagger's rules: what a rule finds and what it may look at."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .dates import Anchor, Tense
from .lexicon import Lexicon, load_lexicon

TimeType = str  # "DATE" | "TIME" | "DURATION" | "SET"

_MODIFIER_TAGS = {"NN", "NNP", "JJ", "VBG"}
_PLURAL_TAGS = {"NNS", "NNPS"}
_NOT_PLURAL = ("ss", "us", "is", "ys")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z'’-]*)\s*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")


#: Sentence-ending marks, for cutting the sentence around an expression out of a text.
_SENTENCE_MARKS = ".!?\n"


def sentence_around(text: str, start: int, end: int, reach: int = 2_000) -> str:
    """The sentence of ``text`` holding ``[start, end)``, read at most ``reach`` either side."""
    low, high = max(0, start - reach), min(len(text), end + reach)
    begin = max(low, max(text.rfind(mark, low, start) for mark in _SENTENCE_MARKS) + 1)
    ends = [i for i in (text.find(mark, end, high) for mark in _SENTENCE_MARKS) if i >= 0]
    return text[begin : min(ends, default=high)]


@dataclass(frozen=True)
class Found:
    """A time expression found in a text: character offsets, TIMEX3 type and value.

    ``shift`` marks an expression relative to the time the text was last
    talking about (``two days later``, ``the following year``): a unit letter
    and a count. Its ``value`` is worked out from the anchor until
    :func:`~storyline.nlp.timex.anaphora.resolve_references` finds that time.

    ``range`` is the stretch an anchored duration covers, as the first and
    last calendar values (``for the past eight years`` written on 4
    September 2025 is ``P8Y`` over ``2017-09-04``..``2025-09-04``).
    """

    start: int
    end: int
    type: TimeType
    value: str | None
    rule: str = ""
    shift: tuple[str, int] | None = None
    range: tuple[str, str] | None = None


@dataclass
class Context:
    """What a rule's handler may consult besides its own match.

    ``tense`` gives the tense of the clause around a character range (the
    spaCy component derives it from the parse; plain-text callers get
    ``present``). ``blocked`` holds character ranges that belong to names
    (people, organisations, works) where a month or weekday word is part of
    the name. ``tag_at`` gives the Penn tag of the word starting at an
    offset (empty without a tagger): a number followed by a plural noun reads
    as a count, one followed by a singular noun or adjective as a year
    (``its 1988 recapitalization``). ``aspect`` gives ``perfect`` when the
    clause's verb is in a perfect tense (``has risen in recent months``: a
    stretch up to now), else ``""``.
    """

    text: str
    anchor: Anchor | None
    tense: Callable[[int, int], Tense] = lambda start, end: "present"
    blocked: Sequence[tuple[int, int]] = ()
    tag_at: Callable[[int], str] = lambda offset: ""
    aspect: Callable[[int, int], str] = lambda start, end: ""
    lexicon: Lexicon = field(default_factory=load_lexicon)

    def is_blocked(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a name."""
        return any(start < b_end and b_start < end for b_start, b_end in self.blocked)

    def word_before(self, position: int) -> str:
        """The word ending just before ``position`` (spaces allowed between), or ``""``."""
        found = _WORD_BEFORE.search(self.text, max(0, position - 40), position)
        return found.group(1) if found else ""

    def word_after(self, position: int) -> str:
        """The word starting just after ``position`` (spaces allowed between), or ``""``."""
        found = _WORD_AFTER.match(self.text, position, position + 40)
        return found.group(1) if found else ""

    def tagged_word_after(self, position: int) -> tuple[str, str]:
        """The word after ``position`` and its Penn tag (``""`` without a tagger)."""
        word = self.word_after(position)
        return word, self.tag_at(self.text.find(word, position)) if word else ""

    def is_modifier_at(self, position: int, word: str) -> bool:
        """Whether ``word``, the word after ``position``, is a singular noun or adjective."""
        if not word:
            return False
        return self.tag_at(self.text.find(word, position)) in _MODIFIER_TAGS

    def next_is_count_noun(self, position: int) -> bool:
        """Whether the word after ``position`` makes a preceding number a count."""
        tail = self.text[position : position + 40]
        stripped = tail.lstrip()
        if stripped[:1] in {"%", "$"}:
            return True
        word = self.word_after(position).lower().rstrip(".")
        if not word:
            return False
        if word in self.lexicon.quantity_nouns:
            return True
        if word in self.lexicon.year_nouns:
            return False
        offset = position + (len(tail) - len(stripped))
        tag = self.tag_at(offset)
        if tag:
            return tag in _PLURAL_TAGS
        return len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL)


Handler = Callable[[re.Match[str], Context], "Sequence[Found] | Found | None"]


@dataclass(frozen=True)
class Rule:
    """A compiled pattern and the handler that turns its matches into values.

    ``priority`` breaks ties between overlapping matches of equal length
    (lower wins). A pattern may name a group ``span``: the expression is
    then that group, the rest of the match being context only.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    priority: int = 50


def compile_rule(name: str, source: str, handler: Handler, priority: int = 50) -> Rule:
    """A :class:`Rule` from a verbose, case-insensitive pattern source."""
    return Rule(name, re.compile(source, re.IGNORECASE | re.VERBOSE), handler, priority)


def span_of(match: re.Match[str]) -> tuple[int, int]:
    """The expression's offsets: the ``span`` group when it took part, else the match."""
    if "span" in match.re.groupindex and match.group("span") is not None:
        return match.start("span"), match.end("span")
    return match.start(), match.end()


def found(match: re.Match[str], kind: TimeType, value: str | None, rule: str) -> Found:
    """A :class:`Found` over the match (or its ``span`` group)."""
    start, end = span_of(match)
    return Found(start, end, kind, value, rule)


def capitalised(match: re.Match[str], group: str) -> bool:
    """Whether a named group, when present, starts with a capital letter."""
    text = match.group(group)
    return text is None or text[:1].isupper()
