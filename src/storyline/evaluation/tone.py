"""Score article tone: satire on held-out headlines and articles, false satire on news.

``storyline eval tone`` prints four things:

1. **Headlines** (``--headlines CSV``, the sarcasm-headlines data): accuracy,
   precision, recall and F1 for satire on the held-out test split (the fixed
   hash split of :mod:`storyline.nlp.tone.headlines`, never seen in training),
   using the shipped model at calibrated probability >= 0.5. The headlines
   are parsed by the English pipeline's tagger and parser, as in training, so
   these are the scores ``scripts/train_tone.py`` recorded; a second line
   gives the scores of the text-only fallback (no parse).
2. **Headlines and articles side by side**: the headline scores above next to
   the held-out split of whole articles (``--horne JSONL``, the Horne & Adali
   articles; the fixed split of :mod:`storyline.nlp.tone.articles`: satire
   from site families never seen in training, and a quarter of the real and
   fabricated news), with precision, recall and F1 of satire and the share
   of real and of fabricated news called satire.
3. **Straight news** (``--news PATH...``; default: the TimeBank and AQUAINT
   documents, NewsQuant and the ECB+ documents under ``../shared/data``): every input is a news
   report, so each ``satire`` label is a false positive. JSONL files are read
   one article per line (``text``, with its ``title`` as first line when it
   has one), a JSON list of ``{"text"}`` sentences (NewsQuant) is grouped
   into pseudo-articles of ``--group`` sentences, and
   ``.txt`` files or directories of them are articles. Prints the label counts,
   the false-satire rate and the highest satire probability seen.
4. **Labelled articles** (``--articles DIR``): a folder with ``satire/`` and
   ``news/`` (optionally ``opinion/``, ``analysis/``) subfolders of ``.txt``
   articles. Prints the confusion table, accuracy, satire precision, recall
   and F1, and the false-satire rate on ``news/``.

Articles go through the English pipeline's tagger and parser (sentences, tags
and dependency labels) and the ``storyline_tone`` component, as in
``storyline analyze``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import EvaluationError
from ..nlp.tone.article import load_article_model
from ..nlp.tone.articles import read_labelled, split_of
from ..nlp.tone.decide import LABELS
from ..nlp.tone.headlines import DEFAULT_SEED, read_headlines, split_headlines
from ..nlp.tone.model import load_model
from ..nlp.tone.syntax import load_parser, parse_syntax
from ..settings import Settings, default_shared_dir

if TYPE_CHECKING:
    from spacy.language import Language

_SHARED = default_shared_dir() / "data"
DEFAULT_HEADLINES = _SHARED / "sarcasm-headlines" / "Sarcasm_Headlines_Dataset.csv"
DEFAULT_HORNE = _SHARED / "horne2017-political-news" / "articles.jsonl"
DEFAULT_NEWS = (
    _SHARED / "timebank-aquaint" / "derived" / "TBAQ-TimeBank.timex.jsonl",
    _SHARED / "timebank-aquaint" / "derived" / "TBAQ-AQUAINT.timex.jsonl",
    _SHARED / "newsquant" / "NewsQuant.json",
    _SHARED / "ecbplus" / "derived" / "ecbplus_test_topics.docs.jsonl",
)
GOLD_FOLDERS = ("news", "analysis", "opinion", "satire")


@dataclass(frozen=True)
class Binary:
    """Precision, recall and F1 of one label from its counts."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``storyline eval tone``."""
    parser.add_argument(
        "--headlines",
        type=Path,
        default=DEFAULT_HEADLINES,
        metavar="CSV",
        help="sarcasm-headlines CSV (default: ../shared/data/sarcasm-headlines/...)",
    )
    parser.add_argument(
        "--seed", default=DEFAULT_SEED, metavar="SALT", help="salt of the headline split"
    )
    _add_corpus_arguments(parser)
    parser.add_argument(
        "--group",
        type=int,
        default=10,
        metavar="N",
        help="sentences per NewsQuant pseudo-article (default 10)",
    )
    parser.add_argument(
        "--articles",
        type=Path,
        metavar="DIR",
        help="folder with satire/ and news/ (and opinion/, analysis/) subfolders of .txt",
    )


