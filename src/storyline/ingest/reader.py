"""Paths to articles: choose a reader per file, walk directories, drop duplicates."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from storyline.errors import (
    DuplicateInputError,
    InputError,
    MalformedRecordError,
    UnreadableInputError,
    UnsupportedInputError,
)
from storyline.ingest.article import content_digest
from storyline.ingest.jsonl import read_jsonl, read_record
from storyline.ingest.txt import read_text, read_txt
from storyline.models import Article, Skipped
from storyline.settings import Settings

Reader = Callable[[Path, Settings], Iterator[Article | Skipped]]


def _read_html(path: Path, settings: Settings) -> Iterator[Article | Skipped]:
    """:func:`storyline.ingest.html.read_html`, importing trafilatura only when a page is read."""
    from storyline.ingest.html import read_html as read

    yield from read(path, settings)


#: The reader for each file extension Storyline understands (compared in lower case).
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".jsonl": read_jsonl,
}


def iter_inputs(
    paths: Sequence[Path | str], settings: Settings | None = None
) -> Iterator[Article | Skipped]:
    """Every article in ``paths``, in order, each text once; bad inputs become :class:`Skipped`.

    Never raises for a bad input. A text already yielded (same
    :func:`~storyline.ingest.article.identity_text`) is skipped with S016
    naming the first copy; an article whose own id is already taken by a
    different text is skipped with S013. Repair notes (S017, S018) come as
    :class:`Skipped` too, beside the article they concern, which is analysed.
    """
    if isinstance(paths, str | Path):
        raise TypeError("iter_inputs() takes a sequence of paths, not a single path")
    settings = settings or Settings()
    registry = _Registry()
    for path in paths:
        for item in read_path(path, settings):
            yield registry.admit(item)


def iter_items(
    items: Iterable[str | Mapping[str, Any] | PathLike[str]], settings: Settings | None = None
) -> Iterator[Article | Skipped]:
    """Like :func:`iter_inputs`, for a program's own inputs: texts, records or paths.

    A ``str`` is an article's text (read like a ``.txt`` file's), a mapping is
    a record in the form of a JSONL line, and a path (``pathlib.Path``) is
    read as a file or directory. Texts and records are named ``item N``
    (counting from 1) unless a record gives its ``source``.
    """
    if isinstance(items, str | Mapping | PathLike):
        raise TypeError("iter_items() takes a sequence of texts, records or paths, not one item")
    settings = settings or Settings()
    registry = _Registry()
    for number, entry in enumerate(items, start=1):
        if isinstance(entry, PathLike):
            found = read_path(Path(entry), settings)
        elif isinstance(entry, str):
            found = read_text(entry, f"item {number}", settings)
        elif isinstance(entry, Mapping):
            found = read_record(dict(entry), f"item {number}", settings)
        else:
            raise TypeError(f"item {number} is a {type(entry).__name__}, not a text, dict or path")
        for item in found:
            yield registry.admit(item)


def read_path(path: Path | str, settings: Settings | None = None) -> Iterator[Article | Skipped]:
    """The articles of one file or directory, without removing duplicates."""
    path = Path(path)
    settings = settings or Settings()
    if not path.is_dir():
        yield from _read_file(path, settings)
        return
    files, problems = list_directory(path)
    yield from problems
    for file in files:
        yield from _read_file(file, settings)


def count_inputs(paths: Sequence[Path | str]) -> int:
    """How many files :func:`iter_inputs` will read (for a progress bar)."""
    total = 0
    for path in map(Path, paths):
        total += len(list_directory(path)[0]) if path.is_dir() else 1
    return total


def list_directory(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Readable files under ``root``, recursively and sorted, and folders that could not be listed.

    Only ``.txt``, ``.html``, ``.htm`` and ``.jsonl`` files are taken; other
    files are ignored, as are hidden files and folders (names starting with
    ``.``, such as editor backups and ``.git``). Symbolic links to folders are
    not followed, so a link loop cannot trap the walk.
    """
    files: list[Path] = []
    problems: list[Skipped] = []

    def failed(exc: OSError) -> None:
        where = str(exc.filename or root)
        reason = exc.strerror or type(exc).__name__
        error = UnreadableInputError(f"Cannot list '{where}': {reason}; check its permissions")
        problems.append(Skipped(where, str(error)))

    for folder, folders, names in os.walk(root, onerror=failed):
        folders[:] = [name for name in folders if not name.startswith(".")]
        files += [
            Path(folder, name)
            for name in names
            if not name.startswith(".") and Path(name).suffix.lower() in READERS
        ]
    return sorted(files), problems


def _read_file(path: Path, settings: Settings) -> Iterator[Article | Skipped]:
    try:
        yield from _reader_for(path)(path, settings)
    except InputError as exc:
        yield Skipped(str(path), str(exc))


def _reader_for(path: Path) -> Reader:
    reader = READERS.get(path.suffix.lower())
    if reader is not None:
        return reader
    if not path.exists():
        raise UnreadableInputError(
            f"Cannot read '{path}': no such file or directory; check the path"
        )
    kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
    raise UnsupportedInputError(
        f"Cannot read '{path}': Storyline reads .txt, .html, .htm and .jsonl files, not {kind}; "
        "convert it to one of those"
    )


class _Registry:
    """The texts and ids seen so far in one run, to analyse each text once."""

    def __init__(self) -> None:
        self._texts: dict[str, tuple[str, str]] = {}
        self._ids: dict[str, str] = {}

    def admit(self, item: Article | Skipped) -> Article | Skipped:
        """The article itself when it is new, else the :class:`Skipped` that says why not."""
        if isinstance(item, Skipped):
            return item
        digest = content_digest(item.text)
        first = self._texts.get(digest)
        if first is not None:
            error: InputError = DuplicateInputError(
                f"duplicate of article {first[0]} ({first[1]}); analysed once"
            )
            return Skipped(item.source, str(error))
        holder = self._ids.get(item.id)
        if holder is not None:
            error = MalformedRecordError(
                f"'{item.source}' has the id '{item.id}' of a different article ({holder}); "
                "give each article its own id"
            )
            return Skipped(item.source, str(error))
        self._texts[digest] = (item.id, item.source)
        self._ids[item.id] = item.source
        return item
