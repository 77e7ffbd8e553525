"""The article-level satire model: is this whole article satire?

Satire is mostly deadpan prose under a joke of a headline, or an absurd
premise stated plainly, so single sentences say little; the model reads the
article as a whole. Its features (:func:`article_features`) are

- the pretrained representation: static token embeddings (:mod:`.embedding`;
  the weights name which) of the title, of each of the first sentences and of the body, each read
  along a satire direction (:class:`Direction`) learnt from the embeddings
  of the training headlines (The Onion vs. HuffPost, 22,607 headlines on
  every topic). The raw 256 dimensions were tried as features too and left
  out: with fewer than a hundred satire articles they learnt the topics of
  the satire in the training data (2016 US politics) rather than its style;
- style signals (:data:`STYLE`): the headline model's evidence on the title,
  and the decision of its word n-gram blocks on the first sentences of the
  body (the lead states the premise; words only, to keep it cheap), the share
  of sentences with a quotation and the density of figures. (The designed
  cues of :mod:`.cues`, first and second person, length and punctuation
  were tried as well and left out: they did not help on held-out sites.)

The body is read without its dateline and without site names
(:func:`.articles.strip_boilerplate`), so the model learns a style, not a
site. A logistic regression over the standardised features gives a decision
value; Platt scaling fitted on out-of-site predictions makes it a
probability, and ``threshold`` (set on a development split so that at most
2% of straight news comes out as satire) turns it into a label. The weights
live in ``data/nlp/tone_article_model.json`` (written by
``scripts/train_tone_articles.py``; how they were trained and scored is in
``data/nlp/tone_article_model.md``).

With satire from a dozen sites to learn from (the staged corpora of
``scripts/stage_tone_corpora.py``), the model also reads the raw embedding
vectors of the title, the lead and the body (:data:`VECTORS`) and the
article's word n-grams (:mod:`.ngrams`): under leave-sites-out validation
they rank satire far better than the satire scores alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from ...errors import ModelError
from .articles import strip_boilerplate
from .embedding import Embedder, load_embedder, mean_vectors, source_of, token_ids
from .model import SatireModel, read_weights
from .ngrams import NgramWeights, ngram_text, ngrams_from_dict
from .title import Title

FloatArray = npt.NDArray[np.float64]

FORMAT = "storyline/tone-article-model@2"
MODEL_FILE = "tone_article_model.json"
#: How many body sentences the headline model reads, and how many make the lead.
BODY_SENTENCES = 12
LEAD_SENTENCES = 5
#: The style signals, in the order of the feature vector.
STYLE = (
    "title_evidence",
    "lead_evidence_mean",
    "body_evidence_mean",
    "body_evidence_median",
    "body_evidence_share",
    "body_evidence_strong",
    "quote_share",
    "figures",
    "has_title",
)
#: The embeddings' satire scores, after the style signals in the feature vector.
EMBEDDED = (
    "title_direction",
    "sentence_direction_mean",
    "sentence_direction_median",
    "body_direction",
)
#: Every named feature, in order.
FEATURES = STYLE + EMBEDDED
#: The embedding vectors that follow the named features, each as many values
#: as the embeddings have dimensions.
VECTORS = ("title_vector", "lead_vector", "body_vector")


def feature_count(dimensions: int) -> int:
    """How many values an article's dense feature vector has."""
    return len(FEATURES) + len(VECTORS) * dimensions


class ArticleFeatures(NamedTuple):
    """What the article model reads: dense features and the text of its n-grams."""

    dense: FloatArray
    text: str


_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_FIGURE = re.compile(r"\d")
_QUOTE = re.compile(r"[\"\u201c\u201d]")


@dataclass(frozen=True)
class Direction:
    """A linear satire score over embeddings (learnt on headlines)."""

    coef: FloatArray
    intercept: float

    def score(self, vectors: FloatArray) -> FloatArray:
        """The score of each row of ``vectors`` (an all-zero row scores 0)."""
        result: FloatArray = vectors @ self.coef + self.intercept
        result[~vectors.any(axis=1)] = 0.0
        return result


@dataclass(frozen=True)
class ArticleModel:
    """Standardisation, weights, Platt scaling and threshold of the article model.

    ``min_words``: bodies shorter than this are not judged by the model (its
    training articles are longer; a paragraph says too little).
    """

    direction: Direction
    #: The :data:`.embedding.SOURCES` name of the embeddings the direction reads.
    embeddings: str
    min_words: int
    mean: FloatArray
    scale: FloatArray
    coef: FloatArray
    intercept: float
    platt_a: float
    platt_b: float
    threshold: float
    ngrams: NgramWeights | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def probability(self, features: ArticleFeatures) -> float:
        """Calibrated probability that the article is satire."""
        decision = float(((features.dense - self.mean) / self.scale) @ self.coef)
        decision += self.intercept
        if self.ngrams is not None:
            decision += self.ngrams.decision(features.text)
        return float(1.0 / (1.0 + np.exp(-(self.platt_a * decision + self.platt_b))))

    def embedder(self) -> Embedder:
        """The embeddings this model was trained with (loaded once per process)."""
        return load_embedder(self.embeddings)


