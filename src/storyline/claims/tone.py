"""Placeholder: article tone (being written)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article, Finding, Tone


def tone_from_doc(doc: Doc, article: Article) -> Tone:
    return article.tone


def tone_findings(article: Article) -> tuple[Finding, ...]:
    return ()
