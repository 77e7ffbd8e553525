"""Designed sentence cues of satire, opinion and analysis.

The patterns are built from the word lists in ``data/tone_cues.yaml`` (loaded
once); :func:`read_cues` returns, for a batch of sentences, one array per cue
(how often it fires in each sentence), and :func:`family_totals` weighs them
into one log-likelihood ratio per sentence and tone. Sentences are expected
with quoted speech already blanked out (:func:`blank_quotes`), so the cues
speak for the article's own voice.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ...errors import ModelError

FloatArray = npt.NDArray[np.float64]

CUES_FILE = "tone_cues.yaml"
FAMILIES = ("satire", "opinion", "analysis", "news")
_CLAUSE_END = r"[^,;:.!?()\"\u2014\u2013\u201c\u201d]*"
_QUOTED = re.compile(
    r"\u201c[^\u201d\n]{0,800}\u201d|\"[^\"\n]{0,800}\"|(?:``|'')[^\n]{0,800}?''"
)


@dataclass(frozen=True)
class Lexicon:
    """The cue file: weights, mixture parameters, thresholds and patterns."""

    weights: dict[str, dict[str, float]]
    mixture: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    max_sentence_weight: float
    headline_scale: float
    headline_margin: float
    headline_max_words: int
    patterns: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]


def _alternatives(words: Sequence[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _patterns(words: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    alt = {name: _alternatives(items) for name, items in words.items()}
    flags = re.IGNORECASE
    raw = {
        "figurative_comparison": rf"\b(?P<cmp>(?:more|less)\s+[a-z-]+|[a-z-]{{3,}}er)\s+than\s+"
        rf"{alt['figure_determiners']}\s+(?P<vehicle>{_CLAUSE_END})",
        "simile": rf"(?:^|\b(?P<before>[\w']+)\s+)like\s+(?:a|an|the)\s+(?P<vehicle>{_CLAUSE_END})",
        "as_simile": rf"\bas\s+(?P<adj>[a-z-]+)\s+as\s+(?:a|an)\s+(?P<vehicle>{_CLAUSE_END})",
        "mock_analogy": r"\bthe\s+same\s+way\s+(?:one|you|someone|somebody|people|a|an)\b"
        r"|\bmuch\s+(?:like|as)\s+(?:a|an)\s+[a-z]",
        "recast": r"\b(?:more|less)\s+of\s+(?:a|an)\s+(?P<vehicle>[a-z][\w-]*)",
        "authorial_aside": rf"\bone\s+(?:can|could|might|may|must|would)\s+"
        rf"(?:only\s+)?{alt['aside_verbs']}\b|\ball\s+while\b",
        "first_person_view": rf"\bi\s+(?:\w+\s+)?{alt['opinion_verbs']}\b"
        r"|\bin\s+(?:my|our)\s+(?:view|opinion|judge?ment)\b|\bto\s+my\s+mind\b",
        "collective_call": r"\b(?:we|us)\s+(?:all\s+)?(?:must|should|need\s+to|ought\s+to|"
        r"cannot|can't|have\s+to)\b|\blet(?:'s|\s+us)\b",
        # A modal followed by its own subject is a condition ("should he
        # survive"), not a prescription.
        "prescription": r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to)\b"
        r"(?!\s+(?:i|you|he|she|it|we|they|the|a|an|this|that|these|those|there)\b)",
        "reader_address": r"\b(?:you|your|yours|yourself|yourselves)\b",
        "evaluative_adverb": rf"\b{alt['evaluative_adverbs']}\b",
        "analyst_view": rf"\b{alt['analysts']}\b(?:\s+[\w,]+){{0,5}}?\s+{alt['analyst_verbs']}\b",
        "hedged_forecast": rf"\b(?:could|may|might|would)\s+(?:\w+ly\s+|well\s+|also\s+|soon\s+"
        rf"|even\s+|eventually\s+)?{alt['change_verbs']}\b"
        r"|\b(?:is|are|was|were)\s+(?:un)?likely\s+to\b",
        "interpretation": rf"\b{alt['interpretation']}\b",
        "conditional_forecast": r"\bif\b[^.?!]*\b(?:could|would|might|may)\b",
        "attribution": rf"\b{alt['reporting']}\b",
    }
    return {name: re.compile(pattern, flags) for name, pattern in raw.items()}


@functools.cache
def load_lexicon() -> Lexicon:
    """The cue file shipped in the package, loaded once per process."""
    resource = resources.files("storyline") / "data" / CUES_FILE
    try:
        data: dict[str, Any] = yaml.safe_load(resource.read_text(encoding="utf-8"))
        words = {name: [str(w) for w in items] for name, items in data["words"].items()}
        return Lexicon(
            weights={k: {c: float(w) for c, w in v.items()} for k, v in data["weights"].items()},
            mixture={k: {p: float(x) for p, x in v.items()} for k, v in data["mixture"].items()},
            thresholds={k: float(v) for k, v in data["thresholds"].items()},
            max_sentence_weight=float(data["max_sentence_weight"]),
            headline_scale=float(data["headline_model"]["scale"]),
            headline_margin=float(data["headline_model"]["margin"]),
            headline_max_words=int(data["headline_model"]["max_words"]),
            patterns=_patterns(words),
            words={name: frozenset(w.lower() for w in items) for name, items in words.items()},
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise ModelError(
            f"The tone cue file {CUES_FILE!r} is not valid ({exc!r}); "
            "restore it from the Storyline package"
        ) from exc


@functools.cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def blank_quotes(text: str) -> str:
    """``text`` with quoted passages (one paragraph at most) blanked out.

    Double quotes count: curly, straight, and the ````...''`` pairs of wire
    copy. Single quotes are left alone (they double as apostrophes).

    Offsets are kept: each quoted character becomes one space.
    """
    return _QUOTED.sub(lambda match: " " * len(match.group()), text)


def read_cues(sentences: Sequence[str], lexicon: Lexicon | None = None) -> dict[str, FloatArray]:
    """How often each cue fires in each sentence (quotes already blanked)."""
    lexicon = lexicon or load_lexicon()
    readers: dict[str, Callable[[str, Lexicon], float]] = {
        "figurative_comparison": _comparisons,
        "simile": _similes,
        "vehicle_word": _vehicle_words,
        "rhetorical_question": lambda s, _: float(s.rstrip().endswith("?")),
        "prescription": _prescription,
    }
    counted = [name for name in lexicon.patterns if name not in readers and name != "as_simile"]
    table: dict[str, FloatArray] = {}
    for name in counted:
        pattern = lexicon.patterns[name]
        table[name] = np.array([min(2, len(pattern.findall(s))) for s in sentences], float)
    for name, reader in readers.items():
        table[name] = np.array([reader(s, lexicon) for s in sentences], dtype=float)
    table.update(_sentiment_cues(sentences, table["attribution"], lexicon))
    return table


def family_totals(table: dict[str, FloatArray], lexicon: Lexicon | None = None) -> dict[str, FloatArray]:
    """Each tone's weighted cue sum per sentence, capped (log-likelihood ratios)."""
    lexicon = lexicon or load_lexicon()
    size = len(next(iter(table.values()))) if table else 0
    totals = {}
    for family in FAMILIES:
        total = np.zeros(size)
        for cue, weight in lexicon.weights.get(family, {}).items():
            total += weight * table[cue]
        totals[family] = np.minimum(total, lexicon.max_sentence_weight)
    return totals


