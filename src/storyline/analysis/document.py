"""One analysed ``Doc`` to one :class:`~storyline.models.ArticleAnalysis`.

The package's topic modules read the spans and attributes; this module only
puts them together.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..models import Article, ArticleAnalysis
from ..nlp.events.frames import frames_of
from . import events, figures, incidents, mentions, quantities, relations, times, tone

if TYPE_CHECKING:
    from spacy.tokens import Doc


def analyze_doc(doc: Doc, article: Article) -> ArticleAnalysis:
    """Collect everything the pipeline found in ``doc`` about ``article``."""
    published = times.published_from_doc(doc, article.published)
    article = dataclasses.replace(
        article, published=published, tone=tone.tone_from_doc(doc, article)
    )
    found_mentions = mentions.mentions_from_doc(doc)
    found_times = times.times_from_doc(doc)
    found_quantities = quantities.quantities_from_doc(doc)
    frames = frames_of(doc)
    found_incidents = incidents.incident_mentions(frames, article, found_mentions)
    found_claims = figures.claims_from_doc(doc, article, found_mentions, found_incidents)
    found_events = events.events_from_frames(frames, article)
    found_relations = relations.relations_from_doc(doc, article, frames)
    findings = (
        *times.time_findings(doc, article, found_times, found_mentions),
        *figures.figure_findings(article, found_claims),
        *tone.tone_findings(article),
    )
    return ArticleAnalysis(
        article=article,
        mentions=found_mentions,
        times=found_times,
        quantities=found_quantities,
        claims=found_claims,
        events=found_events,
        relations=found_relations,
        findings=findings,
        incidents=found_incidents,
    )