def _add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """The options naming the labelled articles and the straight news."""
    parser.add_argument(
        "--horne",
        type=Path,
        nargs="?",
        default=DEFAULT_HORNE,
        metavar="JSONL",
        help="labelled whole articles (default: ../shared/data/horne2017-political-news/"
        "articles.jsonl; give --horne alone to skip)",
    )
    parser.add_argument(
        "--staged",
        type=Path,
        metavar="JSONL",
        help="more labelled articles, staged by scripts/stage_tone_corpora.py; their "
        "held-out split is scored in a column of its own",
    )
    parser.add_argument(
        "--news",
        type=Path,
        nargs="*",
        metavar="PATH",
        help="straight-news inputs: .jsonl, NewsQuant .json, .txt or folders "
        "(default: TimeBank, AQUAINT, NewsQuant and ECB+ under ../shared/data; "
        "give --news alone to skip)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the scores; 0 when everything asked for could be scored."""
    if args.group < 1:
        raise EvaluationError(f"--group must be 1 or more, not {args.group}")
    nlp = tone_pipeline()
    headlines = headline_scores(args.headlines, args.seed, nlp)
    print(headline_report(headlines, args.seed))
    print(headline_report(headline_scores(args.headlines, args.seed), args.seed, parsed=False))
    columns = [
        (name, held_out_article_scores(nlp, path))
        for name, path in (("articles (Horne)", args.horne), ("articles (staged)", args.staged))
        if path is not None
    ]
    if columns:
        print(side_by_side(headlines[1], columns))
    news = list(DEFAULT_NEWS if args.news is None else args.news)
    if news:
        print(news_report(nlp, news, args.group))
    if args.articles:
        print(articles_report(nlp, args.articles))
    return 0


def headline_scores(
    path: Path, seed: str = DEFAULT_SEED, nlp: Language | None = None
) -> tuple[int, Binary]:
    """Satire counts of the shipped model on the held-out headlines.

    With ``nlp`` (a pipeline with a tagger and a parser) each headline is
    parsed and scored with the parse blocks; without it, by its text alone.
    """
    test = split_headlines(read_headlines(path), seed)["test"]
    if not test:
        raise EvaluationError(f"{str(path)!r} has no held-out headlines for seed {seed!r}")
    texts = [h.text for h in test]
    syntax = None
    if nlp is not None:
        with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("storyline")]):
            syntax = parse_syntax(nlp, texts)
    predicted = load_model().probability(texts, syntax) >= 0.5
    gold = np.array([h.label == 1 for h in test])
    return len(test), Binary(
        tp=int(np.sum(predicted & gold)),
        fp=int(np.sum(predicted & ~gold)),
        fn=int(np.sum(~predicted & gold)),
        tn=int(np.sum(~predicted & ~gold)),
    )


def headline_report(scores: tuple[int, Binary], seed: str, parsed: bool = True) -> str:
    size, counts = scores
    how = "tags and dependency labels from the parser" if parsed else "text only, no parse"
    return (
        f"Satire headlines, held-out test split (seed {seed!r}, {size} headlines; {how}):\n"
        f"  accuracy {counts.accuracy:.4f}  precision {counts.precision:.4f}  "
        f"recall {counts.recall:.4f}  F1 {counts.f1:.4f}"
    )


@dataclass(frozen=True)
class ArticleScores:
    """Satire counts on the held-out articles, and false satire by kind of news."""

    counts: Binary
    real: tuple[int, int]
    fake: tuple[int, int]
    #: Satire found and satire held out, by site or site family.
    by_group: dict[str, tuple[int, int]]


