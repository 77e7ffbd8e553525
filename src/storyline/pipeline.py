"""The library entry point: analyze inputs end to end.

``ingest -> nlp -> analysis`` runs per article, streaming: articles are read
one at a time and go through ``nlp.pipe`` as they are read, so no more
than a few batches of texts are held at once. Each analysis is written to
the store (one transaction per article) or kept; then ``reconcile`` builds
the story over every stored article and ``report`` writes ``story.json``
and ``report.html``.

The per-article step is an :class:`Engine`: :class:`LocalEngine` runs the
pipeline in this process (or ``Settings.workers`` processes of ``nlp.pipe``);
:class:`storyline.engine.DaskEngine` runs it on a Dask cluster. Both yield
the same records, and everything after them is this module's, so the story
does not depend on the engine.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .errors import EXIT_NOTHING, EXIT_OK, EXIT_SKIPPED, AnalysisError
from .ingest import iter_inputs
from .lexicons import collector_paused, objects_frozen
from .models import Article, ArticleAnalysis, Skipped, Story
from .nlp import build_nlp
from .nlp.overlap import overlapped_pipe
from .reconcile import build_story
from .report import write_report, write_story_json
from .settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .store import Store

#: What an engine yields for each article it was given.
Result = ArticleAnalysis | Skipped


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
    """Callbacks a front end uses to show progress (all optional).

    ``start`` gets the number of articles to analyze when it is known
    beforehand, else ``None`` (inputs are read as they are analyzed).
    """

    start: Callable[[int | None], None] = lambda total: None
    advance: Callable[[Article], None] = lambda article: None
    skip: Callable[[Skipped], None] = lambda item: None


class Engine(Protocol):
    """Runs the per-article step: one :data:`Result` for each article, in any order."""

    def analyze(self, articles: Iterable[Article], settings: Settings) -> Iterator[Result]:
        """Analyze ``articles``; an article that fails is a :class:`Skipped` (S019)."""
        ...


@runtime_checkable
class KeepsResults(Protocol):
    """An engine that keeps what it analyzed and reconciles the story from it itself.

    (The Dask engine keeps its shards, so a run without a store holds no
    analysis in memory before the story is built.)
    """

    def analyze(
        self, articles: Iterable[Article], settings: Settings, *, records: bool = True
    ) -> Iterator[Result]:
        """As :meth:`Engine.analyze`; with ``records=False`` an analysis holds its article alone."""
        ...

    def story(self, skipped: Sequence[Skipped], settings: Settings) -> Story:
        """The story of every article this engine's last run analyzed."""
        ...


@dataclass
class LocalEngine:
    """The pipeline in this process (``nlp.pipe`` with ``Settings.workers`` processes).

    ``nlp`` is built from the settings on the first article when not given.
    """

    nlp: Language | None = None

    def analyze(self, articles: Iterable[Article], settings: Settings) -> Iterator[Result]:
        stream = iter(articles)
        first = next(stream, None)
        if first is None:
            return
        if self.nlp is None:
            self.nlp = build_nlp(settings)
        with objects_frozen():
            yield from analyze_articles(itertools.chain([first], stream), self.nlp, settings)


def analyze(
    paths: Sequence[Path | str],
    settings: Settings | None = None,
    *,
    out_dir: Path | None = None,
    db: Path | str | None = None,
    progress: Progress | None = None,
    nlp: Language | None = None,
    engine: Engine | None = None,
) -> RunReport:
    """Analyze ``paths`` and write the story (and the store, when ``db`` is given).

    Inputs are read lazily, as the engine asks for them. ``engine`` defaults
    to a :class:`LocalEngine` using ``nlp``. ``story.json`` and
    ``report.html`` are written to ``out_dir`` only when the run has a story
    to show (:attr:`RunReport.exit_code` is not :data:`EXIT_NOTHING`): a run
    that read nothing leaves earlier outputs as they were. With a ``db`` and
    no ``paths``, the story is rebuilt from every stored article (``rebuilt``
    in the report).
    """
    settings = settings or Settings()
    return run(
        iter_inputs(paths, settings),
        settings,
        out_dir=out_dir,
        db=db,
        progress=progress,
        engine=engine or LocalEngine(nlp),
        rebuild=db is not None and not paths,
    )


