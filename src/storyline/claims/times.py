"""Placeholder: time expressions and article dating (being written)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Article, Finding, Mention, Published, Time


def published_from_doc(doc: Doc, published: Published) -> Published:
    return published


def times_from_doc(doc: Doc) -> tuple[Time, ...]:
    return ()


def time_findings(
    doc: Doc, article: Article, times: tuple[Time, ...], mentions: tuple[Mention, ...]
) -> tuple[Finding, ...]:
    return ()
