"""Hand-annotated Docs for the event and relation tests.

The English parser reads the sentence; the entity and time spans that the
entity and time components would write are placed by the test itself, so
event and relation extraction are tested on their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.models import Article
from storyline.nlp.extensions import ENTITIES, TIMES, register_extensions

#: surface text -> (kind, key, country)
Entities = Mapping[str, tuple[str, str, str | None]]

PEOPLE: dict[str, tuple[str, str, str | None]] = {
    "France": ("country", "country:FR", "FR"),
    "French": ("country", "country:FR", "FR"),
    "Paris": ("country", "country:FR", "FR"),
    "Germany": ("country", "country:DE", "DE"),
    "German": ("country", "country:DE", "DE"),
    "Brazil": ("country", "country:BR", "BR"),
    "Brazilian": ("country", "country:BR", "BR"),
    "Kenya": ("country", "country:KE", "KE"),
    "Kenyan": ("country", "country:KE", "KE"),
    "Switzerland": ("country", "country:CH", "CH"),
    "Swiss": ("country", "country:CH", "CH"),
    "Poland": ("country", "country:PL", "PL"),
    "Geneva": ("place", "place:geneva", "CH"),
    "Nairobi": ("place", "place:nairobi", "KE"),
    "Hamburg": ("place", "place:hamburg", "DE"),
    "Emmanuel Macron": ("person", "person:emmanuel macron", "FR"),
    "Macron": ("person", "person:emmanuel macron", "FR"),
    "Olaf Scholz": ("person", "person:olaf scholz", "DE"),
    "Scholz": ("person", "person:olaf scholz", "DE"),
    "William Ruto": ("person", "person:william ruto", "KE"),
    "Ruto": ("person", "person:william ruto", "KE"),
}


def article(article_id: str = "a1", text: str = "") -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", title=None, text=text)


def annotate(
    nlp: Language,
    text: str,
    entities: Entities | None = None,
    times: Mapping[str, str] | None = None,
) -> Doc:
    """Parse ``text`` and add entity spans (longest surface first) and DATE spans."""
    register_extensions()
    doc = nlp(text)
    taken: set[int] = set()
    found: list[Span] = []
    table = PEOPLE if entities is None else entities
    for surface in sorted(table, key=len, reverse=True):
        kind, key, country = table[surface]
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            span = doc.char_span(match.start(), match.end(), label=kind, alignment_mode="expand")
            if span is None or taken & set(range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            span._.storyline_key = key
            span._.storyline_country = country
            found.append(span)
    doc.spans[ENTITIES] = found
    dated: list[Span] = []
    for surface, value in (times or {}).items():
        for match in re.finditer(re.escape(surface), text):
            span = doc.char_span(match.start(), match.end(), label="DATE", alignment_mode="expand")
            assert span is not None
            span._.storyline_value = value
            dated.append(span)
    doc.spans[TIMES] = dated
    return doc
