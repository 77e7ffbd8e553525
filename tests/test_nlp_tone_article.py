"""The article-level satire model: data split, boilerplate, features, decision."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.language import Language

from storyline.errors import EvaluationError, ModelError
from storyline.nlp import register_components
from storyline.nlp.tone import article_features_of, assess_sentences
from storyline.nlp.tone.article import (
    FEATURES,
    VECTORS,
    Direction,
    body_words,
    feature_count,
    load_article_model,
    model_from_dict,
)
from storyline.nlp.tone.articles import (
    HELD_OUT_GROUPS,
    LabelledArticle,
    read_labelled,
    satire_group,
    split_of,
    strip_boilerplate,
)
from storyline.nlp.tone.decide import decide, sentence_ratios
from storyline.nlp.tone.embedding import WORDLLAMA, embed
from storyline.nlp.tone.sentences import sentence_bounds

DATA = Path(__file__).resolve().parent / "data"
DEADPAN = DATA / "tone_articles" / "deadpan_committee.txt"
NEWS = sorted((DATA / "tone" / "news").glob("*.txt"))


@pytest.fixture(scope="module")
def blank() -> Language:
    register_components()
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("opening", "group"),
    [
        ("WASHINGTON (The Borowitz Report)\u2014Officials said", "borowitz"),
        ("NEW YORK (SatireWire.com) \u2013 Officials said", "satirewire"),
        ("CEDAR PLAINS, PA\u2014After years of delays", "closed-dateline"),
        ("OTTAWA \u2013 The government announced", "spaced-dateline"),
        ("Background: born in a small town", "spaced-dateline"),
        ("In an unusual move, the debates were cancelled", "other"),
    ],
)
def test_nlp_tone_article_satire_groups_from_the_opening(opening: str, group: str) -> None:
    assert satire_group(opening) == group


def test_nlp_tone_article_split_holds_out_whole_satire_groups() -> None:
    held = LabelledArticle("a", "", "x", "satire", sorted(HELD_OUT_GROUPS)[0])
    kept = LabelledArticle("b", "", "x", "satire", "borowitz")
    assert split_of(held) == "test" and split_of(kept) == "train"
    news = [LabelledArticle(f"n{i}", "", "x", "real", "random") for i in range(400)]
    share = sum(split_of(a) == "test" for a in news) / len(news)
    assert 0.18 < share < 0.32


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WASHINGTON (The Borowitz Report)\u2014The senator said", "The senator said"),
        ("KIEV, UKRAINE (SatireWire.com) \u2014 Leaders met", "Leaders met"),
        ("OTTAWA \u2013 The government said", "The government said"),
        ("President-elect Trump said", "President-elect Trump said"),
        ("Read more at example.com today", "Read more at   today"),
    ],
)
def test_nlp_tone_article_strips_datelines_and_site_names(text: str, expected: str) -> None:
    assert strip_boilerplate(text) == expected


def test_nlp_tone_article_reads_horne_records(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    record = {"id": "s1", "dataset": "random", "label": "satire", "title": " T ", "text": "x"}
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [article] = read_labelled(path)
    assert (article.title, article.kind, article.group, article.satire) == (
        "T",
        "satire",
        "other",
        True,
    )
    path.write_text(json.dumps({**record, "label": "parody"}), encoding="utf-8")
    with pytest.raises(EvaluationError, match="parody"):
        read_labelled(path)


def test_nlp_tone_article_embeddings_are_unit_rows_and_zero_for_empty() -> None:
    vectors = embed(["Area man wins nothing", "", "Council approves budget"])
    assert vectors.shape == (3, WORDLLAMA.dimensions)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)
    assert not vectors[1].any()
    direction = Direction(np.ones(WORDLLAMA.dimensions), 0.5)
    assert direction.score(vectors)[1] == 0.0


def test_nlp_tone_article_embeddings_equal_wordllamas_own() -> None:
    import wordllama  # type: ignore[import-untyped]

    folder = Path(wordllama.__file__).parent
    model = wordllama.WordLlama.load(
        cache_dir=folder, disable_download=True, dim=WORDLLAMA.dimensions
    )
    texts = ["Area man wins nothing", "The council approved the budget on Tuesday. " * 30]
    assert np.abs(embed(texts) - model.embed(texts, norm=True)).max() < 1e-5


def test_nlp_tone_article_features_follow_the_documented_order(blank: Language) -> None:
    text = DEADPAN.read_text(encoding="utf-8")
    model = load_article_model()
    bounds = sentence_bounds(blank(text))
    features = article_features_of(text, bounds, model.direction, model.embedder())
    dimensions = WORDLLAMA.dimensions
    assert features.dense.shape == (feature_count(dimensions),)
    assert feature_count(dimensions) == len(FEATURES) + len(VECTORS) * dimensions
    named = dict(zip(FEATURES, features.dense, strict=False))
    assert named["has_title"] == 1.0
    assert named["title_evidence"] > 2.0  # a joke of a headline
    assert 0.0 < named["quote_share"] < 1.0
    vectors = features.dense[len(FEATURES) :].reshape(len(VECTORS), dimensions)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    title = text.split("\n", 1)[0]
    assert features.text.startswith(title)


def test_nlp_tone_article_ranks_deadpan_satire_above_plain_news(blank: Language) -> None:
    model = load_article_model()

    def chance(path: Path) -> float:
        text = path.read_text(encoding="utf-8")
        bounds = sentence_bounds(blank(text))
        features = article_features_of(text, bounds, model.direction, model.embedder())
        return model.probability(features)

    deadpan = chance(DEADPAN)
    assert all(chance(path) < deadpan for path in NEWS)
    assert all(chance(path) < model.threshold for path in NEWS)


def test_nlp_tone_article_model_overrides_sentences_only_above_threshold() -> None:
    sentences = ["The council met on Tuesday.", "It approved the budget."]
    ratios = sentence_ratios(sentences, sentences)
    plain = decide(ratios)
    above = decide(ratios, article=(0.8, 0.5))
    below = decide(ratios, article=(0.3, 0.5))
    assert plain.label == below.label == "news"
    assert above.label == "satire" and above.score == pytest.approx(0.8, abs=1e-4)
    assert below.probabilities["satire"] == pytest.approx(0.3, abs=1e-4)
    for result in (above, below):
        assert sum(result.probabilities.values()) == pytest.approx(1.0, abs=1e-3)


def test_nlp_tone_article_short_bodies_are_left_to_the_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.nlp.tone as tone

    def judged(*args: object) -> object:
        raise AssertionError("the article model judged the article")

    monkeypatch.setattr(tone, "article_vector", judged)
    title = "Area Man Declares Himself Mayor\n\n"
    short = title + "He said so on Tuesday."
    long = title + "He said so on Tuesday, and again on Wednesday." * 20
    assert body_words([short[len(title) :]]) < load_article_model().min_words
    assess_sentences(short, [(0, 31), (len(title), len(short))])
    with pytest.raises(AssertionError, match="judged"):
        assess_sentences(long, [(0, 31), (len(title), len(long))])


def test_nlp_tone_article_model_file_is_checked() -> None:
    model = load_article_model()
    assert model.meta["features"] == list(FEATURES)
    assert 0.0 < model.threshold < 1.0
    with pytest.raises(ModelError, match="not a valid article tone model"):
        model_from_dict({"format": "storyline/tone-article-model@1", "mean": [0.0]})
