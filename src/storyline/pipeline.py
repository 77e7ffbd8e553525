"""The library entry point: analyse inputs end to end.

``ingest -> nlp -> claims`` runs per article, streaming through ``nlp.pipe``;
each analysis is written to the store (one transaction per article) or kept
in memory; then ``reconcile`` builds the story over every stored article and
``report`` writes ``story.json`` and ``report.html``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .claims import analyse_doc
from .errors import AnalysisError
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
    rebuilt: bool = False

    @property
    def exit_code(self) -> int:
        """0, 3 (something skipped or repaired) or 1 (nothing to show); see the README."""
        if self.rebuilt and self.story.articles:
            return EXIT_SKIPPED if self.skipped else EXIT_OK
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
    """Analyse ``paths`` and write the story (and the store, when ``db`` is given).

    ``story.json`` and ``report.html`` are written to ``out_dir`` only when
    the run has a story to show (:attr:`RunReport.exit_code` is not
    :data:`EXIT_NOTHING`): a run that read nothing leaves earlier outputs as
    they were. With a ``db`` and no ``paths``, the story is rebuilt from
    every stored article (``rebuilt`` in the report).
    """
    settings = settings or Settings()
    progress = progress or Progress()
    articles, skipped = _read_all(paths, settings, progress)
    store = Store.open(db) if db is not None else None
    try:
        report = analyse_into(articles, skipped, settings, store, progress=progress, nlp=nlp)
        report = dataclasses.replace(report, rebuilt=store is not None and not paths)
    finally:
        if store is not None:
            store.close()
    if out_dir is not None and report.exit_code != EXIT_NOTHING:
        report = dataclasses.replace(report, outputs=write_outputs(report.story, out_dir))
    return report


def write_outputs(story: Story, out_dir: Path) -> tuple[Path, ...]:
    """Write ``story.json`` and ``report.html`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "story.json", out_dir / "report.html"
    write_story_json(story, json_path)
    write_report(story, html_path)
    return json_path, html_path


def stale_story_warning(db: Path | str, left_out: Sequence[str]) -> str:
    """What ``export`` says when the stored story leaves out some stored articles."""
    more = f" and {len(left_out) - 5} more" if len(left_out) > 5 else ""
    shown = ", ".join(left_out[:5]) + more
    return (
        f"the story in '{db}' is out of date: {len(left_out)} stored article(s) are not in it "
        f"({shown}); run `storyline analyze --db {db}` to rebuild it"
    )


def analyse_articles(
    articles: Sequence[Article], nlp: Language, settings: Settings
) -> Iterator[ArticleAnalysis | Skipped]:
    """Run the pipeline over ``articles`` in batches, yielding one analysis each.

    An article the pipeline fails on is yielded as a :class:`Skipped` with
    the reason (code S019) instead of stopping the batch: spaCy's error
    handler drops it from its batch, and the others go on. (spaCy's own
    trained components keep their own handlers.)
    """
    failures: dict[str, str] = {}
    pending = {article.id: article for article in articles}
    pairs = ((make_doc(nlp, article), article) for article in articles)
    # Components without a handler of their own (Storyline's) use the
    # pipeline's default; with several workers they run in other processes.
    previous = nlp.default_error_handler
    if settings.workers == 1:
        nlp.default_error_handler = _recorder(failures)
    try:
        for doc, article in nlp.pipe(
            pairs, as_tuples=True, batch_size=settings.batch_size, n_process=settings.workers
        ):
            pending.pop(article.id, None)
            try:
                yield analyse_doc(doc, article)
            except Exception as exc:  # one article's failure must not end the batch
                yield _failed(article, f"{type(exc).__name__}: {exc}")
    finally:
        nlp.default_error_handler = previous
    for article in pending.values():
        yield _failed(article, failures.get(article.id, "the pipeline dropped it"))


def _recorder(failures: dict[str, str]) -> Any:
    """A spaCy error handler noting why each dropped article failed.

    (spaCy types handlers as never returning; this one records and returns,
    which spaCy supports: the failing document is left out of the batch.)
    """

    def record(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[doc._.storyline_article] = f"{name}: {type(exc).__name__}: {exc}"

    return record


def _failed(article: Article, why: str) -> Skipped:
    error = AnalysisError(
        f"Cannot analyse {article.source!r} ({why}); the rest of the batch was analysed. "
        "Please report this with the article."
    )
    return Skipped(article.source, str(error))


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
    failed: list[Skipped] = []
    if todo:
        kept, failed = _analyse_each(todo, nlp or build_nlp(settings), settings, store, progress)
    skipped = [*skipped, *failed]
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
    analysed = len(todo) - len(failed)
    return RunReport(story, analysed, len(articles) - len(todo), tuple(skipped))


def _analyse_each(
    todo: Sequence[Article],
    nlp: Language,
    settings: Settings,
    store: Store | None,
    progress: Progress,
) -> tuple[list[ArticleAnalysis], list[Skipped]]:
    """Analyse ``todo``, saving each analysis to ``store`` (else keeping it)."""
    kept: list[ArticleAnalysis] = []
    failed: list[Skipped] = []
    for analysis in analyse_articles(todo, nlp, settings):
        if isinstance(analysis, Skipped):
            failed.append(analysis)
            progress.skip(analysis)
        elif store is not None:
            store.save_analysis(analysis)
            progress.advance(analysis.article)
        else:
            kept.append(analysis)
            progress.advance(analysis.article)
    return kept, failed


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised ``Doc`` of the article, carrying its id, date and title for the components.

    The text is used as ingest left it (already cut to ``Settings.max_chars``),
    so every offset the components find indexes the article text.
    """
    doc = nlp.make_doc(article.text)
    doc._.storyline_article = article.id
    doc._.storyline_published = article.published.value
    doc._.storyline_published_basis = article.published.basis
    doc._.storyline_title = article.title
    return doc
