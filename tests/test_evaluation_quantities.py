"""``storyline eval quantities``: CQE's matching, unit names, and the quantulum3 regression run."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from storyline.errors import EvaluationError
from storyline.evaluation import quantities as evaluation
from storyline.evaluation.quantities import (
    Item,
    Tally,
    close,
    cqe_match,
    gold_item,
    strict_match,
    translate_unit,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The quantity component on its own, as the command runs it by default."""
    return evaluation._pipeline(full=False)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("19.0", 19.0),
        ("252.0-287.0", (252.0, 287.0)),
        ("-1.3", -1.3),
        ("1.99E-29", 1.99e-29),
    ],
)
def test_evaluation_gold_values(raw: str, value: float | tuple[float, float]) -> None:
    item = gold_item({"value": raw, "normalized_unit": "Dollar", "change": "~"})
    assert item == Item(value, "dollar", "~")


def test_evaluation_close_uses_relative_tolerance() -> None:
    assert close(1_000_000.0, 1_000_005.0)
    assert not close(1_000_000.0, 1_000_050.0)
    assert close((1.0, 2.0), (1.0, 2.0))
    assert not close((1.0, 2.0), 1.0)


def test_evaluation_cqe_match_counts_value_hedge_and_unit() -> None:
    tally = Tally()
    gold = [Item(300.0, "soldier", "~"), Item(19.0, "percentage", "up")]
    found = [Item(300.0, "soldier", "~"), Item(19.0, "dollar", "="), Item(5.0, "-", "=")]
    cqe_match(gold, found, tally)
    assert (tally.gold, tally.predicted) == (2, 3)
    assert tally.hits == {"value": 2, "hedge": 1, "unit": 1}


def test_evaluation_cqe_match_lets_an_unused_prediction_count_twice() -> None:
    tally = Tally()
    cqe_match([Item(5.0, "mile"), Item(5.0, "km")], [Item(5.0, "-")], tally)
    assert tally.hits["value"] == 2


def test_evaluation_strict_match_is_one_to_one() -> None:
    tally = Tally()
    strict_match([Item(5.0, "mile"), Item(5.0, "km")], [Item(5.0, "km")], tally)
    assert tally.hits == {"value": 1, "hedge": 1, "unit": 1}


def test_evaluation_scores() -> None:
    tally = Tally(gold=4, predicted=2, hits={"value": 2, "hedge": 1, "unit": 0})
    precision, recall, f1 = tally.scores("value")
    assert (precision, recall) == (1.0, 0.5)
    assert f1 == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("unit", "scheme", "name"),
    [
        ("usd", "cqe", "dollar"),
        ("usd per barrel", "cqe", "dollar per barrel"),
        ("percent", "cqe", "percentage"),
        ("soldier", "cqe", "soldier"),
        (None, "cqe", "-"),
        (None, "quantulum", "dimensionless"),
        ("gbp", "quantulum", "pound sterling"),
    ],
)
def test_evaluation_translates_unit_names(unit: str | None, scheme: str, name: str) -> None:
    assert translate_unit(unit, scheme) == name


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_evaluation_scores_a_small_newsquant_file(nlp: Language, tmp_path: Path) -> None:
    data: list[dict[str, Any]] = [
        {
            "text": "Shares of the company rose about 19 per cent on Monday.",
            "quantities": [{"change": "~", "value": "19.0", "normalized_unit": "percentage"}],
        },
        {
            "text": "Around 50 different products were recalled.",
            "quantities": [{"change": "~", "value": "50", "normalized_unit": "different product"}],
        },
        {"text": "Nothing to count here.", "quantities": []},
    ]
    cqe, strict = evaluation.score_newsquant(nlp, data)
    assert (cqe.gold, cqe.predicted) == (2, 2)
    assert cqe.hits == {"value": 2, "hedge": 2, "unit": 2}
    assert strict.hits == cqe.hits


def test_evaluation_quantulum_regression(nlp: Language, tmp_path: Path) -> None:
    cases = [
        {
            "req": "I spent 20 million pounds on this!",
            "res": [{"value": 20000000, "unit": "pound sterling", "surface": "20 million pounds"}],
        },
        {"req": "It weighs 10kg.", "res": [{"value": 10, "unit": "kilogram", "surface": "10kg"}]},
    ]
    _write(tmp_path / "quantities.json", cases)
    _write(tmp_path / "quantities.ambiguity.json", [])
    _write(tmp_path / "errors.json", ["$99(", "1 '2"])
    passed, total, tally = evaluation.score_quantulum(nlp, tmp_path)
    assert (passed, total) == (4, 4)
    assert tally.hits["unit"] == 2


