"""Designed sentence cues of satire, opinion and analysis.

The patterns are built from the word lists in ``data/nlp/tone_cues.yaml`` (loaded
once). :func:`read_cues` returns, for the sentences of one article, one array
per cue (how often it fires in each sentence); :func:`family_totals` weighs
them into one log-likelihood ratio per sentence and tone. Sentences are
expected with quoted speech already blanked out (:func:`blank_quotes`), so
the cues speak for the article's own voice.

For speed, the sentences are joined into one text (one per line; no pattern
crosses a line) and each pattern scans it once; a match is credited to the
sentence it starts in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ...errors import ModelError
from ...lexicons import bundled_yaml
from .sentiment import sentiment

FloatArray = npt.NDArray[np.float64]

CUES_FILE = "nlp/tone_cues.yaml"
FAMILIES = ("satire", "opinion", "analysis", "news")
#: Cues counted straight from their pattern (the others need a closer look).
COUNTED = (
    "mock_analogy",
    "recast",
    "authorial_aside",
    "first_person_view",
    "collective_call",
    "reader_address",
    "evaluative_adverb",
    "analyst_view",
    "hedged_forecast",
    "interpretation",
    "conditional_forecast",
    "attribution",
)
_MAX_COUNT = 2
_MAX_VEHICLE_WORDS = 4
_BLANK = r"[^\S\n]"  # white space that is not a line break
_CLAUSE = r"[^,;:.!?()\"\n\u2014\u2013\u201c\u201d]*"
_PREVIOUS_WORD = re.compile(r"([\w']+)[^\S\n]+$")
_QUOTED = re.compile(r"\u201c[^\u201d\n]{0,800}\u201d|\"[^\"\n]{0,800}\"|(?:``|'')[^\n]{0,800}?''")


@dataclass(frozen=True)
class Lexicon:
    """The cue file: weights, mixture parameters, thresholds and patterns."""

    weights: dict[str, dict[str, float]]
    base: dict[str, float]
    mixture: dict[str, dict[str, float]]
    thresholds: dict[str, float]
    max_sentence_weight: float
    headline_scale: float
    headline_margin: float
    headline_max_words: int
    title_cap: float
    title_support: float
    declared: dict[str, float]
    patterns: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]


def _alternatives(words: Sequence[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _patterns(words: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    alt = {name: _alternatives(items) for name, items in words.items()}
    subjects = r"(?:i|you|he|she|it|we|they|the|a|an|this|that|these|those|there)"
    raw = {
        "figurative_comparison": rf"\b(?P<cmp>(?:more|less)\s+[a-z-]+|[a-z-]{{3,}}er)\s+than\s+"
        rf"{alt['figure_determiners']}\s+(?P<vehicle>{_CLAUSE})",
        "as_simile": rf"\bas\s+(?P<adj>[a-z-]+)\s+as\s+(?:a|an)\s+(?P<vehicle>{_CLAUSE})",
        "simile": rf"\blike\s+(?:a|an|the)\s+(?P<vehicle>{_CLAUSE})",
        "mock_analogy": r"\bthe\s+same\s+way\s+(?:one|you|someone|somebody|people|a|an)\b"
        r"|\bmuch\s+(?:like|as)\s+(?:a|an)\s+[a-z]",
        "recast": r"\b(?:more|less)\s+of\s+(?:a|an)\s+[a-z]",
        "authorial_aside": rf"\bone\s+(?:can|could|might|may|must|would)\s+"
        rf"(?:only\s+)?{alt['aside_verbs']}\b|\ball\s+while\b",
        "first_person_view": rf"\bi\s+(?:\w+\s+)?{alt['opinion_verbs']}\b"
        r"|\bin\s+(?:my|our)\s+(?:view|opinion|judge?ment)\b|\bto\s+my\s+mind\b",
        "collective_call": r"\b(?:we|us)\s+(?:all\s+)?(?:must|should|need\s+to|ought\s+to|"
        r"cannot|can't|have\s+to)\b|\blet(?:'s|\s+us)\b",
        # A modal followed by its own subject is a condition ("should he
        # survive"), not a prescription.
        "prescription": r"\b(?:should|must|ought\s+to|needs?\s+to|has\s+to|have\s+to)\b"
        rf"(?!\s+{subjects}\b)",
        "reader_address": r"\b(?:you|your|yours|yourself|yourselves)\b",
        "evaluative_adverb": rf"\b{alt['evaluative_adverbs']}\b",
        "analyst_view": rf"\b{alt['analysts']}\b(?:\s+[\w,]+){{0,5}}?\s+{alt['analyst_verbs']}\b",
        # A speculative modal and its verb ("could shift", "may well prompt"),
        # or a stated likelihood; not ability or permission in the negative.
        "hedged_forecast": r"\b(?:could|may|might)\s+(?:\w+ly\s+|well\s+|also\s+|soon\s+"
        r"|even\s+|eventually\s+|yet\s+)?(?!not\b|have\b|be\s+(?:able|allowed)\b)[a-z]{3,}"
        r"|\bwould\s+(?:likely|probably)\b|\b(?:is|are|was|were)\s+(?:un)?likely\s+to\b",
        "interpretation": rf"\b{alt['interpretation']}\b",
        "conditional_forecast": r"\bif\b[^.?!\n]*\b(?:could|would|might|may)\b",
        "attribution": rf"\b{alt['reporting']}\b",
        # The piece's own disclaimer, or a genre label opening its first line.
        "declared_opinion": r"\b(?:views|opinions)\s+expressed\s+(?:here|in\s+th(?:is|e)\s+"
        rf"{alt['declared_pieces']})\b[^.!?]{{0,40}}?\b(?:are|is)\s+(?:solely\s+|entirely\s+)?"
        r"(?:(?:his|her|their|my|our|the\s+(?:author|writer|contributor)['’]s)\s+own"
        r"|those\s+of\s+the\s+(?:author|writer|contributor)s?\b)"
        rf"|^\W*{alt['declared_heads']}\s*[:|\u2013\u2014]",
    }
    return {
        name: re.compile(pattern.replace(r"\s", _BLANK), re.IGNORECASE)
        for name, pattern in raw.items()
    }


@functools.cache
def load_lexicon() -> Lexicon:
    """The cue file shipped in the package, loaded once per process."""
    data = bundled_yaml(CUES_FILE)
    try:
        words = {name: [str(w) for w in items] for name, items in data["words"].items()}
        headline = data["headline_model"]
        patterns = _patterns(words)
        for tone in data["declared"]:
            _ = patterns[f"declared_{tone}"]  # a declared tone needs its pattern
        return Lexicon(
            weights={k: {c: float(w) for c, w in v.items()} for k, v in data["weights"].items()},
            base={k: float(v) for k, v in data["base"].items()},
            mixture={k: {p: float(x) for p, x in v.items()} for k, v in data["mixture"].items()},
            thresholds={k: float(v) for k, v in data["thresholds"].items()},
            max_sentence_weight=float(data["max_sentence_weight"]),
            headline_scale=float(headline["scale"]),
            headline_margin=float(headline["margin"]),
            headline_max_words=int(headline["max_words"]),
            title_cap=float(headline["title_cap"]),
            title_support=float(headline["title_support"]),
            declared={k: float(v) for k, v in data["declared"].items()},
            patterns=patterns,
            words={name: frozenset(w.lower() for w in items) for name, items in words.items()},
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ModelError(
            f"The tone cue file {CUES_FILE!r} is not valid ({exc!r}); "
            "restore it from the Storyline package"
        ) from exc


def declarations(sentences: Sequence[str], lexicon: Lexicon) -> dict[str, int]:
    """Tone -> the first sentence in which the piece declares itself of that tone.

    Each tone of the cue file's ``declared`` has a pattern ``declared_<tone>``;
    opinion's is a disclaimer that the views are the author's own, or a label
    opening the piece (``Opinion: ...``).
    """
    found = {}
    for tone in lexicon.declared:
        pattern = lexicon.patterns[f"declared_{tone}"]
        first = next((i for i, s in enumerate(sentences) if pattern.search(s)), None)
        if first is not None:
            found[tone] = first
    return found


def blank_quotes(text: str) -> str:
    """``text`` with quoted passages (one paragraph at most) blanked out.

    Double quotes count: curly, straight, and the ````...''`` pairs of wire
    copy. Single quotes are left alone (they double as apostrophes). Offsets
    are kept: each quoted character becomes a space.
    """
    return _QUOTED.sub(lambda match: " " * len(match.group()), text)


class _Joined:
    """Sentences joined one per line, with a map from offsets back to sentences."""

    def __init__(self, sentences: Sequence[str]) -> None:
        lines = [s.replace("\n", " ") for s in sentences]
        self.text = "\n".join(lines)
        lengths = np.array([len(line) + 1 for line in lines], dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
        self.size = len(lines)

    def owner(self, offset: int) -> int:
        return int(np.searchsorted(self.starts, offset, side="right")) - 1

    def count(self, matches: Iterator[re.Match[str]]) -> FloatArray:
        offsets = np.fromiter((match.start() for match in matches), dtype=np.int64)
        owners = np.searchsorted(self.starts, offsets, side="right") - 1
        counts = np.bincount(owners, minlength=self.size).astype(np.float64)
        return np.minimum(counts, _MAX_COUNT)


def read_cues(sentences: Sequence[str], lexicon: Lexicon | None = None) -> dict[str, FloatArray]:
    """How often each cue fires in each sentence (quotes already blanked)."""
    lexicon = lexicon or load_lexicon()
    joined = _Joined(sentences)
    patterns = lexicon.patterns
    table = {name: joined.count(patterns[name].finditer(joined.text)) for name in COUNTED}
    table.update(_figurative(joined, lexicon))
    table["prescription"] = joined.count(patterns["prescription"].finditer(joined.text))
    table["prescription"] = np.where(table["attribution"] > 0, 0.5, 1.0) * np.minimum(
        table["prescription"], 1
    )
    table["rhetorical_question"] = np.array([float(s.rstrip().endswith("?")) for s in sentences])
    table.update(_sentiment_cues(sentences, table["attribution"], lexicon))
    return table


def family_totals(
    table: dict[str, FloatArray], lexicon: Lexicon | None = None
) -> dict[str, FloatArray]:
    """Each tone's weighted cue sum per sentence, from its base, capped."""
    lexicon = lexicon or load_lexicon()
    size = len(next(iter(table.values()))) if table else 0
    totals = {}
    for family in FAMILIES:
        total = np.full(size, lexicon.base.get(family, 0.0))
        for cue, weight in lexicon.weights.get(family, {}).items():
            total += weight * table[cue]
        totals[family] = np.minimum(total, lexicon.max_sentence_weight)
    return totals


