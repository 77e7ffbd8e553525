"""Train the satire model that ships as ``src/storyline/data/tone_model.json``.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python scripts/train_tone.py [CSV] [--seed SALT] [--out DIR]

``CSV`` is the sarcasm-headlines data (The Onion vs. HuffPost, ``text,type``;
default ``../shared/data/sarcasm-headlines/Sarcasm_Headlines_Dataset.csv``).
Unique headlines are split by a salted hash of their text (see
``storyline.nlp.tone.headlines``): 85% train, 15% test, never used here
except for the final scores.

Steps, all on the train split:

1. TF-IDF word 1-2-grams and character 2-5-grams (the analyzers in
   ``storyline.nlp.tone.text``, shared with run time);
2. logistic regression over the full vocabulary, then keep the n-grams with
   the largest absolute weights (a small file) and refit on those;
3. five-fold cross-validation: each fold's model (steps 1-2 on the other four
   folds) scores the held-out fold, giving out-of-fold decision values; the
   regularisation ``C`` with the lowest out-of-fold log-loss is kept and a
   one-feature logistic regression on those values is the Platt scaling;
4. the final model (steps 1-2 on the whole train split) with that scaling.

The test scores are computed with the exported weights through the same numpy
code Storyline runs. Weights are written as JSON (no pickle) with a metadata
block; the Markdown sidecar ``tone_model.md`` records source, split and
scores. scikit-learn is needed here only, never at run time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from storyline.nlp.tone.headlines import (
    DEFAULT_SEED,
    TEST_PERCENT,
    Headline,
    Split,
    read_headlines,
    split_headlines,
)
from storyline.nlp.tone.model import ANALYZERS, FORMAT, SatireModel, model_from_dict
from storyline.nlp.tone.text import CHAR_NGRAMS, WORD_NGRAMS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = (
    ROOT.parent / "shared" / "data" / "sarcasm-headlines" / "Sarcasm_Headlines_Dataset.csv"
)
DEFAULT_OUT = ROOT / "src" / "storyline" / "data"
SOURCE = (
    "News Headlines Dataset for Sarcasm Detection v1 (Misra & Arora), CSV copy "
    "neocollege/fakeNewsVsSatire@84832dbb818a04b249fae2c9e294b0c87fbaa629 "
    "Sarcasm_Headlines_Dataset.csv (header text,type; 1 = The Onion, 0 = HuffPost)"
)
KEEP = {"word": 20_000, "char": 30_000}
C_GRID = (3.0, 10.0, 30.0)
FOLDS = 5
DIGITS = 6

Labels = np.ndarray[Any, np.dtype[np.int64]]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    headlines = read_headlines(args.csv)
    parts = split_headlines(headlines, args.seed)
    train = [h.text for h in parts["train"]]
    train_y = np.array([h.label for h in parts["train"]])
    c, platt, losses = _cross_validate(train, train_y)
    exported, reference = _train(train, train_y, c)
    exported["platt"] = platt
    model = model_from_dict(exported)
    test = [h.text for h in parts["test"]]
    scores = _scores(model, test, [h.label for h in parts["test"]])
    scores["numpy_vs_sklearn_max_difference"] = float(
        f"{np.max(np.abs(model.decision(test) - reference(test))):.2g}"
    )
    exported["meta"] = _meta(args, headlines, parts, exported, scores, losses)
    _write(args.out, exported)
    print(json.dumps(scores, indent=2))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV, help="headline CSV")
    parser.add_argument("--seed", default=DEFAULT_SEED, help="salt of the split hash")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the model")
    return parser


def _vectorisers(vocab: dict[str, list[str]] | None = None) -> dict[str, TfidfVectorizer]:
    return {
        name: TfidfVectorizer(
            analyzer=ANALYZERS[name],
            sublinear_tf=True,
            min_df=2,
            vocabulary=None if vocab is None else vocab[name],
        )
        for name in ANALYZERS
    }


def _train(
    texts: list[str], labels: Labels, c: float
) -> tuple[dict[str, Any], Callable[[list[str]], np.ndarray[Any, Any]]]:
    """Steps 1-2: select the vocabulary, refit, export the weights as plain data.

    Also returns scikit-learn's own decision function, to check the exported
    weights against.
    """
    vocab = _select(texts, labels, c)
    vectorisers = _vectorisers(vocab)
    matrices = [v.fit_transform(texts) for v in vectorisers.values()]
    fitted = LogisticRegression(C=c, max_iter=5000).fit(sparse.hstack(matrices).tocsr(), labels)
    blocks, start = [], 0
    for (name, vectoriser), matrix in zip(vectorisers.items(), matrices, strict=True):
        width = matrix.shape[1]
        coef = fitted.coef_[0][start : start + width]
        blocks.append({"name": name, "features": vocab[name], "idf": _round(vectoriser.idf_)})
        blocks[-1]["coef"] = _round(coef)
        start += width
    exported = {
        "format": FORMAT,
        "blocks": blocks,
        "intercept": float(fitted.intercept_[0]),
        "platt": {"a": 1.0, "b": 0.0},
        "prior": round(float(labels.mean()), 6),
        "hyperparameters": {
            "C": c,
            "word_ngrams": list(WORD_NGRAMS),
            "char_ngrams": list(CHAR_NGRAMS),
            "kept_features": KEEP,
            "sublinear_tf": True,
            "min_df": 2,
        },
    }

    def reference(batch: list[str]) -> np.ndarray[Any, Any]:
        matrix = sparse.hstack([v.transform(batch) for v in vectorisers.values()]).tocsr()
        return np.asarray(fitted.decision_function(matrix))

    return exported, reference


def _select(texts: list[str], labels: Labels, c: float) -> dict[str, list[str]]:
    """The n-grams with the largest weights in a model over the full vocabulary."""
    vectorisers = _vectorisers()
    matrices = [v.fit_transform(texts) for v in vectorisers.values()]
    full = LogisticRegression(C=c, max_iter=5000).fit(sparse.hstack(matrices).tocsr(), labels)
    vocab, start = {}, 0
    for (name, vectoriser), matrix in zip(vectorisers.items(), matrices, strict=True):
        weight = np.abs(full.coef_[0][start : start + matrix.shape[1]])
        start += matrix.shape[1]
        names = vectoriser.get_feature_names_out()
        keep = np.sort(np.argsort(-weight, kind="stable")[: KEEP[name]])
        vocab[name] = [str(names[i]) for i in keep]
    return vocab


def _round(values: np.ndarray[Any, Any]) -> list[float]:
    return [float(f"{v:.{DIGITS}g}") for v in values]


def _cross_validate(
    texts: list[str], labels: Labels
) -> tuple[float, dict[str, float], dict[str, float]]:
    """Step 3: choose ``C`` and fit Platt scaling on out-of-fold decision values."""
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    best: tuple[float, float, dict[str, float]] | None = None
    losses = {}
    for c in C_GRID:
        decision = np.zeros(len(texts))
        for fit_rows, held_rows in folds.split(np.zeros(len(labels)), labels):
            model = model_from_dict(_train([texts[i] for i in fit_rows], labels[fit_rows], c)[0])
            decision[held_rows] = model.decision([texts[i] for i in held_rows])
        platt = LogisticRegression(C=1e6, max_iter=1000).fit(decision.reshape(-1, 1), labels)
        prob = np.clip(platt.predict_proba(decision.reshape(-1, 1))[:, 1], 1e-12, 1 - 1e-12)
        loss = float(-np.mean(labels * np.log(prob) + (1 - labels) * np.log(1 - prob)))
        losses[f"C={c:g}"] = round(loss, 4)
        print(f"C={c:g}: out-of-fold log-loss after Platt scaling {loss:.4f}", file=sys.stderr)
        ab = {"a": float(platt.coef_[0][0]), "b": float(platt.intercept_[0])}
        if best is None or loss < best[0]:
            best = (loss, c, ab)
    assert best is not None
    return best[1], best[2], losses


def _scores(model: SatireModel, texts: list[str], labels: list[int]) -> dict[str, float]:
    """Accuracy, precision, recall and F1 for satire at probability >= 0.5."""
    gold = np.array(labels) == 1
    prob = model.probability(texts)
    predicted = prob >= 0.5
    tp = int(np.sum(predicted & gold))
    fp = int(np.sum(predicted & ~gold))
    fn = int(np.sum(~predicted & gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    clipped = np.clip(prob, 1e-12, 1 - 1e-12)
    loss = -np.mean(gold * np.log(clipped) + ~gold * np.log(1 - clipped))
    return {
        "headlines": len(texts),
        "accuracy": round(float(np.mean(predicted == gold)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "log_loss": round(float(loss), 4),
        "brier": round(float(np.mean((prob - gold) ** 2)), 4),
    }


def _meta(
    args: argparse.Namespace,
    headlines: list[Headline],
    parts: dict[Split, list[Headline]],
    exported: dict[str, Any],
    scores: dict[str, float],
    losses: dict[str, float],
) -> dict[str, Any]:
    return {
        "trained": dt.date.today().isoformat(),
        "source": SOURCE,
        "file_sha256": hashlib.sha256(args.csv.read_bytes()).hexdigest(),
        "unique_headlines": len(headlines),
        "split": {
            "method": f"salted SHA-1 of the headline text, first 4 bytes mod 100 < "
            f"{TEST_PERCENT} -> test, else train",
            "seed": args.seed,
            "sizes": {name: len(part) for name, part in parts.items()},
            "satire_share": {
                name: round(sum(h.label for h in part) / max(1, len(part)), 4)
                for name, part in parts.items()
            },
        },
        "calibration": f"Platt scaling on {FOLDS}-fold out-of-fold decision values "
        "of the train split",
        "out_of_fold_log_loss": losses,
        "test": scores,
        "scikit_learn": sklearn.__version__,
    }


def _write(out: Path, exported: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "tone_model.json"
    path.write_text(json.dumps(exported, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    (out / "tone_model.md").write_text(_sidecar(exported), "utf-8")


def _sidecar(exported: dict[str, Any]) -> str:
    meta, hyper, platt = exported["meta"], exported["hyperparameters"], exported["platt"]
    test, split = meta["test"], meta["split"]
    sizes = ", ".join(f"{name} {size}" for name, size in split["sizes"].items())
    shares = ", ".join(f"{name} {share:.1%}" for name, share in split["satire_share"].items())
    losses = ", ".join(f"{name} {loss}" for name, loss in meta["out_of_fold_log_loss"].items())
    kept = ", ".join(f"{count} {name}" for name, count in hyper["kept_features"].items())
    word, char = hyper["word_ngrams"], hyper["char_ngrams"]
    return f"""# `tone_model.json`: the satire model

