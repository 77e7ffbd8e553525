"""Train the article-level satire model (``src/storyline/data/nlp/tone_article_model.json``).

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python -m scripts.train_tone_articles [--shared DIR] [--out DIR]
        [--embeddings NAME] [--cache FILE] [--extra JSONL] [--dry-run]

``DIR`` is the shared data folder (default ``../shared/data``). The articles:

- satire, real and fabricated news of Horne & Adali (2017),
  ``horne2017-political-news/articles.jsonl``;
- with ``--extra``, the satire and news of other public corpora, staged by
  ``scripts/stage_tone_corpora.py`` (the README's "Data and licences" says
  which and how; the shipped model was trained with them);
- straight news: the TimeBank and AQUAINT documents, NewsQuant sentences in
  pseudo-articles of ten, and the ECB+ test documents (the readers of
  ``storyline eval tone``).

They are split by :func:`storyline.nlp.tone.articles.split_of`: the satire of
the sites in ``HELD_OUT_GROUPS`` is held out whole, and a quarter of the
other articles by a hash of their id. Nothing of the held-out split is used here;
``storyline eval tone`` scores it.

Steps, all on the training split:

1. every article goes through the features Storyline computes at run time
   (``storyline.nlp.tone.article_features_of``: static embeddings of title,
   lead and body, as vectors and read along a satire direction learnt on
   headlines, style signals, and the text whose word n-grams are read);
   ``--embeddings`` names the embedding model (default ``wordllama``;
   ``minilm-static``, distilled by ``scripts/distill_embeddings.py``, was
   compared and not kept: see README, "Tone");
2. leave-sites-out cross-validation: each fold holds out one satire site
   or site family and its share of the other articles (by hash); a logistic regression
   over TF-IDF word 1-2-grams (vocabulary from the fold's training part) and
   the standardised dense features is fitted for each regularisation ``C``,
   each site or corpus counting as at most ``GROUP_CAP`` articles, and the
   ``C`` with the lowest out-of-fold log-loss is kept;
3. Platt scaling on the out-of-fold decisions (shifted at the end so that
   the threshold reads 0.5: ``OPERATING_POINT``), and the threshold: the one
   with the best out-of-fold satire F1 among those that call at most 1% of
   the straight news satire (the target is at most 2%; half is kept as
   margin) and at most 3% of the fabricated news;
4. the final model on the whole training split, written as JSON (no pickle)
   with a metadata block, and a Markdown sidecar (``tone_article_model.md``)
   with the data and the cross-validation scores.

scikit-learn is needed here only, never at run time. Deterministic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from storyline.evaluation.tone import news_texts
from storyline.nlp.tone import article_features_of
from storyline.nlp.tone.article import (
    FEATURES,
    FORMAT,
    MODEL_FILE,
    VECTORS,
    Direction,
    body_words,
)
from storyline.nlp.tone.articles import (
    HELD_OUT_GROUPS,
    LabelledArticle,
    hash_bucket,
    read_labelled,
    split_of,
)
from storyline.nlp.tone.embedding import SOURCES, WORDLLAMA, Embedder, embed, load_embedder
from storyline.nlp.tone.headlines import read_headlines, split_headlines
from storyline.nlp.tone.sentences import sentence_bounds
from storyline.settings import default_shared_dir

ROOT = Path(__file__).resolve().parents[1]
C_GRID = (10.0, 30.0, 100.0)
NEWS_FALSE_LIMIT = 0.01
#: The threshold as written to the model: the calibration is shifted so that
#: the threshold chosen on the out-of-fold probabilities reads 0.5. The
#: probabilities are then those of a collection in which satire is as much
#: rarer than in the training split as that shift says (a prior correction),
#: and no other label is outranked by a satire probability below the line.
OPERATING_POINT = 0.5
#: The most fabricated news the threshold may call satire (out of fold).
FABRICATED_FALSE_LIMIT = 0.03
MAX_TITLE_WORDS = 25
MIN_WORDS = 120
#: The most word n-grams the model keeps (the most frequent in training).
MAX_NGRAMS = 20000
#: How much the standardised dense features weigh beside the n-grams.
DENSE_WEIGHT = 0.05
#: The most articles one site or corpus counts as in training (see ``Table.weights``).
GROUP_CAP = 150
DIRECTION_C = 10.0
EMBEDDINGS = {
    "wordllama": "wordllama 0.4.0.post1, l2_supercat, 256 dimensions",
    "minilm-static": "all-MiniLM-L6-v2 distilled with model2vec 0.10.0 "
    "(scripts/distill_embeddings.py), 256 dimensions",
}
NEWS_INPUTS = {
    "timebank": "timebank-aquaint/derived/TBAQ-TimeBank.timex.jsonl",
    "aquaint": "timebank-aquaint/derived/TBAQ-AQUAINT.timex.jsonl",
    "newsquant": "newsquant/NewsQuant.json",
    "ecbplus": "ecbplus/derived/ecbplus_test_topics.docs.jsonl",
}


@dataclass
class Table:
    """Feature rows with their articles."""

    articles: list[LabelledArticle]
    x: np.ndarray
    texts: list[str]

    @property
    def y(self) -> np.ndarray:
        return np.array([a.satire for a in self.articles], dtype=int)

    def weights(self) -> np.ndarray:
        """Each group counts as at most :data:`GROUP_CAP` articles, so no one site dominates."""
        sizes: dict[str, int] = {}
        for a in self.articles:
            sizes[a.group] = sizes.get(a.group, 0) + 1
        return np.array([min(1.0, GROUP_CAP / sizes[a.group]) for a in self.articles])

    def straight(self) -> np.ndarray:
        """Rows of trustworthy news (straight news corpora and real news)."""
        return np.array([a.kind in ("news", "real") for a in self.articles])

    def take(self, mask: np.ndarray) -> Table:
        kept = [i for i, keep in enumerate(mask) if keep]
        return Table([self.articles[i] for i in kept], self.x[mask], [self.texts[i] for i in kept])


def straight_news(shared: Path) -> list[LabelledArticle]:
    """The straight-news corpora as labelled articles (title on the first line)."""
    out = []
    for name, relative in NEWS_INPUTS.items():
        for i, text in enumerate(news_texts(shared / relative, 10)):
            title, _, body = text.strip().partition("\n\n")
            if not body or "\n" in title or len(title.split()) > MAX_TITLE_WORDS:
                title, body = "", text.strip()
            out.append(LabelledArticle(f"{name}-{i}", title.strip(), body.strip(), "news", name))
    return out


def satire_direction(csv: Path, embedder: Embedder) -> Direction:
    """A logistic regression over the embeddings of the training headlines."""
    train = split_headlines(read_headlines(csv))["train"]
    x = embed([h.text for h in train], embedder)
    y = np.array([h.label for h in train])
    clf = LogisticRegression(C=DIRECTION_C, max_iter=5000).fit(x, y)
    return Direction(np.round(clf.coef_[0], 6), round(float(clf.intercept_[0]), 6))


def featurise(
    articles: list[LabelledArticle], direction: Direction, embedder: Embedder
) -> tuple[np.ndarray, list[str]]:
    """Each article's features and n-gram text, computed exactly as ``storyline analyze`` does."""
    nlp = spacy.blank("en")
    rows, texts = [], []
    for i, article in enumerate(articles):
        text = f"{article.title}\n\n{article.text}" if article.title else article.text
        bounds = sentence_bounds(nlp(text))
        features = article_features_of(text, bounds, direction, embedder, article.title or None)
        rows.append(features.dense)
        texts.append(features.text)
        if i % 500 == 0:
            print(f"  features {i}/{len(articles)}", file=sys.stderr)
    return np.vstack(rows), texts


