"""The ``Doc._`` and ``Span._`` attributes Storyline's components write.

Registered once by :func:`register_extensions`, which every component factory
and :func:`storyline.nlp.build_nlp` call; calling it again does nothing.

Span groups (``doc.spans[...]``):

- ``storyline_entities``: actor and place mentions; ``span.label_`` is the
  entity kind, ``span._.storyline_key`` the resolved identity.
- ``storyline_times``: time expressions; ``label_`` is the TIMEX3 type,
  ``span._.storyline_value`` the TIMEX3 value, and for a duration anchored on
  the article's date (``for the past eight years``) ``span._.storyline_range``
  the first and last calendar values it covers.
- ``storyline_quantities``: numeric expressions; ``span._.storyline_value`` a
  :class:`storyline.models.Value`, ``span._.storyline_unit`` the unit,
  ``span._.storyline_change`` ``up``/``down`` when the number is a change.
- ``storyline_tone``: the sentences that decided the article's tone.
"""

from __future__ import annotations

DOC_EXTENSIONS: dict[str, object] = {
    # Set before the pipeline runs, from the ingested Article.
    "storyline_article": None,
    "storyline_published": None,
    "storyline_published_basis": "unknown",
    # How a date inferred from the content was found (set by storyline_times).
    "storyline_published_reason": None,
    # The article's title from its metadata, when it has one (read by storyline_tone).
    "storyline_title": None,
    # Written by components.
    "storyline_claims": None,
    "storyline_frames": None,
    "storyline_tone": None,
}

SPAN_EXTENSIONS: dict[str, object] = {
    "storyline_key": None,
    "storyline_name": None,
    "storyline_country": None,
    "storyline_value": None,
    "storyline_unit": None,
    # Times only: (first, last) calendar values of an anchored duration.
    "storyline_range": None,
    # Quantities only: "up"/"down" when the number is the size of a change ("rose 6.5%").
    "storyline_change": None,
}

ENTITIES = "storyline_entities"
TIMES = "storyline_times"
QUANTITIES = "storyline_quantities"
TONE = "storyline_tone"


def register_extensions() -> None:
    """Register every Storyline extension attribute (idempotent)."""
    from spacy.tokens import Doc, Span  # here, so that naming the span groups needs no spaCy

    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