def _figures(sentence: str, lexicon: Lexicon) -> list[str]:
    """The standards ("vehicles") of the figurative comparisons in a sentence."""
    words = lexicon.words
    vehicles = []
    for match in lexicon.patterns["figurative_comparison"].finditer(sentence):
        head = match.group("cmp").split()[-1].lower()
        if head in words["not_comparatives"] or _literal(match.group("vehicle"), lexicon):
            continue
        vehicles.append(match.group("vehicle"))
    for match in lexicon.patterns["as_simile"].finditer(sentence):
        adjective = match.group("adj").lower()
        if adjective not in words["not_simile_adjectives"]:
            if not _literal(match.group("vehicle"), lexicon):
                vehicles.append(match.group("vehicle"))
    return vehicles


def _simile_vehicles(sentence: str, lexicon: Lexicon) -> list[str]:
    vehicles = []
    minimum = lexicon.thresholds["min_vehicle_words"]
    for match in lexicon.patterns["simile"].finditer(sentence):
        before = (match.group("before") or "").lower()
        vehicle = match.group("vehicle")
        if before in lexicon.words["not_simile_before"] or _literal(vehicle, lexicon):
            continue
        if len(vehicle.split()) >= minimum:
            vehicles.append(vehicle)
    return vehicles


def _literal(vehicle: str, lexicon: Lexicon) -> bool:
    """A standard that is a number, a time, a named thing or a like-for-like rival."""
    first = vehicle.split()[0] if vehicle.split() else ""
    return (
        not first
        or not first[0].islower()
        or first.lower() in lexicon.words["literal_standards"]
        or first[0].isdigit()
    )


def _comparisons(sentence: str, lexicon: Lexicon) -> float:
    return float(min(2, len(_figures(sentence, lexicon))))


def _similes(sentence: str, lexicon: Lexicon) -> float:
    return float(min(2, len(_simile_vehicles(sentence, lexicon))))


def _vehicle_words(sentence: str, lexicon: Lexicon) -> float:
    vehicles = _figures(sentence, lexicon) + _simile_vehicles(sentence, lexicon)
    return float(sum(min(4, len(v.split())) for v in vehicles))


def _sentiment_cues(
    sentences: Sequence[str], attributed: FloatArray, lexicon: Lexicon
) -> dict[str, FloatArray]:
    """VADER cues: strong praise and gloom together (contrast), or strong feeling.

    Intensity counts only in sentences without a reporting verb: a reported
    outburst is news, the writer's own is opinion.
    """
    analyser = _vader()
    scores = [analyser.polarity_scores(s) for s in sentences]
    positive = np.array([s["pos"] for s in scores])
    negative = np.array([s["neg"] for s in scores])
    compound = np.abs(np.array([s["compound"] for s in scores]))
    floor = lexicon.thresholds["contrast"]
    return {
        "sentiment_contrast": ((positive >= floor) & (negative >= floor)).astype(float),
        "evaluative_intensity": (
            (compound >= lexicon.thresholds["intensity"]) & (attributed == 0)
        ).astype(float),
    }


def _prescription(sentence: str, lexicon: Lexicon) -> float:
    if not lexicon.patterns["prescription"].search(sentence):
        return 0.0
    return 0.5 if lexicon.patterns["attribution"].search(sentence) else 1.0
