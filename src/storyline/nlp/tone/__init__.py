"""Article tone: news, analysis, opinion or satire, with the sentences that show it.

- :mod:`.text`: the n-grams the satire model reads (shared with training);
- :mod:`.syntax`: a sentence's tags and dependency labels, from an existing parse;
- :mod:`.model`: the shipped satire model (numpy scoring, Platt-calibrated);
- :mod:`.keys`: the model's n-gram vocabularies as integer keys, found in a batch at once;
- :mod:`.headlines`: the headline data and its fixed split (training, evaluation);
- :mod:`.cues`: designed sentence cues of satire, opinion and analysis;
- :mod:`.sentiment`: VADER-lexicon sentiment per sentence;
- :mod:`.sentences`: sentence boundaries as character offsets;
- :mod:`.title`: the article's title as evidence of satire;
- :mod:`.articles`: the labelled whole articles and their held-out split;
- :mod:`.embedding`: static token embeddings (WordLlama, distilled MiniLM), read offline;
- :mod:`.article`: the article-level satire model (title, body, style);
- :mod:`.decide`: sentences to an article's label, probability and evidence.

:func:`assess_sentences` runs the whole chain on a text and its sentence offsets;
the spaCy component ``storyline_tone`` runs it on a ``Doc``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...settings import Settings
from .article import (
    ArticleFeatures,
    Direction,
    article_vector,
    body_of,
    body_words,
    load_article_model,
)
from .cues import blank_quotes, declarations, load_lexicon
from .decide import LABELS, ToneResult, decide, sentence_ratios
from .embedding import Embedder
from .model import load_model
from .text import Syntax
from .title import assess_title


def assess_sentences(
    text: str,
    bounds: Sequence[tuple[int, int]],
    satire_min_score: float = Settings.satire_min_score,
    syntax: Sequence[Syntax] | None = None,
    title: str | None = None,
) -> ToneResult:
    """The tone of ``text`` given its sentences' character offsets.

    ``syntax`` holds each sentence's tags and dependency labels when the text
    was parsed; without it the satire model scores the words alone. ``title``
    is the article's title from its metadata; without it a short first line
    of the text is taken as the title (see :mod:`.title`).
    """
    model, lexicon, article_model = load_model(), load_lexicon(), load_article_model()
    masked_text = blank_quotes(text)
    sentences = [text[start:end] for start, end in bounds]
    masked = [masked_text[start:end] for start, end in bounds]
    ratios = sentence_ratios(sentences, masked, model, lexicon, syntax)
    headline = assess_title(text, bounds, title, model, lexicon, syntax)
    judged = None
    if article_model.min_words <= body_words(body_of(sentences, headline)):
        features = article_vector(
            sentences, headline, model, article_model.direction, article_model.embedder()
        )
        judged = (article_model.probability(features), article_model.threshold)
    declared = declarations(masked, lexicon)
    return decide(ratios, satire_min_score, lexicon, headline, judged, declared)


def article_features_of(
    text: str,
    bounds: Sequence[tuple[int, int]],
    direction: Direction,
    embedder: Embedder,
    title: str | None = None,
) -> ArticleFeatures:
    """The article model's features for ``text``, as :func:`assess_sentences` reads it.

    The training script calls this on every labelled article, so the model is
    trained on exactly the features it is applied to (text scored without a
    parse, as the article model always is).
    """
    model, lexicon = load_model(), load_lexicon()
    headline = assess_title(text, bounds, title, model, lexicon)
    sentences = [text[s:e] for s, e in bounds]
    return article_vector(sentences, headline, model, direction, embedder)


__all__ = ["LABELS", "ToneResult", "article_features_of", "assess_sentences"]
