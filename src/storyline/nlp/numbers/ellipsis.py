"""A unit written once for two figures: ``84.75 cents, while the lowest is 74.07``.

News often leaves the unit out of the second of two figures about the same
thing. A bare number takes the unit of an earlier figure of its sentence in
two cases, both read from the parse:

- **parallel figures**: the two stand in the same relation to the same word
  (both objects of ``at``, both complements of ``is``, both objects of ``by``):
  ``ended at 1,463.78 points, while the other lost 1.1% to end at 1,334.20``;
- **the level a change reached**: a bare number after ``to``/``at`` that
  follows a change measured in points (``rose 64.06 points to 4,577.10``);
  a change in percent says nothing of the level's unit and is passed over.

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


def carry_units(doc: Doc, found: list[Found]) -> list[Found]:
    """``found`` with the units a bare number shares with an earlier figure filled in."""
    if not doc.has_annotation("DEP") or not any(f.unit is None for f in found):
        return found
    result: list[Found] = []
    for item in found:
        if item.unit is None and item.noun is None:
            earlier = [f for f in result if f.unit is not None and _same_sentence(doc, f, item)]
            donor = _parallel(doc, earlier, item) or _level_after_change(doc, earlier, item)
            if donor is not None:
                item = replace(item, unit=donor.unit)
        result.append(item)
    return result


def _same_sentence(doc: Doc, first: Found, second: Found) -> bool:
    return doc[first.start].sent.start == doc[second.start].sent.start


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
    """``rose 64.06 points to 4,577.10``: the level a change in points reached."""
    if item.start == 0 or doc[item.start - 1].lower_ not in _LEVEL_MARKERS:
        return None
    for other in reversed(earlier):
        if other.unit is None:
            continue
        if other.unit.kind == "ratio":
            continue  # ``lost 162.31 points, or 2.14%, to fall to 7,425.81``
        if other.unit.kind in _LEVEL_KINDS and other.change is not None:
            return other
        return None
    return None
