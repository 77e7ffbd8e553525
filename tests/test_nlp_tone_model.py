"""The satire model: n-grams, numpy scoring, the shipped weights, the headline split."""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from storyline.errors import EvaluationError, ModelError
from storyline.nlp.tone.headlines import read_headlines, split_headlines, split_of
from storyline.nlp.tone.model import (
    ANALYZERS,
    FORMAT,
    PARSE_BLOCKS,
    load_model,
    model_from_dict,
    read_model,
)
from storyline.nlp.tone.text import Syntax, char_ngrams, label_ngrams, normalise, word_ngrams

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


def test_nlp_tone_word_ngrams_are_words_punctuation_pairs_and_triples() -> None:
    assert word_ngrams("Area man, again") == [
        "area", "man", ",", "again", "area man", "man ,", ", again", "area man ,", "man , again",
    ]  # fmt: skip


def test_nlp_tone_char_ngrams_cross_word_boundaries() -> None:
    assert char_ngrams("Ox") == [" ", "o", "x", " ", " o", "ox", "x ", " ox", "ox ", " ox "]
    assert "n b" in char_ngrams("man bites")


def test_nlp_tone_label_ngrams_join_up_to_four_labels() -> None:
    grams = label_ngrams(("DT", "NN", "VBZ", "JJ", "."))
    assert grams[:5] == ["DT", "NN", "VBZ", "JJ", "."]
    assert "DT NN VBZ JJ" in grams and "NN VBZ JJ ." in grams
    assert len(grams) == 5 + 4 + 3 + 2


PARSE = Syntax(("NN",), ("ROOT",))


def _tiny_model() -> dict[str, object]:
    return {
        "format": FORMAT,
        "blocks": [
            {"name": "word", "features": ["cat", "dog"], "idf": [1.0, 2.0], "coef": [3.0, -1.0]},
            {"name": "char", "features": ["c"], "idf": [1.5], "coef": [0.5]},
            {"name": "tag", "features": ["NN"], "idf": [1.2], "coef": [0.75]},
        ],
        "intercept": -0.25,
        "platt": {"parsed": {"a": 2.0, "b": 0.5}, "text_only": {"a": 1.5, "b": -0.1}},
        "prior": 0.4,
    }


def test_nlp_tone_model_scores_are_tfidf_dot_product_and_platt() -> None:
    model = model_from_dict(_tiny_model())
    # "cat cat dog": word tf cat=2, dog=1 -> (1+ln 2)*1, 1*2, normalised; char "c" twice;
    # the parse's only tag n-gram "NN" once.
    cat, dog = 1 + math.log(2), 2.0
    word = (3.0 * cat - 1.0 * dog) / math.hypot(cat, dog)
    char, tag = 0.5, 0.75
    parsed = -0.25 + word + char + tag
    assert model.decision(["cat cat dog"], [PARSE])[0] == pytest.approx(parsed)
    probability = 1 / (1 + math.exp(-(2.0 * parsed + 0.5)))
    assert model.probability(["cat cat dog"], [PARSE])[0] == pytest.approx(probability)
    ratio = 2.0 * parsed + 0.5 - math.log(0.4 / 0.6)
    assert model.log_likelihood_ratio(["cat cat dog"], [PARSE])[0] == pytest.approx(ratio)
    assert model.decision(["unknown words"], [Syntax((), ())])[0] == pytest.approx(-0.25)


def test_nlp_tone_model_without_parse_uses_text_blocks_and_own_calibration() -> None:
    model = model_from_dict(_tiny_model())
    cat, dog = 1 + math.log(2), 2.0
    text_only = -0.25 + (3.0 * cat - 1.0 * dog) / math.hypot(cat, dog) + 0.5
    assert model.decision(["cat cat dog"])[0] == pytest.approx(text_only)
    probability = 1 / (1 + math.exp(-(1.5 * text_only - 0.1)))
    assert model.probability(["cat cat dog"])[0] == pytest.approx(probability)
    with pytest.raises(ValueError, match="1 texts but 2 parses"):
        model.decision(["cat"], [PARSE, PARSE])


def test_nlp_tone_model_batch_equals_one_by_one() -> None:
    model = load_model()
    texts = SATIRICAL + STRAIGHT + [""]
    parses = [Syntax(("NN", "VBZ"), ("nsubj", "ROOT"))] * len(texts)
    for syntax in (None, parses):
        batch = model.decision(texts, syntax)
        single = [model.decision([t], None if syntax is None else [syntax[0]])[0] for t in texts]
        assert np.allclose(batch, single)


def test_nlp_tone_shipped_model_separates_headline_styles_without_parse() -> None:
    model = load_model()
    assert (model.probability(SATIRICAL) > 0.5).all()
    assert (model.probability(STRAIGHT) < 0.5).all()


