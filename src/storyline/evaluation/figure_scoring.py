"""Match hand-labelled figures to predicted claims and score each field.

Pure functions over records (no pipeline): :func:`match_figures` pairs each
gold figure with at most one predicted claim, and :func:`score_figures`
turns the pairs into the scores ``storyline eval figures`` prints.

A gold figure matches a claim of the same article whose sentence (the
claim's span) contains the figure's surface text and whose value fits the
gold value: the claim's bounds contain it, or, for a vague gold figure
("dozens", "hundreds"), the claim's bounds overlap the gold range
``[value, 10 × value)``. Of several such claims, the one whose stated
number is nearest the gold value is taken ("more than two dozen" fits
15,000 too, but "more than 15,000" is its claim), the first on a tie. Each
claim matches at most one figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..models import Claim, ClaimSource, Scope

#: Fields scored by exact comparison, in the order they are printed.
FIELDS = ("slot", "group", "scope", "source")

# Words that do not make two source phrases differ, and the prepositions
# that end a source's head phrase ("Doctors in Gaza" is headed by "doctors").
_SOURCE_STOP = frozenset({"a", "an", "the", "and", "mr", "mrs", "ms", "dr"})
_PREPOSITIONS = frozenset({"of", "for", "in", "at", "from", "on", "with", "to", "by"})
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class GoldFigure:
    """One hand-labelled figure: where it is, its value, and its gold fields.

    ``start``/``end`` index the surface text in the article's text;
    ``incident`` is the labeller's own name of the real-world incident.
    """

    article: str
    start: int
    end: int
    surface: str
    value: float
    vague: bool
    slot: str
    group: str | None
    scope: Scope
    source: ClaimSource | None
    incident: str | None


@dataclass(frozen=True)
class FieldScore:
    """Right answers out of the matched figures for one field."""

    right: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class FigureScores:
    """Figure recall, per-field accuracy and pairwise incident scores."""

    gold: int
    matched: int
    fields: dict[str, FieldScore]
    incident: tuple[float, float, float]
    misses: tuple[tuple[GoldFigure, Claim | None], ...] = field(default=())
    #: ``source`` split into figures the article attributes and figures in its own voice.
    sources: tuple[FieldScore, FieldScore] = (FieldScore(0, 0), FieldScore(0, 0))

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


def value_fits(figure: GoldFigure, claim: Claim) -> bool:
    """Whether the claim's value bounds fit the gold value (or vague range)."""
    low = claim.value.low if claim.value.low is not None else -math.inf
    high = claim.value.high if claim.value.high is not None else math.inf
    if low > high:
        low, high = high, low
    if figure.vague:
        return low < figure.value * 10 and high >= figure.value
    return low <= figure.value <= high


def _contains(claim: Claim, figure: GoldFigure) -> bool:
    return (
        claim.article == figure.article
        and claim.span.start <= figure.start
        and figure.end <= claim.span.end
    )


def _distance(figure: GoldFigure, claim: Claim) -> float:
    """How far a fitting claim's stated number lies from the figure's ("more than two dozen"
    fits 15,000 too, but "more than 15,000" is nearer)."""
    stated = claim.value.low if claim.value.low is not None else claim.value.high
    return math.inf if stated is None else abs(stated - figure.value)


def match_figures(
    figures: Sequence[GoldFigure], claims: Sequence[Claim]
) -> list[tuple[GoldFigure, Claim | None]]:
    """Each gold figure with its matched claim (None when no claim fits)."""
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    used: set[str] = set()
    pairs: list[tuple[GoldFigure, Claim | None]] = []
    for figure in figures:
        fitting = [
            c
            for c in by_article.get(figure.article, ())
            if c.id not in used and _contains(c, figure) and value_fits(figure, c)
        ]
        found = min(fitting, key=lambda c: _distance(figure, c), default=None)
        if found is not None:
            used.add(found.id)
        pairs.append((figure, found))
    return pairs


