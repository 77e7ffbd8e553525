"""The article model's word n-grams give scikit-learn's TF-IDF vectors without it."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.nlp.tone.ngrams import NgramWeights, ngram_counts, ngram_text, ngrams_from_dict

TRAINING = [
    "Area man reportedly confirms he has no idea what he is doing, sources say.",
    "The council said on Tuesday it approved the budget after a long debate.",
    "At press time, the area man was still looking for his keys in the fridge.",
    "Officials told reporters the budget would be approved on Tuesday.",
]


def _weights(vectorizer: TfidfVectorizer, coef: np.ndarray) -> NgramWeights:
    terms = vectorizer.get_feature_names_out()
    return ngrams_from_dict(
        {"terms": list(terms), "idf": list(vectorizer.idf_), "coef": list(coef)}
    )


def test_nlp_tone_ngrams_counts_unigrams_and_bigrams_of_two_letter_words() -> None:
    counts = ngram_counts("Area man, area MAN: a man!")
    assert counts["area"] == 2 and counts["man"] == 3
    assert counts["area man"] == 2 and counts["man area"] == 1
    assert "a" not in counts  # one-letter words are not tokens


@pytest.mark.parametrize(
    "text",
    [
        "The area man said on Tuesday that sources confirmed nothing.",
        "Budget budget budget approved, the council said.",
        "Nothing in this sentence was seen in training at all xyz",
        "",
    ],
)
def test_nlp_tone_ngrams_decision_equals_sklearn(text: str) -> None:
    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2)).fit(TRAINING)
    coef = np.linspace(-1.0, 1.0, len(vectorizer.idf_))
    expected = float((vectorizer.transform([text]) @ coef)[0])
    assert _weights(vectorizer, coef).decision(text) == pytest.approx(expected, abs=1e-9)


def test_nlp_tone_ngrams_text_joins_title_and_body() -> None:
    assert ngram_text("Title", ["One.", "Two."]) == "Title\nOne.\nTwo."


def test_nlp_tone_ngrams_block_lengths_must_agree() -> None:
    with pytest.raises(ValueError, match="same length"):
        ngrams_from_dict({"terms": ["a b"], "idf": [1.0, 2.0], "coef": [0.5]})