def held_out_article_scores(nlp: Language, path: Path) -> ArticleScores:
    """The tone component's satire labels on the held-out split of whole articles."""
    test = [a for a in read_labelled(path) if split_of(a) == "test"]
    if not test:
        raise EvaluationError(f"{str(path)!r} has no held-out articles")
    texts = [f"{a.title}\n\n{a.text}" if a.title else a.text for a in test]
    said = np.array([t["label"] == "satire" for t in label_texts(nlp, texts)])
    gold = np.array([a.satire for a in test])
    kinds = np.array([a.kind for a in test])
    return ArticleScores(
        counts=Binary(
            tp=int(np.sum(said & gold)),
            fp=int(np.sum(said & ~gold)),
            fn=int(np.sum(~said & gold)),
            tn=int(np.sum(~said & ~gold)),
        ),
        real=(int(np.sum(said & (kinds == "real"))), int(np.sum(kinds == "real"))),
        fake=(int(np.sum(said & (kinds == "fake"))), int(np.sum(kinds == "fake"))),
        by_group={
            group: (int(np.sum(said & in_group)), int(np.sum(in_group)))
            for group in sorted({a.group for a in test if a.satire})
            for in_group in [gold & np.array([a.group == group for a in test])]
        },
    )


def side_by_side(headlines: Binary, columns: Sequence[tuple[str, ArticleScores]]) -> str:
    """The headline split and each held-out article split in columns of their own."""
    rows = [("", "headlines", *[name for name, _ in columns])]
    rows.append(("satire items", str(headlines.tp + headlines.fn),
                 *[str(a.counts.tp + a.counts.fn) for _, a in columns]))  # fmt: skip
    rows.append(("all items", str(_total(headlines)), *[str(_total(a.counts)) for _, a in columns]))
    for name in ("precision", "recall", "f1"):
        rows.append((name, f"{getattr(headlines, name):.4f}",
                     *[f"{getattr(a.counts, name):.4f}" for _, a in columns]))  # fmt: skip
    rows.append(("real news called satire", "-", *[_rate(*a.real) for _, a in columns]))
    rows.append(("fabricated news called satire", "-", *[_rate(*a.fake) for _, a in columns]))
    embeddings = load_article_model().embeddings
    lines = [
        "Satire, held-out splits (articles: satire sites never trained on; "
        f"article model on {embeddings} embeddings):"
    ]
    lines += ["  " + f"{row[0]:<30}" + "".join(f"{cell:>19}" for cell in row[1:]) for row in rows]
    for name, scores in columns:
        found = ", ".join(
            f"{group} {hit}/{total}" for group, (hit, total) in scores.by_group.items()
        )
        lines.append(f"  satire found by site, {name}: {found}")
    return "\n".join(lines)


def _total(counts: Binary) -> int:
    return counts.tp + counts.fp + counts.fn + counts.tn


def tone_pipeline(settings: Settings | None = None) -> Language:
    """The English pipeline cut to what tone needs: tagger and parser, then tone."""
    from ..nlp import register_components

    settings = settings or Settings()
    register_components()
    nlp = load_parser(settings.model)
    nlp.add_pipe("storyline_tone")
    return nlp


