"""Numbers in words: ``three thousand``, ``a dozen``, ``twenty-six``, ``several thousand``.

Each reader starts at one token and returns a :class:`Read` (token range and
value) or None. Digits followed by scale words (``1.2 million``) share
:func:`add_scales` with the word readers.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import NumberLexicon, Unit

#: What a read number is: an ordinary number, a vague plural, or a fraction of a whole.
NUMBER, VAGUE, FRACTION = "number", "vague", "fraction"

_ARTICLES = frozenset({"a", "an"})
_HALF_FOLLOWERS = frozenset(
    {"of", "the", "its", "their", "his", "her", "our", "your", "all", "a", "an", "that", "this"}
)
_ORDINAL_BEFORE = frozenset({"first", "second", "last", "final", "latter", "former", "the"})


@dataclass(frozen=True)
class Read:
    """A number read from ``doc[start:end]``.

    ``scale`` is the factor a scale word applied (1 when none), so ranges such
    as ``four to five thousand`` can share it; ``plain`` marks a bare integer
    written in digits without separators (a candidate year, name or code).
    """

    start: int
    end: int
    value: float
    sort: str = NUMBER
    scale: float = 1.0
    value2: float | None = None
    unit: Unit | None = None
    qualifier: str | None = None
    signed: str | None = None
    plain: bool = False
    word: bool = False


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _glued(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is written against the next token (no space between)."""
    return 0 <= i < len(doc) - 1 and not doc[i].whitespace_


def add_scales(
    doc: Doc, j: int, value: float, lex: NumberLexicon, money: bool = False
) -> tuple[float, int, float]:
    """Apply the scale words from ``doc[j]`` on: ``4 hundred million`` -> 4e8.

    Returns the new value, the index after the last scale word, and the total
    factor applied. ``and a half`` before a scale word adds 0.5. One-letter
    abbreviations (``m``, ``b``, ``k``) count as scales only for money
    (``$5 m``) or, written in capitals, before a plural noun (``8 B people``);
    elsewhere they are units or letters.
    """
    total, current, factor = 0.0, value, 1.0
    while j < len(doc):
        word = doc[j].lower_
        if word == "and" and (_lower(doc, j + 1), _lower(doc, j + 2)) == ("a", "half"):
            current += 0.5
            j += 3
            continue
        if word.endswith(".") and len(word) > 1:
            word = word[:-1]
        scale = lex.scales.get(word) or lex.suffix_scales.get(word)
        if scale is not None and len(word) == 1 and not (money or _capital_scale(doc, j)):
            scale = None
        if scale is None:
            break
        if scale == 100:
            current *= 100
        else:
            total += current * scale
            current = 0.0
        factor *= scale
        j += 1
    return total + current, j, factor


def _capital_scale(doc: Doc, j: int) -> bool:
    """``8 B people``, ``4 M users``: a capital letter between a number and a plural noun."""
    return doc[j].text.isupper() and j + 1 < len(doc) and doc[j + 1].tag_ in ("NNS", "NNPS")


def read_words(doc: Doc, i: int, lex: NumberLexicon) -> Read | None:
    """A number written in words starting at ``doc[i]`` (``a`` counts before a scale)."""
    j, total, current, last, largest = i, 0.0, 0.0, 0.0, 1.0
    if doc[i].lower_ in _ARTICLES:
        follower = _lower(doc, i + 1)
        if follower not in lex.scales and follower not in lex.collectives:
            return None
        current, last, j = 1.0, 1.0, i + 1
    while j < len(doc):
        word = doc[j].lower_
        if word in lex.words and (j == i or _continues(last, lex.words[word])):
            current += lex.words[word]
            last = lex.words[word]
        elif word == "-" and _glued(doc, j - 1) and _glued(doc, j) and 20 <= last <= 90:
            if _lower(doc, j + 1) not in lex.words or lex.words[_lower(doc, j + 1)] >= 10:
                break
        elif word in ("and", "&", ",") and last >= 100 and _lower(doc, j + 1) in lex.words:
            last = 1000.0
        elif word in lex.scales and j > i:
            scale = lex.scales[word]
            largest = max(largest, scale)
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
            last = scale
        elif word in lex.collectives and j > i:
            current = (current or 1.0) * lex.collectives[word]
            last = 100.0
        elif word == "and" and (_lower(doc, j + 1), _lower(doc, j + 2)) == ("a", "half"):
            current += 0.5
            j += 3
            continue
        else:
            break
        j += 1
    if j == i or (j == i + 1 and doc[i].lower_ in _ARTICLES):
        return None
    return Read(i, j, total + current, scale=largest, word=True)


