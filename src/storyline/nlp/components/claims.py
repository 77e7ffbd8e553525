"""The ``storyline_claims`` component: for each counted figure, what it counts, whose, said by whom.

Reads the quantity spans (``doc.spans["storyline_quantities"]``), the entity
mentions (``doc.spans["storyline_entities"]`` with ``span._.storyline_key``)
and the time expressions (``doc.spans["storyline_times"]``), and writes
``doc._.storyline_claims``: a list of :class:`FoundClaim` records (with a
msgpack codec, so docs still travel between worker processes).

Which figures are claims: counted things (``300 soldiers``), money, and shares
of a group (``a third of the soldiers``, ``60% of the troops``). A bare number
is a claim when it continues a figure of the same sentence (``300 soldiers
died, with an additional 2,700 sustaining injuries``: the soldiers are
understood) or stands for an earlier figure (``placing the figure around
1,200``). A small exact count (``the two leaders``) and money are claims only
when a measure from the vocabulary or a source is found.

The subject is the entity the counted group belongs to (see
:func:`storyline.nlp.numbers.measures.owner_key`); a group that names no owner
takes the subject of the nearest previous claim counting the same noun. A
person who owns a group (``Kim is sending troops``) stands for their country
(``country:KP``) when the entity component knows it. ``as_of`` is the value of
the sentence's own date expression nearest to the figure, else the article's
date (``as_of_basis`` says which).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...models import Value
from ..extensions import ENTITIES, QUANTITIES, TIMES, register_extensions
from ..numbers import register_value_codec
from ..numbers.codec import register_record_codec, value_data, value_from_data
from ..numbers.measures import (
    Hit,
    MeasureLexicon,
    choose_measure,
    find_hits,
    free_measure,
    measure_lexicon,
    owner_key,
    subject_text,
)
from ..numbers.sources import AttributionLexicon, FoundSource, attribution_lexicon, find_source
from ..numbers.units import counted_phrase, noun_of_span

#: The factory name this module registers.
NAME = "storyline_claims"
_CLAIM_KINDS = frozenset({"count", "currency", "fraction"})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_DATE_VALUE = re.compile(r"\d{4}(-|T|$)|XXXX-\d")


@dataclass(frozen=True)
class FoundClaim:
    """One figure claim as the component finds it (character offsets into the doc).

    ``subject`` and ``source.entity`` are mention keys (``country:KP``);
    ``as_of_basis`` says whether ``as_of`` came from the figure's
    ``sentence`` or is the ``article``'s date; ``sentence`` holds the
    sentence's character offsets.
    """

    start: int
    end: int
    text: str
    value: Value
    unit: str | None
    kind: str
    measure: str
    subject: str | None = None
    subject_text: str | None = None
    source: FoundSource | None = None
    as_of: str | None = None
    as_of_basis: str = "article"
    sentence: tuple[int, int] = (0, 0)

    def to_data(self) -> dict[str, Any]:
        """Plain msgpack data (the codec's encoder)."""
        data = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        data["value"] = value_data(self.value)
        data["source"] = [self.source.entity, self.source.text] if self.source else None
        data["sentence"] = list(self.sentence)
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FoundClaim:
        """The claim :meth:`to_data` wrote (the codec's decoder)."""
        source = data["source"]
        return cls(
            **{
                **data,
                "value": value_from_data(data["value"]),
                "source": FoundSource(source[0], source[1]) if source else None,
                "sentence": (data["sentence"][0], data["sentence"][1]),
            }
        )


def register_claim_codec() -> None:
    """Let :class:`FoundClaim` travel inside a ``Doc`` (idempotent)."""
    register_record_codec("storyline_claim", FoundClaim, FoundClaim.to_data, FoundClaim.from_data)


class ClaimFinder:
    """Turns a parsed doc's quantities into claims."""

    def __init__(self, name: str, measures: MeasureLexicon, sources: AttributionLexicon) -> None:
        self.name = name
        self.measures = measures
        self.sources = sources

    def __call__(self, doc: Doc) -> Doc:
        claims: list[FoundClaim] = []
        wholes: list[FoundClaim] = []  # the claims that do not count part of another
        mentions = _mention_index(doc)
        dates = _sentence_dates(doc)
        hits: dict[int, list[Hit]] = {}
        for span in doc.spans.get(QUANTITIES, []):
            sentence = span.sent
            if sentence.start not in hits:
                hits[sentence.start] = find_hits(sentence, self.measures)
            dated = dates.get(sentence.start, [])
            claim = self._claim(span, hits[sentence.start], (claims, wholes), mentions, dated)
            if claim is not None:
                claims.append(claim)
                if not _names_a_part(span):
                    wholes.append(claim)
        doc._.storyline_claims = claims
        return doc

    def _claim(
        self,
        span: Span,
        hits: list[Hit],
        earlier: tuple[list[FoundClaim], list[FoundClaim]],
        mentions: dict[int, Span],
        dated: list[Span],
    ) -> FoundClaim | None:
        """The claim ``span`` makes; ``earlier``: the claims so far, and the wholes among them.

        ``dated``: the time expressions of the span's sentence that name a date.
        """
        noun = _counted(span)
        anchor = noun if noun is not None else span.root
        kind = _claim_kind(span, noun)
        inherited = None if kind else _inherited(span, anchor, earlier, self.measures)
        if kind is None and inherited is None and not _figure_noun_near(anchor, self.measures):
            return None
        if noun is not None and noun.lemma_.lower() in self.measures.not_subjects:
            return None
        # a quantity with a unit of its own (52 mm) counts nothing: no death toll
        counted = kind or ("measure" if span._.storyline_unit else "count")
        chosen = choose_measure(anchor, noun, counted, hits, self.measures)
        source = find_source(anchor, self.sources, lambda s: _span_key(s, mentions))
        tied = chosen is not None and chosen[1]
        if not tied and source is None and not self._worth_it(span, kind):
            return None
        if chosen is not None:
            measure = chosen[0]
        else:
            measure = inherited.measure if inherited else free_measure(anchor)
        claim = _new_claim(span, measure, source, dated)
        if inherited is not None:
            claim = dataclasses.replace(
                claim,
                unit=inherited.unit,
                kind=inherited.kind,
                subject=inherited.subject,
                subject_text=inherited.subject_text,
            )
        if noun is not None:
            claim = self._subject(claim, span, noun, mentions, earlier[1])
        return claim

    def _worth_it(self, span: Span, kind: str | None) -> bool:
        """Without measure or source: a counted group of some size, or a continued figure."""
        value = span._.storyline_value
        if kind is None:
            return True
        if kind != "count":
            return False
        size = value.low if value.low is not None else value.high
        return value.qualifier != "exact" or (size or 0) >= self.measures.min_plain_count

    def _subject(
        self,
        claim: FoundClaim,
        span: Span,
        noun: Token,
        mentions: dict[int, Span],
        wholes: list[FoundClaim],
    ) -> FoundClaim:
        """``claim`` with the group it counts and whose it is (see the module's docs)."""
        phrase = counted_phrase(noun, span.end)
        measure = self.measures.measures.get(claim.measure)
        agent = measure is not None and measure.owned_by_agent
        subject = owner_key(noun, phrase, lambda t: _owner_key(t, mentions), agent)
        if subject is None:
            same = [c for c in wholes if c.unit == claim.unit and c.subject]
            subject = same[-1].subject if same else None
        return dataclasses.replace(
            claim, subject=subject, subject_text=subject_text(phrase, self.measures)
        )


_PART_MARKERS = frozenset({"including", "among", "excluding", "incl"})


def _names_a_part(figure: Span) -> bool:
    """Whether a figure counts part of another (``259 people, including 12 Americans``).

    Its group is not the group of the figures that follow: in ``killed 259
    people, including 12 Americans, and injured 5,500`` the injured are not
    all Americans.
    """
    before = figure.doc[max(0, figure.start - 3) : figure.start]
    return any(t.lower_.rstrip(".") in _PART_MARKERS for t in before)


def _counted(span: Span) -> Token | None:
    if span.label_ in ("count", "fraction") or span._.storyline_unit == "percent":
        return noun_of_span(span) if span.label_ == "count" else _of_group(span)
    return None


def _of_group(span: Span) -> Token | None:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        return next((c for c in doc[span.end].children if c.dep_ == "pobj"), None)
    return None


def _claim_kind(span: Span, noun: Token | None) -> str | None:
    if span.label_ in _CLAIM_KINDS:
        return "fraction" if span.label_ == "fraction" else span.label_
    if span._.storyline_unit == "percent" and noun is not None:
        return "fraction"
    return None


def _inherited(
    span: Span,
    anchor: Token,
    earlier: tuple[list[FoundClaim], list[FoundClaim]],
    lex: MeasureLexicon,
) -> FoundClaim | None:
    """The claim a bare number continues: same sentence, or one a figure noun points back to.

    A figure that counts a part of the one before it (``including 12
    Americans``) is passed over: the next bare number continues the whole.
    """
    claims, wholes = earlier
    if span._.storyline_unit is not None or not claims:
        return None
    last = wholes[-1] if wholes else claims[-1]
    same_sentence = last.sentence[0] == span.sent.start_char
    if same_sentence and last.kind == "count" and last.end <= span.start_char:
        return last
    return claims[-1] if _figure_noun_near(anchor, lex) else None


def _figure_noun_near(anchor: Token, lex: MeasureLexicon) -> bool:
    """A noun standing for a figure nearby: ``placing the figure at``, ``the toll rose to``."""
    near = [anchor.head, *anchor.head.children, *anchor.children]
    verb = next((a for a in anchor.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        near.extend(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
    return any(t.lemma_.lower() in lex.figure_nouns for t in near)


def _new_claim(
    span: Span, measure: str, source: FoundSource | None, dated: list[Span]
) -> FoundClaim:
    as_of, basis = _as_of(span, dated)
    sentence = span.sent
    return FoundClaim(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        value=span._.storyline_value,
        unit=span._.storyline_unit,
        kind=span.label_,
        measure=measure,
        source=source,
        as_of=as_of,
        as_of_basis=basis,
        sentence=(sentence.start_char, sentence.end_char),
    )


def _sentence_dates(doc: Doc) -> dict[int, list[Span]]:
    """The time expressions that name a calendar date, by the first token of their sentence.

    Only values that name a calendar date count (``2024-10``, ``XXXX-10``);
    ``PAST_REF`` (``recent``) and durations do not date a figure. Grouped in
    one pass, so dating every figure costs no more than reading the times once.
    """
    found: dict[int, list[Span]] = {}
    for time in doc.spans.get(TIMES, []):
        if time.label_ in _DATE_LABELS and _DATE_VALUE.match(str(time._.storyline_value or "")):
            found.setdefault(doc[time.start].sent.start, []).append(time)
    return found


def _as_of(span: Span, dated: list[Span]) -> tuple[str | None, str]:
    """The date in ``dated`` (the sentence's dates) nearest to the figure, else the article date."""
    if dated:
        nearest = min(dated, key=lambda t: abs(t.start - span.start))
        return str(nearest._.storyline_value), "sentence"
    return span.doc._.storyline_published, "article"


def _mention_index(doc: Doc) -> dict[int, Span]:
    """Token index -> the entity mention covering it."""
    index: dict[int, Span] = {}
    if ENTITIES in doc.spans:
        for mention in doc.spans[ENTITIES]:
            for i in range(mention.start, mention.end):
                index.setdefault(i, mention)
    return index


def _owner_key(token: Token, mentions: dict[int, Span]) -> str | None:
    """The key of the mention at ``token``; a person stands for their country when known."""
    mention = mentions.get(token.i)
    if mention is None:
        return None
    country = mention._.storyline_country
    if mention.label_ == "person" and country:
        return f"country:{country}"
    key = mention._.storyline_key
    return str(key) if key else None


def _span_key(phrase: Span, mentions: dict[int, Span]) -> str | None:
    """The key of the mention naming a source: the one at its head, else the first in it."""
    head = mentions.get(phrase.root.i)
    if head is not None and head._.storyline_key:
        return str(head._.storyline_key)
    for token in phrase:
        mention = mentions.get(token.i)
        if mention is not None and mention._.storyline_key:
            return str(mention._.storyline_key)
    return None


@Language.factory(
    NAME,
    assigns=["doc._.storyline_claims"],
    requires=["token.dep", "token.lemma"],
)
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    """Build the claims component (the lexicons are read once per process)."""
    register_extensions()
    register_value_codec()
    register_claim_codec()
    return ClaimFinder(name, measure_lexicon(), attribution_lexicon())
