"""Cross-article relation merging: one record per (source, type, target).

After entity references are mapped to entity ids, relations stated by
several articles (or twice in one) are merged: their evidence sentences and
supplied items are pooled in article order. Symmetric types (``alliance``,
``cooperation``, ``negotiates``) are keyed on the sorted pair, so ``A–B``
and ``B–A`` are one relation. A relation whose two ends became one entity
(``Moscow`` and ``Russia``) is dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..models import Relation, Span
from ..nlp.events.lexicon import Lexicon, load_lexicon


@dataclass
class _Pool:
    evidence: list[Span] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


def merge_relations(
    relations: Iterable[Relation],
    article_order: Mapping[str, int] | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[Relation, ...]:
    """Merged relations, ordered by type, then source and target ids."""
    lexicon = lexicon or load_lexicon()
    order = article_order or {}
    pools: dict[tuple[str, str, str], _Pool] = {}
    for relation in relations:
        source, target = relation.source, relation.target
        if source == target:
            continue
        spec = lexicon.relations.get(relation.type)
        if spec is not None and spec.symmetric and target < source:
            source, target = target, source
        pool = pools.setdefault((relation.type, source, target), _Pool())
        pool.evidence.extend(relation.evidence)
        pool.items.extend(relation.items)
    merged = []
    for (kind, source, target), pool in sorted(pools.items()):
        evidence = sorted(
            dict.fromkeys(pool.evidence),
            key=lambda s: (order.get(s.article, 0), s.article, s.start),
        )
        merged.append(
            Relation(
                id=relation_id(kind, source, target),
                source=source,
                target=target,
                type=kind,
                evidence=tuple(evidence),
                items=tuple(dict.fromkeys(pool.items)),
            )
        )
    return tuple(merged)


def relation_id(kind: str, source: str, target: str) -> str:
    """A stable id from the relation's type and ends."""
    digest = hashlib.sha1(f"{kind}|{source}|{target}".encode()).hexdigest()[:12]
    return f"rel-{digest}"
