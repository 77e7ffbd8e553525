"""Integer keys find exactly the n-grams that string look-ups find."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.nlp.tone.keys import GramKeys
from storyline.nlp.tone.model import Block, load_model
from storyline.nlp.tone.text import CHAR_NGRAMS, Syntax


def _by_strings(
    block: Block, texts: list[str], syntax: list[Syntax] | None
) -> Counter[tuple[int, int]]:
    found: Counter[tuple[int, int]] = Counter()
    for row, text in enumerate(texts):
        for feature in block.feature_ids(text, syntax[row] if syntax is not None else None):
            found[(row, feature)] += 1
    return found


def _by_keys(
    block: Block, texts: list[str], syntax: list[Syntax] | None
) -> Counter[tuple[int, int]]:
    rows, ids = block.pairs(texts, syntax)
    return Counter(zip(rows.tolist(), ids.tolist(), strict=True))


def _block(name: str) -> Block:
    return next(block for block in load_model().blocks if block.name == name)


def test_nlp_tone_keys_find_a_small_vocabulary_in_each_text() -> None:
    keys = GramKeys.of({"ab": 0, " a": 1, "b": 2, "toolong": 3}, (1, 6), "")
    assert keys is not None
    rows, ids = keys.find_chars(["Ab", "b b", ""])
    assert sorted(zip(rows.tolist(), ids.tolist(), strict=True)) == [
        (0, 0), (0, 1), (0, 2), (1, 2), (1, 2),
    ]  # fmt: skip


def test_nlp_tone_keys_are_refused_when_they_cannot_tell_grams_apart() -> None:
    assert GramKeys.of({}, CHAR_NGRAMS, "") is None
    assert GramKeys.of({"a\x00": 0}, CHAR_NGRAMS, "") is None
    words = {"a": 0, "b": 1, "c": 2, "a b c d": 3}  # 4 words: 3 bits a word
    assert GramKeys.of(words, (1, 21), " ") is None  # 63 bits
    assert GramKeys.of(words, (1, 20), " ") is not None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=80), max_size=6))
def test_nlp_tone_keys_match_string_lookups_on_any_text(texts: list[str]) -> None:
    texts = [*texts, "Area man's 5% “raise” - again, sources say", "naïve café ☃ 北京"]
    for name in ("word", "char", "nb"):
        block = _block(name)
        assert _by_keys(block, texts, None) == _by_strings(block, texts, None)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["DT", "NN", "VBZ", "nsubj", "ROOT", "", "A B", "??"]))))
def test_nlp_tone_keys_match_string_lookups_on_any_parse(labels: list[list[str]]) -> None:
    syntax = [Syntax(tuple(tags), tuple(reversed(tags))) for tags in labels]
    texts = ["x"] * len(syntax)
    for name in ("tag", "dep"):
        block = _block(name)
        assert _by_keys(block, texts, syntax) == _by_strings(block, texts, syntax)


def test_nlp_tone_keys_give_the_same_scores_as_strings() -> None:
    texts = ["Nation's dogs demand to know who is a good boy", "The senate votes this week."]
    syntax = [Syntax(("NNP", "VBZ"), ("nsubj", "ROOT")), Syntax(("DT",), ("det",))]
    for block in load_model().blocks:
        parses = syntax if block.reads_parse else None
        expected = _by_strings(block, texts, parses)
        rows, ids = block.pairs(texts, parses)
        assert Counter(zip(rows.tolist(), ids.tolist(), strict=True)) == expected
        assert np.all(np.isfinite(block.scores(texts, parses)))
