"""The settings of ``data/incidents.yaml``: how figures are tied to incidents and periods."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from ..lexicons import bundled_yaml


@dataclass(frozen=True)
class IncidentRules:
    """The settings of ``data/incidents.yaml``."""

    counts: Mapping[str, frozenset[str]]
    period_words: tuple[str, ...]
    period_nouns: frozenset[str]
    separate_markers: tuple[str, ...]
    as_of_words: tuple[str, ...]
    background_days: int
    people_words: frozenset[str]
    comparable_groups: Mapping[str, str]
    window_days: int
    undated_confidence: float


@functools.cache
def incident_rules() -> IncidentRules:
    """The bundled incident rules, read once."""
    data = bundled_yaml("incidents.yaml")
    groups = {
        str(word): str(name)
        for name, words in (data.get("comparable_groups") or {}).items()
        for word in words
    }
    return IncidentRules(
        counts={str(k): frozenset(map(str, v)) for k, v in (data.get("counts") or {}).items()},
        period_words=tuple(str(w) for w in data.get("period_words") or ()),
        period_nouns=frozenset(str(w) for w in data.get("period_nouns") or ()),
        separate_markers=tuple(str(w) for w in data.get("separate_markers") or ()),
        as_of_words=tuple(str(w) for w in data.get("as_of_words") or ()),
        background_days=int(data.get("background_days", 30)),
        people_words=frozenset(str(w) for w in data.get("people_words") or ()),
        comparable_groups=groups,
        window_days=int(data.get("window_days", 3)),
        undated_confidence=float(data.get("undated_confidence", 0.6)),
    )
