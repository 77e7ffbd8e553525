"""Placeholder: entity mentions from ``doc.spans['storyline_entities']`` (being written)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Mention


def mentions_from_doc(doc: Doc) -> tuple[Mention, ...]:
    return ()
