"""The settings of ``data/analysis/incidents.yaml``: how figures tie to incidents and periods."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..lexicons import bundled_yaml


@dataclass(frozen=True)
class Fled:
    """``fled`` in ``data/analysis/incidents.yaml``: people counted over what they fled."""

    verbs: frozenset[str] = frozenset()
    causes: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IncidentRules:
    """The settings of ``data/analysis/incidents.yaml``."""

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
    regional: frozenset[str] = frozenset()
    caused_by: Mapping[str, frozenset[str]] = field(default_factory=dict)
    fled: Fled = Fled()

    def families_of(self, family: str) -> frozenset[str]:
        """The families an incident of ``family`` may be one with: its own, its causes',
        and those it causes (casualties)."""
        effects = {k for k, causes in self.caused_by.items() if family in causes}
        return frozenset({family, *self.caused_by.get(family, ()), *effects})

    def main_family(self, families: Iterable[str]) -> str:
        """The family of an incident told with these: a cause's over its casualties'."""
        found = list(families)
        return next((f for f in found if f not in self.caused_by), found[0] if found else "")


@functools.cache
def incident_rules() -> IncidentRules:
    """The bundled incident rules, read once."""
    data = bundled_yaml("analysis/incidents.yaml")
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
        regional=frozenset(str(f) for f in data.get("regional") or ()),
        caused_by={
            str(k): frozenset(map(str, v)) for k, v in (data.get("caused_by") or {}).items()
        },
        fled=Fled(**{k: frozenset(map(str, v)) for k, v in (data.get("fled") or {}).items()}),
    )
