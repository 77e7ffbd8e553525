"""Hypothesis looks for inputs ingest cannot take: encodings, line endings, JSONL shapes.

Whatever the bytes, reading never raises: each input becomes articles whose
text is clean (no CR), whose title is one short line, and whose offsets hold,
or entries in ``skipped`` with a stable code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import iter_inputs
from storyline.ingest.article import MAX_TITLE_CHARS
from storyline.models import Article, Skipped
from storyline.settings import Settings

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WORDS = st.sampled_from(
    ["Officials", "said", "4,000", "people", "fled", "on", "4 March 2024", "Kyiv", "—",
     "(Reuters)", "Café", "naïve", "中文", "Привет", "🙂", "\t", "  ", ".", ",", "\u2028", "\x0c"]
)  # fmt: skip
LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "\r", "\n\r", "\r\r\n"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """News-like lines (or any text) joined by one kind of line ending, or several."""
    lines = draw(
        st.lists(
            st.one_of(st.lists(WORDS, max_size=12).map(" ".join), st.text(max_size=30)),
            max_size=8,
        )
    )
    ending = draw(LINE_ENDINGS)
    return ending.join(lines)


def _check(items: list[Article | Skipped]) -> None:
    for item in items:
        if isinstance(item, Skipped):
            assert re.match(r"\[S0\d\d\] ", item.reason), item.reason
            continue
        assert "\r" not in item.text and item.text.strip()
        assert item.word_count == len(item.text.split())
        if item.title is not None:
            assert "\n" not in item.title and 0 < len(item.title) <= MAX_TITLE_CHARS


@SETTINGS
@given(
    text=texts(),
    encoding=ENCODINGS,
    suffix=st.sampled_from([".txt", ".html", ".htm"]),
)
def test_ingest_fuzz_files(tmp_path: Path, text: str, encoding: str, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(text.encode(encoding, errors="replace"))
    _check(list(iter_inputs([path], Settings(any_language=True))))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
FIELDS = ["id", "title", "text", "published", "source", "url"]


@st.composite
def records(draw: st.DrawFn) -> Any:
    """A JSON line: an object with any of the known fields holding any value, or anything."""
    fields = {
        name: draw(st.one_of(JSON_VALUES, texts()))
        for name in draw(st.sets(st.sampled_from(FIELDS)))
    }
    return draw(st.one_of(st.just(fields), JSON_VALUES))


@SETTINGS
@given(lines=st.lists(records(), min_size=1, max_size=5), ending=LINE_ENDINGS)
def test_ingest_fuzz_jsonl_shapes(tmp_path: Path, lines: list[Any], ending: str) -> None:
    path = tmp_path / "input.jsonl"
    path.write_text(ending.join(json.dumps(line) for line in lines), encoding="utf-8")
    items = list(iter_inputs([path], Settings(any_language=True)))
    _check(items)
    # Every line is accounted for: an article, or a reason naming its line.
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) <= len(lines)
