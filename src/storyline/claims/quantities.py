"""Placeholder: quantities from ``doc.spans['storyline_quantities']`` (being written)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Quantity


def quantities_from_doc(doc: Doc) -> tuple[Quantity, ...]:
    return ()
