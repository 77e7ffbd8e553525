"""Sentence sentiment from the VADER lexicon, for a whole article at once.

VADER (Hutto & Gilbert, 2014) rates about 7,500 words from -4 to +4 and turns
a sentence's ratings into shares of positive and negative weight and a
``compound`` score in [-1, 1]. This module reads the same lexicon (from the
``vaderSentiment`` package) and applies the same formulas, with VADER's
negation rule (a negator among the three preceding words flips and damps a
rating), but without its finer rules for boosters, capitals, "but" clauses
and punctuation emphasis: those cost far more time than they change the two
cues built on sentiment here (strong feeling, and praise beside gloom).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from vaderSentiment import vaderSentiment as vader

FloatArray = npt.NDArray[np.float64]

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_NEGATION_WINDOW = 3
_ALPHA = 15.0  # VADER's normalisation constant for the compound score


@dataclass(frozen=True)
class Sentiment:
    """Per sentence: positive and negative shares, and the compound score."""

    positive: FloatArray
    negative: FloatArray
    compound: FloatArray


@functools.cache
def _lexicon() -> tuple[dict[str, float], frozenset[str]]:
    analyser = vader.SentimentIntensityAnalyzer()
    return dict(analyser.lexicon), frozenset(vader.NEGATE)


def sentiment(sentences: Sequence[str]) -> Sentiment:
    """VADER-style sentiment of each sentence."""
    lexicon, negators = _lexicon()
    size = len(sentences)
    owners: list[int] = []
    ratings: list[float] = []
    words_per_sentence = np.zeros(size)
    for index, sentence in enumerate(sentences):
        words = _WORD.findall(sentence.lower())
        words_per_sentence[index] = len(words)
        for position, word in enumerate(words):
            rating = lexicon.get(word)
            if rating is None:
                continue
            window = words[max(0, position - _NEGATION_WINDOW) : position]
            if any(w in negators or w.endswith("n't") for w in window):
                rating *= vader.N_SCALAR
            owners.append(index)
            ratings.append(rating)
    return _shares(np.asarray(owners, dtype=np.int64), np.asarray(ratings), words_per_sentence)


def _shares(owners: npt.NDArray[np.int64], ratings: FloatArray, words: FloatArray) -> Sentiment:
    size = len(words)
    total = np.bincount(owners, ratings, minlength=size)
    positive = np.bincount(owners, np.where(ratings > 0, ratings + 1, 0.0), minlength=size)
    negative = np.bincount(owners, np.where(ratings < 0, ratings - 1, 0.0), minlength=size)
    rated = np.bincount(owners, minlength=size)
    neutral = np.maximum(words - rated, 0)
    weight = positive + np.abs(negative) + neutral
    safe = np.where(weight > 0, weight, 1.0)
    compound = total / np.sqrt(total * total + _ALPHA)
    return Sentiment(
        positive=np.where(weight > 0, positive / safe, 0.0),
        negative=np.where(weight > 0, np.abs(negative) / safe, 0.0),
        compound=np.where(rated > 0, compound, 0.0),
    )
