"""Story groups by wording and specifics (:mod:`storyline.reconcile.coverage`)."""

from __future__ import annotations

import pytest

from storyline.reconcile.coverage import WORDING_WEIGHT, Coverage, specifics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 4 . 6 quake hit Aceh on Tuesday.", ["4.6", "aceh", "tuesday"]),
        ("Officials in Banda Aceh said it struck at 2:09 a.m.", ["banda", "aceh", "2:09"]),
        ("Rescuers came. Villagers dug. NASA said 7 people died.", []),
        ("The 1,200 residents of Cobb left.\nCobb is empty.", ["1,200", "cobb"]),
        ('He said "Who" was a hit with Fans', ["fans"]),
    ],
)
def test_reconcile_coverage_specifics_are_names_and_numbers(text: str, expected: list[str]) -> None:
    assert specifics(text) == expected


def test_reconcile_coverage_names_and_numbers_split_two_alike_happenings() -> None:
    texts = {
        "a1": "A magnitude 6.1 earthquake struck Aceh province on Tuesday, killing 22 people.",
        "a2": "The 6.1 earthquake struck Aceh province, killing 22 people and injuring hundreds.",
        "p1": "A magnitude 7.3 earthquake struck Manokwari in Papua province, killing 4 people.",
        "p2": "The 7.3 earthquake struck Manokwari, Papua province, killing 4 people on Sunday.",
    }
    coverage = Coverage(texts)
    groups = coverage.groups(max_distance=0.6)
    assert groups["a1"] == groups["a2"] != groups["p1"] == groups["p2"]
    assert coverage.similarity("a1", "a2") > coverage.similarity("a1", "p1") > 0.0


def test_reconcile_coverage_shared_specifics_weigh_beyond_the_wording() -> None:
    texts = {
        "a": "Rescuers reached Aceh after the 6.1 jolt.",
        "b": "Mourning in Aceh: 6.1 was its magnitude.",
        "c": "Mourning after the jolt: rescuers reached villages.",
    }
    coverage = Coverage(texts)
    # "a" and "b" name the same place and magnitude and share no other word
    assert coverage.similarity("a", "b") >= 1.0 - WORDING_WEIGHT
    assert coverage.similarity("a", "c") < 1.0 - WORDING_WEIGHT


def test_reconcile_coverage_a_short_report_joins_the_story_it_reads_like(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.reconcile import coverage

    texts = {
        "s1": "The actor Matt Smith was named the eleventh Doctor by the BBC on Saturday.",
        "s2": "The BBC named Matt Smith, 26, as the eleventh Doctor of the series.",
        "s3": "Matt Smith will play the eleventh Doctor, the BBC said on Saturday.",
        "short": "Fans asked who the new Doctor was.",
        "other": "Shares of the carmaker fell after it recalled two million vehicles.",
    }
    groups = Coverage(texts).groups(max_distance=0.7)
    assert groups["short"] == groups["s1"] == groups["s2"] == groups["s3"] != groups["other"]
    monkeypatch.setattr(coverage, "SMALL_GROUP", 0)
    apart = Coverage(texts).groups(max_distance=0.7)
    assert apart["short"] != apart["s1"] == apart["s2"] == apart["s3"]