def test_evaluation_run_prints_scores(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    nlp: Language,
) -> None:
    monkeypatch.setattr(evaluation, "_pipeline", lambda full: nlp)
    path = _write(
        tmp_path / "gold.json",
        [
            {
                "text": "They sent 300 troops.",
                "quantities": [{"change": "=", "value": "300", "normalized_unit": "troop"}],
            }
        ],
    )
    args = argparse.Namespace(file=path, quantulum=None, full_pipeline=False, show_errors=0)
    assert evaluation.run(args) == 0
    out = capsys.readouterr().out
    assert "value+hedge  P 1.000  R 1.000  F1 1.000" in out
    assert "value+unit   P 1.000  R 1.000  F1 1.000" in out


def test_evaluation_missing_file_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"\[S050\] Cannot read"):
        evaluation._load_json(tmp_path / "missing.json")


@pytest.mark.slow
def test_evaluation_newsquant_floors(nlp: Language, shared_dir: Path) -> None:
    """Regression floors on the real NewsQuant set (skipped when ../shared is absent)."""
    path = shared_dir / "data" / "newsquant" / "NewsQuant.json"
    if not path.exists():
        pytest.skip("NewsQuant is not in ../shared/data")
    cqe, _ = evaluation.score_newsquant(nlp, evaluation._load_json(path))
    assert cqe.scores("value")[2] >= 0.92
    assert cqe.scores("hedge")[2] >= 0.875
    assert cqe.scores("unit")[2] >= 0.855


def _entry(text: str, *quantities: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "text": text,
        "quantities": [
            {"value": value, "normalized_unit": unit, "change": change}
            for value, unit, change in quantities
        ],
    }


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        ("The toll fell from 300 to 200 overnight.", ("300-200", "-", "=")),
        ("Volume narrowed to 138 lots from 212 lots.", ("212-138", "lot", "=")),
    ],
)
def test_evaluation_conventions_join_a_change_between_two_levels(
    nlp: Language, text: str, gold: tuple[str, str, str]
) -> None:
    data = [_entry(text, gold)]
    raw, _ = evaluation.score_newsquant(nlp, data)
    mapped, _ = evaluation.score_newsquant(nlp, data, conventions=True)
    assert (raw.predicted, raw.hits["value"]) == (2, 0)
    assert (mapped.predicted, mapped.hits["unit"]) == (1, 1)


def test_evaluation_conventions_put_the_change_before_the_hedge(nlp: Language) -> None:
    data = [_entry("Shares rose about 1.5% on Monday.", ("1.5", "percentage", "up"))]
    raw, _ = evaluation.score_newsquant(nlp, data)
    mapped, _ = evaluation.score_newsquant(nlp, data, conventions=True)
    assert (raw.hits["hedge"], mapped.hits["hedge"]) == (0, 1)


def test_evaluation_conventions_merge_equivalent_spellings() -> None:
    entry = {"value": "332", "normalized_unit": "pound-foot", "change": "="}
    assert gold_item(entry).unit == "pound-foot"
    assert gold_item(entry, conventions=True).unit == "foot pound-force"
    assert translate_unit("pound foot", "cqe") == "foot pound-force"


def test_evaluation_counted_unit_keeps_modifiers_before_the_number(nlp: Language) -> None:
    data = [_entry("They beat the top three seeds.", ("3", "top seed", "="))]
    raw, _ = evaluation.score_newsquant(nlp, data)
    assert raw.hits["unit"] == 1


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        ("He netted a record 32 goals.", ("32", "record goal", "=")),
        ("Two of Johnson's deputies were fired.", ("2", "johnson deputy", "=")),
        ("With eight more picks the team moved on.", ("8", "pick", "=")),
        ("Half the condos have sold.", ("0.5", "% condo", "=")),
    ],
)
def test_evaluation_counted_unit_as_newsquant_writes_it(
    nlp: Language, text: str, gold: tuple[str, str, str]
) -> None:
    raw, _ = evaluation.score_newsquant(nlp, [_entry(text, gold)])
    assert raw.hits["unit"] == 1