def folds(table: Table) -> list[np.ndarray]:
    """Leave-sites-out folds: one satire family and a third of the rest each."""
    groups = sorted({a.group for a in table.articles if a.satire})
    out = []
    for k, group in enumerate(groups):
        out.append(
            np.array(
                [
                    a.group == group if a.satire else hash_bucket(a.id, "folds") % len(groups) == k
                    for a in table.articles
                ]
            )
        )
    return out


@dataclass
class Fitted:
    """A logistic regression over TF-IDF n-grams and the scaled dense features."""

    clf: LogisticRegression
    vectorizer: TfidfVectorizer
    mean: np.ndarray
    scale: np.ndarray

    def design(self, table: Table) -> sparse.csr_matrix:
        dense = sparse.csr_matrix((table.x - self.mean) / self.scale)
        return sparse.hstack([self.vectorizer.transform(table.texts), dense]).tocsr()


def fit(table: Table, c: float) -> Fitted:
    x, y, w = table.x, table.y, table.weights()
    vectorizer = TfidfVectorizer(
        sublinear_tf=True, min_df=3, max_features=MAX_NGRAMS, ngram_range=(1, 2)
    )
    vectorizer.fit(table.texts)
    # The dense block is standardised and shrunk so that one C suits both blocks.
    fitted = Fitted(
        LogisticRegression(C=c, max_iter=5000),
        vectorizer,
        x.mean(axis=0),
        (x.std(axis=0) + 1e-6) / DENSE_WEIGHT,
    )
    w = w * np.where(y == 1, w[y == 0].sum() / w[y == 1].sum(), 1.0)  # balanced classes
    fitted.clf.fit(fitted.design(table), y, sample_weight=w)
    return fitted


