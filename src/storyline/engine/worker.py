"""What runs on a Dask worker: the pipeline, built once per process, and one partition's task.

:class:`PipelineLoader` is a Dask worker plugin: registered by the engine as
soon as it is connected, it starts building the pipeline on each worker (and
on any worker that joins later) in a thread of its own, so the worker builds
it while the command's process is still reading the inputs, and the first
task waits only for what is left of the build.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from distributed.diagnostics.plugin import WorkerPlugin

from ..files import write_atomic
from ..models import Article
from ..nlp import build_nlp
from ..pipeline import analyze_articles
from ..settings import Settings
from .shards import shard_bytes

if TYPE_CHECKING:
    from distributed import Worker
    from spacy.language import Language

#: The pipeline of this process, by the settings it was built with (one at a time).
_NLP: dict[Settings, Language] = {}
_BUILDING = threading.Lock()


def worker_nlp(settings: Settings) -> Language:
    """The pipeline of this worker process, built once (here or by :class:`PipelineLoader`)."""
    with _BUILDING:
        if settings not in _NLP:
            if _NLP:
                gc.unfreeze()  # the pipeline built before may go
            _NLP.clear()
            _NLP[settings] = build_nlp(settings)
            gc.freeze()  # it lives as long as the worker: out of full collections
        return _NLP[settings]


class PipelineLoader(WorkerPlugin):
    """Start building the pipeline of ``settings`` on each worker as it joins."""

    name = "storyline-pipeline"
    idempotent = False  # a run with other settings replaces it

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Worker) -> None:
        # A thread, so the worker's event loop goes on; a failed build is
        # raised again by the first task, which builds it again.
        threading.Thread(
            target=worker_nlp, args=(self.settings,), name="storyline-pipeline", daemon=True
        ).start()


def analyze_partition(
    articles: list[Article], settings: Settings, target: str | None = None
) -> bytes | None:
    """Run on a worker: analyze ``articles`` into a shard.

    The shard is written to ``target`` when given (a disk the caller shares),
    and None returned; else its Parquet bytes are returned.
    """
    results = list(analyze_articles(articles, worker_nlp(settings), settings))
    data = shard_bytes(results)
    if target is None:
        return data
    write_atomic(Path(target), data)
    return None


__all__ = ["PipelineLoader", "analyze_partition", "worker_nlp"]
