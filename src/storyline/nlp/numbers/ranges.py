"""Ranges and shares read from two numbers: ``10,000 to 12,000``, ``one in five``.

A range joins two numbers with ``to``, a dash, ``through`` or (after
``between``) ``and``; a unit written once at the end applies to both, and a
scale word at the end scales both (``four to five thousand``). ``from X to Y``
after a verb of change (``rose from 300 to 600``) is two levels, not a range,
and so are a year followed by a figure and a score (``2-0``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ...models import Value
from .lexicon import NumberLexicon
from .reading import Skip, read_number
from .tokens import read_numeric
from .units import UnitMatch, unit_of
from .words import FRACTION, NUMBER, Read

_HYPHENS = frozenset({"-", "–", "—"})


def read_range(
    doc: Doc,
    first: Read,
    unit: UnitMatch | None,
    end: int,
    starter: str,
    lex: NumberLexicon,
    blocked: Sequence[bool],
) -> tuple[Value | Skip, UnitMatch | None, int] | Skip | None:
    """``10,000 to 12,000``, ``between 500 and 1300``, ``10,000–12,000`` (one token)."""
    if first.value2 is not None:
        return _in_token_range(first, unit, end, lex)
    if end + 1 >= len(doc) or first.sort != NUMBER:
        return None
    joiner = doc[end].lower_
    glued = _glued_to(doc, end, lex) or (_glued_to(doc, end + 1, lex) if joiner == "-" else None)
    if glued is None and (
        joiner not in lex.range_joiners or (joiner == "and" and starter != "between")
    ):
        return None
    if starter == "from" and _after_change(doc, first.start - 1, lex):
        return None
    if starter in lex.by_preps and unit is not None:
        return None
    second = glued or _second_number(doc, end + 1, lex, blocked)
    if second is None:
        return None
    if first.plain and _years(first.value, first.value, lex) and not second.plain:
        return None
    unit2 = unit_of(doc, second, lex)
    if unit and unit2 and unit.unit != unit2.unit:
        return None
    if unit and unit2 is None and unit.end > first.end:
        return None
    low = first.value
    if first.scale == 1.0 and second.scale > 1.0 and low * second.scale <= second.value:
        low *= second.scale
    stop = unit2.end if unit2 and unit2.end > second.end else second.end
    if low >= second.value:
        return Skip(stop) if joiner in _HYPHENS and first.plain and second.plain else None
    if first.plain and second.plain and _years(first.value, second.value, lex):
        return Skip(stop)
    return Value(low, second.value, "range"), unit or unit2, stop


def one_in(doc: Doc, first: Read, end: int, lex: NumberLexicon) -> tuple[Read, int] | None:
    """``one in five Americans``, ``3 out of 10 voters``: a fraction of a group."""
    if first.sort != NUMBER or end >= len(doc) - 1 or first.value <= 0:
        return None
    words = (doc[end].lower_, doc[end + 1].lower_)
    k = end + 1 if words[0] == "in" else end + 2 if words == ("out", "of") else 0
    if not k or k >= len(doc):
        return None
    whole = read_number(doc, k, lex)
    if not isinstance(whole, Read) or whole.sort != NUMBER or whole.start != k:
        return None
    if not (first.value < whole.value <= 1000) or whole.value != int(whole.value):
        return None
    share = replace(first, end=whole.end, value=first.value / whole.value, sort=FRACTION)
    return share, whole.end


def _second_number(doc: Doc, j: int, lex: NumberLexicon, blocked: Sequence[bool]) -> Read | None:
    """The number after a range joiner, possibly behind its own currency symbol (``$68``)."""
    for k in range(j, min(j + 3, len(doc))):
        if blocked[k]:
            return None
        read = read_number(doc, k, lex)
        if isinstance(read, Read):
            return read if read.sort == NUMBER and read.start == j else None
        if any(ch.isdigit() for ch in doc[k].text):
            return None
    return None


def _glued_to(doc: Doc, k: int, lex: NumberLexicon) -> Read | None:
    """``to-60`` in ``0-to-60-mph`` and ``200,000 to-260,000``: a joiner glued to the number."""
    if k >= len(doc) or not doc[k].lower_.startswith("to-"):
        return None
    numeric = read_numeric(doc[k].text[3:], lex)
    if numeric is None or numeric.kind != "number" or numeric.unit is not None:
        return None
    return Read(k, k + 1, numeric.value, plain=numeric.plain)


def _after_change(doc: Doc, k: int, lex: NumberLexicon) -> bool:
    """Whether ``doc[k]`` (``from``) follows a verb of change: ``rose from 300 to 600``."""
    if k < 0:
        return False
    words = {doc[k].head.lemma_.lower()}
    j = k - 1
    while j >= 0 and doc[j].tag_ in ("RB", "RBR", "RP"):
        j -= 1
    if j >= 0:
        words |= {doc[j].lower_, doc[j].lemma_.lower()}
    return bool(words & (lex.change_up | lex.change_down))


def _in_token_range(
    first: Read, unit: UnitMatch | None, end: int, lex: NumberLexicon
) -> tuple[Value | Skip, UnitMatch | None, int] | Skip:
    high = first.value2 or 0.0
    if first.value >= high or _years(first.value, high, lex):
        return Skip(end)
    return Value(first.value, high, "range"), unit, end


def _years(low: float, high: float, lex: NumberLexicon) -> bool:
    return all(v == int(v) and lex.year_min <= v <= lex.year_max for v in (low, high))
