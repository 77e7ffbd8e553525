"""Helpers for tests that run one hand-written article through the whole pipeline."""

from __future__ import annotations

from spacy.language import Language

from storyline.analysis.document import analyze_doc
from storyline.models import Article, ArticleAnalysis, Claim, Published
from storyline.pipeline import make_doc


def analyse_text(
    nlp: Language, text: str, published: str | None, article_id: str = "t1"
) -> ArticleAnalysis:
    """``text`` as an article (its first line the title, ``published`` from metadata)."""
    article = Article(
        id=article_id,
        source=f"{article_id}.txt",
        title=text.split("\n", 1)[0],
        text=text,
        published=Published(published, "metadata" if published else "unknown"),
    )
    return analyze_doc(nlp(make_doc(nlp, article)), article)


def claim_of(analysis: ArticleAnalysis, low: float) -> Claim:
    """The article's claim whose value starts at ``low``."""
    return next(c for c in analysis.claims if c.value.low == low)
