"""Quantitative claims from ``doc._.storyline_claims``, and the findings they raise.

Claim ids are ``c-<article id>-<n>``, numbered from 1 in the order the figures
appear, so re-analysing the same text gives the same ids. A claim's ``as_of``
is its sentence's date when it has one, else the article's publication date
when metadata or a dateline gave it (a date inferred from the content is only
a lower bound, so such figures stay undated). Its
``span`` is the sentence that states it.

:func:`figure_findings` flags ``unattributed_figure`` only for the contested
measures of ``data/nlp/measures.yaml`` (killed, wounded, casualties): a death toll
with no source is news a reader must weigh; "more than 80,000 doves" is not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc

from ..models import Article, Claim, ClaimSource, Finding, IncidentMention, Mention, Span
from ..nlp.components.claims import FoundClaim
from ..nlp.numbers.measures import measure_lexicon
from ..nlp.numbers.sources import FoundSource
from ..nlp.wording import value_words
from .scopes import place_figure


def claims_from_doc(
    doc: Doc,
    article: Article,
    mentions: tuple[Mention, ...],
    incidents: Sequence[IncidentMention] = (),
) -> tuple[Claim, ...]:
    """The claims the ``storyline_claims`` component stored on ``doc``.

    Subjects and sources are mention keys (``country:KP``) until reconciliation
    maps them to entity ids; ``mentions`` are the article's own, already
    attached to the doc's spans the component read. Each claim is tied to one
    of the article's ``incidents`` or a period (see :mod:`.scopes`).
    """
    stored: list[FoundClaim] = list(doc._.storyline_claims or [])
    people = [m for m in mentions if m.kind == "person"]
    return tuple(
        place_figure(
            doc, _claim(_resolve_pronoun(found, people), n, article), found, incidents, article
        )
        for n, found in enumerate(stored, start=1)
    )


#: Pronouns that stand for one person, resolved to the last person named before.
_PERSON_PRONOUNS = frozenset({"he", "she"})
#: Pronouns a quoted speaker uses for themselves or their side, resolved to that speaker.
_SPEAKER_PRONOUNS = frozenset({"i", "we"})


def _resolve_pronoun(found: FoundClaim, people: list[Mention]) -> FoundClaim:
    """``he said`` -> the last person the article named before the sentence.

    ``we`` and ``I`` speak in a quotation: ``Nugroho told reporters: "We have
    recorded 24 dead"`` is Nugroho's figure, so they go to the person the
    sentence names nearest the figure. Other pronouns stay as written. The
    text keeps the pronoun and adds the name: ``he (Jane Doe)``.
    """
    source = found.source
    if not source or source.entity:
        return found
    pronoun = source.text.strip().lower()
    start, end = found.sentence
    if pronoun in _PERSON_PRONOUNS:
        candidates = [m for m in people if m.end <= start]
        person = max(candidates, key=lambda m: m.start, default=None)
    elif pronoun in _SPEAKER_PRONOUNS:
        candidates = [m for m in people if start <= m.start and m.end <= end]
        person = min(candidates, key=lambda m: abs(m.start - found.start), default=None)
    else:
        return found
    if person is None:
        return found
    resolved = FoundSource(person.key, f"{source.text} ({person.name})")
    return dataclasses.replace(found, source=resolved)


def _claim(found: FoundClaim, n: int, article: Article) -> Claim:
    start, end = found.sentence
    as_of = found.as_of if found.as_of_basis == "sentence" else article.published.given
    return Claim(
        id=f"c-{article.id}-{n}",
        article=article.id,
        subject=found.subject,
        subject_text=found.subject_text,
        measure=found.measure,
        value=found.value,
        unit=found.unit,
        as_of=as_of,
        source=_source(found.source) if found.source else None,
        span=Span(article.id, start, end, article.text[start:end]),
    )


def _source(found: FoundSource) -> ClaimSource:
    """A named source (an entity, or words in capitals past the first) or a described one."""
    words = found.text.split()
    named = found.entity is not None or any(w[:1].isupper() for w in words[1:])
    named = named or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)
    return ClaimSource(found.entity, found.text, "named" if named else "described")


def figure_findings(article: Article, claims: tuple[Claim, ...]) -> tuple[Finding, ...]:
    """One ``unattributed_figure`` finding per article, for its contested figures with no source.

    Listing them together keeps a long casualty report from filling the
    findings with one line per number. A figure the article attributes
    elsewhere (a headline's toll that the body gives with its source) is not
    unattributed.
    """
    contested = measure_lexicon().contested
    told = {(c.measure, c.value) for c in claims if c.source is not None}
    bare = [
        c
        for c in claims
        if c.measure in contested and c.source is None and (c.measure, c.value) not in told
    ]
    if not bare:
        return ()
    listed = "; ".join(describe(c) for c in bare[:_LISTED])
    more = f"; and {len(bare) - _LISTED} more" if len(bare) > _LISTED else ""
    figures = "a contested figure" if len(bare) == 1 else f"{len(bare)} contested figures"
    return (
        Finding(
            id=f"f-{article.id}-unattributed",
            kind="unattributed_figure",
            severity="medium" if len(bare) == 1 else "low",
            summary=f"Article {article.label} gives {figures} without a source: {listed}{more}.",
            articles=(article.id,),
            claims=tuple(c.id for c in bare),
            evidence=tuple(dict.fromkeys(c.span for c in bare)),  # a sentence once
        ),
    )


#: How many unattributed figures a finding's summary spells out.
_LISTED = 4


def describe(claim: Claim) -> str:
    """A claim in words: ``about 300 North Korean soldiers killed``."""
    what = claim.subject_text or claim.unit or ""
    value = value_words(claim.value, claim.unit)
    measure = measure_lexicon().measures.get(claim.measure)
    named = measure is not None and claim.unit in measure.nouns  # "25 deaths", not "deaths killed"
    return " ".join(part for part in (value, what, "" if named else claim.measure) if part)
