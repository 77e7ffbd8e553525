"""The figure set's scorer: matching gold figures to claims and scoring each field."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from storyline.errors import EvaluationError
from storyline.evaluation import figures
from storyline.evaluation.figure_scoring import (
    GoldFigure,
    match_figures,
    pairwise_incident,
    same_source,
    score_figures,
    value_fits,
)
from storyline.models import Claim, ClaimSource, Scope, Span, Value
from storyline.reconcile import build_story

if TYPE_CHECKING:
    from spacy.language import Language

TEXT = "Officials said 24 people were killed. Dozens were hurt, police said."


def _gold(surface: str, value: float, **fields: object) -> GoldFigure:
    start = TEXT.index(surface)
    defaults: dict[str, object] = {
        "vague": False,
        "slot": "killed",
        "group": "people",
        "scope": Scope("incident"),
        "source": None,
        "incident": None,
    }
    defaults.update(fields)
    return GoldFigure(
        article="a1",
        start=start,
        end=start + len(surface),
        surface=surface,
        value=value,
        **defaults,  # type: ignore[arg-type]
    )


def _claim(n: int, low: float | None, high: float | None, sentence: str, **fields: object) -> Claim:
    start = TEXT.index(sentence)
    defaults: dict[str, object] = {
        "measure": "killed",
        "source": None,
        "group": "people",
        "scope": Scope("incident"),
        "incident": None,
    }
    defaults.update(fields)
    return Claim(
        id=f"c{n}",
        article="a1",
        subject=None,
        subject_text=None,
        value=Value(low, high),
        unit=None,
        as_of=None,
        span=Span("a1", start, start + len(sentence), sentence),
        **defaults,  # type: ignore[arg-type]
    )


FIRST = "Officials said 24 people were killed."
SECOND = "Dozens were hurt, police said."


def test_evaluation_figures_match_needs_the_sentence_and_the_value() -> None:
    gold = [_gold("24", 24), _gold("Dozens", 24, vague=True, slot="wounded")]
    claims = [
        _claim(1, 24, None, SECOND, measure="wounded"),  # the value of "24", not its sentence
        _claim(2, 25, 25, FIRST),  # the sentence of "24", not its value
        _claim(3, 24, 24, FIRST),
    ]
    pairs = match_figures(gold, claims)
    assert [(g.surface, c.id if c else None) for g, c in pairs] == [("24", "c3"), ("Dozens", "c1")]


def test_evaluation_figures_a_claim_matches_one_figure_only() -> None:
    gold = [_gold("24", 24), _gold("24", 24)]
    pairs = match_figures(gold, [_claim(1, 24, 24, FIRST)])
    assert [c.id if c else None for _, c in pairs] == ["c1", None]


@pytest.mark.parametrize(
    ("low", "high", "vague", "fits"),
    [
        (24, 24, False, True),
        (20, None, False, True),  # "more than 20" contains 24
        (30, None, False, False),
        (24, None, True, True),  # "dozens" as at least 24
        (36, 120, True, True),  # a wider reading of "dozens" still overlaps
        (300, None, True, False),  # "hundreds" is not "dozens"
        (None, None, False, True),  # open on both sides
    ],
)
def test_evaluation_figures_value_fits(
    low: float | None, high: float | None, vague: bool, fits: bool
) -> None:
    assert value_fits(_gold("24", 24, vague=vague), _claim(1, low, high, FIRST)) is fits


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        (None, None, True),
        ("police", None, False),
        (None, "police", False),
        ("Nugroho", "spokesman Sutopo Purwo Nugroho", True),
        ("Sutopo Purwo Nugroho", "he (Sutopo Purwo Nugroho)", True),
        ("the UN", "UN", True),
        ("Doctors in Gaza", "doctors", True),
        ("the Syrian Observatory for Human Rights", "Syrian Observatory", True),
        ("Fauzi", "police", False),
        ("Manrosan", "Head of the agency Captain Manrosan", False),
        ("Officials", "officials", True),
    ],
)
def test_evaluation_figures_same_source(
    gold: str | None, predicted: str | None, same: bool
) -> None:
    mine = ClaimSource(None, gold) if gold else None
    theirs = ClaimSource(None, predicted) if predicted else None
    assert same_source(mine, theirs) is same


def test_evaluation_figures_field_accuracy_counts_matched_figures_only() -> None:
    gold = [
        _gold("24", 24, source=ClaimSource(None, "Officials", "described")),
        _gold("Dozens", 24, vague=True, slot="wounded", group="people"),
    ]
    claims = [
        _claim(1, 24, 24, FIRST, source=ClaimSource(None, "Officials"), group=None),
        # the second figure gets no claim: it must not lower the accuracies
    ]
    scores = score_figures(gold, claims)
    assert (scores.matched, scores.gold) == (1, 2)
    assert scores.recall == 0.5
    assert {name: (f.right, f.total) for name, f in scores.fields.items()} == {
        "slot": (1, 1),
        "group": (0, 1),
        "scope": (1, 1),
        "source": (1, 1),
    }
    assert [g.surface for g, _ in scores.misses] == ["24", "Dozens"]
    attributed, own_voice = scores.sources
    assert (attributed.right, attributed.total, own_voice.total) == (1, 1, 0)


def test_evaluation_figures_incident_pairs() -> None:
    g = [_gold("24", 24, incident=i) for i in ("quake", "quake", "blast", None)]
    same_everywhere = [_claim(n, 24, 24, FIRST, incident="e1") for n in range(4)]
    pairs = list(zip(g, same_everywhere, strict=True))
    # gold links one pair; predicted links all six pairs
    assert pairwise_incident(pairs) == pytest.approx((1 / 6, 1.0, 2 / 7))
    exact = [_claim(n, 24, 24, FIRST, incident=i) for n, i in enumerate(("x", "x", "y", None))]
    assert pairwise_incident(list(zip(g, exact, strict=True))) == (1.0, 1.0, 1.0)
    apart = [_claim(n, 24, 24, FIRST, incident=None) for n in range(4)]
    assert pairwise_incident(list(zip(g, apart, strict=True))) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        ("6 . 1 - magnitude quake", "6.1-magnitude quake"),
        ("killed 170 , 000 people , officials said .", "killed 170,000 people, officials said."),
        ("July 03 , 2013 6 : 22AM", "July 03, 2013 6:22AM"),
        ("Aceh ( AFP ) - 3 %", "Aceh (AFP) - 3%"),
        ("He did n't say", "He didn't say"),
    ],
)
def test_evaluation_figures_detokenise_ecbplus(tokens: str, text: str) -> None:
    assert figures.detokenise(tokens) == text


def _record(**fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "article": "ecbplus:1_1ecbplus.xml",
        "sentence": 2,
        "surface": "1",
        "value": 1,
        "vague": False,
        "incident": "quake",
        "slot": "killed",
        "group": "people",
        "scope": {"kind": "incident", "start": None, "end": None},
        "source": "Fauzi",
        "source_kind": "named",
    }
    record.update(fields)
    return record


def test_evaluation_figures_ecbplus_article_keeps_sentence_numbers() -> None:
    document = {
        "doc": "1_1ecbplus.xml",
        "sentences": [
            {"sentence": 0, "text": "http : / / example . org / quake"},
            {"sentence": 1, "text": "Quake hits ; 1 dead"},
            {"sentence": 2, "text": "A 6 . 1 quake killed 1 man , Fauzi said ."},
        ],
    }
    labelled = figures.ecbplus_article(document)
    assert labelled.article.url == "http://example.org/quake"
    assert labelled.article.title == "Quake hits; 1 dead"
    figure = figures.gold_figure(_record(), labelled)
    text = labelled.article.text
    start, end = labelled.sentences[2]
    assert text[start:end] == "A 6.1 quake killed 1 man, Fauzi said."
    # "1" is the figure, not the "1" of "6.1"
    assert (figure.start, figure.end) == (text.index("killed 1") + 7, text.index("killed 1") + 8)
    assert figure.source == ClaimSource(None, "Fauzi", "named")
    with pytest.raises(EvaluationError, match="not in sentence"):
        figures.gold_figure(_record(surface="two"), labelled)


def test_evaluation_figures_missing_labels_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="S050"):
        figures.load_labels(tmp_path / "labels.jsonl")
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"article": \n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 1"):
        figures.load_labels(bad)


def test_evaluation_figures_shipped_labels_are_complete() -> None:
    records = figures.load_labels(figures.DEFAULT_DIR / figures.LABELS)
    assert len(records) >= 150
    kinds = {"incident", "period", "background", "unknown"}
    for record in records:
        assert record["scope"]["kind"] in kinds, record
        assert (record["source"] is None) == (record["source_kind"] is None), record
        assert record["source_kind"] in (None, "named", "described"), record
        assert record["group"] == record["group"].lower(), record
        assert str(record["article"]).split(":", 1)[0] in ("ecbplus", "text"), record
        # incidents and background incidents are named; periods and unknowns are not
        named = record["scope"]["kind"] in ("incident", "background")
        assert named == (record["incident"] is not None), record


def test_evaluation_figures_arguments_default_to_the_shipped_set() -> None:
    parser = argparse.ArgumentParser()
    figures.add_arguments(parser)
    args = parser.parse_args([])
    assert args.path == figures.DEFAULT_DIR
    assert args.ecbplus.parts[-3:] == ("shared", "data", "ecbplus")


def test_evaluation_figures_labels_are_json_lines() -> None:
    lines = (figures.DEFAULT_DIR / figures.LABELS).read_text(encoding="utf-8").splitlines()
    assert all(isinstance(json.loads(line), dict) for line in lines)


def test_evaluation_figures_text_articles_are_read_like_analyze(tmp_path: Path) -> None:
    folder = tmp_path / figures.TEXTS
    folder.mkdir()
    (folder / "quake.txt").write_text(
        "Quake kills five\n\n2 July 2013\n\nThe quake killed five people, police said.\n",
        encoding="utf-8",
    )
    record = _record(article="text:quake.txt", sentence="killed five people", surface="five")
    articles = figures.load_articles([record], folder, tmp_path / "no-ecbplus")
    labelled = articles["text:quake.txt"]
    assert labelled.article.published.value == "2013-07-02"
    figure = figures.gold_figure(record, labelled)
    assert labelled.article.text[figure.start : figure.end] == "five"
    with pytest.raises(EvaluationError, match="No article"):
        figures.load_articles([_record(article="web:quake")], folder, tmp_path)


@pytest.mark.slow
def test_evaluation_figures_end_to_end_on_labelled_articles(
    shared_dir: Path, nlp: Language
) -> None:
    ecbplus = shared_dir / "data" / "ecbplus"
    if not ecbplus.is_dir():
        pytest.skip("ECB+ data is absent")
    chosen = {"ecbplus:37_3ecbplus.xml", "ecbplus:41_8ecbplus.xml"}
    labels = figures.load_labels(figures.DEFAULT_DIR / figures.LABELS)
    records = [r for r in labels if r["article"] in chosen]
    articles = figures.load_articles(records, figures.DEFAULT_DIR / figures.TEXTS, ecbplus)
    gold = figures.gold_figures(records, articles)
    story = build_story(figures.analyse((a.article for a in articles.values()), nlp))
    scores = score_figures(gold, story.claims)
    assert scores.gold == len(records) >= 20
    # "Miabek Lang ... said earlier that 12 people were killed and 20 were wounded"
    lang = [
        (g.surface, c)
        for g, c in match_figures(gold, story.claims)
        if g.article == "41_8ecbplus" and g.source and g.source.text == "Miabek Lang"
    ]
    assert [(s, c.measure if c else None) for s, c in lang] == [
        ("12", "killed"),
        ("20", "wounded"),
    ]
    assert scores.recall >= 0.6
    assert scores.fields["slot"].accuracy >= 0.7


def test_evaluation_figures_report_prints_recall_fields_and_pairs() -> None:
    gold = [
        _gold("24", 24, incident="q"),
        _gold("Dozens", 24, vague=True, slot="wounded", incident="q"),
    ]
    claims = [_claim(1, 24, 24, FIRST, incident="e"), _claim(2, 24, None, SECOND, incident="e")]
    text = figures.report(score_figures(gold, claims), articles=1)
    assert "figure recall     2/2 = 1.000" in text
    assert "    slot                  1/2    = 0.500" in text
    assert "incident (pairwise) P 1.000  R 1.000  F1 1.000" in text


@pytest.mark.slow
def test_evaluation_figures_command_scores_a_folder_of_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyline.cli import main

    (tmp_path / figures.TEXTS).mkdir()
    (tmp_path / figures.TEXTS / "blast.txt").write_text(
        "Market blast kills 12\n\n3 March 2024\n\n"
        "A bomb exploded in a crowded market on Sunday. "
        "Police said 12 people were killed and 30 were wounded in the blast.\n",
        encoding="utf-8",
    )
    sentence = "Police said 12 people were killed and 30 were wounded in the blast."
    rows = [
        _record(article="text:blast.txt", sentence=sentence, surface="12", value=12),
        _record(
            article="text:blast.txt",
            sentence=sentence,
            surface="30",
            value=30,
            slot="wounded",
        ),
    ]
    for row in rows:
        row["source"], row["source_kind"] = "Police", "described"
    lines = [json.dumps(row) for row in rows]
    (tmp_path / figures.LABELS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["eval", "figures", str(tmp_path), "--show-errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "Figure set: 2 figures in 1 articles" in out
    assert "figure recall     2/2 = 1.000" in out
    assert "    slot                  2/2    = 1.000" in out


def test_evaluation_figures_match_takes_the_nearest_number() -> None:
    gold = [_gold("24", 24)]
    claims = [
        _claim(1, 2, None, FIRST),  # "more than two" fits 24 too
        _claim(2, 24, 24, FIRST),
    ]
    pairs = match_figures(gold, claims)
    assert [c.id if c else None for _, c in pairs] == ["c2"]
