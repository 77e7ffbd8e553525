"""The n-grams the satire model reads, shared by training and scoring.

``scripts/train_tone.py`` hands :func:`word_ngrams` and :func:`char_ngrams` to
scikit-learn as analyzers, and :class:`~storyline.nlp.tone.model.SatireModel`
calls the same functions at run time, so the features a weight was learnt for
are exactly the features it is applied to.

Text is normalised first: lower case (the headlines it learns from are lower
case), typographic quotes and dashes folded to ASCII, ``%`` spelt ``percent``
(the two headline sources write it differently, which says nothing about
satire), and runs of white space collapsed.
"""

from __future__ import annotations

import functools
import re

#: Word n-gram lengths and character n-gram lengths (inside word boundaries).
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u2011": "-",
        "\u00a0": " ",
        "%": " percent ",
    }
)
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


def normalise(text: str) -> str:
    """Lower-cased text with quotes, dashes, ``%`` and white space folded."""
    return _SPACES.sub(" ", text.translate(_FOLD).lower()).strip()


def word_ngrams(text: str) -> list[str]:
    """Word and punctuation n-grams of ``text`` (normalised here)."""
    tokens = _TOKEN.findall(normalise(text))
    grams = list(tokens)
    low, high = WORD_NGRAMS
    for size in range(max(low, 2), high + 1):
        grams.extend(" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
    return grams if low == 1 else grams[len(tokens) :]


def char_ngrams(text: str) -> list[str]:
    """Character n-grams inside word boundaries, each word padded with spaces."""
    grams: list[str] = []
    for word in normalise(text).split():
        grams.extend(word_char_ngrams(word))
    return grams


@functools.lru_cache(maxsize=65536)
def word_char_ngrams(word: str) -> tuple[str, ...]:
    """The character n-grams of one (normalised) word, cached: words repeat."""
    padded = f" {word} "
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    for size in range(low, high + 1):
        if size > len(padded):
            break
        grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return tuple(grams)