def label_texts(nlp: Language, texts: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The tone the component gives each text (``label``, ``score``, ``probabilities``)."""
    for doc in nlp.pipe(texts, batch_size=Settings.batch_size):
        yield dict(doc._.storyline_tone)


def news_report(nlp: Language, paths: Sequence[Path], group: int) -> str:
    """Label counts and false-satire rate on each straight-news input."""
    lines = ["Straight news (every satire label is a false positive):"]
    total, false, highest = 0, 0, 0.0
    for path in paths:
        tones = list(label_texts(nlp, news_texts(path, group)))
        counts = Counter(t["label"] for t in tones)
        top = max((t["probabilities"]["satire"] for t in tones), default=0.0)
        total, false, highest = total + len(tones), false + counts["satire"], max(highest, top)
        lines.append(
            f"  {path.name}: {len(tones)} articles; "
            + ", ".join(f"{label} {counts[label]}" for label in LABELS)
            + f"; false satire {_rate(counts['satire'], len(tones))}; max p(satire) {top:.3f}"
        )
    lines.append(f"  all: false satire {_rate(false, total)}; max p(satire) {highest:.3f}")
    return "\n".join(lines)


def news_texts(path: Path, group: int) -> list[str]:
    """Article texts from a straight-news input (see the module docstring)."""
    if path.is_dir():
        return [_read(p) for p in sorted(path.rglob("*.txt"))]
    if path.suffix == ".txt":
        return [_read(path)]
    raw = _read(path)
    try:
        if path.suffix == ".jsonl":
            return [_titled(json.loads(line)) for line in raw.splitlines() if line.strip()]
        sentences = [str(item["text"]).strip() for item in json.loads(raw)]
    except (ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(
            f"{str(path)!r} is not JSONL articles or a JSON list of sentences with 'text': {exc}"
        ) from exc
    return [" ".join(sentences[i : i + group]) for i in range(0, len(sentences), group)]


def _titled(record: dict[str, Any]) -> str:
    """An article's text with its title as the first line, as a plain-text article has it."""
    if "sentences" in record:
        return _ecbplus_text(record)
    text, title = str(record["text"]), str(record.get("title") or "").strip()
    return f"{title}\n\n{text.lstrip()}" if title else text


def _ecbplus_text(record: dict[str, Any]) -> str:
    """An ECB+ document (tokens joined by spaces) as plain text, its title first.

    The address line some documents open with is dropped; the next sentence
    is the title.
    """
    lines = [_detokenize(str(item["text"])) for item in record["sentences"]]
    if lines and lines[0].lower().startswith("http"):
        lines = lines[1:]
    if not lines:
        return ""
    return lines[0] + "\n\n" + " ".join(lines[1:])


def _detokenize(text: str) -> str:
    """Space-joined tokens back to ordinary spacing."""
    text = re.sub(r" ([,.;:!?%)\]]|'s|n't|'re|'ve|'ll|'d|'m)", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text).replace(" - ", "-")


def articles_report(nlp: Language, folder: Path) -> str:
    """Confusion table and satire scores on a folder of labelled articles."""
    gold, texts = labelled_articles(folder)
    predicted = [t["label"] for t in label_texts(nlp, texts)]
    table = Counter(zip(gold, predicted, strict=True))
    counts = Binary(
        tp=table_sum(table, lambda g, p: g == p == "satire"),
        fp=table_sum(table, lambda g, p: g != "satire" and p == "satire"),
        fn=table_sum(table, lambda g, p: g == "satire" and p != "satire"),
        tn=table_sum(table, lambda g, p: g != "satire" and p != "satire"),
    )
    present = [label for label in GOLD_FOLDERS if label in gold]
    lines = [f"Labelled articles in {str(folder)!r} ({len(gold)}; rows gold, columns predicted):"]
    lines.append("  " + " " * 9 + "".join(f"{label:>9}" for label in LABELS))
    for label in present:
        lines.append(f"  {label:>9}" + "".join(f"{table[(label, p)]:>9}" for p in LABELS))
    correct = sum(table[(label, label)] for label in present)
    news_total = sum(1 for g in gold if g == "news")
    lines.append(
        f"  accuracy {correct / len(gold):.4f}; satire precision {counts.precision:.4f} "
        f"recall {counts.recall:.4f} F1 {counts.f1:.4f}; false satire on news "
        f"{_rate(table[('news', 'satire')], news_total)}"
    )
    return "\n".join(lines)


def labelled_articles(folder: Path) -> tuple[list[str], list[str]]:
    """Gold labels and texts from ``folder/<label>/*.txt``."""
    if not (folder / "satire").is_dir() or not (folder / "news").is_dir():
        raise EvaluationError(
            f"{str(folder)!r} needs satire/ and news/ subfolders of .txt articles "
            "(opinion/ and analysis/ may be added)"
        )
    gold, texts = [], []
    for label in GOLD_FOLDERS:
        for path in sorted((folder / label).glob("*.txt")):
            gold.append(label)
            texts.append(_read(path))
    return gold, texts


def table_sum(table: Counter[tuple[str, str]], keep: Any) -> int:
    """Sum of the confusion-table cells whose (gold, predicted) pass ``keep``."""
    return sum(count for (g, p), count in table.items() if keep(g, p))


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "0/0"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"Cannot read {str(path)!r}: {exc}; give UTF-8 text") from exc
