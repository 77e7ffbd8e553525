"""The shipped satire model: TF-IDF n-grams, a linear score and Platt scaling.

The weights live in ``data/nlp/tone_model.json`` (written by
``scripts/train_tone.py``; how they were trained and scored is in
``data/nlp/tone_model.md``). Scoring needs only numpy: every text of a batch is
turned into (row, feature) pairs (by integer keys, :mod:`.keys`), then counts,
TF-IDF values, norms and dot products are computed for the whole batch at once.

The model has four blocks of features (see :mod:`.text`): word n-grams and
character n-grams of the text, and tag and dependency-label n-grams of its
parse (:mod:`.syntax`). For each block a text's vector is
``(1 + log tf) * idf``, normalised to unit length; the decision value is the
sum of the blocks' dot products with their weights plus the intercept (the
weights of the parse blocks already include the factor by which training
scaled them down), and the probability is ``sigmoid(a * decision + b)`` with
``a`` and ``b`` fitted on held-out headlines (Platt scaling).

A fifth block, when the file has one, is a multinomial naive Bayes model of
word 1-2-grams stacked on the logistic regression: its features count once
whether present or not (no TF-IDF, no normalisation) and its weights are the
naive Bayes log-ratios times the stacking weight, so it adds its log-odds to
the decision like any other block (the stacking weights of the regression are
folded into its blocks' weights and the intercept).

Without a parse the model falls back to the blocks that read the text: the
decision is the intercept plus the word, character (and naive Bayes) scores,
calibrated by its own
``a`` and ``b``, fitted the same way on the same held-out decisions computed
without the parse blocks: its probabilities are calibrated too, but it is less
accurate (the test scores of both modes are in ``tone_model.md``).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ...errors import ModelError
from .keys import GramKeys, IntArray
from .text import (
    CHAR_NGRAMS,
    LABEL_NGRAMS,
    SHORT_WORD_NGRAMS,
    WORD_NGRAMS,
    Syntax,
    char_ngrams,
    label_ngrams,
    short_word_ngrams,
    word_ngrams,
    word_tokens,
)

FORMAT = "storyline/tone-model@2"
MODEL_FILE = "tone_model.json"

FloatArray = npt.NDArray[np.float64]

#: How each block turns a text and its parse into n-grams.
ANALYZERS: dict[str, Callable[[str, Syntax | None], list[str]]] = {
    "word": lambda text, _: word_ngrams(text),
    "char": lambda text, _: char_ngrams(text),
    "tag": lambda _, syntax: label_ngrams(syntax.tags) if syntax else [],
    "dep": lambda _, syntax: label_ngrams(syntax.deps) if syntax else [],
    "nb": lambda text, _: short_word_ngrams(text),
}
#: Each block's n-grams as :class:`.keys.GramKeys` reads them: the units a
#: text (and its parse) splits into, the n-gram lengths, and what joins units
#: (the same n-grams as :data:`ANALYZERS`, which a test checks).
UNITS: dict[str, tuple[Callable[[str, Syntax | None], Sequence[str]], tuple[int, int], str]] = {
    "word": (lambda text, _: word_tokens(text), WORD_NGRAMS, " "),
    "char": (lambda text, _: text, CHAR_NGRAMS, ""),
    "tag": (lambda _, syntax: syntax.tags if syntax else (), LABEL_NGRAMS, " "),
    "dep": (lambda _, syntax: syntax.deps if syntax else (), LABEL_NGRAMS, " "),
    "nb": (lambda text, _: word_tokens(text), SHORT_WORD_NGRAMS, " "),
}
#: The blocks that read the parse rather than the text.
PARSE_BLOCKS = frozenset({"tag", "dep"})
#: The blocks that read words (not characters, not the parse).
WORD_BLOCKS = frozenset({"word", "nb"})


@dataclass(frozen=True)
class Block:
    """One vectoriser's vocabulary with its IDF values and learnt weights.

    ``binary`` blocks count each n-gram once, present or absent, with no IDF
    and no normalisation (the naive Bayes block).
    """

    name: str
    index: dict[str, int]
    idf: FloatArray
    coef: FloatArray
    binary: bool = False

    @property
    def reads_parse(self) -> bool:
        """Whether this block's features come from the parse."""
        return self.name in PARSE_BLOCKS

    def feature_ids(self, text: str, syntax: Syntax | None = None) -> list[int]:
        """Vocabulary ids of the n-grams of ``text`` (unknown n-grams dropped)."""
        index = self.index
        return [index[gram] for gram in ANALYZERS[self.name](text, syntax) if gram in index]

    def pairs(
        self, texts: Sequence[str], syntax: Sequence[Syntax] | None = None
    ) -> tuple[IntArray, IntArray]:
        """(row in ``texts``, vocabulary id) of every known n-gram, one pair per occurrence."""
        keys = self._keys
        found = self._find(keys, texts, syntax) if keys is not None else None
        if found is not None:
            return found
        rows: list[int] = []
        cols: list[int] = []
        for row, text in enumerate(texts):
            ids = self.feature_ids(text, syntax[row] if syntax is not None else None)
            cols.extend(ids)
            rows.extend([row] * len(ids))
        return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)

    def _find(
        self, keys: GramKeys, texts: Sequence[str], syntax: Sequence[Syntax] | None
    ) -> tuple[IntArray, IntArray] | None:
        if self.name == "char":
            return keys.find_chars(texts)
        units = UNITS[self.name][0]
        parses = syntax if syntax is not None else [None] * len(texts)
        return keys.find_units(
            [units(text, parse) for text, parse in zip(texts, parses, strict=True)]
        )

    @functools.cached_property
    def _keys(self) -> GramKeys | None:
        """The vocabulary as integer keys (built on first use), or None when it cannot be."""
        _, sizes, joiner = UNITS[self.name]
        return GramKeys.of(self.index, sizes, joiner)

    def scores(self, texts: Sequence[str], syntax: Sequence[Syntax] | None = None) -> FloatArray:
        """This block's share of the decision value, one per text."""
        rows, cols = self.pairs(texts, syntax)
        out = np.zeros(len(texts))
        if not len(cols):
            return out
        size = len(self.idf)
        keys, counts = np.unique(rows * size + cols, return_counts=True)
        row_of, col_of = keys // size, keys % size
        if self.binary:
            out[:] = np.bincount(row_of, self.coef[col_of], minlength=len(texts))
            return out
        values = (1.0 + np.log(counts)) * self.idf[col_of]
        norms = np.sqrt(np.bincount(row_of, values * values, minlength=len(texts)))
        dots = np.bincount(row_of, values * self.coef[col_of], minlength=len(texts))
        np.divide(dots, norms, out=out, where=norms > 0)
        return out