def test_nlp_tone_shipped_model_is_small_and_documented() -> None:
    data = resources.files("storyline") / "data" / "nlp"
    weights = data / "tone_model.json"
    with resources.as_file(weights) as path:
        assert Path(path).stat().st_size < 5_000_000
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


# Hand-written headlines with hand-written tags and dependency labels, for a
# model trained here with scikit-learn and exported in the shipped format.
TINY_TRAIN = [
    ("area man thrilled by stapler", "NN NN JJ IN NN", "compound nsubj ROOT prep pobj", 1),
    ("nation demands answers from cloud", "NN VBZ NNS IN NN", "nsubj ROOT dobj prep pobj", 1),
    ("local dog unsure about tuesday", "JJ NN JJ IN NNP", "amod nsubj ROOT prep pobj", 1),
    ("senate passes budget bill", "NNP VBZ NN NN", "nsubj ROOT compound dobj", 0),
    (
        "how to watch the eclipse tonight",
        "WRB TO VB DT NN NN",
        "advmod aux ROOT det dobj npadvmod",
        0,
    ),
    ("court rules on election case", "NN VBZ IN NN NN", "nsubj ROOT prep compound pobj", 0),
]
TINY_HELD = [
    ("area dog demands budget", "NN NN VBZ NN", "compound nsubj ROOT dobj"),
    ("how the senate rules", "WRB DT NNP VBZ", "advmod det nsubj ROOT"),
]


def _item(text: str, tags: str, deps: str) -> tuple[str, Syntax]:
    return text, Syntax(tuple(tags.split()), tuple(deps.split()))


def test_nlp_tone_exported_weights_reproduce_scikit_learn() -> None:
    items = [_item(t, g, d) for t, g, d, _ in TINY_TRAIN]
    labels = [y for *_, y in TINY_TRAIN]
    held = [_item(*row) for row in TINY_HELD]
    vectorisers, fit_blocks, held_blocks = {}, [], []
    for name in ("word", "char", "tag", "dep"):
        analyze = ANALYZERS[name]
        weight = 0.5 if name in PARSE_BLOCKS else 1.0
        vectorisers[name] = TfidfVectorizer(
            analyzer=lambda item, analyze=analyze: analyze(*item),
            lowercase=False,
            sublinear_tf=True,
        )
        fit_blocks.append(vectorisers[name].fit_transform(items) * weight)
        held_blocks.append(vectorisers[name].transform(held) * weight)
    estimator = LogisticRegression(C=10.0).fit(sparse.hstack(fit_blocks).tocsr(), labels)
    blocks, start = [], 0
    for name, vectoriser in vectorisers.items():
        width = len(vectoriser.idf_)
        coef = estimator.coef_[0][start : start + width]
        start += width
        blocks.append(
            {
                "name": name,
                "features": list(vectoriser.get_feature_names_out()),
                "idf": vectoriser.idf_.tolist(),
                "coef": (coef * (0.5 if name in PARSE_BLOCKS else 1.0)).tolist(),
            }
        )
    exported = {**_tiny_model(), "blocks": blocks, "intercept": float(estimator.intercept_[0])}
    model = model_from_dict(json.loads(json.dumps(exported)))
    texts, parses = [t for t, _ in held], [s for _, s in held]
    expected = estimator.decision_function(sparse.hstack(held_blocks).tocsr())
    assert np.allclose(model.decision(texts, parses), expected, atol=1e-9)
    # Without the parses only the word and character blocks count.
    text_part = estimator.decision_function(
        sparse.hstack([*held_blocks[:2], *(0 * b for b in held_blocks[2:])]).tocsr()
    )
    assert np.allclose(model.decision(texts), text_part, atol=1e-9)


def test_nlp_tone_naive_bayes_block_reproduces_scikit_learn() -> None:
    texts = [t for t, *_ in TINY_TRAIN]
    labels = [y for *_, y in TINY_TRAIN]
    vectoriser = CountVectorizer(
        analyzer=lambda text: ANALYZERS["nb"](text, None), lowercase=False, binary=True
    )
    estimator = MultinomialNB(alpha=1.0).fit(vectoriser.fit_transform(texts), labels)
    ratio = estimator.feature_log_prob_[1] - estimator.feature_log_prob_[0]
    prior = estimator.class_log_prior_[1] - estimator.class_log_prior_[0]
    block = {
        "name": "nb",
        "weighting": "binary",
        "features": list(vectoriser.get_feature_names_out()),
        "coef": ratio.tolist(),
    }
    model = model_from_dict({**_tiny_model(), "blocks": [block], "intercept": float(prior)})
    held = ["area dog demands budget budget", "how the senate rules"]
    log_proba = estimator.predict_log_proba(vectoriser.transform(held))
    assert np.allclose(model.decision(held), log_proba[:, 1] - log_proba[:, 0], atol=1e-9)
    # A binary feature counts once however often it occurs.
    assert model.decision(["budget budget budget"])[0] == pytest.approx(
        model.decision(["budget"])[0]
    )
