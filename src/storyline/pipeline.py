"""The library entry point: analyse inputs end to end.

``ingest -> nlp -> claims`` runs per article, streaming through ``nlp.pipe``;
each analysis is written to the store (one transaction per article) or kept
in memory; then ``reconcile`` builds the story over every stored article and
``report`` writes ``story.json`` and ``report.html``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .claims import analyse_doc
from .ingest import iter_inputs
from .models import Article, ArticleAnalysis, Skipped, Story
from .nlp import build_nlp
from .reconcile import build_story
from .report import write_report, write_story_json
from .settings import Settings
from .store import Store, text_hash

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Exit statuses of ``storyline analyze`` (documented in the README).
EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3


@dataclass(frozen=True)
class RunReport:
    """What one ``analyze`` run did."""

    story: Story
    analysed: int
    unchanged: int
    skipped: tuple[Skipped, ...]
    outputs: tuple[Path, ...] = ()

    @property
    def exit_code(self) -> int:
        if self.analysed == 0 and self.unchanged == 0:
            return EXIT_NOTHING
        return EXIT_SKIPPED if self.skipped else EXIT_OK


@dataclass
class Progress:
    """Callbacks a front end uses to show progress (all optional)."""

    start: Callable[[int], None] = lambda total: None
    advance: Callable[[Article], None] = lambda article: None
    skip: Callable[[Skipped], None] = lambda item: None


def analyze(
    paths: Sequence[Path | str],
    settings: Settings | None = None,
    *,
    out_dir: Path | None = None,
    db: Path | str | None = None,
    progress: Progress | None = None,
    nlp: Language | None = None,
) -> RunReport:
    """Analyse ``paths`` and write the story (and the store, when ``db`` is given)."""
    settings = settings or Settings()
    progress = progress or Progress()
    articles, skipped = _read_all(paths, settings, progress)
    store = Store.open(db) if db is not None else None
    try:
        report = analyse_into(articles, skipped, settings, store, progress=progress, nlp=nlp)
    finally:
        if store is not None:
            store.close()
    if out_dir is not None:
        report = dataclasses.replace(report, outputs=write_outputs(report.story, out_dir))
    return report


def write_outputs(story: Story, out_dir: Path) -> tuple[Path, ...]:
    """Write ``story.json`` and ``report.html`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "story.json", out_dir / "report.html"
    write_story_json(story, json_path)
    write_report(story, html_path)
    return json_path, html_path


def analyse_articles(
    articles: Iterable[Article], nlp: Language, settings: Settings
) -> Iterator[ArticleAnalysis]:
    """Run the pipeline over ``articles`` in batches, yielding one analysis each."""
    pairs = ((_make_doc(nlp, article, settings), article) for article in articles)
    for doc, article in nlp.pipe(
        pairs, as_tuples=True, batch_size=settings.batch_size, n_process=settings.workers
    ):
        yield analyse_doc(doc, article)


def _read_all(
    paths: Sequence[Path | str], settings: Settings, progress: Progress
) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_inputs(paths, settings):
        if isinstance(item, Skipped):
            skipped.append(item)
            progress.skip(item)
        else:
            articles.append(item)
    return articles, skipped


def load_nlp(settings: Settings | None = None) -> Language:
    """The language pipeline the functions here run (build it once, pass it as ``nlp=``).

    A long-lived caller such as the web app keeps it to analyse batch after
    batch without loading the model again.
    """
    return build_nlp(settings or Settings())


def analyse_into(
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    settings: Settings,
    store: Store | None,
    *,
    progress: Progress | None = None,
    nlp: Language | None = None,
) -> RunReport:
    """Analyse the articles not yet stored with the same text and rebuild the story.

    With a ``store``, each analysis is saved (one transaction per article),
    ``skipped`` is recorded, and the story is rebuilt from every stored
    article and saved; without one, the story covers ``articles`` only.
    ``nlp`` is built from ``settings`` when not given and something needs
    analysing.
    """
    progress = progress or Progress()
    stored = store.article_hashes() if store is not None else {}
    todo = [a for a in articles if stored.get(a.id) != text_hash(a.text)]
    progress.start(len(todo))
    kept: list[ArticleAnalysis] = []
    if todo:
        nlp = nlp or build_nlp(settings)
        for analysis in analyse_articles(todo, nlp, settings):
            if store is not None:
                store.save_analysis(analysis)
            else:
                kept.append(analysis)
            progress.advance(analysis.article)
    if store is None:
        story = build_story(kept, skipped, actors_file=settings.actors_file)
    else:
        store.save_skipped(skipped)
        story = build_story(
            list(store.load_analyses()),
            store.load_skipped(),
            actors_file=settings.actors_file,
        )
        store.save_story(story)
    return RunReport(story, len(todo), len(articles) - len(todo), tuple(skipped))


def _make_doc(nlp: Language, article: Article, settings: Settings) -> Doc:
    doc = nlp.make_doc(article.text[: settings.max_chars])
    doc._.storyline_article = article.id
    doc._.storyline_published = article.published.value
    doc._.storyline_published_basis = article.published.basis
    return doc
