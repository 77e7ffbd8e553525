"""Which time expression belongs to which event word (``storyline.nlp.timex.attach``).

The parses are built by hand, so the cases test the walk, not the model.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from storyline.nlp.timex.attach import attached_head, times_of


def _doc(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    pos = {"VBD": "VERB", "NNS": "NOUN", "NN": "NOUN", "NNP": "PROPN", "IN": "ADP"}
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        tags=tags,
        pos=[pos.get(t, "X") for t in tags],
    )


def _two_events() -> Doc:
    """``rebels seized town on Monday and freed hostages in March``."""
    words = ["rebels", "seized", "town", "on", "Monday", "and", "freed", "hostages", "in", "March"]
    heads = [1, 1, 1, 1, 3, 1, 1, 6, 6, 8]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "cc", "conj", "dobj", "prep", "pobj"]
    tags = ["NNS", "VBD", "NN", "IN", "NNP", "CC", "VBD", "NNS", "IN", "NNP"]
    return _doc(words, heads, deps, tags)


def test_nlp_times_attach_each_verb_gets_its_own_time() -> None:
    doc = _two_events()
    monday, march = Span(doc, 4, 5, label="DATE"), Span(doc, 9, 10, label="DATE")
    assert [s.text for s in times_of(doc[1], [monday, march])] == ["Monday"]
    assert [s.text for s in times_of(doc[6], [monday, march])] == ["March"]
    assert times_of(doc[2], [monday, march]) == []


def test_nlp_times_attach_a_noun_keeps_its_time_from_the_verb() -> None:
    """``talks on Friday failed``: Friday dates the talks, not the failure."""
    words = ["talks", "on", "Friday", "failed"]
    doc = _doc(words, [3, 0, 1, 3], ["nsubj", "prep", "pobj", "ROOT"], ["NNS", "IN", "NNP", "VBD"])
    friday = Span(doc, 2, 3, label="DATE")
    assert attached_head(friday) is not None and attached_head(friday).text == "talks"
    assert [s.text for s in times_of(doc[0], [friday])] == ["Friday"]
    assert times_of(doc[3], [friday]) == []


def test_nlp_times_attach_a_bare_time_hangs_from_its_verb() -> None:
    """``officials met Friday``: a noun phrase with no preposition."""
    words = ["officials", "met", "Friday"]
    doc = _doc(words, [1, 1, 1], ["nsubj", "ROOT", "npadvmod"], ["NNS", "VBD", "NNP"])
    friday = Span(doc, 2, 3, label="DATE")
    assert [s.text for s in times_of(doc[1], [friday])] == ["Friday"]
