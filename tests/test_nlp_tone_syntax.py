"""Tags and dependency labels for the satire model, read from an existing parse."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storyline.nlp.tone.syntax import has_parse, sentence_syntax, span_syntax
from storyline.nlp.tone.text import Syntax


def _parsed_doc() -> Doc:
    """Two hand-parsed sentences with a white-space token between them."""
    nlp = spacy.blank("en")
    words = ["Area", "man", "sings", ".", "\n", "Court", "rules", "."]
    spaces = [True, True, False, False, False, True, False, False]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        tags=["NNP", "NN", "VBZ", ".", "_SP", "NN", "VBZ", "."],
        deps=["compound", "nsubj", "ROOT", "punct", "dep", "nsubj", "ROOT", "punct"],
        heads=[1, 2, 2, 2, 3, 6, 6, 6],
        sent_starts=[True, False, False, False, False, True, False, False],
    )


def test_nlp_tone_span_syntax_skips_white_space_tokens() -> None:
    doc = _parsed_doc()
    assert span_syntax(doc) == Syntax(
        ("NNP", "NN", "VBZ", ".", "NN", "VBZ", "."),
        ("compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"),
    )


def test_nlp_tone_sentence_syntax_follows_character_bounds() -> None:
    doc = _parsed_doc()
    assert has_parse(doc)
    # "man sings." and "Court" (a bound inside a token expands to the token).
    bounds = [(5, 15), (17, 19)]
    assert sentence_syntax(doc, bounds) == [
        Syntax(("NN", "VBZ", "."), ("nsubj", "ROOT", "punct")),
        Syntax(("NN",), ("nsubj",)),
    ]


def test_nlp_tone_sentence_syntax_is_none_without_a_parse() -> None:
    doc = spacy.blank("en")("Area man sings. Court rules.")
    assert not has_parse(doc)
    assert sentence_syntax(doc, [(0, 15), (16, 28)]) is None
