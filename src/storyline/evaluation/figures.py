"""Score figure claims (slot, group, scope, source, incident) against a hand-labelled set.

``storyline eval figures [DIR]`` reads ``DIR/labels.jsonl`` (default: the
set shipped in ``storyline/evaluation/figureset``, described in its
README), builds the articles it labels, runs them through the pipeline as
``storyline analyze`` does (``nlp`` -> claims per article, then
:func:`storyline.reconcile.build_story` over all of them, which fills the
incidents), and scores the claims with
:mod:`storyline.evaluation.figure_scoring`.

An article reference is ``ecbplus:NAME`` for an ECB+ document (its text
is read from ``--ecbplus``, by default ``../shared/data/ecbplus``, never
copied here) or ``text:NAME`` for a ``.txt`` file under ``DIR/articles``.
For an ECB+ document the label's ``sentence`` is the ECB+ sentence number;
for a text it is the sentence as written.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvaluationError
from ..ingest import read_path
from ..ingest.article import build_article
from ..models import Article, ArticleAnalysis, Claim, ClaimSource, Scope
from ..pipeline import analyze_articles, load_nlp
from ..reconcile import build_story
from ..settings import Settings
from .ecbplus import DEFAULT_DIR as ECBPLUS_DIR
from .ecbplus import DOCS as ECBPLUS_DOCS
from .figure_scoring import (
    FIELDS,
    FigureScores,
    GoldFigure,
    field_right,
    field_values,
    score_figures,
)

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_DIR = Path(__file__).resolve().parent / "figureset"
LABELS = "labels.jsonl"
TEXTS = "articles"

# ECB+ sentences are tokens joined by spaces: undo what tokenising split.
_DETOKENISE = (
    (re.compile(r"(?<=\d) , (?=\d{3}\b)"), ","),
    (re.compile(r"(?<=\d) ([.:]) (?=\d)"), r"\1"),
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),
    (re.compile(r" (?=[,.;:!?)\]%])"), ""),
    (re.compile(r"(?<=[(\[$]) "), ""),
    (re.compile(r" (?='s\b|n't\b)"), ""),
)


# ECB+ gives no paragraphs: each sentence becomes a paragraph of its own.
_BREAK = "\n\n"


@dataclass(frozen=True)
class LabelledArticle:
    """An article of the set and where each of its labelled sentences is in its text."""

    article: Article
    sentences: Mapping[int | str, tuple[int, int]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``storyline eval figures``."""
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=DEFAULT_DIR,
        metavar="DIR",
        help="folder with labels.jsonl and articles/ (default: the set shipped with Storyline)",
    )
    parser.add_argument(
        "--ecbplus",
        type=Path,
        default=ECBPLUS_DIR,
        metavar="DIR",
        help="ECB+ folder the ecbplus: articles are read from (default: ../shared/data/ecbplus)",
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="print N figures that miss"
    )


def run(args: argparse.Namespace) -> int:
    """Analyse the labelled articles and print figure recall and per-field scores."""
    records = load_labels(args.path / LABELS)
    articles = load_articles(records, args.path / TEXTS, args.ecbplus)
    figures = gold_figures(records, articles)
    analyses = analyse(a.article for a in articles.values())
    story = build_story(analyses)
    scores = score_figures(figures, story.claims)
    print(report(scores, len(articles)))
    for figure, claim in scores.misses[: args.show_errors]:
        print(describe_miss(figure, claim))
    return 0


def analyse(articles: Iterable[Article], nlp: Language | None = None) -> list[ArticleAnalysis]:
    """The per-article analyses ``storyline analyze`` makes (failed articles left out)."""
    settings = Settings(progress=False)
    done = analyze_articles(list(articles), nlp or load_nlp(settings), settings)
    return [a for a in done if isinstance(a, ArticleAnalysis)]


def load_labels(path: Path) -> list[dict[str, Any]]:
    """The label records of ``labels.jsonl``, one per figure."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(
            f"Cannot read '{path}': {exc.strerror or exc}; give the figure set's folder"
        ) from exc
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"'{path}' line {number} is not JSON: {exc}") from exc
    return records


def load_articles(
    records: Iterable[Mapping[str, Any]], texts: Path, ecbplus: Path
) -> dict[str, LabelledArticle]:
    """Every article the records refer to, keyed by its reference."""
    refs = sorted({str(r["article"]) for r in records})
    wanted = {ref.split(":", 1)[1] for ref in refs if ref.startswith("ecbplus:")}
    found = ecbplus_articles(ecbplus, wanted) if wanted else {}
    articles: dict[str, LabelledArticle] = {}
    for ref in refs:
        kind, _, name = ref.partition(":")
        if kind == "ecbplus" and name in found:
            articles[ref] = found[name]
        elif kind == "text":
            articles[ref] = text_article(texts / name)
        else:
            raise EvaluationError(f"No article {ref!r}; check --ecbplus and {texts}")
    return articles


def detokenise(text: str) -> str:
    """An ECB+ sentence as running text: ``6 . 1 - magnitude`` -> ``6.1-magnitude``."""
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


def ecbplus_articles(folder: Path, names: set[str]) -> dict[str, LabelledArticle]:
    """The named ECB+ documents as articles: a URL first line becomes the article's URL."""
    try:
        lines = (folder / ECBPLUS_DOCS).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(
            f"Cannot read '{folder / ECBPLUS_DOCS}': {exc.strerror or exc}; "
            "give the ECB+ folder with --ecbplus"
        ) from exc
    found = {}
    for line in lines:
        record = json.loads(line)
        if record["doc"] in names:
            found[record["doc"]] = ecbplus_article(record)
    return found


