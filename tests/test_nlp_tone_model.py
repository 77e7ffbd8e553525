"""The satire model: n-grams, numpy scoring, the shipped weights, the headline split."""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import EvaluationError, ModelError
from storyline.nlp.tone.headlines import read_headlines, split_headlines, split_of
from storyline.nlp.tone.model import FORMAT, load_model, model_from_dict, read_model
from storyline.nlp.tone.text import char_ngrams, normalise, word_ngrams

SATIRICAL = [
    "area man unsure whether he is still allowed to leave meeting that ended 40 minutes ago",
    "report: americans now spending 9 hours a day pretending to read terms of service",
    "nation's dogs demand to know who is a good boy",
]
STRAIGHT = [
    "the senate votes on the infrastructure bill this week: what you need to know",
    "watch: singer surprises fans with acoustic set at airport",
    "these 12 recipes will make your holiday dinner easier",
]


def test_nlp_tone_normalise_folds_quotes_dashes_and_percent() -> None:
    assert normalise("It\u2019s  \u201cUp\u201d 5%\u2014Again") == 'it\'s "up" 5 percent - again'


def test_nlp_tone_word_ngrams_are_words_punctuation_and_pairs() -> None:
    assert word_ngrams("Area man, again") == [
        "area", "man", ",", "again", "area man", "man ,", ", again",
    ]  # fmt: skip


def test_nlp_tone_char_ngrams_pad_each_word() -> None:
    grams = char_ngrams("Ox")
    assert grams == [" o", "ox", "x ", " ox", "ox ", " ox "]


def _tiny_model() -> dict[str, object]:
    return {
        "format": FORMAT,
        "blocks": [
            {"name": "word", "features": ["cat", "dog"], "idf": [1.0, 2.0], "coef": [3.0, -1.0]},
            {"name": "char", "features": [" c"], "idf": [1.5], "coef": [0.5]},
        ],
        "intercept": -0.25,
        "platt": {"a": 2.0, "b": 0.5},
        "prior": 0.4,
    }


def test_nlp_tone_model_scores_are_tfidf_dot_product_and_platt() -> None:
    model = model_from_dict(_tiny_model())
    # "cat cat dog": word tf cat=2, dog=1 -> (1+ln 2)*1, 1*2, normalised; char " c" once.
    cat, dog = 1 + math.log(2), 2.0
    word = (3.0 * cat - 1.0 * dog) / math.hypot(cat, dog)
    char = 0.5 * 1.5 / 1.5
    decision = -0.25 + word + char
    assert model.decision(["cat cat dog"])[0] == pytest.approx(decision)
    probability = 1 / (1 + math.exp(-(2.0 * decision + 0.5)))
    assert model.probability(["cat cat dog"])[0] == pytest.approx(probability)
    ratio = 2.0 * decision + 0.5 - math.log(0.4 / 0.6)
    assert model.log_likelihood_ratio(["cat cat dog"])[0] == pytest.approx(ratio)
    assert model.decision(["unknown words"])[0] == pytest.approx(-0.25)


def test_nlp_tone_model_batch_equals_one_by_one() -> None:
    model = load_model()
    texts = SATIRICAL + STRAIGHT + [""]
    batch = model.decision(texts)
    single = np.array([model.decision([t])[0] for t in texts])
    assert np.allclose(batch, single)


def test_nlp_tone_shipped_model_separates_headline_styles() -> None:
    model = load_model()
    assert (model.probability(SATIRICAL) > 0.5).all()
    assert (model.probability(STRAIGHT) < 0.5).all()


def test_nlp_tone_shipped_model_is_small_and_documented() -> None:
    data = resources.files("storyline") / "data"
    weights = data / "tone_model.json"
    with resources.as_file(weights) as path:
        assert Path(path).stat().st_size < 3_000_000
    meta = load_model().meta
    assert "Onion" in meta["source"] and meta["split"]["seed"]
    assert set(meta["test"]) >= {"accuracy", "precision", "recall", "f1"}
    sidecar = (data / "tone_model.md").read_text(encoding="utf-8")
    assert f"F1 {meta['test']['f1']:.4f}" in sidecar


@pytest.mark.parametrize(
    ("change", "message"),
    [({"format": "other@1"}, "retrain"), ({"blocks": [{"name": "x"}]}, "not a valid tone model")],
)
def test_nlp_tone_model_rejects_bad_data(change: dict[str, object], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        model_from_dict({**_tiny_model(), **change})


def test_nlp_tone_read_model_wraps_unreadable_file(tmp_path: Path) -> None:
    broken = tmp_path / "tone_model.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match=r"\[S030\].*tone_model.json"):
        read_model(broken)
    broken.write_text(json.dumps(_tiny_model()), encoding="utf-8")
    assert read_model(broken).intercept == -0.25


def test_nlp_tone_split_is_stable_and_about_fifteen_percent() -> None:
    texts = [f"headline number {i}" for i in range(4000)]
    tests = sum(split_of(t) == "test" for t in texts)
    assert 0.12 < tests / len(texts) < 0.18
    assert [split_of(t) for t in texts[:50]] == [split_of(t) for t in texts[:50]]
    assert [split_of(t, "other") for t in texts[:200]] != [split_of(t) for t in texts[:200]]


def test_nlp_tone_read_headlines_keeps_each_headline_once(tmp_path: Path) -> None:
    csv = tmp_path / "h.csv"
    csv.write_text('text,type\nsame words,1\nsame words,1\n"a, b",0\n', encoding="utf-8")
    headlines = read_headlines(csv)
    assert [(h.text, h.label) for h in headlines] == [("same words", 1), ("a, b", 0)]
    parts = split_headlines(headlines)
    assert sorted(h.text for part in parts.values() for h in part) == ["a, b", "same words"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("headline,label\nx,1\n", "not 'text,type'"), ("text,type\nx,2\n", "not 0 or 1")],
)
def test_nlp_tone_read_headlines_rejects_other_files(
    tmp_path: Path, content: str, message: str
) -> None:
    csv = tmp_path / "h.csv"
    csv.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_headlines(csv)
