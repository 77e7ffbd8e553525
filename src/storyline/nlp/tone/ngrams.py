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
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: scikit-learn's default token pattern: runs of two or more word characters.
_TOKEN = re.compile(r"\b\w\w+\b")


def ngram_text(title: str, body: Sequence[str]) -> str:
    """The text whose n-grams the model reads: the title, then the body's sentences."""
    return "\n".join([title, *body])


def ngram_counts(text: str, pairs: frozenset[tuple[str, str]] | None = None) -> Counter[str]:
    """Counts of the lower-cased word unigrams and bigrams of ``text``.

    With ``pairs``, only the bigrams whose two words are a pair of it are
    counted (the others are in no vocabulary that gave the pairs).
    """
    tokens = _TOKEN.findall(text.lower())
    counts = Counter(tokens)
    steps: Iterable[tuple[str, str]] = itertools.pairwise(tokens)
    if pairs is not None:
        steps = (step for step in steps if step in pairs)
    counts.update(f"{a} {b}" for a, b in steps)
    return counts


@dataclass(frozen=True)
class NgramWeights:
    """A vocabulary with the inverse document frequency and weight of each n-gram."""

    index: dict[str, int]
    idf: FloatArray = field(compare=False)
    coef: FloatArray = field(compare=False)
    #: The two words of every bigram of the vocabulary.
    pairs: frozenset[tuple[str, str]] = field(compare=False)

    def decision(self, text: str) -> float:
        """The n-grams' part of the article model's decision value for ``text``."""
        index = self.index
        found = [(index[g], n) for g, n in ngram_counts(text, self.pairs).items() if g in index]
        if not found:
            return 0.0
        positions = np.fromiter((p for p, _ in found), dtype=np.int64, count=len(found))
        counts = np.fromiter((n for _, n in found), dtype=np.float64, count=len(found))
        weights = (1.0 + np.log(counts)) * self.idf[positions]
        return float(weights @ self.coef[positions] / np.sqrt(weights @ weights))


def ngrams_from_dict(data: dict[str, Any]) -> NgramWeights:
    """Build :class:`NgramWeights` from the model file's ``ngrams`` block."""
    terms, idf, coef = [str(t) for t in data["terms"]], data["idf"], data["coef"]
    if not len(terms) == len(idf) == len(coef):
        raise ValueError("ngrams: terms, idf and coef must have the same length")
    pairs = frozenset(tuple(t.split(" ")) for t in terms if t.count(" ") == 1)
    return NgramWeights(
        {term: i for i, term in enumerate(terms)},
        np.asarray(idf, dtype=np.float64),
        np.asarray(coef, dtype=np.float64),
        pairs,  # type: ignore[arg-type]
    )
