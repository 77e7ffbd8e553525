"""Placeholder: merging mentions into entities across articles (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import ArticleAnalysis, Entity


def merge_entities(
    analyses: Sequence[ArticleAnalysis],
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Entities across all articles, and a map from mention key to entity id."""
    return (), {}
