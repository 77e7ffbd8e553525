"""Train the satire model that ships as ``src/storyline/data/nlp/tone_model.json``.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python -m scripts.train_tone [CSV] [--seed SALT] [--out DIR]

``CSV`` is the sarcasm-headlines data (The Onion vs. HuffPost, ``text,type``;
default ``../shared/data/sarcasm-headlines/Sarcasm_Headlines_Dataset.csv``).
Unique headlines are split by a salted hash of their text (see
``storyline.nlp.tone.headlines``): 85% train, 15% test, never used here
except for the final scores.

Steps, all on the train split:

1. every headline is parsed once by the English pipeline (tagger and parser,
   ``storyline.nlp.tone.syntax``); four blocks of n-grams are counted with the
   analyzers Storyline runs (``storyline.nlp.tone.text``): word 1-3-grams,
   character 1-6-grams across word boundaries, tag 1-4-grams and
   dependency-label 1-4-grams;
2. each block becomes TF-IDF (sublinear tf, min_df 2, L2-normalised rows);
   the two parse blocks are multiplied by a weight ``w`` below 1 so that they
   add to the text blocks rather than crowd them out; one logistic regression
   is fitted over all four blocks, then the n-grams with the largest absolute
   weights in each block are kept (a small file) and the model is refitted;
3. five-fold cross-validation of steps 2 (the selection included): each
   fold's model scores the held-out fold, giving out-of-fold decision values;
   the regularisation ``C``, the parse weight ``w`` and the numbers of kept
   n-grams with the lowest out-of-fold log-loss after Platt scaling are kept;
   then a naive Bayes block stacked on that regression (``tone_stack.py``)
   is kept only if its own out-of-fold log-loss is lower still. The Platt
   scaling is a one-feature logistic regression on the final out-of-fold
   decisions; a second one is fitted on the same decisions without the parse
   blocks, for text scored without a parse;
4. the final model (steps 2 and 3 on the whole train split) with that scaling.

The test scores are computed with the exported weights through the same numpy
code Storyline runs, and the exported weights are checked against
scikit-learn's own vectorisers and decision function. Weights are written as
JSON (no pickle) with a metadata block; the Markdown sidecar
``tone_model.md`` (written by ``tone_sidecar.py``) records source, split, the
cross-validation tables and the scores. scikit-learn is needed here only,
never at run time. Deterministic: the folds and solvers leave nothing random.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from scripts.tone_sidecar import sidecar
from scripts.tone_stack import (
    NB_KEEP_GRID,
    NaiveBayes,
    Stack,
    add_stack,
    combine,
    fit_naive_bayes,
    fit_stack,
    presence,
    stack_oof,
)
from storyline.nlp.tone.headlines import (
    DEFAULT_SEED,
    TEST_PERCENT,
    Headline,
    Split,
    read_headlines,
    split_headlines,
)
from storyline.nlp.tone.model import (
    ANALYZERS,
    FORMAT,
    PARSE_BLOCKS,
    SatireModel,
    model_from_dict,
)
from storyline.nlp.tone.syntax import load_parser, parse_syntax
from storyline.nlp.tone.text import (
    CHAR_NGRAMS,
    LABEL_NGRAMS,
    WORD_NGRAMS,
    Syntax,
)
from storyline.settings import DEFAULT_MODEL, default_shared_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = default_shared_dir() / "data" / "sarcasm-headlines" / "Sarcasm_Headlines_Dataset.csv"
DEFAULT_OUT = ROOT / "src" / "storyline" / "data" / "nlp"
SOURCE = (
    "News Headlines Dataset for Sarcasm Detection v1 (Misra & Arora), CSV copy "
    "neocollege/fakeNewsVsSatire@84832dbb818a04b249fae2c9e294b0c87fbaa629 "
    "Sarcasm_Headlines_Dataset.csv (header text,type; 1 = The Onion, 0 = HuffPost)"
)
BLOCKS = ("word", "char", "tag", "dep")
C_GRID = (5.0, 10.0)
PARSE_WEIGHT_GRID = (0.3, 0.5)
KEEP_GRID = (
    {"word": 20_000, "char": 40_000, "tag": 5_000, "dep": 5_000},
    {"word": 40_000, "char": 80_000, "tag": 10_000, "dep": 10_000},
)
_GRID = (C_GRID, PARSE_WEIGHT_GRID, KEEP_GRID)
FOLDS = 5
MIN_DF = 2
DIGITS = 6

Array = np.ndarray[Any, Any]
Item = tuple[str, Syntax]


@dataclass(frozen=True)
class Setting:
    """One point of the grid: regularisation, parse-block weight, n-grams kept."""

    c: float
    parse_weight: float
    keep: dict[str, int]

    def label(self) -> str:
        kept = "/".join(f"{self.keep[name] // 1000}k" for name in BLOCKS)
        return f"C={self.c:g} w={self.parse_weight:g} kept {kept}"


@dataclass(frozen=True)
class Counts:
    """Raw n-gram counts of every train headline, one matrix per block."""

    matrices: dict[str, Any]
    names: dict[str, Array]


@dataclass(frozen=True)
class Fitted:
    """A model fitted on some rows: per block its columns, TF-IDF and weights."""

    columns: dict[str, Array]
    tfidf: dict[str, TfidfTransformer]
    coef: dict[str, Array]  # parse blocks: already multiplied by the parse weight
    intercept: float
    estimator: LogisticRegression


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    headlines = read_headlines(args.csv)
    parts = split_headlines(headlines, args.seed)
    nlp = load_parser(DEFAULT_MODEL)
    train = _items(nlp, parts["train"])
    train_y = np.array([h.label for h in parts["train"]])
    counts = _count(train)
    words, word_names = presence([t for t, _ in train])
    setting, joint_oof, table = _cross_validate(counts, train_y)
    stack, platts, stack_table = _choose_stack(
        words, train_y, joint_oof, min(row["log_loss"] for row in table)
    )
    everything = np.arange(len(train))
    fitted = _select_and_fit(counts, train_y, everything, setting)
    nb = None if stack is None else fit_naive_bayes(words, train_y, everything, stack.keep)
    exported = _export(counts, fitted, setting, train_y, platts)
    if stack is not None and nb is not None:
        add_stack(exported, stack, nb, word_names, _round)
    model = model_from_dict(exported)
    test = _items(nlp, parts["test"])
    test_y = [h.label for h in parts["test"]]
    scores = {
        "parsed": _scores(model, test, test_y, parsed=True),
        "text_only": _scores(model, test, test_y, parsed=False),
    }
    reference = _reference(train, test, exported, fitted, stack, nb)
    difference = np.max(np.abs(_decision(model, test) - reference))
    scores["parsed"]["numpy_vs_sklearn_max_difference"] = float(f"{difference:.2g}")
    exported["meta"] = _meta(args, headlines, parts, scores, table, setting)
    exported["meta"]["cross_validation"]["stack_table"] = stack_table
    _write(args.out, exported)
    print(json.dumps(scores, indent=2))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV, help="headline CSV")
    parser.add_argument("--seed", default=DEFAULT_SEED, help="salt of the split hash")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the model")
    return parser


def _items(nlp: Any, headlines: list[Headline]) -> list[Item]:
    """Each headline's text with its parse."""
    texts = [h.text for h in headlines]
    print(f"parsing {len(texts)} headlines", file=sys.stderr)
    return list(zip(texts, parse_syntax(nlp, texts), strict=True))


