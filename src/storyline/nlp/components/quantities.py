"""The ``storyline_quantities`` component: every numeric expression, normalised.

Writes ``doc.spans["storyline_quantities"]``; each span covers the hedge, the
number and a written unit (``more than 80,000``, ``$7.5 million``, ``19 per
cent``), with ``span._.storyline_value`` a :class:`~storyline.models.Value`,
``span._.storyline_unit`` the normalised unit (``percent``, ``usd``,
``kilometre``, or the counted noun's lemma such as ``soldier``; None for a bare
number), ``span._.storyline_change`` ``up``/``down`` for the size of a change,
and ``span.label_`` the unit's kind (``count``, ``currency``, ``ratio``,
``length``... or ``number``).

Numbers inside the time component's spans (``doc.spans["storyline_times"]``,
written before this component runs) are never read; the rules in
:mod:`storyline.nlp.numbers.guards` drop the dates, years, labels and codes a
pipeline without it would see. What the words mean is in
``data/nlp/quantities.yaml`` and ``data/nlp/units.yaml``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import QUANTITIES, TIMES, register_extensions
from ..numbers import NumberLexicon, number_lexicon, register_value_codec
from ..numbers.scan import scan

#: The factory name this module registers.
NAME = "storyline_quantities"


class QuantityFinder:
    """Finds quantities in a parsed ``Doc`` (needs the tagger and parser before it)."""

    def __init__(self, name: str, lexicon: NumberLexicon) -> None:
        self.name = name
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for found in scan(doc, self.lexicon, blocked_tokens(doc)):
            label = found.unit.kind if found.unit is not None else "number"
            span = Span(doc, found.start, found.end, label=label)
            span._.storyline_value = found.value
            span._.storyline_unit = found.unit.name if found.unit is not None else None
            span._.storyline_change = found.change
            spans.append(span)
        doc.spans[QUANTITIES] = spans
        return doc


def blocked_tokens(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside a time expression."""
    blocked = [False] * len(doc)
    if TIMES in doc.spans:
        for span in doc.spans[TIMES]:
            for i in range(span.start, span.end):
                blocked[i] = True
    return blocked


@Language.factory(
    NAME,
    assigns=[
        "doc.spans",
        "span._.storyline_value",
        "span._.storyline_unit",
        "span._.storyline_change",
    ],
    requires=["token.pos", "token.dep", "token.lemma"],
)
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    """Build the quantity component (the lexicons are read once per process)."""
    register_extensions()
    register_value_codec()
    return QuantityFinder(name, number_lexicon())
