"""Article tone: news, analysis, opinion or satire, with the sentences that show it.

- :mod:`.text`: the n-grams the satire model reads (shared with training);
- :mod:`.syntax`: a sentence's tags and dependency labels, from an existing parse;
- :mod:`.model`: the shipped satire model (numpy scoring, Platt-calibrated);
- :mod:`.headlines`: the headline data and its fixed split (training, evaluation);
- :mod:`.cues`: designed sentence cues of satire, opinion and analysis;
- :mod:`.sentiment`: VADER-lexicon sentiment per sentence;
- :mod:`.sentences`: sentence boundaries as character offsets;
- :mod:`.title`: the article's title as evidence of satire;
- :mod:`.decide`: sentences to an article's label, probability and evidence.

:func:`assess_sentences` runs the whole chain on a text and its sentence offsets;
the spaCy component ``storyline_tone`` runs it on a ``Doc``.
"""

from __future__ import annotations

from collections.abc import Sequence

from .cues import blank_quotes, load_lexicon
from .decide import LABELS, ToneResult, decide, sentence_ratios
from .model import load_model
from .text import Syntax
from .title import assess_title


def assess_sentences(
    text: str,
    bounds: Sequence[tuple[int, int]],
    satire_min_score: float = 0.5,
    syntax: Sequence[Syntax] | None = None,
    title: str | None = None,
) -> ToneResult:
    """The tone of ``text`` given its sentences' character offsets.

    ``syntax`` holds each sentence's tags and dependency labels when the text
    was parsed; without it the satire model scores the words alone. ``title``
    is the article's title from its metadata; without it a short first line
    of the text is taken as the title (see :mod:`.title`).
    """
    model, lexicon = load_model(), load_lexicon()
    masked_text = blank_quotes(text)
    sentences = [text[start:end] for start, end in bounds]
    masked = [masked_text[start:end] for start, end in bounds]
    ratios = sentence_ratios(sentences, masked, model, lexicon, syntax)
    headline = assess_title(text, bounds, title, model, lexicon, syntax)
    return decide(ratios, satire_min_score, lexicon, headline)


__all__ = ["LABELS", "ToneResult", "assess_sentences"]
