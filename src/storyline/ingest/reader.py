"""Paths and bytes to articles: choose a reader per format, walk directories, drop duplicates."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
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
from storyline.ingest.jsonl import jsonl_data, read_jsonl, read_record
from storyline.ingest.txt import read_text, read_txt, txt_data
from storyline.models import Article, Skipped
from storyline.settings import Settings

_Found = Iterator[Article | Skipped]


@dataclass(frozen=True)
class Format:
    """How one kind of input is read: from a file, and from bytes held in memory."""

    read_file: Callable[[Path, Settings], _Found]
    read_data: Callable[[bytes, str, Settings], _Found]


def _read_html(path: Path, settings: Settings) -> _Found:
    """:func:`storyline.ingest.html.read_html`, importing trafilatura only when a page is read."""
    from storyline.ingest.html import read_html

    yield from read_html(path, settings)


def _html_data(data: bytes, source: str, settings: Settings) -> _Found:
    """:func:`storyline.ingest.html.html_data`, importing trafilatura only when a page is read."""
    from storyline.ingest.html import html_data

    yield from html_data(data, source, settings)


#: The format of each file extension Storyline understands (compared in lower case).
FORMATS: dict[str, Format] = {
    ".txt": Format(read_txt, txt_data),
    ".html": Format(_read_html, _html_data),
    ".htm": Format(_read_html, _html_data),
    ".jsonl": Format(read_jsonl, jsonl_data),
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


def read_bytes(
    data: bytes, kind: str, source: str, settings: Settings | None = None
) -> Iterator[Article | Skipped]:
    """The articles of an input held in memory, read exactly as a file of that ``kind``.

    ``kind`` is a file extension (``"txt"``, ``".html"``, ``"jsonl"``);
    ``source`` is what the articles' ``source`` and every reason call the
    input (JSON lines are ``source:N``). Like :func:`iter_inputs` it never
    raises for bad input and yields each text once.

    Raises:
        ValueError: ``kind`` is not a format Storyline reads.
    """
    suffix = kind.lower() if kind.startswith(".") else f".{kind.lower()}"
    found = FORMATS.get(suffix)
    if found is None:
        raise ValueError(f"unknown input kind {kind!r}; use one of {', '.join(FORMATS)}")
    return _admit_all(_guarded(found.read_data(data, source, settings or Settings()), source))


def _admit_all(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
    registry = _Registry()
    for item in items:
        yield registry.admit(item)


def _guarded(items: _Found, source: str) -> _Found:
    """``items``, ending with the :class:`Skipped` of the input error that stops them, if any."""
    try:
        yield from items
    except InputError as exc:
        yield Skipped(source, str(exc))


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
            if not name.startswith(".") and Path(name).suffix.lower() in FORMATS
        ]
    return sorted(files), problems


def _read_file(path: Path, settings: Settings) -> _Found:
    try:
        read = _format_of(path).read_file
    except InputError as exc:
        return iter([Skipped(str(path), str(exc))])
    return _guarded(read(path, settings), str(path))


def _format_of(path: Path) -> Format:
    found = FORMATS.get(path.suffix.lower())
    if found is not None:
        return found
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
