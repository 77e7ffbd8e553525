"""The ``storyline_tone`` component: is the article news, analysis, opinion or satire?

Every sentence is scored (the trained satire model plus the designed cues of
``data/nlp/tone_cues.yaml``) and the scores are aggregated to the article, so one
quip does not make a report satire and a satirical piece built on real facts
still reads as satire; the article-level satire model (title, body, WordLlama
embeddings; :mod:`storyline.nlp.tone.article`) reads the article as a whole
and makes it satire when its probability reaches its threshold (see
:mod:`storyline.nlp.tone`). The component writes

- ``doc._.storyline_tone``: ``{"label", "score", "probabilities"}``, where
  ``score`` is the probability of ``label`` and ``probabilities`` holds all
  four tones';
- ``doc.spans["storyline_tone"]``: the (up to three) sentences that weighed
  most for the label, heaviest first, each labelled with the tone.

It reads sentence boundaries from the parser when the pipeline has one, and
each sentence's tags and dependency labels when it has a tagger and a parser
(the satire model's parse features come from that parse; nothing is parsed
twice). Without them (``spacy.blank("en")``) the satire model scores the
words alone with its own calibration, so the component can be added to any
English pipeline.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...errors import UsageError
from ...settings import Settings
from ..extensions import TONE, register_extensions
from ..tone import assess_sentences
from ..tone.article import load_article_model
from ..tone.cues import load_lexicon
from ..tone.model import load_model
from ..tone.sentences import sentence_bounds
from ..tone.syntax import sentence_syntax


class ToneComponent:
    """Labels a ``Doc``'s tone; see the module docstring for what it writes."""

    def __init__(self, name: str, satire_min_score: float) -> None:
        if not 0.0 <= satire_min_score <= 1.0:
            raise UsageError(f"satire_min_score must be between 0 and 1, not {satire_min_score}")
        self.name = name
        self.satire_min_score = satire_min_score
        # Load the weights, the embeddings and the cue file now, so a broken
        # install fails when the pipeline is built rather than halfway through a batch.
        load_model()
        load_lexicon()
        load_article_model().embedder()

    def __call__(self, doc: Doc) -> Doc:
        bounds = sentence_bounds(doc)
        syntax = sentence_syntax(doc, bounds)
        title = doc._.storyline_title
        result = assess_sentences(doc.text, bounds, self.satire_min_score, syntax, title)
        doc._.storyline_tone = {
            "label": result.label,
            "score": result.score,
            "probabilities": dict(result.probabilities),
        }
        spans: list[Span] = []
        for index in result.evidence:
            start, end = bounds[index]
            span = doc.char_span(start, end, label=result.label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[TONE] = spans
        return doc


@Language.factory(
    "storyline_tone",
    default_config={"satire_min_score": Settings.satire_min_score},
    assigns=["doc._.storyline_tone", "doc.spans"],
)
def make_tone(nlp: Language, name: str, satire_min_score: float) -> Any:
    """Build the tone component (``satire_min_score``: see ``Settings``)."""
    register_extensions()
    return ToneComponent(name, satire_min_score)
