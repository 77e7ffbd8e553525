"""The n-grams the satire model reads, shared by training and scoring.

``scripts/train_tone.py`` counts n-grams with these functions and
:class:`~storyline.nlp.tone.model.SatireModel` calls the same functions at run
time, so the features a weight was learnt for are exactly the features it is
applied to. There are four kinds:

- word 1-3-grams (words and punctuation marks as tokens);
- character 1-6-grams of the whole text padded with one space on each side,
  across word boundaries (so ``"n't be"`` or ``"man "`` are features);
- part-of-speech tag 1-4-grams and dependency-label 1-4-grams of the parsed
  sentence (:func:`label_ngrams`; the labels come from :mod:`.syntax`).

A naive Bayes block stacked on the logistic regression reads word 1-2-grams
(:func:`short_word_ngrams`), present or absent.

Text is normalised first: lower case (the headlines it learns from are lower
case), typographic quotes and dashes folded to ASCII, ``%`` spelt ``percent``
(the two headline sources write it differently, which says nothing about
satire), and runs of white space collapsed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Lengths of word n-grams, character n-grams and tag/label n-grams.
WORD_NGRAMS = (1, 3)
SHORT_WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (1, 6)
LABEL_NGRAMS = (1, 4)

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


@dataclass(frozen=True)
class Syntax:
    """The fine-grained tags and dependency labels of one sentence's tokens."""

    tags: tuple[str, ...]
    deps: tuple[str, ...]


_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


#: Texts whose normal form and words are remembered: the satire model reads
#: each sentence three ways (words, word pairs, characters), and the article
#: model reads the same sentences again.
_REMEMBERED = 4096


@functools.lru_cache(maxsize=_REMEMBERED)
def normalise(text: str) -> str:
    """Lower-cased text with quotes, dashes, ``%`` and white space folded."""
    return _SPACES.sub(" ", text.translate(_FOLD).lower()).strip()


@functools.lru_cache(maxsize=_REMEMBERED)
def word_tokens(text: str) -> tuple[str, ...]:
    """The words and punctuation marks of ``text`` (normalised here)."""
    return tuple(_TOKEN.findall(normalise(text)))


def word_ngrams(text: str) -> list[str]:
    """Word and punctuation n-grams of ``text`` (normalised here)."""
    return _ngrams(word_tokens(text), WORD_NGRAMS)


def short_word_ngrams(text: str) -> list[str]:
    """Word and punctuation 1-2-grams of ``text`` (normalised here)."""
    return _ngrams(word_tokens(text), SHORT_WORD_NGRAMS)


def label_ngrams(labels: Sequence[str]) -> list[str]:
    """N-grams of a sentence's tags or dependency labels, joined by spaces."""
    return _ngrams(labels, LABEL_NGRAMS)


def char_ngrams(text: str) -> list[str]:
    """Character n-grams of the normalised text padded with a space each side."""
    padded = padded_text(text)
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    for size in range(low, high + 1):
        grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def padded_text(text: str) -> str:
    """The normalised text with a space each side, as :func:`char_ngrams` reads it."""
    return f" {normalise(text)} "


def _ngrams(tokens: Sequence[str], sizes: tuple[int, int]) -> list[str]:
    low, high = sizes
    grams: list[str] = []
    for size in range(low, high + 1):
        grams += [" ".join(gram) for gram in zip(*(tokens[i:] for i in range(size)), strict=False)]
    return grams
