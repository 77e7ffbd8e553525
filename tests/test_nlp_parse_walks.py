"""Walking up a parse ends at the root, also on non-projective trees.

spaCy makes a new ``Token`` object on every access, so a walk must compare
positions (``token.head.i == token.i``), never identity, to see the root.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.nlp.numbers.measures import Hit, _modifies
from storyline.nlp.timex.tense import _verb_above


def _non_projective() -> Doc:
    """``rose`` (root) <- ``prices``; ``fell`` hangs from ``rose`` but sits inside
    the span of ``prices``, whose last child ``sharply`` comes after it."""
    nlp = spacy.blank("en")
    words = ["prices", "fell", "rose", "sharply"]
    heads = [2, 2, 2, 0]
    deps = ["nsubj", "conj", "ROOT", "advmod"]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps)


def test_nlp_measure_walk_stops_at_the_root() -> None:
    doc = _non_projective()
    prices = doc[0]
    assert prices.left_edge.i <= 1 <= prices.right_edge.i  # "fell" lies in its span
    assert _modifies(Hit("killed", 1, 2), prices) is False


def test_nlp_tense_walk_stops_at_the_root() -> None:
    doc = _non_projective()
    verb, planned = _verb_above(doc[2])
    assert verb is None and planned is False
