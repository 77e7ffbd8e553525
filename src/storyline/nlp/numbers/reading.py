"""Reading the number at a token: digits (with glued symbols and scales) or words.

:func:`read_number` returns a :class:`~.words.Read`, a :class:`Skip` when the
token holds digits that are not a quantity (an ordinal, a clock time, a code),
or None when no number starts there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from .lexicon import NumberLexicon, Unit
from .tokens import Numeric, read_numeric
from .units import currency_before
from .words import NUMBER, Read, add_scales, read_fold, read_fraction, read_vague, read_words

_THOUSANDS_GROUP = re.compile(r"\d{3}")
_DIGIT = re.compile(r"\d")
_WORD_STARTS = frozenset({"a", "an", "half", "several", "few", "many", "tens", "hundreds"})


@dataclass(frozen=True)
class Skip:
    """Tokens up to ``end`` hold a number that is not a quantity."""

    end: int


def may_start(text: str, lower: str, lex: NumberLexicon) -> bool:
    """Whether a token can begin a number (digits, a number word, ``a``/``half``...)."""
    if _DIGIT.search(text):
        return True
    return (
        lower in lex.words
        or lower.endswith("fold")
        or lower in lex.vague_plurals
        or lower in _WORD_STARTS
        or (len(text) == 1 and not text.isascii() and text.isnumeric())
    )


def read_number(doc: Doc, i: int, lex: NumberLexicon) -> Read | Skip | None:
    """The number starting at ``doc[i]``, a :class:`Skip` for a non-quantity, or None."""
    token = doc[i]
    if any(ch.isdigit() for ch in token.text) or token.text.isnumeric():
        return _read_digits(doc, i, lex)
    for reader in (read_fold, read_vague, read_fraction, read_words):
        read = reader(doc, i, lex)
        if read is not None:
            return _with_scales(doc, read, lex) if read.sort == NUMBER else read
    return None


def _with_scales(doc: Doc, read: Read, lex: NumberLexicon) -> Read:
    value, end, factor = add_scales(doc, read.end, read.value, lex)
    return replace(read, value=value, end=end, scale=read.scale * factor)


def _read_digits(doc: Doc, i: int, lex: NumberLexicon) -> Read | Skip:
    token = doc[i]
    before = currency_before(doc, i, lex)
    glued = doc[i - 1].text if i > 0 and not doc[i - 1].whitespace_ else ""
    currency = before[0] if before else None
    numeric = read_numeric(token.text, lex, currency, glued)
    spaced = _spaced_suffix(doc, i, lex, currency, glued)
    if spaced is not None:
        numeric = spaced
    if numeric is None or numeric.kind != "number":
        return Skip(i + 1)
    value, j = numeric.value, i + 1 + (spaced is not None)
    joined = _glued_suffix(doc, i, lex, currency, glued) if spaced is None else None
    if joined is not None:
        numeric, value, j = joined, joined.value, i + 2
    plain = numeric.plain
    while plain and value < 1000 and _thousands_group(doc, j):
        value, j = value * 1000 + float(doc[j].text), j + 1
    if j < len(doc) and "/" in doc[j].text and token.whitespace_ == " ":
        extra = read_numeric(doc[j].text, lex)
        if extra is not None and extra.kind == "number" and 0 < extra.value < 1:
            value, j = value + extra.value, j + 1
    if _million_not_metre(doc, j - 1, numeric.unit):
        numeric = replace(numeric, unit=None, scale=1e6, plain=False)
        value *= 1e6
    money = before is not None or (numeric.unit is not None and numeric.unit.kind == "currency")
    value, end, factor = add_scales(doc, j, value, lex, money)
    return Read(
        start=before[1] if before else i,
        end=end,
        value=value,
        scale=numeric.scale * factor,
        value2=numeric.value2 * factor if numeric.value2 is not None else None,
        unit=numeric.unit or (before[0] if before else None),
        qualifier=numeric.qualifier,
        signed=numeric.signed,
        plain=plain and end == i + 1 and before is None,
    )


def _glued_suffix(
    doc: Doc, i: int, lex: NumberLexicon, currency: Unit | None, glued: str
) -> Numeric | None:
    """``1.2`` + ``m``, ``2.7`` + ``bn``: a short word written against the digits."""
    if doc[i].whitespace_ or i + 1 >= len(doc):
        return None
    suffix = doc[i + 1]
    if not suffix.is_alpha or len(suffix.text) > 3:
        return None
    numeric = read_numeric(doc[i].text + suffix.text, lex, currency, glued)
    if numeric is None or numeric.kind != "number" or (numeric.unit is None and numeric.scale == 1):
        return None
    return numeric


def _spaced_suffix(
    doc: Doc, i: int, lex: NumberLexicon, currency: Unit | None, glued: str
) -> Numeric | None:
    """``3923sq m``, ``1.19deg C``: a unit begun against the digits and finished after a space."""
    token = doc[i]
    if i + 1 >= len(doc) or token.whitespace_ != " " or not token.text[-1].isalpha():
        return None
    after = doc[i + 1]
    if not after.is_alpha or len(after.text) > 3:
        return None
    numeric = read_numeric(f"{token.text} {after.text}", lex, currency, glued)
    if numeric is None or numeric.kind != "number" or numeric.unit is None:
        return None
    return numeric


def _million_not_metre(doc: Doc, i: int, unit: Unit | None) -> bool:
    """``1.2m tons``, ``35m of its devices``: a glued ``m`` before what is counted is a million."""
    if unit is None or unit.name != "metre" or not doc[i].text.endswith("m"):
        return False
    j = i + 1
    while j < len(doc) and doc[j].tag_ in ("JJ", "VBN", "CC", "HYPH"):
        j += 1
    return j < len(doc) and (doc[j].tag_ in ("NNS", "NNPS") or doc[j].lower_ == "of")


def _thousands_group(doc: Doc, j: int) -> bool:
    """``10 000``: a three-digit token after a short number, one space between."""
    return (
        j < len(doc)
        and doc[j - 1].whitespace_ == " "
        and _THOUSANDS_GROUP.fullmatch(doc[j].text) is not None
        and len(doc[j - 1].text) <= 3
    )