def _continues(last: float, value: float) -> bool:
    """Whether a number word may follow the previous one (``twenty six``, not ``two three``)."""
    if last >= 100:
        return True
    return 20 <= last <= 90 and last % 10 == 0 and value < 10


def read_fold(doc: Doc, i: int, lex: NumberLexicon) -> Read | None:
    """``sixfold``, ``tenfold``, ``hundredfold``: a multiple written as one word."""
    word = doc[i].lower_
    if not word.endswith("fold"):
        return None
    stem = word[: -len("fold")].rstrip("-")
    value = lex.words.get(stem) or lex.scales.get(stem)
    if not value:
        return None
    return Read(i, i + 1, value, unit=lex.unit_forms.get("times"), word=True)


def read_vague(doc: Doc, i: int, lex: NumberLexicon) -> Read | None:
    """``dozens``, ``hundreds of thousands``, ``several thousand``: a low bound."""
    for size in (2, 1):
        key = tuple(_lower(doc, i + k) for k in range(size))
        if key in lex.vague_multipliers:
            scale_word = _lower(doc, i + size)
            scale = lex.scales.get(scale_word) or lex.scales.get(scale_word.rstrip("s"))
            if scale is None and scale_word in lex.vague_plurals:
                scale = lex.vague_plurals[scale_word] / 2
            if scale is not None:
                low = lex.vague_multipliers[key] * scale
                return Read(i, i + size + 1, low, sort=VAGUE, word=True)
    word = doc[i].lower_
    if word in lex.vague_plurals and _lower(doc, i - 1) not in lex.words:
        return Read(i, i + 1, lex.vague_plurals[word], sort=VAGUE, word=True)
    return None


def read_fraction(doc: Doc, i: int, lex: NumberLexicon) -> Read | None:
    """``a third of``, ``two-thirds``, ``one sixth``, ``half the``, ``half a million``."""
    word = doc[i].lower_
    if word == "half":
        return _read_half(doc, i, lex)
    numerator = 1.0 if word in _ARTICLES else lex.words.get(word)
    if not numerator:
        return None
    j = i + 1
    if _lower(doc, j) == "-" and _glued(doc, i) and _glued(doc, j):
        j += 1
    name = _lower(doc, j)
    share = lex.fractions.get(name)
    if share is None:
        return None
    follower = doc[j + 1] if j + 1 < len(doc) else None
    plural = name.endswith("s")
    if word in _ARTICLES and (follower is None or follower.lower_ != "of"):
        return None
    noun_after = follower is not None and follower.pos_ == "NOUN"
    if noun_after and follower is not None and follower.lower_ in lex.unit_forms:
        noun_after = False
    if not plural and (numerator != 1 or noun_after):
        return None
    return Read(i, j + 1, numerator * share, sort=FRACTION, word=True)


def _read_half(doc: Doc, i: int, lex: NumberLexicon) -> Read | None:
    """``half`` is a fraction before ``of``/a determiner or after a hedge, never ``first half``."""
    before, after = _lower(doc, i - 1), _lower(doc, i + 1)
    if before in _ORDINAL_BEFORE or (after == "-" and _glued(doc, i)):
        return None
    if after in _ARTICLES and _lower(doc, i + 2) in lex.scales:
        return Read(i, i + 3, 0.5 * lex.scales[_lower(doc, i + 2)], word=True)
    if after in _HALF_FOLLOWERS or before in _HEDGE_WORDS:
        start = i - 1 if before in _ARTICLES else i
        return Read(start, i + 1, 0.5, sort=FRACTION, word=True)
    return None


_HEDGE_WORDS = frozenset({"nearly", "almost", "about", "around", "roughly", "than", "over"})
