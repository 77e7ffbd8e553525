"""``storyline eval events`` (PETRARCH2 sentences) and ``storyline eval ecbplus`` (B³, MUC)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from conftest import MakeNlp
from storyline.evaluation import EVALUATIONS, coref, ecbplus
from storyline.evaluation import events as petrarch

A, B, C, D = ("d", "a"), ("d", "b"), ("d", "c"), ("d", "d")


def test_evaluation_events_both_commands_are_registered() -> None:
    assert EVALUATIONS["events"] == "events"
    assert EVALUATIONS["ecbplus"] == "ecbplus"


@pytest.mark.parametrize(
    ("gold", "predicted", "b3_f1", "muc_f1"),
    [
        ([{A, B, C, D}], [{A, B}, {C, D}], 2 / 3, 0.8),
        ([{A, B}, {C}, {D}], [{A, B}, {C}, {D}], 1.0, 1.0),
        ([{A, B}, {C, D}], [{A}, {B}, {C}, {D}], 2 / 3, 0.0),
        ([{A}, {B}, {C}, {D}], [{A, B, C, D}], 0.4, 0.0),
    ],
)
def test_evaluation_events_coreference_scores(
    gold: list[set[tuple[str, str]]],
    predicted: list[set[tuple[str, str]]],
    b3_f1: float,
    muc_f1: float,
) -> None:
    assert coref.b_cubed(gold, predicted)[2] == pytest.approx(b3_f1)
    assert coref.muc(gold, predicted)[2] == pytest.approx(muc_f1)


def test_evaluation_events_ceaf_and_conll() -> None:
    perfect = [{A, B}, {C}, {D}]
    assert coref.ceaf_e(perfect, perfect) == pytest.approx((1.0, 1.0, 1.0))
    assert coref.conll(perfect, perfect) == pytest.approx(1.0)
    # one cluster split in two: the best alignment keeps one half (Dice 2*2/(4+2))
    precision, recall, _ = coref.ceaf_e([{A, B, C, D}], [{A, B}, {C, D}])
    assert recall == pytest.approx(2 / 3)
    assert precision == pytest.approx(1 / 3)
    assert coref.adjusted_rand(perfect, perfect) == pytest.approx(1.0)
    assert coref.adjusted_rand([{A, B}, {C, D}], [{A, C}, {B, D}]) < 0


def test_evaluation_events_coverage_groups_articles_by_wording() -> None:
    from storyline.reconcile.coverage import Coverage

    texts = {
        "q1": "A magnitude 6.1 earthquake struck Aceh province on Tuesday, killing 22 people.",
        "q2": "The 6.1 quake in Aceh killed 22 and injured hundreds, officials in Aceh said.",
        "p1": "The smartphone maker unveiled a new laptop with a faster chip on Monday.",
        "p2": "A new laptop with a faster chip was unveiled by the smartphone maker.",
    }
    coverage = Coverage(texts)
    groups = coverage.groups(max_distance=0.9)
    assert groups["q1"] == groups["q2"] != groups["p1"] == groups["p2"]
    assert coverage.similarity("q1", "q2") > coverage.similarity("q1", "p1")
    assert coverage.similar("q1", "q2") and coverage.similarity("q1", "missing") == 0.0


def test_evaluation_events_actor_dictionary_names_aliases_and_blocks(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(
        "<!-- header -->\n"
        "NORTH_KOREA  [PRK] #JW\n"
        "+PYONGYANG\n"
        "+THE_HERMIT_KINGDOM\n"
        "ZIMBABWE\n"
        "\t[RHO <790606]\n"
        "\t[ZBW]#jw\n"
        "LORIEN  [ELR/GAL]\n",
        encoding="utf-8",
    )
    actors = petrarch.load_actors(path)
    assert actors["north korea"] == actors["pyongyang"] == actors["the hermit kingdom"] == "PRK"
    assert actors["zimbabwe"] == "ZBW"
    assert actors["lorien"] == "ELR"


def test_evaluation_events_codes_a_sentence_with_its_actors(make_nlp: MakeNlp) -> None:
    nlp = make_nlp(exclude=["ner"])
    actors = {"arnor": "ARN", "gondor": "GON"}
    record = petrarch.Record("t1", "Arnor sharply criticized Gondor on Monday.", (), False)
    doc = petrarch.tag_actors(nlp(record.text), petrarch.actor_matcher(nlp, actors))
    coded = set(petrarch.code_doc(doc, record, petrarch.load_lexicon()))
    assert ("11", "ARN", "GON") in coded


def test_evaluation_events_missing_data_is_an_evaluation_error(tmp_path: Path) -> None:
    from storyline.errors import EvaluationError

    with pytest.raises(EvaluationError, match="S050"):
        petrarch.load_records(tmp_path / "nope.xml")
    with pytest.raises(EvaluationError, match="ECB"):
        ecbplus.load_documents(tmp_path)


@pytest.mark.slow
def test_evaluation_events_petrarch_floor(
    shared_dir: Path, make_nlp: MakeNlp, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shared_dir / "data" / "petrarch2-unittest"
    if not folder.is_dir():
        pytest.skip("petrarch2-unittest data is absent")
    records = petrarch.load_records(folder / petrarch.RECORDS)
    assert len(records) == 284
    nlp = make_nlp(exclude=["ner"])
    score = petrarch.score_records(nlp, records, petrarch.load_actors(folder / petrarch.ACTORS))
    assert score.root_hits / score.rooted >= 0.25
    assert score.pair_hits / score.paired >= 0.20


def test_evaluation_events_ecbplus_gold_counts(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "ecbplus"
    if not folder.is_dir():
        pytest.skip("ECB+ data is absent")
    documents = ecbplus.load_documents(folder)
    gold = ecbplus.gold_clusters(documents)
    assert len(documents) == 210
    assert sum(len(c) for c in gold) == 1780


def test_evaluation_events_arguments_default_to_shared_data() -> None:
    for module in (petrarch, ecbplus):
        parser = argparse.ArgumentParser()
        module.add_arguments(parser)
        assert parser.parse_args([]).path.parts[-3:-1] == ("shared", "data")


def test_evaluation_events_coverage_survives_texts_without_words() -> None:
    from storyline.reconcile.coverage import Coverage

    for texts in ({"a": "the", "b": "of the"}, {"a": "", "b": "Aceh quake", "c": "and"}):
        groups = Coverage(texts).groups()
        assert set(groups) == set(texts)


def _parsed(words: list[str], lemmas: list[str]) -> Doc:
    """One sentence whose every word hangs off the last (no parse is needed here)."""
    nlp = spacy.blank("en")
    heads = [len(words) - 1] * len(words)
    deps = ["dep"] * (len(words) - 1) + ["ROOT"]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)


def test_evaluation_events_sense_clusters_join_synonyms_within_a_story() -> None:
    from storyline.nlp.events.lexicon import load_lexicon

    texts = {
        "a": (["A", "quake", "struck"], ["a", "quake", "strike"]),
        "b": (["The", "earthquake", "hit"], ["the", "earthquake", "hit"]),
        "c": (["An", "earthquake", "rocked"], ["an", "earthquake", "rock"]),
    }
    documents, parsed = [], {}
    for name, (words, lemmas) in texts.items():
        mentions = (
            ecbplus.GoldMention(name, "1", 0, (1,), "noun"),
            ecbplus.GoldMention(name, "2", 0, (2,), "verb"),
        )
        documents.append(ecbplus.Document(1, name, (tuple(words),), mentions))
        parsed[name] = _parsed(words, lemmas)
    story = {"a": 0, "b": 0, "c": 1}
    senses = ecbplus.sense_clusters(parsed, documents, lambda d: story[d.name], load_lexicon())
    assert sorted(map(sorted, senses)) == [
        [("a", "1"), ("b", "1")],
        [("a", "2"), ("b", "2")],
        [("c", "1")],
        [("c", "2")],
    ]
    lemmas = ecbplus.lemma_clusters(parsed, documents, lambda d: story[d.name])
    assert len(lemmas) == 6


def test_evaluation_events_ecbplus_story_groups_floor(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "ecbplus"
    if not folder.is_dir():
        pytest.skip("ECB+ data is absent")
    from storyline.reconcile.coverage import Coverage

    documents = ecbplus.load_documents(folder)
    groups = Coverage({d.name: d.text for d in documents}).groups()
    for _, chosen in ecbplus.SPLITS:
        picked = [d for d in documents if d.topic in chosen]
        gold, predicted = ecbplus.document_clusters(picked, groups)
        assert coref.b_cubed(gold, predicted)[2] >= 0.93


@pytest.mark.slow
def test_evaluation_events_ecbplus_coreference_floor(shared_dir: Path, make_nlp: MakeNlp) -> None:
    folder = shared_dir / "data" / "ecbplus"
    if not folder.is_dir():
        pytest.skip("ECB+ data is absent")
    from storyline.nlp.events.lexicon import load_lexicon
    from storyline.reconcile.coverage import Coverage

    documents = ecbplus.load_documents(folder)
    groups = Coverage({d.name: d.text for d in documents}).groups()
    nlp = make_nlp()
    parsed = {d.name: ecbplus.parse(nlp, d) for d in documents}
    gold = ecbplus.gold_clusters(documents)
    senses = ecbplus.sense_clusters(parsed, documents, lambda d: groups[d.name], load_lexicon())
    baseline = ecbplus.lemma_clusters(parsed, documents, lambda d: d.topic)
    assert coref.conll(gold, senses) >= coref.conll(gold, baseline) + 0.06
