"""A sentence's part-of-speech tags and dependency labels, for the satire model.

Satirical headlines have a shape as well as a vocabulary ("area man unsure
whether ...": a bare noun phrase, an adjective, a clause), so the model also
reads tag and dependency-label n-grams. They are taken from a parse that
already exists: the ``Doc`` the pipeline parsed (``storyline analyze``) or the
headlines parsed once by the training script and ``storyline eval tone``.
White-space tokens are left out.

When there is no parse (a blank pipeline, or plain text), the model scores the
text blocks alone with their own calibration (see :mod:`.model`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from ..english import load_english
from .text import Syntax

if TYPE_CHECKING:
    from spacy.language import Language


def has_parse(doc: Doc) -> bool:
    """Whether ``doc`` carries both tags and dependency labels."""
    return doc.has_annotation("TAG") and doc.has_annotation("DEP")


def span_syntax(span: Span | Doc) -> Syntax:
    """The tags and dependency labels of the non-space tokens of ``span``."""
    tokens = [token for token in span if not token.is_space]
    return Syntax(tuple(t.tag_ for t in tokens), tuple(t.dep_ for t in tokens))


def sentence_syntax(doc: Doc, bounds: Sequence[tuple[int, int]]) -> list[Syntax] | None:
    """Each sentence's syntax from the parsed ``doc``; None when it has no parse."""
    if not has_parse(doc):
        return None
    out = []
    for start, end in bounds:
        span = doc.char_span(start, end, alignment_mode="expand")
        out.append(span_syntax(span) if span is not None else Syntax((), ()))
    return out


def parse_syntax(nlp: Language, texts: Iterable[str], batch_size: int = 256) -> list[Syntax]:
    """Parse each text on its own (a headline) and return its syntax."""
    return [span_syntax(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def load_parser(model: str) -> Language:
    """The English pipeline cut to the tagger and the parser, for headlines."""
    return load_english(model, exclude=("attribute_ruler", "lemmatizer", "ner"))
