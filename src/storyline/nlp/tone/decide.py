"""From sentences to an article's tone: label, probability and evidence.

Each sentence gets, per tone, a log-likelihood ratio (the designed cues of
:mod:`.cues`, plus the trained headline model's evidence for satire). The
mixture model documented in ``data/nlp/tone_cues.yaml`` adds them up: an article
of tone T is one in which a share ``rate`` of sentences carry T's cues, while
straight news has a share ``news_rate`` of such sentences. A single joke in a
long report therefore moves it little, and a piece that jokes throughout is
satire even when every figure in it is real.

The title, when there is one, adds the satire model's evidence to the
satire log-odds directly (see :mod:`.title`).

The probabilities of the four tones are a softmax of their log-odds against
news. The article-level satire model (:mod:`.article`), when it judged the
article, has the last word on satire: at or above its threshold the article
is satire. The satire model's sentence evidence is Platt-calibrated on held-out
headlines; the mixture's priors and rates are documented design choices (no
labelled full-article corpus was available to fit them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ...settings import Settings
from .cues import Lexicon, family_totals, load_lexicon, read_cues
from .model import SatireModel, load_model
from .text import Syntax
from .title import Title

FloatArray = npt.NDArray[np.float64]

LABELS = ("news", "analysis", "opinion", "satire")
EVIDENCE_SIZE = 3


@dataclass(frozen=True)
class ToneResult:
    """An article's tone: label, its probability, every tone's probability, evidence.

    ``evidence`` holds sentence indices, the heaviest first; ``weights`` holds,
    per tone, each sentence's contribution to that tone's log-odds.
    """

    label: str
    score: float
    probabilities: dict[str, float]
    evidence: tuple[int, ...]
    weights: dict[str, FloatArray]


def sentence_ratios(
    sentences: Sequence[str],
    masked: Sequence[str],
    model: SatireModel | None = None,
    lexicon: Lexicon | None = None,
    syntax: Sequence[Syntax] | None = None,
) -> dict[str, FloatArray]:
    """Per tone, each sentence's log-likelihood ratio against plain reporting.

    ``sentences`` are the sentence texts; ``masked`` the same with quoted
    speech blanked (see :func:`.cues.blank_quotes`); ``syntax`` each
    sentence's tags and dependency labels when the text was parsed (without
    it the satire model reads the text alone).
    """
    model = model or load_model()
    lexicon = lexicon or load_lexicon()
    totals = family_totals(read_cues(masked, lexicon), lexicon)
    short = np.array([len(s.split()) <= lexicon.headline_max_words for s in sentences])
    headline = np.zeros(len(sentences))
    if short.any():
        rows = [int(i) for i in np.flatnonzero(short)]
        chosen = [sentences[i] for i in rows]
        parses = None if syntax is None else [syntax[i] for i in rows]
        ratio = model.log_likelihood_ratio(chosen, parses) - lexicon.headline_margin
        headline[short] = np.maximum(0.0, ratio)
    satire = totals["satire"] + lexicon.headline_scale * headline
    totals["satire"] = np.minimum(satire, lexicon.max_sentence_weight)
    return totals


def decide(
    ratios: dict[str, FloatArray],
    satire_min_score: float = Settings.satire_min_score,
    lexicon: Lexicon | None = None,
    title: Title | None = None,
    article: tuple[float, float] | None = None,
    declared: Mapping[str, int] | None = None,
) -> ToneResult:
    """The article's tone from its sentences' log-likelihood ratios (and its title's).

    ``article`` is the article model's probability of satire and its
    threshold (see :mod:`.article`): at or above the threshold the article is
    satire whatever its sentences say, and the satire probability reported is
    the higher of the two models'. ``declared`` maps a tone to the sentence in
    which the piece declares itself of that tone (:func:`.cues.declarations`);
    that sentence weighs the cue file's ``declared`` log-odds for it.
    """
    lexicon = lexicon or load_lexicon()
    log_odds, weights = _mixture(ratios, lexicon, title, declared or {})
    probabilities = _softmax(log_odds)
    ranked = sorted(LABELS, key=lambda name: -probabilities[name])
    label = ranked[0]
    if label == "satire" and probabilities["satire"] < satire_min_score:
        label = ranked[1]
    if article is not None:
        chance, threshold = article
        probabilities = _with_satire(probabilities, max(chance, probabilities["satire"]))
        if chance >= threshold:
            label = "satire"
    return ToneResult(
        label=label,
        score=round(probabilities[label], 4),
        probabilities={k: round(v, 4) for k, v in probabilities.items()},
        evidence=_evidence(weights, label) or _title_evidence(title, label),
        weights=weights,
    )


def _mixture(
    ratios: dict[str, FloatArray],
    lexicon: Lexicon,
    title: Title | None,
    declared: Mapping[str, int],
) -> tuple[dict[str, float], dict[str, FloatArray]]:
    """Each tone's log-odds against news, and each sentence's share of it."""
    mixture = lexicon.mixture
    news_prior = mixture["news"]["prior"]
    log_odds = {"news": 0.0}
    weights: dict[str, FloatArray] = {}
    for label in LABELS[1:]:
        params = mixture[label]
        r = np.exp(ratios[label])
        terms = np.log(
            (params["rate"] * r + 1.0 - params["rate"])
            / (params["news_rate"] * r + 1.0 - params["news_rate"])
        )
        extra = 0.0
        if label == "satire" and title is not None:
            terms[list(title.members)] = 0.0
            others = np.delete(ratios[label], list(title.members))
            ratio = title.ratio if (others >= lexicon.title_support).any() else 0.0
            if title.index is None:
                extra = ratio
            else:
                terms[title.index] = ratio
        if label in declared:
            terms[declared[label]] = lexicon.declared[label]
        weights[label] = terms
        log_odds[label] = math.log(params["prior"] / news_prior) + float(terms.sum()) + extra
    weights["news"] = ratios["news"]
    return log_odds, weights


def _with_satire(probabilities: dict[str, float], satire: float) -> dict[str, float]:
    """``probabilities`` with satire set to ``satire`` and the others scaled to the rest."""
    rest = sum(v for k, v in probabilities.items() if k != "satire")
    factor = (1.0 - satire) / rest if rest > 0 else 0.0
    return {k: satire if k == "satire" else v * factor for k, v in probabilities.items()}


def _title_evidence(title: Title | None, label: str) -> tuple[int, ...]:
    """The title sentence as evidence of satire when no other sentence weighs for it."""
    if label == "satire" and title is not None and title.index is not None:
        return (title.index,)
    return ()


def _softmax(log_odds: dict[str, float]) -> dict[str, float]:
    top = max(log_odds.values())
    exps = {name: math.exp(value - top) for name, value in log_odds.items()}
    total = sum(exps.values())
    return {name: exps[name] / total for name in LABELS}


def _evidence(weights: dict[str, FloatArray], label: str) -> tuple[int, ...]:
    """Up to three sentences that added most to the label, heaviest first."""
    column = weights[label]
    order = np.argsort(-column, kind="stable")
    return tuple(int(i) for i in order[:EVIDENCE_SIZE] if column[i] > 0)
