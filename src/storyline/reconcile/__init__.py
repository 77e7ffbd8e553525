"""Across articles: merge entities, compare what articles say, build the story.

:func:`build_story` is the only entry point. It takes every article's
analysis (from this run or from the store), merges mention keys into
entities, rewrites every entity reference to entity ids, merges events
(:mod:`.events`) and relations (:mod:`.relations`) across articles,
compares claims and event dates into findings (:mod:`.compare`,
:mod:`.findings`), builds the timeline (:mod:`.timeline`) and gathers
everything into one :class:`~storyline.models.Story`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..analysis.incident_rules import incident_rules
from ..models import (
    ArticleAnalysis,
    Claim,
    Event,
    Finding,
    IncidentMention,
    Participant,
    Relation,
    Skipped,
    Story,
)
from ..nlp import gazetteer
from ..nlp.actors import actor_index
from ..nlp.countries import country_lexicon
from ..nlp.events.lexicon import load_lexicon
from ..nlp.numbers import number_lexicon
from .compare import load_rules
from .entities import MentionCounts, merge_entities
from .events import merge_events
from .findings import claim_findings, date_conflicts
from .incidents import build_incidents, incident_of_events, link_records
from .relations import merge_relations
from .timeline import build_timeline


def build_story(
    analyses: Sequence[ArticleAnalysis],
    skipped: Iterable[Skipped] = (),
    generated_at: str | None = None,
    *,
    actors_file: Path | None = None,
    texts: Callable[[], Mapping[str, str]] | None = None,
    mentions: MentionCounts | None = None,
) -> Story:
    """Reconcile the analyses of many articles into one story.

    ``actors_file`` is the user's curated actor YAML (``Settings.actors_file``),
    merged over the bundled one when entities are merged. ``texts`` reads the
    articles' texts (article id -> text) when the analyses come without them
    (as reconciliation over shards reads them); the story's articles are
    then the analyses' as given, and only the grouping of articles into
    stories by their wording reads the texts. ``mentions`` are the
    analyses' entity mentions already counted (by a query over shards), in
    which case the analyses' own mentions are not read.
    """
    ordered = sorted(analyses, key=lambda a: (a.article.source, a.article.id))
    entities, key_to_id = merge_entities(
        mentions if mentions is not None else ordered, actors_file=actors_file
    )
    articles = tuple(a.article for a in ordered)
    claims = tuple(_remap_claim(c, key_to_id) for a in ordered for c in a.claims)
    incidents, incident_ids = build_incidents(
        (_remap_mention(m, key_to_id) for a in ordered for m in a.incidents),
        articles,
        claims,
        names={e.id: e.name for e in entities},
        countries=frozenset(e.id for e in entities if e.kind == "country"),
        texts=texts,
    )
    claims = tuple(
        dataclasses.replace(c, incident=incident_ids.get(c.incident or "")) for c in claims
    )
    events = incident_of_events(
        merge_events(
            (_remap_event(e, key_to_id) for a in ordered for e in a.events), entities, articles
        ),
        incidents,
    )
    incidents = link_records(incidents, claims, events)
    relations = merge_relations(
        (_remap_relation(r, key_to_id) for a in ordered for r in a.relations),
        {article.id: number for number, article in enumerate(articles)},
    )
    findings = _ordered_findings(
        [
            *(f for a in ordered for f in a.findings),
            *claim_findings(claims, entities, articles, events, incidents),
            *date_conflicts(events, entities, articles),
        ]
    )
    return Story(
        generated_at=generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        articles=articles,
        skipped=tuple(skipped),
        entities=entities,
        times=tuple(t for a in ordered for t in a.times),
        quantities=tuple(q for a in ordered for q in a.quantities),
        claims=claims,
        events=events,
        relations=relations,
        findings=findings,
        timeline=build_timeline(events, claims, entities, articles),
        incidents=incidents,
    )


def preload(actors_file: Path | None = None) -> None:
    """Read now what :func:`build_story` reads once per process on first use.

    That is the actor index, the lexicons and rules, the gazetteer and
    scikit-learn: a few seconds, which a caller that waits for something
    else (the Dask engine, while its workers analyze) can spend beforehand.
    """
    import sklearn.cluster
    import sklearn.feature_extraction.text  # noqa: F401

    actor_index(actors_file)
    country_lexicon()
    number_lexicon()
    load_lexicon()
    incident_rules()
    load_rules()
    gazetteer.load()


def _ordered_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    rank = {"high": 0, "medium": 1, "low": 2}
    return tuple(sorted(findings, key=lambda f: (rank[f.severity], f.kind, f.id)))


def _key(key: str | None, key_to_id: dict[str, str]) -> str | None:
    if key is None:
        return None
    return key_to_id.get(key, key)


def _remap_claim(claim: Claim, key_to_id: dict[str, str]) -> Claim:
    source = claim.source
    if source is not None:
        source = dataclasses.replace(source, entity=_key(source.entity, key_to_id))
    return dataclasses.replace(claim, subject=_key(claim.subject, key_to_id), source=source)


def _remap_event(event: Event, key_to_id: dict[str, str]) -> Event:
    participants = tuple(dict.fromkeys(key_to_id.get(p, p) for p in event.participants))
    return dataclasses.replace(event, participants=participants, place=_key(event.place, key_to_id))


def _remap_mention(mention: IncidentMention, key_to_id: dict[str, str]) -> IncidentMention:
    participants = tuple(
        Participant(key_to_id.get(p.entity, p.entity), p.role) for p in mention.participants
    )
    return dataclasses.replace(mention, participants=participants)


def _remap_relation(relation: Relation, key_to_id: dict[str, str]) -> Relation:
    return dataclasses.replace(
        relation,
        source=key_to_id.get(relation.source, relation.source),
        target=key_to_id.get(relation.target, relation.target),
    )


__all__ = ["build_story", "preload"]