def _analyzer(name: str) -> Any:
    def analyze(item: Item) -> list[str]:
        return ANALYZERS[name](item[0], item[1])

    return analyze


def _count(items: list[Item]) -> Counts:
    """Step 1: the full n-gram counts of every block (no labels involved)."""
    matrices, names = {}, {}
    for name in BLOCKS:
        vectoriser = CountVectorizer(analyzer=_analyzer(name), lowercase=False)
        matrices[name] = vectoriser.fit_transform(items).tocsr()
        names[name] = vectoriser.get_feature_names_out()
    return Counts(matrices, names)


def _fit(
    counts: Counts, labels: Array, rows: Array, setting: Setting, columns: dict[str, Array]
) -> Fitted:
    """TF-IDF of the given columns on ``rows``, one logistic regression."""
    tfidf, blocks = {}, []
    for name in BLOCKS:
        raw = counts.matrices[name][rows][:, columns[name]]
        tfidf[name] = TfidfTransformer(sublinear_tf=True).fit(raw)
        blocks.append(tfidf[name].transform(raw) * _weight(name, setting))
    estimator = LogisticRegression(C=setting.c, max_iter=5000)
    estimator.fit(sparse.hstack(blocks).tocsr(), labels[rows])
    coef, start = {}, 0
    for name in BLOCKS:
        width = len(columns[name])
        coef[name] = estimator.coef_[0][start : start + width] * _weight(name, setting)
        start += width
    return Fitted(columns, tfidf, coef, float(estimator.intercept_[0]), estimator)


def _weight(name: str, setting: Setting) -> float:
    return setting.parse_weight if name in PARSE_BLOCKS else 1.0


def _frequent(counts: Counts, rows: Array) -> dict[str, Array]:
    """The columns of each block seen in at least ``MIN_DF`` of ``rows``."""
    out = {}
    for name in BLOCKS:
        df = np.asarray((counts.matrices[name][rows] > 0).sum(axis=0)).ravel()
        out[name] = np.flatnonzero(df >= MIN_DF)
    return out