Written by `scripts/train_tone.py` on {meta["trained"]}; do not edit by hand (the
same facts are in the file's `meta` block). Storyline loads it with numpy; no
pickle, no scikit-learn at run time.

## Data
{meta["source"]}. SHA-256 of the file: `{meta["file_sha256"]}`.
{meta["unique_headlines"]} unique headlines (exact duplicates kept once). The
labels come from the source site, not from a judgement of each headline.

## Split
{split["method"]}; seed `{split["seed"]}`. Sizes: {sizes}. Satire share: {shares}.

## Model
TF-IDF (sublinear tf, min_df {hyper["min_df"]}, each block L2-normalised) of word
{word[0]}-{word[1]}-grams and character {char[0]}-{char[1]}-grams inside word
boundaries; logistic regression with C = {hyper["C"]:g}, chosen by the lowest
out-of-fold log-loss ({losses}). The n-grams with the largest weights ({kept})
are kept and the model is refitted on them.

## Calibration
{meta["calibration"]}: probability = sigmoid(a * decision + b), with
a = {platt["a"]:.4f} and b = {platt["b"]:.4f}.

## Scores on the held-out test split
{test["headlines"]} headlines, satire when the probability is at least 0.5:
accuracy {test["accuracy"]:.4f}, precision {test["precision"]:.4f}, recall
{test["recall"]:.4f}, F1 {test["f1"]:.4f}; log-loss {test["log_loss"]:.4f}, Brier
{test["brier"]:.4f}. The exported weights score the test split within
{test["numpy_vs_sklearn_max_difference"]:g} of scikit-learn's own decision values
(scikit-learn {meta["scikit_learn"]}). `storyline eval tone` recomputes these scores.

## Use
On full articles this model is one piece of evidence among the designed cues of
`tone_cues.yaml`: it counts for satire only on headline-length sentences that it
finds strongly satirical (see `storyline.nlp.tone.decide`).
"""


if __name__ == "__main__":
    raise SystemExit(main())
