"""The naive Bayes block ``train_tone.py`` may stack on its logistic regression.

A multinomial naive Bayes model of word 1-2-grams, each counted once whether
it occurs or not, gives log-odds that are linear in those presence features:
``sum(x_j * (log p(j | satire) - log p(j | news))) + log prior ratio``. A
one-level stack ``alpha * regression + beta * naive Bayes + gamma`` is
therefore one more linear block, and the whole model stays a sum of block
scores that Storyline computes with numpy.

Like the regression's, the naive Bayes vocabulary is cut to the n-grams with
the largest absolute log-ratios (then refitted), inside each fold when
cross-validating. The stacking weights are a logistic regression on the two
models' out-of-fold decision values; its own out-of-fold decisions (again by
fold) say whether the stack is better than the regression alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from storyline.nlp.tone.model import ANALYZERS
from storyline.nlp.tone.text import SHORT_WORD_NGRAMS

Array = np.ndarray[Any, Any]
Folds = list[tuple[Array, Array]]

#: Numbers of word 1-2-grams the naive Bayes block may keep (chosen by CV).
NB_KEEP_GRID = (10_000, 20_000)
MIN_DF = 2


@dataclass(frozen=True)
class NaiveBayes:
    """A fitted naive Bayes block: its columns, log-ratios and prior log-ratio."""

    columns: Array
    ratio: Array
    log_prior: float
    estimator: MultinomialNB


@dataclass(frozen=True)
class Stack:
    """``alpha * regression + beta * naive Bayes + gamma``, with the n-grams kept."""

    keep: int
    alpha: float
    beta: float
    gamma: float


def presence(texts: list[str]) -> tuple[Any, Array]:
    """Which word 1-2-grams each text has (0/1 matrix) and their names."""
    vectoriser = CountVectorizer(
        analyzer=lambda text: ANALYZERS["nb"](text, None), lowercase=False, binary=True
    )
    matrix = vectoriser.fit_transform(texts).tocsr()
    return matrix, vectoriser.get_feature_names_out()


def fit_naive_bayes(matrix: Any, labels: Array, rows: Array, keep: int) -> NaiveBayes:
    """Naive Bayes on the frequent n-grams, cut to the ``keep`` strongest, refitted."""
    df = np.asarray(matrix[rows].sum(axis=0)).ravel()
    frequent = np.flatnonzero(df >= MIN_DF)
    first = MultinomialNB(alpha=1.0).fit(matrix[rows][:, frequent], labels[rows])
    ratio = first.feature_log_prob_[1] - first.feature_log_prob_[0]
    columns = frequent[np.sort(np.argsort(-np.abs(ratio), kind="stable")[:keep])]
    estimator = MultinomialNB(alpha=1.0).fit(matrix[rows][:, columns], labels[rows])
    return NaiveBayes(
        columns=columns,
        ratio=estimator.feature_log_prob_[1] - estimator.feature_log_prob_[0],
        log_prior=float(estimator.class_log_prior_[1] - estimator.class_log_prior_[0]),
        estimator=estimator,
    )


def nb_decision(matrix: Any, model: NaiveBayes, rows: Array) -> Array:
    """The naive Bayes log-odds of ``rows``."""
    return np.asarray(matrix[rows][:, model.columns] @ model.ratio + model.log_prior)


def stack_oof(
    matrix: Any, labels: Array, folds: Folds, joint: tuple[Array, Array], keep: int
) -> tuple[Array, Array, Array]:
    """Out-of-fold naive Bayes decisions, and the stack's own out-of-fold decisions.

    ``joint`` holds the regression's out-of-fold decisions with and without
    the parse blocks; the stack's decisions are returned for both.
    """
    nb = np.zeros(len(labels))
    for fit_rows, held_rows in folds:
        nb[held_rows] = nb_decision(
            matrix, fit_naive_bayes(matrix, labels, fit_rows, keep), held_rows
        )
    parsed, text_only = np.zeros(len(labels)), np.zeros(len(labels))
    for fit_rows, held_rows in folds:
        weights = fit_stack(joint[0][fit_rows], nb[fit_rows], labels[fit_rows], keep)
        parsed[held_rows] = combine(weights, joint[0][held_rows], nb[held_rows])
        text_only[held_rows] = combine(weights, joint[1][held_rows], nb[held_rows])
    return nb, parsed, text_only


def fit_stack(joint: Array, nb: Array, labels: Array, keep: int) -> Stack:
    """The stacking weights: a logistic regression on the two decisions."""
    meta = LogisticRegression(C=1.0, max_iter=1000).fit(np.column_stack([joint, nb]), labels)
    alpha, beta = (float(v) for v in meta.coef_[0])
    return Stack(keep, alpha, beta, float(meta.intercept_[0]))


def combine(stack: Stack, joint: Array, nb: Array) -> Array:
    """The stacked decision values."""
    return stack.alpha * joint + stack.beta * nb + stack.gamma


def add_stack(
    exported: dict[str, Any],
    stack: Stack,
    nb: NaiveBayes,
    names: Array,
    rounded: Callable[[Array], list[float]],
) -> None:
    """Fold the stacking weights into the blocks and add the naive Bayes block."""
    for block in exported["blocks"]:
        block["coef"] = rounded(np.asarray(block["coef"]) * stack.alpha)
    exported["intercept"] = (
        stack.alpha * exported["intercept"] + stack.beta * nb.log_prior + stack.gamma
    )
    exported["blocks"].append(
        {
            "name": "nb",
            "weighting": "binary",
            "features": [str(f) for f in names[nb.columns]],
            "coef": rounded(nb.ratio * stack.beta),
        }
    )
    exported["hyperparameters"]["naive_bayes"] = {
        "word_ngrams": list(SHORT_WORD_NGRAMS),
        "kept_features": stack.keep,
        "alpha": 1.0,
        "stack": {"alpha": stack.alpha, "beta": stack.beta, "gamma": stack.gamma},
    }