def _top(full: Fitted, setting: Setting) -> dict[str, Array]:
    """Per block, the columns with the largest absolute weights in ``full``."""
    out = {}
    for name in BLOCKS:
        order = np.argsort(-np.abs(full.coef[name]), kind="stable")[: setting.keep[name]]
        out[name] = full.columns[name][np.sort(order)]
    return out


def _select_and_fit(counts: Counts, labels: Array, rows: Array, setting: Setting) -> Fitted:
    """Step 2: fit on every frequent n-gram, keep the heaviest, refit."""
    full = _fit(counts, labels, rows, setting, _frequent(counts, rows))
    return _fit(counts, labels, rows, setting, _top(full, setting))


def _decisions(counts: Counts, fitted: Fitted, rows: Array) -> tuple[Array, Array]:
    """Decision values of ``rows``: with all blocks, and with the text blocks only."""
    parts = {
        name: fitted.tfidf[name].transform(counts.matrices[name][rows][:, fitted.columns[name]])
        @ fitted.coef[name]
        for name in BLOCKS
    }
    text_only = fitted.intercept + sum(p for n, p in parts.items() if n not in PARSE_BLOCKS)
    parsed = text_only + sum(p for n, p in parts.items() if n in PARSE_BLOCKS)
    return np.asarray(parsed), np.asarray(text_only)


def _cross_validate(
    counts: Counts, labels: Array
) -> tuple[Setting, tuple[Array, Array], list[dict[str, Any]]]:
    """Step 3: choose the setting; return its out-of-fold decisions and the table."""
    grid = {s.label(): s for s in (Setting(c, w, keep) for c, w, keep in itertools.product(*_GRID))}
    oof = {name: (np.zeros(len(labels)), np.zeros(len(labels))) for name in grid}
    for c, weight in itertools.product(C_GRID, PARSE_WEIGHT_GRID):
        for fit_rows, held_rows in _folds(labels):
            first = Setting(c, weight, KEEP_GRID[0])
            full = _fit(counts, labels, fit_rows, first, _frequent(counts, fit_rows))
            for keep in KEEP_GRID:
                setting = Setting(c, weight, keep)
                fitted = _fit(counts, labels, fit_rows, setting, _top(full, setting))
                parsed, text_only = _decisions(counts, fitted, held_rows)
                oof[setting.label()][0][held_rows] = parsed
                oof[setting.label()][1][held_rows] = text_only
    table = [_oof_row(name, oof[name], labels) for name in grid]
    chosen = min(table, key=lambda row: row["log_loss"])["setting"]
    return grid[chosen], oof[chosen], table


def _choose_stack(
    words: Any, labels: Array, joint: tuple[Array, Array], joint_loss: float
) -> tuple[Stack | None, dict[str, dict[str, float]], list[dict[str, Any]]]:
    """Step 3b: stack naive Bayes only if its out-of-fold log-loss is lower.

    Returns the stack (or None), the Platt scalings of the final decision with
    and without the parse blocks, and the cross-validation rows of the stacks.
    """
    rows, best = [], (joint_loss, 0, np.zeros(0))
    for keep in NB_KEEP_GRID:
        nb, parsed, text_only = stack_oof(words, labels, _folds(labels), joint, keep)
        rows.append(_oof_row(f"+ naive Bayes, kept {keep // 1000}k", (parsed, text_only), labels))
        if rows[-1]["log_loss"] < best[0]:
            best = (rows[-1]["log_loss"], keep, nb)
    if not best[1]:
        platts = {"parsed": _platt(joint[0], labels)[0], "text_only": _platt(joint[1], labels)[0]}
        return None, platts, rows
    stack = fit_stack(joint[0], best[2], labels, best[1])
    platts = {
        "parsed": _platt(combine(stack, joint[0], best[2]), labels)[0],
        "text_only": _platt(combine(stack, joint[1], best[2]), labels)[0],
    }
    return stack, platts, rows


def _folds(labels: Array) -> list[tuple[Array, Array]]:
    """The five stratified folds of the train split (fixed shuffle)."""
    splitter = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    return list(splitter.split(np.zeros(len(labels)), labels))


def _platt(decision: Array, labels: Array) -> tuple[dict[str, float], Array]:
    """Platt scaling of decision values and the probabilities it gives them."""
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(decision.reshape(-1, 1), labels)
    prob = fitted.predict_proba(decision.reshape(-1, 1))[:, 1]
    return {"a": float(fitted.coef_[0][0]), "b": float(fitted.intercept_[0])}, prob


