"""Placeholder: quantitative claims (being written)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article, Claim, Finding, Mention, Time


def claims_from_doc(
    doc: Doc, article: Article, mentions: tuple[Mention, ...], times: tuple[Time, ...]
) -> tuple[Claim, ...]:
    return ()


def figure_findings(article: Article, claims: tuple[Claim, ...]) -> tuple[Finding, ...]:
    return ()
