"""``overlapped_pipe``: the trained part of the pipeline in a thread, Storyline's after it."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.nlp.overlap import late_components, overlapped_pipe

TEXTS = [
    "The dock strike ended on Tuesday.",
    "A storm closed the port. TRIPWIRE",
    "The old bridge reopened to traffic on Friday.",
    "Talks resume next week.",
]


@Language.component("test_overlap_thread")
def _note_thread(doc: Doc) -> Doc:
    """Appends the name of the thread that ran it to the document's notes."""
    doc.user_data.setdefault("threads", []).append(threading.current_thread().name)
    return doc


@Language.component("test_overlap_tripwire")
def _tripwire(doc: Doc) -> Doc:
    if "TRIPWIRE" in doc.text:
        raise ValueError("tripped on purpose")
    return doc


def _nlp(*components: tuple[str, str]) -> Language:
    nlp = spacy.blank("en")
    for factory, name in components:
        nlp.add_pipe(factory, name=name)
    return nlp


def _items(nlp: Language, texts: list[str]) -> Iterator[tuple[Doc, int]]:
    return ((nlp.make_doc(text), n) for n, text in enumerate(texts))


def test_late_components_are_the_storyline_ones_that_close_the_pipeline() -> None:
    nlp = _nlp(
        ("test_overlap_thread", "storyline_early"),
        ("sentencizer", "sentencizer"),
        ("test_overlap_thread", "storyline_a"),
        ("test_overlap_thread", "storyline_b"),
    )
    assert [name for name, _ in late_components(nlp)] == ["storyline_a", "storyline_b"]
    nlp.add_pipe("test_overlap_thread", name="closing")
    assert late_components(nlp) == []


def test_overlapped_pipe_runs_the_same_components_in_order_across_two_threads() -> None:
    nlp = _nlp(
        ("test_overlap_thread", "storyline_early"),
        ("sentencizer", "sentencizer"),
        ("test_overlap_thread", "storyline_late"),
    )
    expected = [
        (doc.text, n, [s.text for s in doc.sents])
        for doc, n in nlp.pipe(_items(nlp, TEXTS), as_tuples=True)
    ]
    done = list(overlapped_pipe(nlp, _items(nlp, TEXTS), batch_size=2))
    assert [(doc.text, n, [s.text for s in doc.sents]) for doc, n in done] == expected
    here = threading.current_thread().name
    for doc, _ in done:
        early, late = doc.user_data["threads"]
        assert early == "storyline-pipeline" and late == here


def test_a_late_component_that_fails_drops_only_its_document() -> None:
    nlp = _nlp(("sentencizer", "sentencizer"), ("test_overlap_tripwire", "storyline_trip"))
    failures: list[tuple[str, str]] = []

    def record(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
        failures.extend((name, f"{doc.text[:6]}: {exc}") for doc in docs)

    nlp.set_error_handler(record)
    done = [n for _, n in overlapped_pipe(nlp, _items(nlp, TEXTS), batch_size=2)]
    assert done == [0, 2, 3]
    assert failures == [("storyline_trip", "A stor: tripped on purpose")]


def test_a_failure_in_the_pipelines_thread_is_raised_to_the_caller() -> None:
    nlp = _nlp(("test_overlap_tripwire", "tripwire"), ("test_overlap_thread", "storyline_late"))
    with pytest.raises(ValueError, match="tripped on purpose"):
        list(overlapped_pipe(nlp, _items(nlp, TEXTS), batch_size=1))
    assert not [t for t in threading.enumerate() if t.name == "storyline-pipeline"]


def test_stopping_early_stops_the_pipelines_thread() -> None:
    nlp = _nlp(("sentencizer", "sentencizer"), ("test_overlap_thread", "storyline_late"))
    endless = ((nlp.make_doc(f"Report number {n}."), n) for n in itertools.count())
    docs = overlapped_pipe(nlp, endless, batch_size=4)
    assert [n for _, n in itertools.islice(docs, 3)] == [0, 1, 2]
    docs.close()
    assert not [t for t in threading.enumerate() if t.name == "storyline-pipeline"]
