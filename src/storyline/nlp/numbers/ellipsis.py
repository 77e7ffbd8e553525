"""A unit written once for two figures: ``84.75 cents, while the lowest is 74.07``.

News often leaves the unit out of the second of two figures about the same
thing. A bare number takes the unit of an earlier figure of its sentence in
two cases, both read from the parse:

- **parallel figures**: the two stand in the same relation to the same word
  (both objects of ``at``, both complements of ``is``, both objects of ``by``):
  ``ended at 1,463.78 points, while the other lost 1.1% to end at 1,334.20``;
- **the level a change reached**: a bare number after ``to``/``at`` that
  follows a change, when the sentence measures in points (``rose 64.06
  points to 4,577.10``), or written just before its change (``16369.03 up
  58.06 points``); a change in percent says nothing of the level's unit.

Only measurement units travel this way. A counted noun does not: which group
a bare number continues (``300 soldiers died, with 2,700 wounded``) is the
claims component's question, and money is not carried into a level after a
change (``rose 18 cents to 12.30`` is in dollars).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from .scan import Found

#: Units that are not carried to a bare number (see the module docstring).
_NOT_CARRIED = frozenset({"count", "fraction", "time"})
_LEVEL_MARKERS = frozenset({"to", "at"})
_LEVEL_KINDS = frozenset({"score"})
_DIRECTIONS = frozenset({"up", "down"})


def carry_units(doc: Doc, found: list[Found]) -> list[Found]:
    """``found`` with the units a bare number shares with an earlier figure filled in."""
    if not doc.has_annotation("DEP") or not any(f.unit is None for f in found):
        return found
    result: list[Found] = []
    sentence: list[Found] = []  # the figures with a unit so far in the current sentence
    sentence_start = -1
    for k, item in enumerate(found):
        start = doc[item.start].sent.start
        if start != sentence_start:
            sentence, sentence_start = [], start
        if item.unit is None and item.noun is None:
            donor = (
                _parallel(doc, sentence, item)
                or _level_after_change(doc, sentence, item)
                or _level_before_change(doc, found[k + 1 : k + 2], item)
            )
            if donor is not None:
                item = replace(item, unit=donor.unit)
        if item.unit is not None:
            sentence.append(item)
        result.append(item)
    return result


def _anchor(doc: Doc, item: Found) -> Token:
    """The token through which the figure hangs in the parse (its unit word, if written)."""
    return doc[item.start : item.end].root


def _parallel(doc: Doc, earlier: list[Found], item: Found) -> Found | None:
    """The nearest earlier figure in the same relation to the same word as ``item``."""
    anchor = _anchor(doc, item)
    head = anchor.head
    if head == anchor:
        return None
    for other in reversed(earlier):
        if other.unit is None or other.unit.kind in _NOT_CARRIED:
            continue
        theirs = _anchor(doc, other)
        same_head = theirs.head.lemma_.lower() == head.lemma_.lower() and theirs.head != theirs
        if same_head and theirs.dep_ == anchor.dep_:
            return other
    return None


def _level_after_change(doc: Doc, earlier: list[Found], item: Found) -> Found | None:
    """``rose 64.06 points to 4,577.10``: the level a change reached, in the points of the sentence.

    The figure just before must be a change; changes in percent are passed
    over (``lost 162.31 points, or 2.14%, to fall to 7,425.81``), and the
    nearest figure in points, a change or another level (``edged down 0.03% to
    a close of 1,463.87 points, while the other climbed 0.1% to 1,333.18``),
    gives the unit.
    """
    if item.start == 0 or doc[item.start - 1].lower_ not in _LEVEL_MARKERS:
        return None
    if not earlier or earlier[-1].change is None:
        return None
    for other in reversed(earlier):
        if other.unit is not None and other.unit.kind != "ratio":
            return other if other.unit.kind in _LEVEL_KINDS else None
    return None


def _level_before_change(doc: Doc, later: list[Found], item: Found) -> Found | None:
    """``(16369.03 up 58.06 points)``: a level written right before its change in points."""
    if not later or item.end + 1 >= len(doc) or doc[item.end].lower_ not in _DIRECTIONS:
        return None
    change = later[0]
    kind = change.unit.kind if change.unit is not None else None
    if change.start == item.end + 1 and change.change is not None and kind in _LEVEL_KINDS:
        return change
    return None
