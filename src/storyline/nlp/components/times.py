"""The ``storyline_times`` component: time expressions with TIMEX3 values.

Writes ``doc.spans["storyline_times"]``: each span's ``label_`` is the
TIMEX3 type (``DATE``, ``TIME``, ``DURATION``, ``SET``) and
``span._.storyline_value`` its value, resolved against
``doc._.storyline_published``; a duration anchored on that date (``the
past eight years``) also gets ``span._.storyline_range``, the first and last
calendar values it covers. When the article has no date, one is
inferred from its content first (``doc._.storyline_published_basis`` becomes
``content`` and ``doc._.storyline_published_reason`` says how), and the
expressions are resolved against it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import TIMES, register_extensions
from ..timex.dates import Anchor
from ..timex.dating import infer_published
from ..timex.document import find_times

NAME = "storyline_times"


class TimesComponent:
    """Finds and normalises time expressions; dates undated articles from content."""

    def __init__(self, use_entities: bool = True, infer_dates: bool = True) -> None:
        self.use_entities = use_entities
        self.infer_dates = infer_dates

    def __call__(self, doc: Doc) -> Doc:
        anchor = Anchor.parse(doc._.storyline_published)
        found = find_times(doc, anchor, self.use_entities)
        if anchor is None and not doc._.storyline_published and self.infer_dates:
            inferred = infer_published(doc, found)
            if inferred is not None:
                doc._.storyline_published = inferred.value
                doc._.storyline_published_basis = "content"
                doc._.storyline_published_reason = inferred.reason
                if not inferred.lower_bound:
                    found = find_times(doc, Anchor.parse(inferred.value), self.use_entities)
        spans = []
        for item in found:
            span = doc.char_span(item.start, item.end, label=item.type, alignment_mode="expand")
            if span is None:
                continue
            span._.storyline_value = item.value
            span._.storyline_range = item.range
            spans.append(span)
        doc.spans[TIMES] = spans
        return doc


@Language.factory(
    NAME,
    default_config={"use_entities": True, "infer_dates": True},
    assigns=["doc.spans", "doc._.storyline_published", "doc._.storyline_published_basis"],
)
def make_times(nlp: Language, name: str, use_entities: bool, infer_dates: bool) -> TimesComponent:
    """Build the component (``use_entities``: add the model's absolute DATE entities)."""
    register_extensions()
    return TimesComponent(use_entities=use_entities, infer_dates=infer_dates)
