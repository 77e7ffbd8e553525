"""Article tone as a record, and the ``tone`` findings a reader must see.

:func:`tone_from_doc` turns what the ``storyline_tone`` component wrote into a
:class:`~storyline.models.Tone` whose evidence spans index the article text;
:func:`tone_findings` warns about every satire or opinion article, because
the figures and claims in it need care before they are compared with others.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import get_args

from spacy.tokens import Doc

from ..models import Article, Finding, Severity, Span, Tone, ToneLabel
from ..nlp.extensions import TONE

_LABELS: tuple[str, ...] = get_args(ToneLabel)

#: What each warned-about tone means for the article's claims, and how serious.
_ADVICE: dict[str, tuple[Severity, str]] = {
    "satire": ("high", "treat its figures and claims as unverified"),
    "opinion": ("medium", "its claims are the writer's argument; check figures elsewhere"),
}


def tone_from_doc(doc: Doc, article: Article) -> Tone:
    """The article's tone as the pipeline judged it, or its current tone if unjudged."""
    found = doc._.storyline_tone
    if not isinstance(found, Mapping) or found.get("label") not in _LABELS:
        return article.tone
    evidence = tuple(
        Span(article=article.id, start=span.start_char, end=span.end_char, text=span.text)
        for span in doc.spans.get(TONE, ())
    )
    return Tone(label=found["label"], score=float(found.get("score", 0.0)), evidence=evidence)


def tone_findings(article: Article) -> tuple[Finding, ...]:
    """A ``tone`` finding when the article is satire or opinion, else none."""
    tone = article.tone
    advice = _ADVICE.get(tone.label)
    if advice is None:
        return ()
    severity, consequence = advice
    summary = f"Article {article.label} reads as {tone.label} (p={tone.score:.2f}): {consequence}."
    return (
        Finding(
            id=f"f-{article.id}-tone",
            kind="tone",
            severity=severity,
            summary=summary,
            articles=(article.id,),
            evidence=tone.evidence,
        ),
    )
