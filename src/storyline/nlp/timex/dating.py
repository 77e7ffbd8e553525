"""Dating an undated article from its content (placeholder while the rules settle)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .base import Found


@dataclass(frozen=True)
class InferredDate:
    value: str
    reason: str


def infer_published(doc: Doc, found: list[Found]) -> InferredDate | None:
    return None