def run(
    inputs: Iterable[Article | Skipped],
    settings: Settings,
    *,
    out_dir: Path | None = None,
    db: Path | str | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
    rebuild: bool = False,
) -> RunReport:
    """Analyze a stream of read inputs (from :mod:`storyline.ingest`) into a story.

    ``rebuild`` says the run was asked only to rebuild a store's story.
    """
    progress = progress or Progress()
    skipped: list[Skipped] = []
    articles = _articles(inputs, progress, skipped)
    store = _open_store(db) if db is not None else None
    try:
        report = analyze_into(articles, skipped, settings, store, progress=progress, engine=engine)
        report = dataclasses.replace(report, rebuilt=store is not None and rebuild)
    finally:
        if store is not None:
            store.close()
    if out_dir is not None and report.exit_code != EXIT_NOTHING:
        report = dataclasses.replace(report, outputs=write_outputs(report.story, out_dir))
    return report


def _open_store(db: Path | str) -> Store:
    from .store import Store  # SQLAlchemy is imported only for a run with a store

    return Store.open(db)


def write_outputs(story: Story, out_dir: Path) -> tuple[Path, ...]:
    """Write ``story.json`` and ``report.html`` into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "story.json", out_dir / "report.html"
    with collector_paused():  # what is written is freed as soon as it is written
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


def analyze_articles(
    articles: Iterable[Article], nlp: Language, settings: Settings
) -> Iterator[Result]:
    """Run the pipeline over ``articles`` in batches, yielding one analysis each.

    ``articles`` is read as ``nlp.pipe`` asks for it (in one process with
    ``Settings.threads`` 2, by the pipeline's own thread: the trained
    components run there, beside Storyline's; see
    :func:`storyline.nlp.overlap.overlapped_pipe`). An article the pipeline
    fails on is yielded as a :class:`Skipped` with the reason (code S019)
    instead of stopping the batch: spaCy's error handler drops it from its
    batch, and the others go on. (spaCy's own trained components keep their
    own handlers.)
    """
    from .analysis.document import analyze_doc  # spaCy: only where the pipeline runs

    failures: dict[str, str] = {}
    pending: dict[str, Article] = {}

    def feed() -> Iterator[tuple[Doc, Article]]:
        for article in articles:
            pending[article.id] = article
            yield make_doc(nlp, article), article

    # Components without a handler of their own (Storyline's) use the
    # pipeline's default; with several workers they run in other processes.
    previous = nlp.default_error_handler
    if settings.workers == 1:
        nlp.default_error_handler = _recorder(failures)
    if settings.workers == 1 and settings.threads > 1:
        docs: Iterator[tuple[Doc, Article]] = overlapped_pipe(nlp, feed(), settings.batch_size)
    else:
        docs = nlp.pipe(
            feed(), as_tuples=True, batch_size=settings.batch_size, n_process=settings.workers
        )
    try:
        for doc, article in docs:
            pending.pop(article.id, None)
            try:
                yield analyze_doc(doc, article)
            except Exception as exc:  # one article's failure must not end the batch
                yield failed(article, f"{type(exc).__name__}: {exc}")
    finally:
        if isinstance(docs, Generator):  # stops the pipeline's thread when the caller stopped early
            docs.close()
        nlp.default_error_handler = previous
    for article in pending.values():
        yield failed(article, failures.get(article.id, "the pipeline dropped it"))


def _recorder(failures: dict[str, str]) -> Any:
    """A spaCy error handler noting why each dropped article failed.

    (spaCy types handlers as never returning; this one records and returns,
    which spaCy supports: the failing document is left out of the batch.)
    """

    def record(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[doc._.storyline_article] = f"{name}: {type(exc).__name__}: {exc}"

    return record


def failed(article: Article, why: str) -> Skipped:
    """The :class:`Skipped` (S019) of an article the pipeline failed on, saying ``why``."""
    error = AnalysisError(
        f"Cannot analyse {article.source!r} ({why}); the rest of the batch was analysed. "
        "Please report this with the article."
    )
    return Skipped(article.source, str(error))


def _articles(
    inputs: Iterable[Article | Skipped], progress: Progress, skipped: list[Skipped]
) -> Iterator[Article]:
    """The articles of ``inputs`` one at a time; each bad input goes to ``skipped``."""
    for item in inputs:
        if isinstance(item, Skipped):
            skipped.append(item)
            progress.skip(item)
        else:
            yield item


def load_nlp(settings: Settings | None = None) -> Language:
    """The language pipeline the functions here run (build it once, pass it as ``nlp=``).

    A long-lived caller such as the web app keeps it to analyze batch after
    batch without loading the model again.
    """
    return build_nlp(settings or Settings())


def analyze_into(
    articles: Iterable[Article],
    skipped: Iterable[Skipped],
    settings: Settings,
    store: Store | None,
    *,
    progress: Progress | None = None,
    nlp: Language | None = None,
    engine: Engine | None = None,
) -> RunReport:
    """Analyze the articles not yet stored with the same text and rebuild the story.

    With a ``store``, each analysis is saved (one transaction per article),
    ``skipped`` is recorded, and the story is rebuilt from every stored
    article and saved; without one, the story covers ``articles`` only.
    ``skipped`` is read once ``articles`` is used up, so a reader may add to
    it as it goes. The engine defaults to a :class:`LocalEngine` using ``nlp``.
    """
    progress = progress or Progress()
    engine = engine or LocalEngine(nlp)
    keeper = engine if isinstance(engine, KeepsResults) else None
    tally = _Tally(store.article_hashes() if store is not None else {}, keep=keeper is None)
    progress.start(len(articles) if isinstance(articles, Sequence) else None)
    if keeper is not None and store is None:  # the engine keeps the records for its story
        results = keeper.analyze(tally.todo(articles), settings, records=False)
    else:
        results = engine.analyze(tally.todo(articles), settings)
    for result in results:
        tally.collect(result, store, progress)
    skipped = [*skipped, *tally.failed]
    with collector_paused():  # the story is built of objects that all live on
        story = _story(tally, skipped, settings, store, keeper)
    return RunReport(story, tally.analysed, tally.unchanged, tuple(skipped))


def _story(
    tally: _Tally,
    skipped: list[Skipped],
    settings: Settings,
    store: Store | None,
    keeper: KeepsResults | None,
) -> Story:
    """The story of the run: from the engine's own results, the kept ones or the store."""
    if store is None and keeper is not None:
        return keeper.story(skipped, settings)
    if store is None:
        return build_story(tally.kept, skipped, actors_file=settings.actors_file)
    store.save_skipped(skipped)
    story = build_story(
        list(store.load_analyses()),
        store.load_skipped(),
        actors_file=settings.actors_file,
    )
    store.save_story(story)
    return story


@dataclass
class _Tally:
    """What one run sent to its engine and what came back."""

    stored: dict[str, str]
    keep: bool = True
    unchanged: int = 0
    analysed: int = 0
    kept: list[ArticleAnalysis] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)

    def todo(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles whose text is not stored yet (counting the others)."""
        if not self.stored:
            yield from articles
            return
        from .store import text_hash

        for article in articles:
            if self.stored.get(article.id) == text_hash(article.text):
                self.unchanged += 1
            else:
                yield article

    def collect(self, result: Result, store: Store | None, progress: Progress) -> None:
        """Save one result to ``store`` (else keep it unless the engine does), or note a failure."""
        if isinstance(result, Skipped):
            self.failed.append(result)
            progress.skip(result)
            return
        if store is not None:
            store.save_analysis(result)
        elif self.keep:
            self.kept.append(result)
        self.analysed += 1
        progress.advance(result.article)


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