def ecbplus_article(record: Mapping[str, Any]) -> LabelledArticle:
    """One ECB+ document: its sentences detokenised, one a paragraph, numbered as in ECB+."""
    url = None
    parts: list[str] = []
    sentences: dict[int | str, tuple[int, int]] = {}
    offset = 0
    for sentence in record["sentences"]:
        text = str(sentence["text"])
        if not parts and url is None and text.startswith("http"):
            url = text.replace(" ", "")
            continue
        line = detokenise(text)
        sentences[int(sentence["sentence"])] = (offset, offset + len(line))
        parts.append(line)
        offset += len(line) + len(_BREAK)
    name = str(record["doc"])
    built = build_article(
        _BREAK.join(parts),
        f"ecbplus/{name}",
        Settings(),
        article_id=name.removesuffix(".xml"),
        url=url,
    )
    article = next(a for a in built if isinstance(a, Article))
    return LabelledArticle(article, sentences)


def text_article(path: Path) -> LabelledArticle:
    """A committed ``.txt`` article, read as ``storyline analyze`` reads it."""
    items = list(read_path(path, Settings()))
    article = next((a for a in items if isinstance(a, Article)), None)
    if article is None:
        raise EvaluationError(f"Cannot read the figure set's article '{path}'")
    return LabelledArticle(article, {})


def gold_figures(
    records: Iterable[Mapping[str, Any]], articles: Mapping[str, LabelledArticle]
) -> list[GoldFigure]:
    """The records as :class:`GoldFigure`, each located in its article's text."""
    return [gold_figure(r, articles[str(r["article"])]) for r in records]


def gold_figure(record: Mapping[str, Any], labelled: LabelledArticle) -> GoldFigure:
    """One record located: its sentence in the article, its surface inside the sentence."""
    text = labelled.article.text
    sentence = record["sentence"]
    if isinstance(sentence, int):
        start, end = labelled.sentences.get(sentence, (0, 0))
    else:
        start = text.find(str(sentence))
        end = start + len(str(sentence))
    where = _surface(text, start, end, str(record["surface"])) if start >= 0 else None
    if where is None:
        raise EvaluationError(
            f"{record['surface']!r} is not in sentence {sentence!r} "
            f"of {record['article']}; fix the label"
        )
    source = record.get("source")
    scope = record.get("scope") or {}
    return GoldFigure(
        article=labelled.article.id,
        start=where[0],
        end=where[1],
        surface=str(record["surface"]),
        value=float(record["value"]),
        vague=bool(record.get("vague")),
        slot=str(record["slot"]),
        group=record.get("group"),
        scope=Scope(scope.get("kind", "unknown"), scope.get("start"), scope.get("end")),
        source=ClaimSource(None, source, record.get("source_kind") or "named") if source else None,
        incident=record.get("incident"),
    )


def _surface(text: str, start: int, end: int, surface: str) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``surface`` in ``text[start:end]``."""
    pattern = re.compile(r"(?<![\w.,])" + re.escape(surface) + r"(?![\w]|[.,]\d)")
    match = pattern.search(text, start, end)
    return (match.start(), match.end()) if match else None


def report(scores: FigureScores, articles: int) -> str:
    """The printed scores: recall, then accuracy per field, then incident pairs."""
    lines = [
        f"Figure set: {scores.gold} figures in {articles} articles",
        f"  figure recall     {scores.matched}/{scores.gold} = {scores.recall:.3f}",
        "  accuracy over the matched figures:",
    ]
    rows = [(name, scores.fields[name]) for name in FIELDS]
    rows += [
        ("source, attributed", scores.sources[0]),
        ("source, own voice", scores.sources[1]),
    ]
    for name, score in rows:
        lines.append(f"    {name:<18} {score.right:>4}/{score.total:<4} = {score.accuracy:.3f}")
    precision, recall, f1 = scores.incident
    lines.append(f"  incident (pairwise) P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    return "\n".join(lines)


def describe_miss(figure: GoldFigure, claim: Claim | None) -> str:
    """One line on a figure that was missed or got a field wrong."""
    head = f"- {figure.article} {figure.surface!r}"
    if claim is None:
        return f"{head}: no claim"
    wrong = [
        "{}: gold {!r}, got {!r}".format(name, *field_values(name, figure, claim))
        for name in FIELDS
        if not field_right(name, figure, claim)
    ]
    return f"{head}: " + "; ".join(wrong)