@dataclass(frozen=True)
class Platt:
    """``sigmoid(a * decision + b)``: a decision value as a probability."""

    a: float
    b: float


@dataclass(frozen=True)
class SatireModel:
    """Satire-versus-news scores for short texts (trained on headlines).

    Every scoring method takes the texts and, optionally, their parses
    (one :class:`~.syntax.Syntax` per text); without parses the text-only
    fallback described in the module docstring is used.
    """

    blocks: tuple[Block, ...]
    intercept: float
    platt: Platt
    platt_text_only: Platt
    prior: float
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def decision(self, texts: Sequence[str], syntax: Sequence[Syntax] | None = None) -> FloatArray:
        """The linear model's raw decision values (uncalibrated log-odds)."""
        if syntax is not None and len(syntax) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(syntax)} parses")
        total = np.full(len(texts), self.intercept)
        for block in self.blocks:
            if syntax is not None or not block.reads_parse:
                total += block.scores(texts, syntax)
        return total

    def word_decision(self, texts: Sequence[str]) -> FloatArray:
        """The decision value from the word n-gram blocks alone (uncalibrated).

        About ten times cheaper than :meth:`decision` on long sentences (no
        character n-grams, no parse): the article model reads every sentence
        of a body this way.
        """
        total = np.full(len(texts), self.intercept)
        for block in self.blocks:
            if block.name in WORD_BLOCKS:
                total += block.scores(texts)
        return total

    def calibrated_logit(
        self, texts: Sequence[str], syntax: Sequence[Syntax] | None = None
    ) -> FloatArray:
        """Platt-scaled log-odds that each text is satire."""
        platt = self.platt if syntax is not None else self.platt_text_only
        return platt.a * self.decision(texts, syntax) + platt.b

    def probability(
        self, texts: Sequence[str], syntax: Sequence[Syntax] | None = None
    ) -> FloatArray:
        """Calibrated probability that each text is satire (at the training prior)."""
        return _sigmoid(self.calibrated_logit(texts, syntax))

    def log_likelihood_ratio(
        self, texts: Sequence[str], syntax: Sequence[Syntax] | None = None
    ) -> FloatArray:
        """How much more likely each text is under satire than under news.

        The calibrated log-odds minus the training set's prior log-odds, so the
        evidence can be combined with any other prior.
        """
        prior = math.log(self.prior / (1.0 - self.prior))
        return self.calibrated_logit(texts, syntax) - prior


