"""``storyline eval timex``: TempEval-3 style scoring and the NewsQuant check."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from storyline.errors import EvaluationError
from storyline.evaluation import timex


def _gold(start: int, end: int, kind: str, value: str) -> dict[str, object]:
    return {"start": start, "end": end, "type": kind, "value": value}


def test_evaluation_timex_tally_counts_relaxed_matches() -> None:
    tally = timex.Tally()
    gold = [
        _gold(0, 6, "DATE", "1998-08-07"),
        _gold(20, 29, "DATE", "1998-W32"),
        _gold(40, 45, "DURATION", "P2D"),
    ]
    found: list[tuple[int, int, str, str | None]] = [
        (0, 13, "DATE", "1998-08-07"),  # overlaps, right value
        (22, 29, "DATE", "1998-W31"),  # overlaps, wrong value
        (50, 55, "DATE", "PAST_REF"),  # matches nothing
    ]
    tally.add(gold, found)
    assert (tally.gold, tally.found) == (3, 3)
    assert (tally.found_matched, tally.gold_matched) == (2, 2)
    assert (tally.found_value_right, tally.gold_value_right) == (1, 1)
    assert tally.type_right == 2
    lines = timex.report_lines(tally)
    assert "P 0.667  R 0.667  F1 0.667" in lines[0]
    assert "1.000" in lines[1]
    assert "P 0.333  R 0.333  F1 0.333" in lines[2]


@pytest.mark.parametrize(
    ("gold", "value", "same"),
    [
        ("1998-W9", "1998-W09", True),
        ("1998-W9-WE", "1998-W09-WE", True),
        ("199X", "199", True),
        ("19XX", "19", True),
        ("1998-02-27", "1998-02-27TNI", True),
        ("1998-02-27TMO", "1998-02-27", True),
        ("1998-W9", "1998-W10", False),
        ("199X", "198", False),
        ("1998-02-27", "1998-02-28TNI", False),
        ("1998-02-27T10:00", "1998-02-27", False),
        ("1998", None, False),
    ],
)
def test_evaluation_timex_sets_notation_aside_only_in_its_own_row(
    gold: str, value: str | None, same: bool
) -> None:
    assert timex.same_notation(gold, value) is same
    tally = timex.Tally()
    tally.add([_gold(0, 6, "DATE", gold)], [(0, 6, "DATE", value)])
    assert tally.gold_value_right == int(gold == value)
    assert tally.gold_notation_right == int(same)


def test_evaluation_timex_scores_nothing_found_as_zero() -> None:
    tally = timex.Tally()
    tally.add([_gold(0, 4, "DATE", "1998")], [])
    assert timex.report_lines(tally)[2].endswith("F1 0.000")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2700.0", ["2,700", "2700"]),
        ("19.5", ["19.5"]),
        ("10000.0-12000.0", ["10,000", "10000", "12,000", "12000"]),
        ("-", []),
    ],
)
def test_evaluation_timex_spells_gold_numbers(value: str, written: list[str]) -> None:
    assert timex._numbers(value) == written


def test_evaluation_timex_finds_numbers_as_written() -> None:
    text = "About 2,700 were hurt; 12,700 fled and 2,7000 is a typo."
    assert timex._occurrences(text, "2,700") == [(6, 11)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json\n", "Line 1"),
        ('{"text": "x"}\n', "dct_value"),
    ],
)
def test_evaluation_timex_rejects_malformed_files(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        timex.load_documents(path)


def test_evaluation_timex_rejects_missing_files(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"\[S050\].*derived"):
        timex.load_documents(tmp_path / "missing.jsonl")


def test_evaluation_timex_rejects_a_bad_limit(tmp_path: Path) -> None:
    args = argparse.Namespace(file=tmp_path / "x.jsonl", limit=0, half=None, newsquant=None)
    with pytest.raises(EvaluationError, match="--limit"):
        timex.run(args)


@pytest.mark.slow
def test_evaluation_timex_runs_on_a_small_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Officials said Friday that 2,700 troops left last week."
    document = {
        "text": text,
        "dct_value": "1998-08-08",
        "timexes": [_gold(15, 21, "DATE", "1998-08-07"), _gold(45, 54, "DATE", "1998-W31")],
    }
    path = tmp_path / "small.jsonl"
    path.write_text(json.dumps(document) + "\n", encoding="utf-8")
    quantities = tmp_path / "newsquant.json"
    sentence = {"text": text, "quantities": [{"value": "2700.0", "normalized_unit": "-"}]}
    quantities.write_text(json.dumps([sentence]), encoding="utf-8")
    args = argparse.Namespace(file=path, limit=None, half=None, newsquant=quantities)
    assert timex.run(args) == 0
    out = capsys.readouterr().out
    assert "1 documents, 2 gold expressions, 2 found" in out
    assert "value           P 1.000  R 1.000  F1 1.000" in out
    assert "tagged as time: 0" in out


def test_evaluation_timex_halves_split_the_documents_by_name() -> None:
    names = [f"TBAQ-cleaned/TimeBank/doc{i:03d}.tml" for i in range(200)]
    halves = [timex.half_of(name) for name in names]
    assert set(halves) == {"tune", "check"}
    assert 70 <= halves.count("tune") <= 130  # a hash splits about evenly
    assert halves == [timex.half_of(name) for name in names]  # and always the same way


@pytest.mark.slow
def test_evaluation_timex_scores_one_half(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = [f"doc{i}.tml" for i in range(8)]
    lines = [
        json.dumps({"file": name, "text": "They met on Friday.", "dct_value": "1998-08-08",
                    "timexes": [_gold(11, 18, "DATE", "1998-08-07")]})
        for name in names
    ]  # fmt: skip
    path = tmp_path / "halves.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    in_check = sum(timex.half_of(name) == "check" for name in names)
    assert 0 < in_check < len(names)
    args = argparse.Namespace(file=path, limit=None, half="check", newsquant=None)
    assert timex.run(args) == 0
    assert f"{in_check} documents, {in_check} gold expressions" in capsys.readouterr().out


@pytest.mark.slow
def test_evaluation_timex_keeps_its_floor_on_timebank(shared_dir: Path) -> None:
    """A regression floor on the development part (the first 40 documents)."""
    path = shared_dir / "data" / "timebank-aquaint" / "derived" / "TBAQ-TimeBank.timex.jsonl"
    if not path.is_file():
        pytest.skip("TimeBank derived file not present")
    documents = timex.load_documents(path)[:40]
    tally = timex.score_documents(timex.pipeline(), documents)
    value_p = tally.found_value_right / tally.found
    value_r = tally.gold_value_right / tally.gold
    assert 2 * value_p * value_r / (value_p + value_r) >= 0.75
    assert tally.gold_matched / tally.gold >= 0.85
