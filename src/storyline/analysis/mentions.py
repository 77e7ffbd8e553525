"""Entity mentions from ``doc.spans["storyline_entities"]``.

The ``storyline_entities`` component has already resolved each mention; this
module turns its spans into :class:`~storyline.models.Mention` records whose
offsets index ``doc.text`` (the article text as read).
"""

from __future__ import annotations

from typing import cast, get_args

from spacy.tokens import Doc

from ..models import EntityKind, Mention
from ..nlp.extensions import ENTITIES

_KINDS = frozenset(get_args(EntityKind))


def mentions_from_doc(doc: Doc) -> tuple[Mention, ...]:
    """Every resolved entity mention of ``doc``, in text order."""
    if ENTITIES not in doc.spans:
        return ()
    article = str(doc._.storyline_article or "")
    found = []
    for span in doc.spans[ENTITIES]:
        key = span._.storyline_key
        if not key:
            continue
        kind = span.label_ if span.label_ in _KINDS else "other"
        found.append(
            Mention(
                article=article,
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind=cast(EntityKind, kind),
                key=str(key),
                name=str(span._.storyline_name or span.text),
                country=span._.storyline_country,
            )
        )
    return tuple(sorted(found, key=lambda m: (m.start, m.end)))