def decisions(fitted: Fitted, table: Table) -> np.ndarray:
    return np.asarray(fitted.clf.decision_function(fitted.design(table)))


def out_of_fold(table: Table, c: float) -> np.ndarray:
    oof = np.zeros(len(table.articles))
    for held in folds(table):
        fitted = fit(table.take(~held), c)
        oof[held] = decisions(fitted, table.take(held))
    return oof


def platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    clf = LogisticRegression(C=1e4, max_iter=1000).fit(decision[:, None], y)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def scores(predicted: np.ndarray, table: Table) -> dict[str, float]:
    y = table.y.astype(bool)
    tp, fp, fn = (
        int((predicted & y).sum()),
        int((predicted & ~y).sum()),
        int((~predicted & y).sum()),
    )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    straight = table.straight()
    fake = np.array([a.kind == "fake" for a in table.articles])
    return {
        "satire": int(y.sum()),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "straight_news": int(straight.sum()),
        "false_satire_straight": int((predicted & straight).sum()),
        "fabricated": int(fake.sum()),
        "false_satire_fabricated": int((predicted & fake).sum()),
    }


def choose_threshold(prob: np.ndarray, table: Table) -> float:
    """The best out-of-fold F1 among thresholds that keep false satire on news low.

    Fabricated news, written to pass as real, is the hard negative: the
    threshold may call at most :data:`FABRICATED_FALSE_LIMIT` of it satire.
    """
    straight = table.straight()
    fabricated = np.array([a.kind == "fake" for a in table.articles])
    best, best_f1 = 0.99, -1.0
    for threshold in np.round(np.arange(0.05, 0.99, 0.01), 2):
        predicted = prob >= threshold
        if predicted[straight].mean() > NEWS_FALSE_LIMIT:
            continue
        if fabricated.any() and predicted[fabricated].mean() > FABRICATED_FALSE_LIMIT:
            continue
        f1 = scores(predicted, table)["f1"]
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=default_shared_dir() / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "storyline" / "data" / "nlp")
    parser.add_argument("--embeddings", choices=sorted(SOURCES), default=WORDLLAMA.name)
    parser.add_argument("--cache", type=Path, help="npz file to keep the features in")
    parser.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="labelled articles written by scripts/stage_tone_corpora.py (repeatable)",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="cross-validate only; write no model"
    )
    args = parser.parse_args(argv)
    embedder = load_embedder(args.embeddings)
    articles = read_labelled(args.shared / "horne2017-political-news" / "articles.jsonl")
    for extra in args.extra:
        articles += read_labelled(extra)
    articles += straight_news(args.shared)
    articles = [a for a in articles if body_words([a.text]) >= MIN_WORDS]
    direction = satire_direction(
        args.shared / "sarcasm-headlines" / "Sarcasm_Headlines_Dataset.csv", embedder
    )
    if args.cache and args.cache.exists():
        cached = np.load(args.cache)
        x, texts = cached["x"], [str(t) for t in cached["texts"]]
    else:
        x, texts = featurise(articles, direction, embedder)
        if args.cache:
            np.savez_compressed(args.cache, x=x, texts=np.array(texts))
    table = Table(articles, x, texts)
    in_test = np.array([split_of(a) == "test" for a in articles])
    train, test = table.take(~in_test), table.take(in_test)
    losses = {}
    for c in C_GRID:
        oof = out_of_fold(train, c)
        a, b = platt(oof, train.y)
        losses[c] = log_loss(train.y, 1 / (1 + np.exp(-(a * oof + b))))
        print(f"C={c}: out-of-fold log-loss {losses[c]:.4f}", file=sys.stderr)
    c = min(losses, key=lambda k: losses[k])
    oof = out_of_fold(train, c)
    a, b = platt(oof, train.y)
    oof_prob = 1 / (1 + np.exp(-(a * oof + b)))
    threshold = choose_threshold(oof_prob, train)
    cv = scores(oof_prob >= threshold, train)
    print(json.dumps(cv, indent=1))
    if args.dry_run:
        return 0
    fitted = fit(train, c)
    meta = metadata(train, test, c, losses, threshold, cv, args.embeddings)
    # Shift the calibration so that the chosen threshold reads 0.5 (see OPERATING_POINT).
    shift = float(np.log(threshold / (1.0 - threshold)))
    meta["calibration_shift"] = round(shift, 6)
    calibration = (a, b - shift)
    write(args.out, fitted, (direction, args.embeddings), calibration, OPERATING_POINT, meta)
    write_sidecar(args.out, meta)
    return 0