def _figurative(joined: _Joined, lexicon: Lexicon) -> dict[str, FloatArray]:
    """Figurative comparisons, similes, and the words of their standards."""
    found = {name: np.zeros(joined.size) for name in ("figurative_comparison", "simile")}
    vehicle_words = np.zeros(joined.size)
    for name, match in _figures(joined.text, lexicon):
        owner = joined.owner(match.start())
        found[name][owner] += 1
        vehicle_words[owner] += min(_MAX_VEHICLE_WORDS, len(match.group("vehicle").split()))
    result = {name: np.minimum(counts, _MAX_COUNT) for name, counts in found.items()}
    result["vehicle_word"] = vehicle_words
    return result


def _figures(text: str, lexicon: Lexicon) -> Iterator[tuple[str, re.Match[str]]]:
    words, patterns = lexicon.words, lexicon.patterns
    for match in patterns["figurative_comparison"].finditer(text):
        head = match.group("cmp").split()[-1].lower()
        if head not in words["not_comparatives"] and not _literal(match["vehicle"], lexicon):
            yield "figurative_comparison", match
    for match in patterns["as_simile"].finditer(text):
        adjective = match.group("adj").lower()
        if adjective not in words["not_simile_adjectives"] and not _literal(
            match["vehicle"], lexicon
        ):
            yield "figurative_comparison", match
    minimum = lexicon.thresholds["min_vehicle_words"]
    for match in patterns["simile"].finditer(text):
        before = _PREVIOUS_WORD.search(text, 0, match.start())
        if before and before.group(1).lower() in words["not_simile_before"]:
            continue
        vehicle = match["vehicle"]
        if not _literal(vehicle, lexicon) and len(vehicle.split()) >= minimum:
            yield "simile", match


def _literal(vehicle: str, lexicon: Lexicon) -> bool:
    """A standard that is a number, a time, a named thing or a like-for-like rival."""
    parts = vehicle.split()
    first = parts[0] if parts else ""
    return (
        not first or not first[0].islower() or first.lower() in lexicon.words["literal_standards"]
    )


def _sentiment_cues(
    sentences: Sequence[str], attributed: FloatArray, lexicon: Lexicon
) -> dict[str, FloatArray]:
    """Sentiment cues: strong praise beside strong gloom (contrast), or strong feeling.

    Intensity counts only in sentences without a reporting verb: a reported
    outburst is news, the writer's own is opinion.
    """
    scores = sentiment(sentences)
    floor = lexicon.thresholds["contrast"]
    strong = np.abs(scores.compound) >= lexicon.thresholds["intensity"]
    return {
        "sentiment_contrast": ((scores.positive >= floor) & (scores.negative >= floor)).astype(
            float
        ),
        "evaluative_intensity": (strong & (attributed == 0)).astype(float),
    }
