"""``nlp.pipe`` in two threads: the trained pipeline in one, Storyline's components in the other.

Most of the English pipeline's time is spent in matrix products and the
parser's transition loop, which run without the GIL. :func:`overlapped_pipe`
runs the tokenizer and the trained components (with any Storyline component
placed before them) in a background thread, and Storyline's own components,
which are Python, in the calling thread, so that on a machine with two
cores the one works while the other waits on the GIL-free parts. Each
document goes through the same components in the same order as in
``nlp.pipe``, so the results are the same.

Only the background thread tokenizes (adds words to the vocabulary); the
components run in the calling thread read documents the other thread has
finished with.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

Context = TypeVar("Context")

#: Finished documents the background thread may run ahead by, per batch.
AHEAD_BATCHES = 2
#: How often (seconds) a blocked thread checks whether the other one has stopped.
_POLL = 0.1
#: How long (seconds) a caller that stopped early waits for the background
#: thread to finish its batch (it stops by itself at its next document).
_JOIN = 10.0


def late_components(nlp: Language) -> list[tuple[str, Any]]:
    """The Storyline components that close the pipeline (after every trained one)."""
    late: list[tuple[str, Any]] = []
    for name, proc in reversed(nlp.pipeline):
        if not name.startswith("storyline_"):
            break
        late.append((name, proc))
    return late[::-1]


def overlapped_pipe(
    nlp: Language, items: Iterable[tuple[Doc, Context]], batch_size: int
) -> Generator[tuple[Doc, Context], None, None]:
    """``nlp.pipe(items, as_tuples=True)``, with the late components in this thread.

    A late component that fails on a document calls the pipeline's error
    handler, as ``nlp.pipe`` does; a handler that returns drops the document.
    An error in the background thread is raised here. Stopping early (closing
    the generator) stops the background thread.
    """
    late = [(name, proc, _handler(nlp, proc)) for name, proc in late_components(nlp)]
    done: queue.Queue[Any] = queue.Queue(maxsize=AHEAD_BATCHES * batch_size)
    stop = threading.Event()
    worker = threading.Thread(
        target=_produce,
        args=(nlp, items, batch_size, [name for name, _, _ in late], done, stop),
        name="storyline-pipeline",
        daemon=True,
    )
    worker.start()
    try:
        while not isinstance(item := done.get(), _End):
            if isinstance(item, _Failure):
                raise item.error
            doc = _finish(late, item[0])
            if doc is not None:
                yield doc, item[1]
    finally:
        stop.set()
        worker.join(timeout=_JOIN)


class _Failure:
    """An exception raised in the background thread, carried to the calling thread."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class _End:
    """The background thread has handed over every document."""


def _produce(
    nlp: Language,
    items: Iterable[tuple[Doc, Any]],
    batch_size: int,
    late: list[str],
    done: queue.Queue[Any],
    stop: threading.Event,
) -> None:
    """Run the early part of the pipeline, handing each document over as it is done."""
    try:
        for item in nlp.pipe(
            _until(items, stop), as_tuples=True, batch_size=batch_size, disable=late
        ):
            if not _put(done, item, stop):
                return
    except BaseException as exc:  # carried to the caller, which raises it
        _put(done, _Failure(exc), stop)
        return
    _put(done, _End(), stop)


def _until(items: Iterable[tuple[Doc, Any]], stop: threading.Event) -> Iterator[tuple[Doc, Any]]:
    for item in items:
        if stop.is_set():
            return
        yield item


def _put(done: queue.Queue[Any], item: object, stop: threading.Event) -> bool:
    """Hand ``item`` over unless the caller stopped; whether it was handed over."""
    while not stop.is_set():
        try:
            done.put(item, timeout=_POLL)
            return True
        except queue.Full:
            continue
    return False


def _handler(nlp: Language, proc: Any) -> Callable[..., Any]:
    """The error handler ``nlp.pipe`` would give ``proc``: its own, else the pipeline's."""
    if hasattr(proc, "get_error_handler"):
        handler: Callable[..., Any] = proc.get_error_handler()
        return handler
    return nlp.default_error_handler


def _finish(late: list[tuple[str, Any, Callable[..., Any]]], doc: Doc) -> Doc | None:
    """Run the late components on ``doc`` as ``nlp.pipe`` would (None: a handler dropped it)."""
    for name, proc, handler in late:
        try:
            doc = proc(doc)
        except Exception as exc:
            handler(name, proc, [doc], exc)
            return None
    return doc