def metadata(
    train: Table,
    test: Table,
    c: float,
    losses: dict[float, float],
    threshold: float,
    cv: dict[str, float],
    embeddings: str,
) -> dict[str, Any]:
    def count(table: Table) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in table.articles:
            key = f"{a.kind}/{a.group}"
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))

    return {
        "trained": dt.date.today().isoformat(),
        "features": list(FEATURES),
        "embeddings": EMBEDDINGS[embeddings],
        "held_out_satire_groups": sorted(HELD_OUT_GROUPS),
        "train_counts": count(train),
        "test_counts": count(test),
        "C": c,
        "cv_log_loss": {str(k): round(v, 4) for k, v in losses.items()},
        "threshold": threshold,
        "cv_scores": cv,
    }


def write(
    out: Path,
    fitted: Fitted,
    direction: tuple[Direction, str],
    calibration: tuple[float, float],
    threshold: float,
    meta: dict[str, Any],
) -> None:
    coef = fitted.clf.coef_[0]
    terms = fitted.vectorizer.get_feature_names_out()
    grams = len(terms)
    data = {
        "format": FORMAT,
        "embeddings": direction[1],
        "direction": {
            "coef": [float(v) for v in direction[0].coef],
            "intercept": direction[0].intercept,
        },
        "min_words": MIN_WORDS,
        "mean": [round(float(v), 6) for v in fitted.mean],
        "scale": [round(float(v), 6) for v in fitted.scale],
        "coef": [round(float(v), 6) for v in coef[grams:]],
        "intercept": round(float(fitted.clf.intercept_[0]), 6),
        "ngrams": {
            "terms": [str(t) for t in terms],
            "idf": [round(float(v), 5) for v in fitted.vectorizer.idf_],
            "coef": [round(float(v), 5) for v in coef[:grams]],
        },
        "platt": {"a": round(calibration[0], 6), "b": round(calibration[1], 6)},
        "threshold": threshold,
        "meta": meta,
    }
    (out / MODEL_FILE).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def write_sidecar(out: Path, meta: dict[str, Any]) -> None:
    """``tone_article_model.md``: what the model was trained on and how it scored."""
    cv = meta["cv_scores"]
    lines = [
        "# `tone_article_model.json`: the article-level satire model",
        "",
        f"Written by `scripts/train_tone_articles.py` on {meta['trained']}; do not edit by hand",
        "(the same facts are in the file's `meta` block).",
        "",
        "## Data (training split)",
        "",
        *[f"- {key}: {value}" for key, value in meta["train_counts"].items()],
        "",
        f"Held out (scored by `storyline eval tone` only): satire of the site families "
        f"{', '.join(meta['held_out_satire_groups'])}, and a quarter of the other articles "
        "by a hash of their id.",
        "",
        "## Features",
        "",
        ", ".join(f"`{name}`" for name in meta["features"])
        + f"; the embedding vectors {', '.join(VECTORS)}; TF-IDF word 1-2-grams "
        f"(at most {MAX_NGRAMS}).",
        "",
        f"Embeddings: {meta['embeddings']}.",
        "",
        "## Leave-sites-out cross-validation (training split)",
        "",
        f"Regularisation C = {meta['C']} (out-of-fold log-loss by C: {meta['cv_log_loss']}); "
        f"threshold {meta['threshold']} on the out-of-fold probabilities; the calibration is "
        f"shifted by {meta['calibration_shift']} so that it reads {OPERATING_POINT} in the model.",
        f"Out-of-fold satire precision {cv['precision']}, recall {cv['recall']}, F1 {cv['f1']}; "
        "straight and real news called satire "
        f"{cv['false_satire_straight']}/{cv['straight_news']}; "
        f"fabricated news called satire {cv['false_satire_fabricated']}/{cv['fabricated']}.",
    ]
    (out / "tone_article_model.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
