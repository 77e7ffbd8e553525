"""Numbers that are not quantities: parts of dates, clock times, years, labels, names and codes.

Each check looks only at the tokens right around a number, so the component
stays linear in the length of the text. The time component's spans are
handled before these checks (a number inside a time expression is never read
at all); these rules catch what remains, and what a pipeline without the time
component would otherwise count.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .lexicon import NumberLexicon, Unit
from .words import Read

_PHONE_CONTEXT = re.compile(
    r"(?<![\d,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d,])"
)
_PHONE_WINDOW = 6
_YEAR_JOINERS = frozenset({"and", "to", "-", "–", "or"})


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _token(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def _is_month(token: Token | None, lex: NumberLexicon) -> bool:
    return token is not None and token.lower_ in lex.months and token.text[0].isupper()


def _day_like(read: Read) -> bool:
    return read.value == int(read.value) and 1 <= read.value <= 31 and not read.word


def _year_like(value: float, lex: NumberLexicon) -> bool:
    return value == int(value) and lex.year_min <= value <= lex.year_max


def not_quantity(
    doc: Doc, read: Read, unit: Unit | None, hedged: bool, lex: NumberLexicon
) -> str | None:
    """Why ``read`` is not a quantity (``date``, ``year``, ``label``...), or None if it is one."""
    before, after = _token(doc, read.start - 1), _token(doc, read.end)
    if after is not None and after.lower_ in lex.clock:
        return "time"
    if _day_like(read) and unit is None and (_is_month(before, lex) or _is_month(after, lex)):
        return "date"
    if _is_year(doc, read, unit, hedged, lex):
        return "year"
    if read.plain and len(str(int(read.value))) > lex.max_bare_digits:
        return "identifier"
    if read.plain and _phone(doc, read):
        return "phone"
    if read.plain and _index_name(doc, read.start, lex):
        return "name"
    counted = unit is None or unit.kind == "count"
    named = read.plain or (read.word and doc[read.start].text[0].isupper())
    if named and not hedged and counted and _after_name(before):
        return "name"
    if unit is None and not hedged and (read.plain or read.word):
        reason = _label_or_name(doc, read, before, after, lex)
        if reason is not None:
            return reason
    return _code(doc, read, lex)


def _after_name(before: Token | None) -> bool:
    """``S&P 500``, ``iPhone 14``, ``Planet 9``, ``Kick Six``: a number right after a name.

    The name is a proper noun with a capital letter, or a capitalised common
    noun that does not begin its sentence (``Planet 9``, where a headline-cased
    first word proves nothing).
    """
    if before is None or before.is_punct or not any(ch.isupper() for ch in before.text):
        return False
    if before.pos_ == "PROPN":
        return True
    return before.pos_ == "NOUN" and before.text[0].isupper() and not before.is_sent_start


def _index_name(doc: Doc, start: int, lex: NumberLexicon) -> bool:
    """``S&P 500``, ``FTSE 100``, ``sp 500``: the number of a market index's name."""
    return any(
        tuple(t.lower_ for t in doc[start - size : start]) in lex.index_names
        for size in (2, 1)
        if start - size >= 0
    )


def _is_year(doc: Doc, read: Read, unit: Unit | None, hedged: bool, lex: NumberLexicon) -> bool:
    era = {_lower(doc, read.start - 1), _lower(doc, read.end)} & lex.year_suffixes
    if (
        _lower(doc, read.start - 1) in _YEAR_JOINERS
        and _lower(doc, read.start - 3) in lex.year_suffixes
    ):
        era.add("joined")  # ``between A.D. 1000 and 1260``: the second year of an era
    if read.plain and not hedged and era and read.value == int(read.value):
        return True
    if not read.plain or hedged or not _year_like(read.value, lex):
        return False
    if read.value2 is not None:
        return True
    return unit is None or (unit.kind == "count" and not _plural_after(doc, read.end))


def _plural_after(doc: Doc, j: int) -> bool:
    while j < len(doc) and doc[j].tag_ == "JJ":
        j += 1
    return j < len(doc) and doc[j].tag_ == "NNS"


def _phone(doc: Doc, read: Read) -> bool:
    token = doc[read.start]
    around = doc[max(0, read.start - _PHONE_WINDOW) : read.start + _PHONE_WINDOW]
    offset = token.idx - around.start_char
    return any(m.start() <= offset < m.end() for m in _PHONE_CONTEXT.finditer(around.text))


def _label_or_name(
    doc: Doc, read: Read, before: Token | None, after: Token | None, lex: NumberLexicon
) -> str | None:
    """``No. 1``, ``Game 2``, ``S&P 500``, ``787 Dreamliner``, ``one of the``."""
    first = doc[read.start]
    if read.word and first.lower_ == "one" and read.end == read.start + 1:
        return "pronoun"
    if before is not None and _rank_marker(doc, read, before, lex):
        return "label"
    if read.word:
        return None
    if before is not None:
        if before.text == "(" and after is not None and after.text == ")":
            return "label"
        if _apposition(doc, read, before, after):
            return "apposition"
    if after is not None and after.tag_ == "NNP" and after.text[0].isupper():
        return "name"
    return None


def _rank_marker(doc: Doc, read: Read, before: Token, lex: NumberLexicon) -> bool:
    """``No. 1``, ``page 12``, ``category four``, ``the top three``: a label, not an amount."""
    marker = before.lower_
    if marker == "." and read.start >= 2 and not doc[read.start - 2].whitespace_:
        marker = doc[read.start - 2].lower_ + "."
    if marker in lex.rank_markers or before.text == "#":
        return True
    return before.lower_ in lex.rank_markers_capitalised and before.text[0].isupper()


def _apposition(doc: Doc, read: Read, before: Token, after: Token | None) -> bool:
    """``Maddon, 66, said``: a bare age after a name is part of the name, not a figure."""
    if before.text != "," or after is None or after.text != "," or read.value >= 130:
        return False
    return read.start >= 2 and doc[read.start - 2].pos_ == "PROPN"


def _code(doc: Doc, read: Read, lex: NumberLexicon) -> str | None:
    """``COVID-19``, ``F-16``: digits hyphenated to a word are part of a name."""
    if read.start < 2 or read.word:
        return None
    hyphen, word = doc[read.start - 1], doc[read.start - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or word.whitespace_:
        return None
    exempt = word.lower_ in lex.words or word.lower_ in lex.months or word.lower_ in lex.signs
    if word.is_alpha and not exempt and (word.lower_,) not in lex.hedges_before:
        return "code"
    return None


def pronoun_one(doc: Doc, read: Read, lex: NumberLexicon) -> bool:
    """``one of the``, ``no one``, ``one another``: ``one`` used as a pronoun."""
    if doc[read.start].lower_ != "one" or read.end != read.start + 1:
        return False
    before, after = _token(doc, read.start - 1), _token(doc, read.end)
    if after is not None and after.lower_ in lex.pronoun_followers:
        return True
    return before is not None and before.lower_ in lex.pronoun_preceders
