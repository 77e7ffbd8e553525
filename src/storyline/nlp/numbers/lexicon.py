"""The number and unit lexicons, loaded once from ``data/nlp/quantities.yaml`` and
``data/nlp/units.yaml``.

The YAML files are the place to extend what Storyline reads; this module only
turns them into lookup tables (lower-cased phrases as tuples of words, exact
symbols as strings) so the scanner does dictionary look-ups, never regex
searches per token.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ...lexicons import bundled_yaml


@dataclass(frozen=True)
class Unit:
    """A normalised unit and its kind (``length``, ``currency``, ``count``...)."""

    name: str
    kind: str


@dataclass(frozen=True)
class NumberLexicon:
    """Every table the quantity scanner consults."""

    words: dict[str, float]
    scales: dict[str, float]
    suffix_scales: dict[str, float]
    collectives: dict[str, float]
    vague_plurals: dict[str, float]
    vague_multipliers: dict[tuple[str, ...], float]
    fractions: dict[str, float]
    hedges_before: dict[tuple[str, ...], str]
    hedges_after: dict[tuple[str, ...], str]
    range_joiners: frozenset[str]
    range_starters: frozenset[str]
    signs: dict[str, float]
    change_up: frozenset[str]
    change_down: frozenset[str]
    not_change_heads: frozenset[str]
    by_preps: frozenset[str]
    months: frozenset[str]
    clock: frozenset[str]
    rank_markers: frozenset[str]
    rank_markers_capitalised: frozenset[str]
    year_suffixes: frozenset[str]
    pronoun_followers: frozenset[str]
    pronoun_preceders: frozenset[str]
    index_names: frozenset[tuple[str, ...]]
    year_min: int
    year_max: int
    max_bare_digits: int
    unit_symbols: dict[str, Unit]
    unit_glued: dict[str, Unit]
    unit_forms: dict[str, Unit]
    currency_symbols: dict[str, Unit]
    ambiguous: dict[str, tuple[str | None, str | None]]
    per_nouns: frozenset[str]
    not_rate_after: frozenset[str]
    up_nouns: frozenset[str] = frozenset()
    age_markers: frozenset[str] = frozenset()
    age_verbs: frozenset[str] = frozenset()
    age_subjects: frozenset[str] = frozenset()

    @functools.cached_property
    def measure_units(self) -> frozenset[str]:
        """Names of the listed units and currencies (not counted nouns: "soldier")."""
        tables = (self.unit_symbols, self.unit_glued, self.unit_forms, self.currency_symbols)
        return frozenset(unit.name for table in tables for unit in table.values())

    @property
    def max_hedge_words(self) -> int:
        """Length in words of the longest hedge phrase."""
        return max(len(key) for key in (*self.hedges_before, *self.hedges_after))


def _phrases(mapping: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    """``{qualifier: [phrase, ...]}`` -> ``{("more", "than"): "more_than"}``."""
    table: dict[tuple[str, ...], str] = {}
    for qualifier, phrases in mapping.items():
        for phrase in phrases:
            table[tuple(str(phrase).lower().split())] = qualifier
    return table


def _words(items: list[Any]) -> frozenset[str]:
    return frozenset(str(item).lower() for item in items)


def _unit_tables(
    data: dict[str, Any],
) -> tuple[dict[str, Unit], dict[str, Unit], dict[str, Unit], dict[str, Unit]]:
    symbols: dict[str, Unit] = {}
    glued: dict[str, Unit] = {}
    forms: dict[str, Unit] = {}
    currency: dict[str, Unit] = {}
    for name, entry in data["units"].items():
        unit = Unit(str(name), str(entry["kind"]))
        for symbol in entry.get("symbols", []):
            symbols[str(symbol)] = unit
        for symbol in entry.get("glued", []):
            glued[str(symbol)] = unit
        for form in entry.get("forms", []):
            forms[str(form).lower()] = unit
    for code, entry in data["currencies"].items():
        unit = Unit(str(code), "currency")
        for symbol in entry.get("symbols", []):
            currency[str(symbol).strip()] = unit
        for symbol in entry.get("glued", []):
            glued[str(symbol)] = unit
        for form in entry.get("words", []):
            forms[str(form).lower()] = unit
    return symbols, glued, forms, currency


def _not_quantities(nq: dict[str, Any]) -> dict[str, Any]:
    """The ``not_quantities`` section as :class:`NumberLexicon` fields."""
    return {
        "months": _words(nq["months"]),
        "clock": _words(nq["clock"]),
        "rank_markers": _words(nq["rank_markers"]),
        "rank_markers_capitalised": _words(nq["rank_markers_capitalised"]),
        "year_suffixes": _words(nq["year_suffixes"]),
        "pronoun_followers": _words(nq["pronoun_followers"]),
        "pronoun_preceders": _words(nq["pronoun_preceders"]),
        "index_names": frozenset(tuple(str(n).lower().split()) for n in nq["index_names"]),
        "year_min": int(nq["year_min"]),
        "year_max": int(nq["year_max"]),
        "max_bare_digits": int(nq["max_bare_digits"]),
    }


def _numbers(q: dict[str, Any]) -> dict[str, Any]:
    """Number words, scales, vague amounts and fractions as lexicon fields."""
    vague = q["vague"]
    return {
        "words": {str(k): float(v) for k, v in q["words"].items()},
        "scales": {str(k): float(v) for k, v in q["scales"].items()},
        "suffix_scales": {str(k).lower(): float(v) for k, v in q["suffixes"].items()},
        "collectives": {str(k): float(v) for k, v in q["collectives"].items()},
        "vague_plurals": {str(k): float(v) for k, v in vague["plurals"].items()},
        "vague_multipliers": {
            tuple(str(k).split()): float(v) for k, v in vague["multipliers"].items()
        },
        "fractions": {str(k): float(v) for k, v in q["fractions"].items()},
        "signs": {str(k): float(v) for k, v in q["signs"].items()},
    }


@functools.cache
def number_lexicon() -> NumberLexicon:
    """The lexicon, read from the package data once per process."""
    q = bundled_yaml("nlp/quantities.yaml")
    u = bundled_yaml("nlp/units.yaml")
    symbols, glued, forms, currency = _unit_tables(u)
    return NumberLexicon(
        **_numbers(q),
        **_not_quantities(q["not_quantities"]),
        hedges_before=_phrases(q["hedges"]["before"]),
        hedges_after=_phrases(q["hedges"]["after"]),
        range_joiners=_words(q["ranges"]["joiners"]),
        range_starters=_words(q["ranges"]["starters"]),
        change_up=_words(q["change"]["up"]),
        change_down=_words(q["change"]["down"]),
        not_change_heads=_words(q["change"]["not_change_heads"]),
        by_preps=_words(q["change"]["by_preps"]),
        unit_symbols=symbols,
        unit_glued=glued,
        unit_forms=forms,
        currency_symbols=currency,
        ambiguous={
            str(k).lower(): (v.get("scaled"), v.get("plain")) for k, v in u["ambiguous"].items()
        },
        per_nouns=_words(u["per_nouns"]),
        not_rate_after=_words(u["not_rate_after"]),
        up_nouns=_words(q["hedges"]["up_nouns"]),
        age_markers=_words(q["ages"]["markers"]),
        age_verbs=_words(q["ages"]["verbs"]),
        age_subjects=_words(q["ages"]["subjects"]),
    )
