"""Language detection at ingest: English kept, other languages skipped or kept with a flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.ingest import iter_inputs
from storyline.ingest.language import detect_language, identifier, plainly_english
from storyline.models import Article, Skipped
from storyline.settings import Settings

RUSSIAN = (
    "Власти закрыли порт\n"
    "Власти города закрыли порт в понедельник после сильного шторма, сообщили в мэрии. "
    "По словам чиновников, работа возобновится через несколько дней.\n"
)
FRENCH = (
    "Le conseil municipal a approuvé lundi une nouvelle ligne de tramway après deux ans "
    "de débats, a annoncé la maire."
)
ENGLISH = (
    "Council approves tram line\n"
    "The city council approved a new tram line on Monday after a two-year debate, "
    "the mayor said.\n"
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(RUSSIAN, "ru"), (FRENCH, "fr"), (ENGLISH, "en"), ("Storm closes port.", None), ("", None)],
)
def test_ingest_language_detected_or_unknown(text: str, code: str | None) -> None:
    assert detect_language(text) == code


DUTCH = (
    "De gemeenteraad heeft maandag een nieuwe tramlijn goedgekeurd na twee jaar debat, "
    "zei de burgemeester. Volgens de gemeente is het de bedoeling dat de lijn in het "
    "voorjaar wordt aangelegd en dat de eerste trams over drie jaar rijden."
)
DANISH = (
    "Byrådet godkendte mandag en ny sporvognslinje efter to års debat, sagde borgmesteren. "
    "Ifølge kommunen er det planen at linjen skal anlægges til foråret, og her i byen "
    "venter man at de første sporvogne kører om tre år."
)
LONG_ENGLISH = ENGLISH + (
    "Work on the line will begin in the spring, and the first trams are expected to run "
    "in three years, according to the council, which has set aside money for it."
)


@pytest.mark.parametrize(
    ("text", "english"),
    [(LONG_ENGLISH, True), (DUTCH, False), (DANISH, False), (ENGLISH[:60], False)],
)
def test_ingest_language_plainly_english_by_its_commonest_words(text: str, english: bool) -> None:
    assert plainly_english(text) is english


def test_ingest_language_plain_english_never_loads_the_model() -> None:
    identifier.cache_clear()
    assert detect_language(LONG_ENGLISH) == "en"
    assert identifier.cache_info().currsize == 0
    assert detect_language(DUTCH) == "nl"  # the others still go to the model
    assert identifier.cache_info().currsize == 1


def _read(tmp_path: Path, settings: Settings) -> list[Article | Skipped]:
    lines = [{"id": name, "text": text} for name, text in (("ru", RUSSIAN), ("en", ENGLISH))]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return list(iter_inputs([path], settings))


def test_ingest_language_other_than_english_is_skipped(tmp_path: Path) -> None:
    items = _read(tmp_path, Settings())
    [english] = [item for item in items if isinstance(item, Article)]
    [skipped] = [item for item in items if isinstance(item, Skipped)]
    assert english.id == "en" and english.language == "en"
    assert skipped.source.endswith("mixed.jsonl:1")
    assert skipped.reason.startswith("[S071]") and "'ru'" in skipped.reason
    assert "--any-language" in skipped.reason


def test_ingest_language_any_language_keeps_it(tmp_path: Path) -> None:
    items = _read(tmp_path, Settings(any_language=True))
    assert {item.id: item.language for item in items if isinstance(item, Article)} == {
        "ru": "ru",
        "en": "en",
    }
    assert not [item for item in items if isinstance(item, Skipped)]


def test_ingest_language_cli_skips_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ru.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    assert main(["analyze", str(path), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    assert "[S071]" in capsys.readouterr().err
