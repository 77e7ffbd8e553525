"""Word n-gram weights of the article-level satire model.

The article model reads, beside its dense features, the words of the whole
article: TF-IDF weights of word unigrams and bigrams (sublinear term
frequency, unit length), as scikit-learn's ``TfidfVectorizer`` computes
them in training, times one linear weight per n-gram. Satire sites share
ways of telling a story ("sources confirmed", "at press time", "area man")
that wire copy never uses, and straight news has its own ("said on
Tuesday", "told reporters").

The vocabulary, inverse document frequencies and weights are stored in the
article model's JSON (``ngrams``); this module applies them without
scikit-learn, and a test checks that it gives scikit-learn's vectors.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: scikit-learn's default token pattern: runs of two or more word characters.
_TOKEN = re.compile(r"\b\w\w+\b")


def ngram_text(title: str, body: Sequence[str]) -> str:
    """The text whose n-grams the model reads: the title, then the body's sentences."""
    return "\n".join([title, *body])


def ngram_counts(text: str) -> Counter[str]:
    """Counts of the lower-cased word unigrams and bigrams of ``text``."""
    tokens = _TOKEN.findall(text.lower())
    counts = Counter(tokens)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return counts


@dataclass(frozen=True)
class NgramWeights:
    """A vocabulary with the inverse document frequency and weight of each n-gram."""

    index: dict[str, int]
    idf: tuple[float, ...]
    coef: tuple[float, ...]

    def decision(self, text: str) -> float:
        """The n-grams' part of the article model's decision value for ``text``."""
        weighted = {}
        for gram, count in ngram_counts(text).items():
            position = self.index.get(gram)
            if position is not None:
                weighted[position] = (1.0 + math.log(count)) * self.idf[position]
        norm = math.sqrt(sum(v * v for v in weighted.values()))
        if norm == 0.0:
            return 0.0
        return sum(value * self.coef[pos] for pos, value in weighted.items()) / norm


def ngrams_from_dict(data: dict[str, Any]) -> NgramWeights:
    """Build :class:`NgramWeights` from the model file's ``ngrams`` block."""
    terms, idf, coef = list(data["terms"]), data["idf"], data["coef"]
    if not len(terms) == len(idf) == len(coef):
        raise ValueError("ngrams: terms, idf and coef must have the same length")
    return NgramWeights(
        {str(term): i for i, term in enumerate(terms)},
        tuple(float(v) for v in idf),
        tuple(float(v) for v in coef),
    )
