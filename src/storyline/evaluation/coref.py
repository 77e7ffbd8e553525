"""Coreference scores: B³, MUC, CEAF-e and their CoNLL average, and the adjusted Rand index.

Clusters are lists of sets of hashable items (mentions or documents). The
formulas are the standard ones: B³ (Bagga and Baldwin, 1998), MUC (Vilain et
al., 1995), entity-based CEAF (Luo, 2005) with the optimal alignment from
scipy's linear-sum assignment, and CoNLL F1 as the mean of the three F1s
(Pradhan et al., 2014). The adjusted Rand index comes from scikit-learn.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)
Scores = tuple[float, float, float]


def b_cubed(gold: Sequence[set[T]], predicted: Sequence[set[T]]) -> Scores:
    """B³ precision, recall and F1, averaged over the gold items."""
    gold_of = {m: c for c in gold for m in c}
    pred_of = {m: c for c in predicted for m in c}
    items = list(gold_of)
    if not items:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for m in items:
        mine = pred_of.get(m, {m})
        overlap = len(mine & gold_of[m])
        precision += overlap / len(mine)
        recall += overlap / len(gold_of[m])
    return prf(precision / len(items), recall / len(items))


def muc(gold: Sequence[set[T]], predicted: Sequence[set[T]]) -> Scores:
    """MUC precision, recall and F1: links kept across partitions."""
    return prf(_muc_links(predicted, gold), _muc_links(gold, predicted))


def _muc_links(key: Sequence[set[T]], response: Sequence[set[T]]) -> float:
    owner = {m: i for i, c in enumerate(response) for m in c}
    found = needed = 0
    for cluster in key:
        parts = {owner.get(m, ("alone", m)) for m in cluster}
        found += len(cluster) - len(parts)
        needed += len(cluster) - 1
    return found / needed if needed else 0.0


def ceaf_e(gold: Sequence[set[T]], predicted: Sequence[set[T]]) -> Scores:
    """Entity-based CEAF: the best one-to-one alignment of clusters by their Dice similarity."""
    import numpy
    from scipy.optimize import linear_sum_assignment

    items = {m for c in gold for m in c}
    response = [c & items for c in predicted]
    response = [c for c in response if c]
    if not gold or not response:
        return 0.0, 0.0, 0.0
    similarity = numpy.zeros((len(gold), len(response)))
    index: dict[T, list[int]] = {}
    for j, cluster in enumerate(response):
        for m in cluster:
            index.setdefault(m, []).append(j)
    for i, cluster in enumerate(gold):
        for j in {j for m in cluster for j in index.get(m, ())}:
            shared = len(cluster & response[j])
            similarity[i, j] = 2 * shared / (len(cluster) + len(response[j]))
    rows, cols = linear_sum_assignment(-similarity)
    total = float(similarity[rows, cols].sum())
    return prf(total / len(response), total / len(gold))


def conll(gold: Sequence[set[T]], predicted: Sequence[set[T]]) -> float:
    """CoNLL F1: the mean of the MUC, B³ and CEAF-e F1 scores."""
    return (muc(gold, predicted)[2] + b_cubed(gold, predicted)[2] + ceaf_e(gold, predicted)[2]) / 3


def adjusted_rand(gold: Sequence[set[T]], predicted: Sequence[set[T]]) -> float:
    """The adjusted Rand index of two partitions of the gold items."""
    from sklearn.metrics import adjusted_rand_score

    gold_of = {m: n for n, c in enumerate(gold) for m in c}
    pred_of = {m: n for n, c in enumerate(predicted) for m in c}
    items = list(gold_of)
    loners = len(predicted)
    labels = []
    for m in items:
        if m not in pred_of:
            pred_of[m] = loners
            loners += 1
        labels.append(pred_of[m])
    return float(adjusted_rand_score([gold_of[m] for m in items], labels))


def prf(precision: float, recall: float) -> Scores:
    """Precision, recall and their harmonic mean."""
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
