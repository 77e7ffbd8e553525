"""Hypothesis looks for texts the extractors cannot take.

Every Storyline component and the analysis stage run on generated news-like
text: no exception escapes, and every span found (in ``doc.spans`` and in
the records made from them) indexes the article text exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.analysis.document import analyze_doc
from storyline.models import Article, Published
from storyline.pipeline import make_doc

PIECES = st.sampled_from(
    ["Officials", "said", "on", "Monday", "4,000", "soldiers", "were", "killed", "in",
     "Ukraine", "President", "Ana Reyes", "told", "Reuters", "about", "half a million",
     "between 3 and 5", "percent", "$5 million", "4 March 2024", "March 3, 2024", "last week",
     "two years ago", "the 10th anniversary of", "the 1994 genocide", "(AP)", "KYIV —", "will",
     "had", "not", ".", ",", ";", "\n", "\n\n", "“", "”", "—", "-", "%", "1.5", "12", "0",
     "-3", "1e9", "Sept.", "UPDATE:", "according to", "up to", "more than", "nearly"]
)  # fmt: skip
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), min_size=1, max_size=40).map(" ".join)


def _spans(record: Any) -> Iterator[Any]:
    """Every record inside ``record`` that has an article, offsets and a text."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        names = {field.name for field in dataclasses.fields(record)}
        if {"article", "start", "end", "text"} <= names:
            yield record
        for name in names:
            yield from _spans(getattr(record, name))
    elif isinstance(record, tuple | list):
        for item in record:
            yield from _spans(item)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXTS.filter(str.strip), published=st.sampled_from([None, "2024-03-05"]))
def test_nlp_fuzz_extractors_keep_offsets(nlp: Any, text: str, published: str | None) -> None:
    basis = "metadata" if published else "unknown"
    article = Article("f1", "f1.txt", text.split("\n")[0][:300] or None, text,
                      Published(published, basis), word_count=len(text.split()))  # fmt: skip
    doc = nlp(make_doc(nlp, article))
    for name, group in doc.spans.items():
        for span in group:
            assert text[span.start_char : span.end_char] == span.text, name
    analysis = analyze_doc(doc, article)
    for found in _spans(analysis):
        assert found.article == "f1"
        assert 0 <= found.start <= found.end <= len(text)
        assert text[found.start : found.end] == found.text, found