def article_vector(
    sentences: Sequence[str],
    title: Title | None,
    model: SatireModel,
    direction: Direction,
    embedder: Embedder,
) -> ArticleFeatures:
    """The features of an article from all its sentences and its title.

    The sentences inside the title are left out of the body.
    """
    heading = title.text if title is not None else ""
    return article_features(heading, body_of(sentences, title), model, direction, embedder)


def body_of(sentences: Sequence[str], title: Title | None) -> list[str]:
    """The sentences that are not inside the title."""
    members = set(title.members) if title is not None else set()
    return [s for i, s in enumerate(sentences) if i not in members]


def body_words(body: Sequence[str]) -> int:
    """How many words the body has (the article model's length rule)."""
    return sum(len(_WORD.findall(s)) for s in body)


def article_features(
    title: str,
    body: Sequence[str],
    model: SatireModel,
    direction: Direction,
    embedder: Embedder,
) -> ArticleFeatures:
    """The features of one article: style signals, its embeddings' scores and vectors.

    ``body`` holds the body's sentences (the title left out).
    """
    body = [strip_boilerplate(body[0]), *body[1:]] if body else [""]
    ids = token_ids([title, *body], embedder)
    whole = np.concatenate(ids[1:])
    lead = np.concatenate(ids[1 : 1 + LEAD_SENTENCES])
    vectors = mean_vectors([*ids[: 1 + BODY_SENTENCES], whole, lead], embedder)
    scores = direction.score(vectors[:-1])
    sentences = scores[1:-1]
    embedded = [scores[0], float(sentences.mean()), float(np.median(sentences)), scores[-1]]
    style = style_signals(title, body, model)
    named = np.concatenate([style, np.asarray(embedded, dtype=np.float64)])
    dense = np.concatenate([named, vectors[0], vectors[-1], vectors[-2]])
    return ArticleFeatures(dense, ngram_text(title, body))


def style_signals(title: str, body: Sequence[str], model: SatireModel) -> FloatArray:
    """The :data:`STYLE` signals of an article (see the module docstring)."""
    body = [s for s in body if s.strip()]
    read = [s for s in body[:BODY_SENTENCES] if s.strip()]
    title_llr = float(model.log_likelihood_ratio([title])[0]) if title else 0.0
    llr = model.word_decision(read) if read else np.zeros(1)
    sentences = max(len(body), 1)
    values = [
        title_llr,
        float(llr[:LEAD_SENTENCES].mean()),
        float(llr.mean()),
        float(np.median(llr)),
        float((llr > 0).mean()),
        float((llr > 1).mean()),
        sum(1 for s in body if _QUOTE.search(s)) / sentences,
        sum(len(_FIGURE.findall(s)) for s in body) / max(body_words(body), 1),
        1.0 if title else 0.0,
    ]
    return np.asarray(values, dtype=np.float64)


def model_from_dict(data: dict[str, Any], origin: str = "<dict>") -> ArticleModel:
    """Build an :class:`ArticleModel` from the JSON structure the trainer writes."""
    try:
        if data["format"] != FORMAT:
            raise ValueError(f"format {data['format']!r}, not {FORMAT!r}")
        direction = data["direction"]
        model = ArticleModel(
            direction=Direction(
                np.asarray(direction["coef"], dtype=np.float64), float(direction["intercept"])
            ),
            embeddings=str(data["embeddings"]),
            min_words=int(data["min_words"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            platt_a=float(data["platt"]["a"]),
            platt_b=float(data["platt"]["b"]),
            threshold=float(data["threshold"]),
            ngrams=ngrams_from_dict(data["ngrams"]) if data.get("ngrams") else None,
            meta=dict(data.get("meta", {})),
        )
        dimensions = source_of(model.embeddings).dimensions
        count = feature_count(dimensions)
        if not len(model.mean) == len(model.scale) == len(model.coef) == count:
            raise ValueError(f"mean, scale and coef must have {count} values")
        if len(model.direction.coef) != dimensions:
            raise ValueError(f"the direction must have {dimensions} values")
        return model
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(
            f"{origin} is not a valid article tone model ({exc!r}); "
            "reinstall Storyline or retrain it with scripts/train_tone_articles.py"
        ) from exc


def read_article_model(path: Path) -> ArticleModel:
    """Load an article model file written by ``scripts/train_tone_articles.py``."""
    data = read_weights(path, "article tone model", "scripts/train_tone_articles.py")
    return model_from_dict(data, origin=repr(str(path)))


@functools.cache
def load_article_model() -> ArticleModel:
    """The article model shipped in the package, loaded once per process."""
    resource = resources.files("storyline") / "data" / "nlp" / MODEL_FILE
    with resources.as_file(resource) as path:
        return read_article_model(Path(path))