def _sigmoid(values: FloatArray) -> FloatArray:
    result: FloatArray = 1.0 / (1.0 + np.exp(-values))
    return result


def model_from_dict(data: dict[str, Any], origin: str = "<dict>") -> SatireModel:
    """Build a :class:`SatireModel` from the JSON structure the trainer writes."""
    try:
        if data["format"] != FORMAT:
            raise ModelError(
                f"{origin} is a {data['format']!r} file, not {FORMAT!r}; "
                "retrain it with scripts/train_tone.py"
            )
        platt = data["platt"]
        return SatireModel(
            blocks=tuple(_block(item) for item in data["blocks"]),
            intercept=float(data["intercept"]),
            platt=Platt(float(platt["parsed"]["a"]), float(platt["parsed"]["b"])),
            platt_text_only=Platt(float(platt["text_only"]["a"]), float(platt["text_only"]["b"])),
            prior=float(data["prior"]),
            meta=dict(data.get("meta", {})),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(
            f"{origin} is not a valid tone model ({exc!r}); "
            "reinstall Storyline or retrain it with scripts/train_tone.py"
        ) from exc


def _block(item: dict[str, Any]) -> Block:
    name = str(item["name"])
    if name not in ANALYZERS:
        raise ValueError(f"unknown block {name!r}")
    features = [str(f) for f in item["features"]]
    coef = np.asarray(item["coef"], dtype=np.float64)
    binary = item.get("weighting", "tfidf") == "binary"
    idf = np.ones(len(coef)) if binary else np.asarray(item["idf"], dtype=np.float64)
    if not len(features) == len(idf) == len(coef):
        raise ValueError(f"block {name!r} has features, idf and coef of different lengths")
    return Block(name, {f: i for i, f in enumerate(features)}, idf, coef, binary)


def read_model(path: Path) -> SatireModel:
    """Load a tone model file written by ``scripts/train_tone.py``."""
    data = read_weights(path, "tone model", "scripts/train_tone.py")
    return model_from_dict(data, origin=repr(str(path)))


def read_weights(path: Path, what: str, script: str) -> Any:
    """The JSON of a shipped weights file, or a ModelError saying how to get it back."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"Cannot read the {what} {str(path)!r}: {exc}; "
            f"reinstall Storyline or retrain it with {script}"
        ) from exc


@functools.cache
def load_model() -> SatireModel:
    """The model shipped in the package, loaded once per process."""
    resource = resources.files("storyline") / "data" / "nlp" / MODEL_FILE
    with resources.as_file(resource) as path:
        return read_model(Path(path))
