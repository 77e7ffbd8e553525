"""The Dask engine: the per-article step on a Dask cluster, kept in Parquet shards.

``storyline analyze PATH... --engine dask`` reads the inputs here, in this
process, and cuts the articles to analyze into partitions of
``partition_size``. Each partition is one Dask task: a worker builds the
pipeline once (:func:`worker_nlp`), runs :func:`storyline.pipeline.analyze_articles`
over the partition, and sends back its results as one Parquet file, which
this process writes under ``OUT/shards/`` (so workers need no shared disk).
The records are then read back from the shard and go on exactly as the
local engine's do: saved to the store, then reconciled by
:func:`storyline.reconcile.build_story`. The story is the same as the local
engine's.

The shards' schema is :mod:`.shards`'s: one row per article, one column per
part of its analysis. ``<key>`` is a hash of the settings and of each
article's id and text, so an interrupted run started again reads the shards
it finished and submits only the others. On a local cluster the workers
write their shards themselves and send back only the path.

Without a store, the story is reconciled over this run's shards
(:meth:`DaskEngine.story`): DuckDB reads the records without the articles'
texts, which are read back only for the story's wording groups and its
articles.

Failures: a worker that dies loses only the task it was running, which Dask's
scheduler gives to another worker (up to its ``allowed-failures``); a task
that raises is retried ``retries`` times. A partition that still fails has
each of its articles skipped with S019, and the rest of the run goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..files import write_atomic
from ..models import Article, Skipped, Story
from ..nlp import COMPONENTS
from ..pipeline import Result, failed
from ..reconcile import build_story, preload
from ..settings import Settings
from ..store.codec import text_hash
from .shards import (
    SHARD_SCHEMA,
    count_mentions,
    read_analyses,
    read_shard,
    read_texts,
    shard_bytes,
)
from .worker import PipelineLoader, analyze_partition, worker_nlp

if TYPE_CHECKING:
    from distributed import Client
    from distributed import Future as DaskFuture

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Dask settings of the local cluster (its workers get them when they start).
#: Its workers do not sample their own stacks for Dask's profiler (a hundred
#: times a second, taking the interpreter from the pipeline each time), and
#: its processes check their event loops and memory less often: on a
#: machine with as many cores as workers, every cycle they spend is one the
#: pipeline does not get. The nannies start the workers without Dask's
#: ``MALLOC_TRIM_THRESHOLD_`` (which has the C allocator hand memory back to
#: the system after every free of 64 KB or more: the pipeline allocates and
#: frees so much that it cost a worker about 12% more CPU time); the
#: one-thread settings of the numeric libraries (``OMP_NUM_THREADS`` and the
#: like) are kept.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
#: What the local cluster's fork server imports once, before it forks each
#: worker: the modules a worker imports to build its pipeline and analyze
#: (Dask's, spaCy's English, Storyline's components and stages), which each
#: worker would otherwise import for itself.
FORKSERVER_PRELOAD = [
    "distributed",
    "spacy.lang.en",
    *(f"storyline.nlp.components.{module}" for _, module in COMPONENTS),
    "storyline.analysis.document",
    "storyline.engine.worker",
]
#: The Dask preload module of the local cluster's workers: they leave Ctrl-C
#: to the command, which closes the cluster.
WORKER_PRELOAD = "storyline.engine.interrupt"
#: Articles per Dask task: small, so that at the end of a run no worker waits
#: long for another's last task (and an interrupted run loses little).
PARTITION_SIZE = 8


@dataclass
class DaskEngine:
    """Analyze articles on a Dask cluster (the one at ``scheduler``, else a local one).

    Attributes:
        shard_dir: where the Parquet shards go (``OUT/shards``).
        scheduler: address of a running scheduler (``tcp://host:8786``);
            None starts a ``LocalCluster`` of ``workers`` processes.
        workers: worker processes of the local cluster (one thread each).
        partition_size: articles per task.
        ahead: partitions submitted but not yet read back (default: four
            per worker), which bounds this process's memory.
        retries: times a task that raised is run again.
        shards: the shards this run has read back, in order.
    """

    shard_dir: Path
    scheduler: str | None = None
    workers: int = Settings.workers
    partition_size: int = PARTITION_SIZE
    ahead: int | None = None
    retries: int = 2
    shards: list[Path] = field(default_factory=list)
    _workers: list[str] = field(default_factory=list, init=False, repr=False)

    def analyze(
        self, articles: Iterable[Article], settings: Settings, *, records: bool = True
    ) -> Iterator[Result]:
        """One result per article, in input order, read back from the shards.

        With ``records=False`` each analysis holds only its article's
        metadata: the records stay in the shards for :meth:`story`. Once
        there is an article to analyze, the cluster starts (and its workers
        build the pipeline) while the inputs are read, and this process reads
        what reconciliation needs (:func:`storyline.reconcile.preload`) while
        the workers analyze.
        """
        task_settings = dataclasses.replace(settings, workers=1, progress=False)
        self.shards = []
        self.shard_dir.mkdir(parents=True, exist_ok=True)
        stream = iter(articles)
        first = next(stream, None)
        if first is None:
            return
        connection = ExitStack()
        connecting = _in_background(lambda: self._connect(connection, task_settings))
        # this process reconciles at the end: it reads its tables while the workers work
        preloading = _in_background(lambda: preload(settings.actors_file))
        try:
            window: deque[_Part] = deque()
            for part in _partitions(itertools.chain([first], stream), self.partition_size):
                client = connecting.result()
                window.append(self._submit(client, part, task_settings))
                if len(window) >= (self.ahead or 4 * max(1, len(self._workers))):
                    yield from self._collect(window.popleft(), records)
            while window:
                yield from self._collect(window.popleft(), records)
            preloading.result()
        finally:
            if self.scheduler is None:
                _close_later(connecting, connection)  # while the story is built
            else:
                _close(connecting, connection)

    def story(self, skipped: Sequence[Skipped], settings: Settings) -> Story:
        """The story of the analyses in this run's shards, reconciled without their texts.

        The entity mentions are counted by the query engine, not decoded.
        """
        texts: dict[str, str] = {}

        def read() -> dict[str, str]:
            if not texts:
                texts.update(read_texts(self.shards))
            return texts

        story = build_story(
            list(read_analyses(self.shards)),
            skipped,
            actors_file=settings.actors_file,
            texts=read,
            mentions=count_mentions(self.shards),
        )
        articles = tuple(dataclasses.replace(a, text=read()[a.id]) for a in story.articles)
        return dataclasses.replace(story, articles=articles)

    def _connect(self, connection: ExitStack, settings: Settings) -> Client:
        """Connect (starting a local cluster), and have each worker build its pipeline."""
        client = connection.enter_context(self._client())
        client.register_plugin(PipelineLoader(settings))
        self._workers = list(client.scheduler_info()["workers"])
        return client

    @contextmanager
    def _client(self) -> Iterator[Client]:
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler is not None:
            with Client(self.scheduler) as client:  # type: ignore[no-untyped-call]
                yield client
            return
        with (
            dask.config.set(_local_cluster_config()),
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                # any free port: a second run (or anything else) may hold Dask's usual 8787
                dashboard_address=":0",
                preload=[WORKER_PRELOAD],
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            yield client

    def _submit(self, client: Client, articles: list[Article], settings: Settings) -> _Part:
        key = partition_key(articles, settings)
        path = self.shard_dir / f"part-{key}.parquet"
        if path.is_file():
            return _Part(articles, path, None)
        # a local cluster shares this disk: its workers write their shards themselves
        target = str(path.resolve()) if self.scheduler is None else None
        future = client.submit(
            analyze_partition,
            articles,
            settings,
            target,
            key=f"storyline-{key}",
            retries=self.retries,
        )
        return _Part(articles, path, future)

    def _collect(self, part: _Part, records: bool) -> Iterator[Result]:
        if part.future is not None:
            try:
                data: bytes | None = part.future.result()
            except Exception as exc:  # the task failed on every try: skip its articles
                why = f"the Dask task failed: {type(exc).__name__}: {exc}"
                yield from (failed(article, why) for article in part.articles)
                return
            finally:
                part.future.release()  # type: ignore[no-untyped-call]
            if data is not None:
                write_atomic(part.path, data)
        self.shards.append(part.path)
        yield from read_shard(part.path, records=records)


def _local_cluster_config() -> dict[str, object]:
    """:data:`LOCAL_CLUSTER_CONFIG`, with workers forked from a fork server where there is one.

    The fork server is a process started once, which imports
    :data:`FORKSERVER_PRELOAD` before it forks each worker, so the workers
    start with those modules imported. It starts with this process's
    environment when the first worker starts (Dask's pre-spawn settings,
    such as ``OMP_NUM_THREADS``, already in it) and keeps it for the life of
    the process: a later local cluster's workers start with that
    environment. Where the system has no fork server (Windows), the workers
    are spawned as Dask's default has them.
    """
    import multiprocessing

    import dask
    from distributed.utils import get_mp_context

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return LOCAL_CLUSTER_CONFIG
    config = {**LOCAL_CLUSTER_CONFIG, "distributed.worker.multiprocessing-method": "forkserver"}
    with dask.config.set(config):
        # Dask sets its own list on its first call only: this call is that one, or it was earlier
        get_mp_context().set_forkserver_preload(FORKSERVER_PRELOAD)  # type: ignore[no-untyped-call]
    return config


def _in_background(call: Callable[[], _T]) -> Future[_T]:
    """Run ``call`` in a thread of its own; its result (or error) comes through the future."""
    executor = ThreadPoolExecutor(1, thread_name_prefix="storyline-dask")
    try:
        return executor.submit(call)
    finally:
        executor.shutdown(wait=False)


def _close(connecting: Future[Client], connection: ExitStack) -> None:
    """Close the client (and a local cluster) once connecting has ended.

    A failure to connect is not logged here: the run itself raises it.
    """
    wait([connecting])
    try:
        connection.close()
    except Exception as exc:  # nothing is lost: every shard is on disk
        logger.warning("closing the Dask cluster failed: %s: %s", type(exc).__name__, exc)


def _close_later(connecting: Future[Client], connection: ExitStack) -> None:
    """Close the client and the local cluster while the story is built.

    A local cluster takes seconds to stop its workers, which this process
    need not wait for before reconciling. The thread is not a daemon, so the
    process still waits for the workers to stop before it exits.
    """
    threading.Thread(
        target=_close, args=(connecting, connection), name="storyline-dask-close"
    ).start()


@dataclass(frozen=True)
class _Part:
    """One partition: its articles, its shard, and the task making it (None when on disk)."""

    articles: list[Article]
    path: Path
    future: DaskFuture[bytes | None] | None


def _partitions(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    part: list[Article] = []
    for article in articles:
        part.append(article)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def partition_key(articles: Iterable[Article], settings: Settings) -> str:
    """What names a partition's shard: its settings and each article's id and text."""
    digest = hashlib.sha256(repr(settings).encode("utf-8"))
    for article in articles:
        digest.update(f"\n{article.id}\t{text_hash(article.text)}".encode())
    return digest.hexdigest()[:24]


__all__ = [
    "PARTITION_SIZE",
    "SHARD_SCHEMA",
    "DaskEngine",
    "PipelineLoader",
    "analyze_partition",
    "partition_key",
    "read_shard",
    "shard_bytes",
    "worker_nlp",
]