def source_words(text: str) -> tuple[str, ...]:
    """The words of a source phrase that identify it, lower case, in order."""
    words = (w.lower().removesuffix("'s") for w in _WORD.findall(text))
    return tuple(w for w in words if w and w not in _SOURCE_STOP)


def source_head(words: Sequence[str]) -> str | None:
    """The head word: the last word before the first preposition, else the last word."""
    before = []
    for word in words:
        if word in _PREPOSITIONS:
            break
        before.append(word)
    return before[-1] if before else None


def same_source(gold: ClaimSource | None, predicted: ClaimSource | None) -> bool:
    """Same source: both none, or the same head word and one's words include the other's.

    "Nugroho" matches "spokesman Sutopo Purwo Nugroho" and "he (Sutopo Purwo
    Nugroho)"; "Doctors in Gaza" matches "doctors"; "the UN" matches "UN";
    "police" does not match "Fauzi".
    """
    if gold is None or predicted is None:
        return gold is None and predicted is None
    mine, theirs = source_words(gold.text), source_words(predicted.text)
    if source_head(mine) != source_head(theirs):
        return False
    words = set(mine) - _PREPOSITIONS, set(theirs) - _PREPOSITIONS
    return words[0] <= words[1] or words[1] <= words[0]


def field_right(name: str, figure: GoldFigure, claim: Claim) -> bool:
    """Whether the claim gets one field of the gold figure right."""
    if name == "slot":
        return claim.measure == figure.slot
    if name == "group":
        return (claim.group or "").lower() == (figure.group or "").lower()
    if name == "scope":
        return claim.scope.kind == figure.scope.kind
    if name == "source":
        return same_source(figure.source, claim.source)
    raise ValueError(f"unknown field {name!r}; use one of {', '.join(FIELDS)}")


def field_values(name: str, figure: GoldFigure, claim: Claim) -> tuple[Any, Any]:
    """The gold value and the claim's value of one field, as a reader compares them."""
    values = {
        "slot": (figure.slot, claim.measure),
        "group": (figure.group, claim.group),
        "scope": (figure.scope.kind, claim.scope.kind),
        "source": (
            figure.source.text if figure.source else None,
            claim.source.text if claim.source else None,
        ),
    }
    return values[name]


def pairwise_incident(pairs: Sequence[tuple[GoldFigure, Claim]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of "same incident" over every pair of matched figures.

    Two figures share an incident in the gold when both have the same
    non-null label; in the prediction when their claims have the same
    non-null ``incident``.
    """
    right = gold_links = predicted_links = 0
    for (g1, c1), (g2, c2) in combinations(pairs, 2):
        in_gold = g1.incident is not None and g1.incident == g2.incident
        in_pred = c1.incident is not None and c1.incident == c2.incident
        gold_links += in_gold
        predicted_links += in_pred
        right += in_gold and in_pred
    precision = right / predicted_links if predicted_links else 0.0
    recall = right / gold_links if gold_links else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_figures(figures: Sequence[GoldFigure], claims: Sequence[Claim]) -> FigureScores:
    """Figure recall, accuracy per field over the matched figures, incident pair F1."""
    pairs = match_figures(figures, claims)
    matched = [(g, c) for g, c in pairs if c is not None]
    fields = {
        name: FieldScore(sum(field_right(name, g, c) for g, c in matched), len(matched))
        for name in FIELDS
    }
    misses = tuple(
        (g, c) for g, c in pairs if c is None or not all(field_right(name, g, c) for name in FIELDS)
    )
    attributed = [(g, c) for g, c in matched if g.source is not None]
    own_voice = [(g, c) for g, c in matched if g.source is None]
    sources = (
        FieldScore(sum(same_source(g.source, c.source) for g, c in attributed), len(attributed)),
        FieldScore(sum(c.source is None for _, c in own_voice), len(own_voice)),
    )
    return FigureScores(
        len(figures), len(matched), fields, pairwise_incident(matched), misses, sources
    )