def _oof_row(name: str, oof: tuple[Array, Array], labels: Array) -> dict[str, Any]:
    """Out-of-fold log-loss and F1 of one setting, with and without the parse."""
    row: dict[str, Any] = {"setting": name}
    for mode, decision in zip(("", "text_only_"), oof, strict=True):
        prob = _platt(decision, labels)[1]
        metrics = _metrics(prob, labels == 1)
        row[f"{mode}log_loss"], row[f"{mode}f1"] = metrics["log_loss"], metrics["f1"]
    print(json.dumps(row), file=sys.stderr)
    return row


def _metrics(prob: Array, gold: Array) -> dict[str, float]:
    """Accuracy, precision, recall and F1 for satire at probability >= 0.5."""
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
        "accuracy": round(float(np.mean(predicted == gold)), 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "log_loss": round(float(loss), 4),
        "brier": round(float(np.mean((prob - gold) ** 2)), 4),
    }


def _export(
    counts: Counts,
    fitted: Fitted,
    setting: Setting,
    labels: Array,
    platts: dict[str, dict[str, float]],
) -> dict[str, Any]:
    """The weights as plain data (the format :func:`model_from_dict` reads)."""
    blocks = [
        {
            "name": name,
            "features": [str(f) for f in counts.names[name][fitted.columns[name]]],
            "idf": _round(fitted.tfidf[name].idf_),
            "coef": _round(fitted.coef[name]),
        }
        for name in BLOCKS
    ]
    return {
        "format": FORMAT,
        "blocks": blocks,
        "intercept": float(fitted.intercept),
        "platt": platts,
        "prior": round(float(labels.mean()), 6),
        "hyperparameters": {
            "C": setting.c,
            "parse_weight": setting.parse_weight,
            "word_ngrams": list(WORD_NGRAMS),
            "char_ngrams": list(CHAR_NGRAMS),
            "label_ngrams": list(LABEL_NGRAMS),
            "kept_features": setting.keep,
            "sublinear_tf": True,
            "min_df": MIN_DF,
        },
    }


def _round(values: Array) -> list[float]:
    return [float(f"{v:.{DIGITS}g}") for v in values]


def _decision(model: SatireModel, items: list[Item]) -> Array:
    return model.decision([t for t, _ in items], [s for _, s in items])


def _reference(
    train: list[Item],
    test: list[Item],
    exported: dict[str, Any],
    fitted: Fitted,
    stack: Stack | None,
    nb: NaiveBayes | None,
) -> Array:
    """scikit-learn's decision values for ``test`` from its own vectorisers."""
    hyper = exported["hyperparameters"]
    blocks = []
    for block in exported["blocks"][: len(BLOCKS)]:
        vectoriser = TfidfVectorizer(
            analyzer=_analyzer(block["name"]),
            lowercase=False,
            sublinear_tf=True,
            vocabulary=block["features"],
        ).fit(train)
        weight = hyper["parse_weight"] if block["name"] in PARSE_BLOCKS else 1.0
        blocks.append(vectoriser.transform(test) * weight)
    joint = np.asarray(fitted.estimator.decision_function(sparse.hstack(blocks).tocsr()))
    if stack is None or nb is None:
        return joint
    vocabulary = exported["blocks"][-1]["features"]
    present = CountVectorizer(
        analyzer=_analyzer("nb"), lowercase=False, binary=True, vocabulary=vocabulary
    ).transform(test)
    log_proba = nb.estimator.predict_log_proba(present)
    return combine(stack, joint, log_proba[:, 1] - log_proba[:, 0])


def _scores(
    model: SatireModel, items: list[Item], labels: list[int], parsed: bool
) -> dict[str, float]:
    """Test-split scores of the exported model, with or without the parses."""
    texts = [t for t, _ in items]
    prob = model.probability(texts, [s for _, s in items] if parsed else None)
    return {"headlines": len(items), **_metrics(prob, np.array(labels) == 1)}


def _meta(
    args: argparse.Namespace,
    headlines: list[Headline],
    parts: dict[Split, list[Headline]],
    scores: dict[str, dict[str, float]],
    table: list[dict[str, Any]],
    setting: Setting,
) -> dict[str, Any]:
    return {
        "trained": dt.date.today().isoformat(),
        "source": SOURCE,
        "file_sha256": hashlib.sha256(args.csv.read_bytes()).hexdigest(),
        "unique_headlines": len(headlines),
        "parser": DEFAULT_MODEL,
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
        "cross_validation": {"chosen": setting.label(), "table": table},
        "test": scores["parsed"],
        "test_text_only": scores["text_only"],
        "scikit_learn": sklearn.__version__,
    }


def _write(out: Path, exported: dict[str, Any]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "tone_model.json"
    path.write_text(json.dumps(exported, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    (out / "tone_model.md").write_text(sidecar(exported), "utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
