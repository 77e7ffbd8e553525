"""What stretch of events a figure counts: hand-written news through the full pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from storyline.claims import analyze_doc
from storyline.models import Article, ArticleAnalysis, Claim, Published
from storyline.pipeline import make_doc

pytestmark = pytest.mark.slow


def run(nlp: Language, text: str, published: str = "2014-03-05") -> ArticleAnalysis:
    article = Article(
        id="s1",
        source="s1.txt",
        title=text.split("\n", 1)[0],
        text=text,
        published=Published(published, "metadata"),
    )
    return analyze_doc(nlp(make_doc(nlp, article)), article)


def claim_of(analysis: ArticleAnalysis, low: float) -> Claim:
    return next(c for c in analysis.claims if c.value.low == low)


def test_claims_scopes_an_indefinite_lead_is_news_after_a_recalled_headline(
    nlp: Language,
) -> None:
    text = (
        "Quake shakes island devastated by 1992 tsunami\n\n"
        "AN EARTHQUAKE killed nine villagers and injured 40 people on the island.\n"
        "The quake destroyed dozens of homes.\n"
    )
    analysis = run(nlp, text)
    killed, wounded = claim_of(analysis, 9), claim_of(analysis, 40)
    assert killed.scope.kind == wounded.scope.kind == "incident"
    assert killed.incident == wounded.incident
    recalled = {m.incident for m in analysis.incidents if m.background}
    assert recalled and killed.incident not in recalled
