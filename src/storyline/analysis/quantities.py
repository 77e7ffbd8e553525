"""Quantity records from the spans of ``doc.spans['storyline_quantities']``."""

from __future__ import annotations

from spacy.tokens import Doc

from ..models import Quantity, Value
from ..nlp.extensions import QUANTITIES


def quantities_from_doc(doc: Doc) -> tuple[Quantity, ...]:
    """Every quantity the component found, with character offsets into the article text."""
    if QUANTITIES not in doc.spans:
        return ()
    article = str(doc._.storyline_article or "")
    found = []
    for span in doc.spans[QUANTITIES]:
        value = span._.storyline_value
        if not isinstance(value, Value):
            continue
        found.append(
            Quantity(
                article=article,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                value=value,
                unit=span._.storyline_unit,
            )
        )
    return tuple(found)
