"""The shipped satire model: TF-IDF n-grams, a linear score and Platt scaling.

The weights live in ``data/tone_model.json`` (written by
``scripts/train_tone.py``; how they were trained and scored is in
``data/tone_model.md``). Scoring needs only numpy: every text of a batch is
turned into (row, feature) pairs by dictionary look-ups, then counts, TF-IDF
values, norms and dot products are computed for the whole batch at once.

For each block (word n-grams, character n-grams) a text's vector is
``(1 + log tf) * idf``, normalised to unit length; the decision value is the
sum of both blocks' dot products with their weights plus the intercept, and
the probability is ``sigmoid(a * decision + b)`` with ``a`` and ``b`` fitted
on held-out headlines (Platt scaling).
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
from .text import char_ngrams, normalise, word_char_ngrams, word_ngrams

FORMAT = "storyline/tone-model@1"
MODEL_FILE = "tone_model.json"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Block:
    """One vectoriser's vocabulary with its IDF values and learnt weights."""

    name: str
    index: dict[str, int]
    idf: FloatArray
    coef: FloatArray
    _word_cache: dict[str, IntArray] = field(default_factory=dict, repr=False, compare=False)

    def feature_ids(self, text: str) -> list[int]:
        """Vocabulary ids of the n-grams of ``text`` (unknown n-grams dropped)."""
        if self.name == "char":
            ids: list[int] = []
            for word in normalise(text).split():
                ids.extend(self._word_ids(word).tolist())
            return ids
        index = self.index
        return [index[gram] for gram in word_ngrams(text) if gram in index]

    def _word_ids(self, word: str) -> IntArray:
        cached = self._word_cache.get(word)
        if cached is None:
            index = self.index
            grams = word_char_ngrams(word)
            cached = np.fromiter((index[g] for g in grams if g in index), dtype=np.int64)
            if len(self._word_cache) < 200_000:
                self._word_cache[word] = cached
        return cached

    def scores(self, texts: Sequence[str]) -> FloatArray:
        """This block's share of the decision value, one per text."""
        rows: list[int] = []
        cols: list[int] = []
        for row, text in enumerate(texts):
            ids = self.feature_ids(text)
            cols.extend(ids)
            rows.extend([row] * len(ids))
        out = np.zeros(len(texts))
        if not cols:
            return out
        size = len(self.idf)
        keys, counts = np.unique(np.asarray(rows) * size + np.asarray(cols), return_counts=True)
        row_of, col_of = keys // size, keys % size
        values = (1.0 + np.log(counts)) * self.idf[col_of]
        norms = np.sqrt(np.bincount(row_of, values * values, minlength=len(texts)))
        dots = np.bincount(row_of, values * self.coef[col_of], minlength=len(texts))
        np.divide(dots, norms, out=out, where=norms > 0)
        return out


@dataclass(frozen=True)
class SatireModel:
    """Satire-versus-news scores for short texts (trained on headlines)."""

    blocks: tuple[Block, ...]
    intercept: float
    platt_a: float
    platt_b: float
    prior: float
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def decision(self, texts: Sequence[str]) -> FloatArray:
        """The linear model's raw decision values (uncalibrated log-odds)."""
        total = np.full(len(texts), self.intercept)
        for block in self.blocks:
            total += block.scores(texts)
        return total

    def calibrated_logit(self, texts: Sequence[str]) -> FloatArray:
        """Platt-scaled log-odds that each text is satire."""
        return self.platt_a * self.decision(texts) + self.platt_b

    def probability(self, texts: Sequence[str]) -> FloatArray:
        """Calibrated probability that each text is satire (at the training prior)."""
        return _sigmoid(self.calibrated_logit(texts))

    def log_likelihood_ratio(self, texts: Sequence[str]) -> FloatArray:
        """How much more likely each text is under satire than under news.

        The calibrated log-odds minus the training set's prior log-odds, so the
        evidence can be combined with any other prior.
        """
        return self.calibrated_logit(texts) - math.log(self.prior / (1.0 - self.prior))


def _sigmoid(values: FloatArray) -> FloatArray:
    result: FloatArray = 1.0 / (1.0 + np.exp(-values))
    return result


ANALYZERS: dict[str, Callable[[str], list[str]]] = {"word": word_ngrams, "char": char_ngrams}


def model_from_dict(data: dict[str, Any], origin: str = "<dict>") -> SatireModel:
    """Build a :class:`SatireModel` from the JSON structure the trainer writes."""
    try:
        if data["format"] != FORMAT:
            raise ModelError(
                f"{origin} is a {data['format']!r} file, not {FORMAT!r}; "
                "retrain it with scripts/train_tone.py"
            )
        blocks = tuple(_block(item) for item in data["blocks"])
        platt = data["platt"]
        return SatireModel(
            blocks=blocks,
            intercept=float(data["intercept"]),
            platt_a=float(platt["a"]),
            platt_b=float(platt["b"]),
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
    idf = np.asarray(item["idf"], dtype=np.float64)
    coef = np.asarray(item["coef"], dtype=np.float64)
    if not len(features) == len(idf) == len(coef):
        raise ValueError(f"block {name!r} has features, idf and coef of different lengths")
    return Block(name, {f: i for i, f in enumerate(features)}, idf, coef)


def read_model(path: Path) -> SatireModel:
    """Load a tone model file written by ``scripts/train_tone.py``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"Cannot read the tone model {str(path)!r}: {exc}; "
            "reinstall Storyline or retrain it with scripts/train_tone.py"
        ) from exc
    return model_from_dict(data, origin=repr(str(path)))


@functools.cache
def load_model() -> SatireModel:
    """The model shipped in the package, loaded once per process."""
    resource = resources.files("storyline") / "data" / MODEL_FILE
    with resources.as_file(resource) as path:
        return read_model(Path(path))
