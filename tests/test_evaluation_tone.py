"""``storyline eval tone``: headline scores, straight-news false positives, labelled folders."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from storyline.errors import EvaluationError
from storyline.evaluation import tone as evaluation
from storyline.nlp import register_components
from storyline.nlp.tone.articles import TEST_PERCENT, hash_bucket
from storyline.nlp.tone.headlines import split_of
from storyline.nlp.tone.model import load_model

DATA = Path(__file__).resolve().parent / "data" / "tone"
SATIRICAL = [
    "area man unsure whether he is still allowed to leave meeting that ended {} minutes ago",
    "report: americans now spending {} hours a day pretending to read terms of service",
]
STRAIGHT = [
    "the senate votes on bill {} this week: what you need to know",
    "these {} recipes will make your holiday dinner easier",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_components()
    pipeline = spacy.blank("en")
    pipeline.add_pipe("storyline_tone")
    return pipeline


@pytest.fixture(scope="module")
def parser() -> Language:
    """The English pipeline with its tagger and parser (what eval tone runs)."""
    return evaluation.tone_pipeline()


def _headline_csv(tmp_path: Path) -> Path:
    rows = ["text,type"]
    for number in range(60):
        rows += [f"{t.format(number)},1" for t in SATIRICAL]
        rows += [f"{t.format(number)},0" for t in STRAIGHT]
    path = tmp_path / "headlines.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_evaluation_tone_headline_scores_count_the_test_split(tmp_path: Path) -> None:
    path = _headline_csv(tmp_path)
    size, counts = evaluation.headline_scores(path)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    assert size == sum(split_of(line.rsplit(",", 1)[0]) == "test" for line in lines)
    assert counts.tp + counts.fp + counts.fn + counts.tn == size
    assert counts.f1 == 1.0 and counts.accuracy == 1.0
    assert "F1 1.0000" in evaluation.headline_report((size, counts), "s")
    assert "text only, no parse" in evaluation.headline_report((size, counts), "s", parsed=False)


def test_evaluation_tone_headline_scores_parse_the_headlines(
    tmp_path: Path, parser: Language
) -> None:
    path = _headline_csv(tmp_path)
    size, counts = evaluation.headline_scores(path, nlp=parser)
    assert counts.tp + counts.fp + counts.fn + counts.tn == size
    assert counts.f1 == 1.0
    assert "tags and dependency labels" in evaluation.headline_report((size, counts), "s")


def test_evaluation_tone_news_texts_reads_each_kind(tmp_path: Path) -> None:
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text('{"text": "One."}\n\n{"text": "Two."}\n', encoding="utf-8")
    sentences = tmp_path / "sentences.json"
    sentences.write_text(json.dumps([{"text": f"S{i}."} for i in range(5)]), encoding="utf-8")
    assert evaluation.news_texts(jsonl, 10) == ["One.", "Two."]
    assert evaluation.news_texts(sentences, 2) == ["S0. S1.", "S2. S3.", "S4."]
    assert len(evaluation.news_texts(DATA / "news", 10)) == 2


def test_evaluation_tone_news_report_counts_false_satire(nlp: Language) -> None:
    report = evaluation.news_report(nlp, [DATA / "news", DATA / "satire"], 10)
    assert "news: 2 articles; news 2, analysis 0, opinion 0, satire 0" in report
    assert "satire: 1 articles; news 0, analysis 0, opinion 0, satire 1" in report
    assert "all: false satire 1/3 = 33.3%" in report


def test_evaluation_tone_articles_report_on_hand_written_set(nlp: Language) -> None:
    report = evaluation.articles_report(nlp, DATA)
    assert "accuracy 1.0000; satire precision 1.0000 recall 1.0000 F1 1.0000" in report
    assert "false satire on news 0/2 = 0.0%" in report


def test_evaluation_tone_articles_need_satire_and_news(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    with pytest.raises(EvaluationError, match="satire/ and news/"):
        evaluation.labelled_articles(tmp_path)


def test_evaluation_tone_run_prints_headline_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = argparse.ArgumentParser()
    evaluation.add_arguments(options)
    args = options.parse_args(
        ["--headlines", str(_headline_csv(tmp_path)), "--news", "--horne", str(_horne(tmp_path))]
    )
    assert evaluation.run(args) == 0
    out = capsys.readouterr().out
    assert out.count("Satire headlines, held-out test split") == 2
    assert "tags and dependency labels" in out and "text only" in out
    assert "Satire, held-out splits" in out and "fabricated news called satire" in out


def _horne(tmp_path: Path) -> Path:
    """A tiny articles.jsonl: one held-out satire article, one held-out real one."""
    satire = _read(DATA / "satire" / "water_board.txt")
    real_id = next(f"real-{i}" for i in range(200) if hash_bucket(f"real-{i}") < TEST_PERCENT)
    records = [
        {
            "id": "satire-1",
            "dataset": "random",
            "label": "satire",
            "title": "Water Board Unveils Plan",
            "text": "SPRINGFIELD (SatireWire.com) \u2013 " + satire,
        },
        {
            "id": real_id,
            "dataset": "random",
            "label": "real",
            "title": "Bridge Repairs Begin",
            "text": _read(DATA / "news" / "bridge_repair.txt"),
        },
        {"id": "train-1", "dataset": "random", "label": "satire", "title": "", "text": satire},
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return path


def test_evaluation_tone_held_out_articles_are_the_test_split(
    nlp: Language, tmp_path: Path
) -> None:
    scores = evaluation.held_out_article_scores(nlp, _horne(tmp_path))
    # The third article is satire from a site family that is trained on: left out.
    assert scores.counts.tp + scores.counts.fn == 1
    assert scores.real == (0, 1) and scores.fake == (0, 0)
    table = evaluation.side_by_side(
        evaluation.Binary(8, 1, 2, 9), [("held out", scores), ("again", scores)]
    )
    assert "precision" in table and "0.8889" in table
    assert "real news called satire" in table and table.count("0/1 = 0.0%") == 2
    assert "article model on wordllama embeddings" in table
    hit, total = scores.by_group["satirewire"]
    assert total == 1 and f"satire found by site, again: satirewire {hit}/1" in table


def test_evaluation_tone_ecbplus_documents_read_as_titled_text(tmp_path: Path) -> None:
    record = {
        "sentences": [
            {"sentence": 0, "text": "http : / / example . com / story"},
            {"sentence": 1, "text": "Quake hits the coast"},
            {"sentence": 2, "text": "A quake , measured at 4.5 , shook ( briefly ) the town ."},
        ]
    }
    path = tmp_path / "ecb.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert evaluation.news_texts(path, 10) == [
        "Quake hits the coast\n\nA quake, measured at 4.5, shook (briefly) the town."
    ]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_evaluation_tone_shared_headlines_match_recorded_scores(
    shared_dir: Path, parser: Language
) -> None:
    path = shared_dir / "data" / "sarcasm-headlines" / "Sarcasm_Headlines_Dataset.csv"
    if not path.is_file():
        pytest.skip("sarcasm-headlines data not present")
    size, counts = evaluation.headline_scores(path, nlp=parser)
    recorded = load_model().meta["test"]
    assert size == recorded["headlines"]
    assert counts.f1 == pytest.approx(recorded["f1"], abs=2e-4)
    assert counts.accuracy == pytest.approx(recorded["accuracy"], abs=2e-4)
    assert counts.f1 >= 0.87


@pytest.mark.slow
def test_evaluation_tone_shared_held_out_articles_keep_their_floor(
    shared_dir: Path, parser: Language
) -> None:
    path = shared_dir / "data" / "horne2017-political-news" / "articles.jsonl"
    if not path.is_file():
        pytest.skip("horne2017-political-news data not present")
    scores = evaluation.held_out_article_scores(parser, path)
    # Recorded in the README on 2026-12-05: precision 0.727, recall 0.421, F1 0.533.
    assert scores.counts.tp + scores.counts.fn == 19
    assert scores.counts.f1 >= 0.5
    assert scores.real[0] == 0
    assert scores.fake[0] <= 3
