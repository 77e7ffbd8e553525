"""How figures read in words, the one table every summary, table and page follows."""

from __future__ import annotations

import pytest

from storyline.models import Value
from storyline.nlp.wording import (
    excerpt,
    figure_words,
    number_words,
    pluralize,
    truncate,
    unit_words,
    value_words,
)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Value(4000, 4000, "exact"), None, "4,000"),
        (Value(4000, 4000, "approximately"), None, "about 4,000"),
        (Value(4000, None, "approximately"), None, "about 4,000"),
        (Value(None, 4000, "up_to"), None, "up to 4,000"),
        (Value(4000, 4000, "up_to"), None, "up to 4,000"),
        (Value(10000, 12000, "range"), None, "10,000–12,000"),
        (Value(15000, None, "more_than"), None, "more than 15,000"),
        (Value(300, 300, "at_least"), None, "at least 300"),
        (Value(None, 50, "at_most"), None, "at most 50"),
        (Value(None, 20, "less_than"), "soldier", "fewer than 20"),
        (Value(None, 1.5, "less_than"), "percent", "less than 1.5"),
        (Value(None, 3, "less_than"), "usd", "less than 3"),
        (Value(12.25, 12.25, "exact"), None, "12.25"),
        (Value(0.333333, 0.333333, "exact"), None, "0.33"),
        (Value(1_500_000, 1_500_000, "exact"), None, "1,500,000"),
        (Value(12_000_000, 12_000_000, "exact"), None, "12 million"),
        (Value(7, 7, "range"), None, "7"),
        (Value(7, None, "range"), None, "at least 7"),
        (Value(None, 9, "range"), None, "up to 9"),
        (Value(None, None, "exact"), None, "unknown"),
        (Value(None, None, "range"), None, "unknown"),
    ],
)
def test_wording_value(value: Value, unit: str | None, text: str) -> None:
    assert value_words(value, unit) == text


@pytest.mark.parametrize(
    ("unit", "value", "text"),
    [
        (None, None, ""),
        ("percent", None, "%"),
        ("usd", None, "USD"),
        ("soldier", Value(4000, 4000), "soldiers"),
        ("soldier", Value(1, 1), "soldier"),
        ("soldier", Value(1, 1, "at_least"), "soldiers"),
        ("person", None, "people"),
        ("casualty", None, "casualties"),
        ("day", None, "days"),
        ("missile_launch", None, "missile launches"),
        ("troops", None, "troops"),
    ],
)
def test_wording_unit(unit: str | None, value: Value | None, text: str) -> None:
    assert unit_words(unit, value) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Value(40, 40, "exact"), "percent", "40%"),
        (Value(2_000_000, 2_000_000, "approximately"), "usd", "about 2,000,000 USD"),
        (Value(15000, None, "more_than"), "soldier", "more than 15,000"),
        (Value(None, None, "exact"), "percent", "unknown"),
    ],
)
def test_wording_figure_in_a_sentence(value: Value, unit: str | None, text: str) -> None:
    assert figure_words(value, unit) == text


def test_wording_numbers_plurals_and_cuts() -> None:
    assert number_words(-2500) == "-2,500"
    assert pluralize("bus") == "bus" and pluralize("box") == "boxes"
    assert pluralize("air strike") == "air strikes"
    assert truncate("short\n text", 20) == "short text"
    assert truncate("one two three four", 12) == "one two…"


def test_wording_excerpt_keeps_the_figure_in_view() -> None:
    text = (
        "To some critics the long quarrel over the relief offer shows how slow the ministry "
        "has been since the storm that, by the latest count, killed at least 5,273 people."
    )
    kept = excerpt(text, 80, "5,273")
    assert kept.startswith("…") and "5,273 people" in kept and len(kept) <= 80
    assert excerpt(text, 80, "") == truncate(text, 80)  # no focus: cut as usual
    assert excerpt(text, 80, "To some") == truncate(text, 80)  # already in view
    assert excerpt("A short 12.", 80, "12") == "A short 12."
